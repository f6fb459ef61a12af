"""Loading a corpus folder: every supported file is a document; a manifest adds metadata.

``open_corpus`` streams: it reads the manifest and lists the files, and each document is read only when
asked for (``CorpusSource.documents``), so a corpus of any size is read in constant memory. ``load_corpus``
holds every document, for small corpora (notebooks, ``corpus info``).

Nothing in the corpus folder is ever written to. A file that cannot be read is reported with its name
and the reason and the other documents still load (``strict=True`` turns such problems into an error).
"""

from __future__ import annotations

import hashlib
import os
import re
from collections.abc import Callable, Collection, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from coding.errors import CodingError, CorpusError, ManifestError, ReaderError
from coding.i18n import _
from coding.language import (
    detect_language,
    dominant_language,
    identify_language,
    second_language_evidence,
    sentence_language,
)
from coding.manifest import MANIFEST_NAMES, Manifest, find_manifest, load_manifest
from coding.normalize import normalize_text, paragraph_spans
from coding.readers import read_document, read_regular_file, supported
from coding.records import Corpus, Document, Lang, Paragraph, Run, Script
from coding.sentences import split_sentences
from coding.words import count_words

if TYPE_CHECKING:
    from coding.cache import AnalysisCache

# Files that describe a corpus rather than belong to it.
SKIPPED_PREFIXES: tuple[str, ...] = ("readme", "license", "licence", "source")
# Paragraphs shorter than this take the document's language: a heading or a name is no evidence.
MIN_WORDS_FOR_DETECTION = 4
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
# Columns of the manifest that are not carried as free metadata.
_OWN_COLUMNS = ("file", "doc_id", "title", "language")


def skip_reason(relative: Path) -> str | None:
    """Why the loader leaves a file out of the corpus (hidden, a lock file, the manifest, a README,
    an unsupported format), or None for a document."""
    return _skip_reason(relative.parts)


def _skip_reason(parts: tuple[str, ...] | list[str]) -> str | None:
    """``skip_reason`` of a relative path given as its parts (the folder walk makes no Path objects)."""
    if any(part.startswith(_HIDDEN) for part in parts):
        return "it is hidden (its name or a folder's starts with '.' or '~$')"
    if "/".join(parts) in MANIFEST_NAMES:
        return "it is the manifest"
    name = parts[-1]
    dot = name.rfind(".")
    suffix, stem = (name[dot:], name[:dot]) if 0 < dot < len(name) - 1 else ("", name)  # as pathlib's
    if stem.lower().startswith(SKIPPED_PREFIXES):
        return "README, LICENSE and SOURCE files describe the corpus and are not coded"
    if not supported(Path(name)):
        return f"'{suffix or 'no extension'}' is not a supported format"
    return None


_HIDDEN = (".", "~$")


def corpus_files(root: Path) -> Iterator[Path]:
    """Every document file under ``root`` (recursively, sorted), skipping hidden files, Office lock files,
    the manifest, README/LICENSE files and unsupported formats (see ``skip_reason``).

    Entries named like documents that are not regular files (a dangling link, a link loop, a FIFO) are
    listed too: reading them raises a ReaderError that says what they are, instead of a silent skip.
    """
    for name in corpus_names(root):
        yield root / name


def corpus_names(root: Path) -> list[str]:
    """The files of ``corpus_files`` as paths relative to ``root`` (posix), in the same order. Sorted as
    paths (part by part), then held as text: a Path object costs half a kilobyte, and a corpus may have a
    few hundred thousand files."""
    found: list[list[str]] = []
    top = str(root)
    # os.walk lists a folder's entries once, without a stat per file; like rglob it does not enter linked
    # folders, and it lists dangling links and other non-folders as files (reading them says what they are).
    for folder, folders, files in os.walk(top):
        folders[:] = [name for name in folders if not name.startswith(_HIDDEN)]  # nothing under them is coded
        relative = os.path.relpath(folder, top)
        prefix = [] if relative == "." else relative.split(os.sep)
        for name in files:
            parts = [*prefix, name]
            if not _skip_reason(parts):
                found.append(parts)
    found.sort()  # part by part, as Path objects sort
    return ["/".join(parts) for parts in found]


def readable_name(name: str) -> str:
    """A file name as text every output can hold: bytes that are not UTF-8 (a cp866 name from a Windows
    zip) and control characters are written as ``\\x8f`` escapes, the same way in every table, workbook
    and message.

    >>> readable_name("\\udc8f\\udce0.txt")  # what os.listdir gives for the bytes 8f e0
    '\\\\x8f\\\\xe0.txt'
    """
    text = name.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
    # Control characters (legal in Linux file names) cannot be stored in Excel or REFI-QDA files.
    return _CONTROL.sub(lambda found: f"\\x{ord(found.group()):02x}", text)


def _unique_id(wanted: str, relative: Path, taken: set[str]) -> str:
    if wanted not in taken:
        return wanted
    # Two files with one stem in different folders: fall back to the path, which is unique.
    candidate = readable_name(relative.with_suffix("").as_posix().replace("/", "_"))
    number = 2
    while candidate in taken:
        candidate = f"{wanted}_{number}"
        number += 1
    return candidate


def _paragraphs(text: str, doc_lang: Lang | None) -> tuple[tuple[Paragraph, ...], Lang]:
    spans = paragraph_spans(text)
    detected: list[tuple[int, int, Lang, Script, int]] = []
    for start, end in spans:
        lang, script = identify_language(text[start:end])
        detected.append((start, end, lang, script, count_words(text[start:end])))
    if doc_lang is None:
        doc_lang = dominant_language((lang, words) for _, _, lang, _, words in detected
                                     if words >= MIN_WORDS_FOR_DETECTION)
        if doc_lang == "other":
            doc_lang = detect_language(text)
    paragraphs = []
    for i, (start, end, lang, script, words) in enumerate(detected):
        if lang == "other" or (words < MIN_WORDS_FOR_DETECTION and not _script_contradicts(script, doc_lang)):
            lang = doc_lang  # a heading or a name is no evidence, unless its script rules the document's out
        sentences = tuple(split_sentences(text, start, end))
        runs: tuple[Run, ...] = ()
        if len(sentences) > 1 and second_language_evidence(text[start:end], lang, script):
            runs = _language_runs(text, sentences, lang, script)
            if runs:
                lang = dominant_language((run_lang, e - s) for s, e, run_lang, _ in runs)
        paragraphs.append(Paragraph(index=i + 1, start=start, end=end, lang=lang, sentences=sentences,
                                    script=script, runs=runs))
    return tuple(paragraphs), doc_lang


def _script_contradicts(script: Script, lang: Lang) -> bool:
    # Cyrillic is clear evidence that a short paragraph is not English (the other way round it is not: a
    # Latin heading in a Kazakh document may be a name).
    return script == "Cyrl" and lang not in ("kk", "ru")


# A quotation: «…», “…”, „…“ or "…" (a Russian quotation inside a Kazakh sentence: «…», – деді ол).
_QUOTATION = re.compile(r'«[^«»]+»|“[^“”]+”|„[^„“”]+[“”]|"[^"]+"')


def _quoted_pieces(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """A sentence cut at its quotations: the pieces before, inside and after each one, end to end."""
    pieces, position = [], start
    for found in _QUOTATION.finditer(text, start, end):
        if found.start() > position:
            pieces.append((position, found.start()))
        pieces.append(found.span())
        position = found.end()
    if position < end:
        pieces.append((position, end))
    return pieces


def _language_runs(text: str, sentences: tuple[tuple[int, int], ...], lang: Lang, script: Script,
                   ) -> tuple[Run, ...]:
    """The paragraph's sentences grouped into runs of one language; empty when they are all in one."""
    runs: list[list] = []
    for start, end in sentences:
        for piece_start, piece_end in _quoted_pieces(text, start, end):
            piece = text[piece_start:piece_end]
            found = sentence_language(piece, lang, script, count_words(piece))
            if runs and (runs[-1][2], runs[-1][3]) == found:
                runs[-1][1] = piece_end
            else:
                runs.append([piece_start, piece_end, *found])
    if len({run[2] for run in runs}) < 2:
        return ()
    return tuple((s, e, run_lang, run_script) for s, e, run_lang, run_script in runs)


def analyse_text(raw: str, manifest_lang: Lang | None = None) -> tuple[str, Lang, tuple[Paragraph, ...]]:
    """What does not depend on the codebook: the normalised text, its language and its paragraphs (each
    with its language and sentence spans). This is what the analysis cache stores."""
    text = normalize_text(raw)
    paragraphs, lang = _paragraphs(text, manifest_lang)
    return text, lang, paragraphs


@dataclass(frozen=True)
class DocumentSource:
    """Where one document comes from: the corpus folder, its file (relative, posix), its id and its
    manifest values. Small and picklable: a worker process or a cluster node loads the document itself."""

    root: str
    file: str
    doc_id: str
    values: Mapping[str, str] = field(default_factory=dict, hash=False, compare=False)
    size: int = 0

    @property
    def path(self) -> Path:
        return Path(self.root) / self.file

    def read_bytes(self) -> bytes:
        """The file's bytes (raises ReaderError when it cannot be read)."""
        return read_regular_file(self.path)

    def load(self, cached: Callable[[str, str], tuple[str, Lang, tuple[Paragraph, ...]] | None] | None = None,
             ) -> tuple[Document, bool]:
        """Read, normalise and describe the document; returns it and whether the analysis was computed
        (False when ``cached(sha256, manifest_lang)`` had it). Raises ReaderError when it cannot be used."""
        raw_bytes = self.read_bytes()
        sha256 = hashlib.sha256(raw_bytes).hexdigest()
        manifest_lang: Lang | None = self.values.get("language") or None  # type: ignore[assignment]
        found = cached(sha256, manifest_lang or "") if cached else None
        if found is None:
            text, lang, paragraphs = analyse_text(read_document(self.path), manifest_lang)
            if not text:
                raise ReaderError(_("has no text after extraction"), path=self.path,
                                  hint=_("check that the file is not empty or an image only"))
        else:
            text, lang, paragraphs = found
        document = Document(
            doc_id=self.doc_id, path=readable_name(self.file), text=text, lang=lang, paragraphs=paragraphs,
            sha256=sha256,
            title=self.values.get("title", ""),
            metadata={k: v for k, v in self.values.items() if k not in _OWN_COLUMNS},
        )
        return document, found is None


def load_document(path: Path, root: Path, doc_id: str, values: dict[str, str] | None = None) -> Document:
    """Read, normalise and describe one file; raises ReaderError when it cannot be used."""
    source = DocumentSource(str(root), path.relative_to(root).as_posix(), doc_id, dict(values or {}))
    return source.load()[0]


def check_corpus_folder(root: str | Path) -> Path:
    """``root`` as a Path; raises CorpusError when it is not a folder."""
    if not Path(root).is_dir():
        raise CorpusError(_("the corpus folder '{root}' does not exist or is not a folder").format(root=root),
                          hint=_("give the path of the folder that holds the documents"))
    return Path(root)


class CorpusSource:
    """A corpus folder opened for streaming: its manifest is read at once, its documents one at a time.

    ``sources()`` lists where each document comes from without reading any; ``documents()`` loads them
    lazily, in corpus order. Files that cannot be read are recorded in ``problems`` (in the order met)
    and skipped, so one damaged file never stops a run.
    """

    def __init__(self, root: str | Path) -> None:
        self.root = check_corpus_folder(root)
        self._names: list[str] | None = None
        manifest_path = find_manifest(self.root)
        self.manifest: str | None = str(manifest_path) if manifest_path else None
        self._manifest: Manifest | None = None
        self.manifest_problems: list[CodingError] = []
        self.problems: list[CodingError] = []
        if manifest_path:
            self._manifest, found = load_manifest(manifest_path, self.root)
            self.manifest_problems.extend(found)
            self._match_manifest(self._manifest)
        self.metadata_columns: tuple[str, ...] = (
            tuple(c for c in self._manifest.columns if c not in _OWN_COLUMNS) if self._manifest else ())

    def _match_manifest(self, manifest: Manifest) -> None:
        """Rows for files the loader leaves out are problems; documents without a row are warnings (in
        ``problems``): neither may pass in silence."""
        for key, row in list(manifest.rows.items()):
            if reason := skip_reason(Path(key)):
                self.manifest_problems.append(ManifestError(
                    _("row {line}, column 'file': '{key}' is not coded: {reason}").format(line=row.line, key=key,
                                                                                          reason=reason),
                                                                                          path=manifest.path,
                    line=row.line, hint=_("convert the file to a supported format, or remove the row")
                    if not supported(Path(key)) else _("remove the row, or rename the file")))
                del manifest.rows[key]
        self.manifest_problems.sort(key=lambda problem: problem.line or 0)
        unlisted = [name for name in self.names if name not in manifest.listed]
        if unlisted:
            shown = ", ".join(readable_name(name) for name in unlisted[:5]) + (", …" if len(unlisted) > 5 else "")
            self.problems.append(ManifestError(
                _("{n_unlisted} document(s) have no row in the manifest and are coded without metadata "
                "(doc_id from the file name): {shown}").format(n_unlisted=len(unlisted), shown=shown),
                path=manifest.path,
                hint=_("add a row for each, or move them out of the corpus folder")))

    @property
    def names(self) -> list[str]:
        """The document files (``corpus_names``), listed once per opened corpus."""
        if self._names is None:
            self._names = corpus_names(self.root)
        return self._names

    def sources(self) -> Iterator[DocumentSource]:
        """Every document of the folder as a DocumentSource, in corpus order (nothing is read)."""
        manifest = self._manifest
        taken: set[str] = set()
        if manifest:
            taken.update(row.values["doc_id"] for row in manifest.rows.values() if row.values.get("doc_id"))
        root = str(self.root.resolve())  # absolute: a worker elsewhere may run in another folder
        for name in self.names:
            path = self.root / name
            relative = Path(name)
            row = manifest.rows.get(relative.as_posix()) if manifest else None
            values = dict(row.values) if row else {}
            if row and values.get("doc_id"):
                doc_id = values["doc_id"]
            else:
                doc_id = _unique_id(readable_name(path.stem), relative, taken)
                taken.add(doc_id)
            try:
                size = path.stat().st_size
            except OSError:
                size = 0
            yield DocumentSource(root, relative.as_posix(), doc_id, values, size)

    def documents(self, only: Collection[str] | None = None, on_file: Callable[[Path], None] | None = None,
                  cache: AnalysisCache | None = None) -> Iterator[Document]:
        """The documents, loaded one at a time in corpus order; ``only`` keeps those doc_ids. With a
        ``cache``, analyses are read from it and new ones stored in it."""
        for source in self.sources():
            if only is not None and source.doc_id not in only:
                continue
            if on_file:
                on_file(source.path)
            try:
                document, computed = source.load(cache.document if cache else None)
            except ReaderError as problem:
                self.problems.append(problem)
                continue
            if computed and cache is not None:
                cache.store_document(document, source.values.get("language") or "")
            yield document

    def check(self) -> None:
        """Raise CorpusError when the manifest has problems."""
        if self.manifest_problems:
            raise CorpusError(_("the manifest has {n_manifest_problems} problem(s)")
                              .format(n_manifest_problems=len(self.manifest_problems)), path=self.manifest,
                              hint=_("correct the rows listed below"), problems=self.manifest_problems)


def open_corpus(root: str | Path) -> CorpusSource:
    """Open a corpus folder for streaming (reads the manifest, no document yet).

    Raises:
        CorpusError: the folder does not exist.
    """
    return CorpusSource(root)


def scan_corpus(
    root: str | Path, on_file: Callable[[Path], None] | None = None
) -> tuple[Corpus, list[CodingError]]:
    """Load what can be loaded and collect every problem (manifest rows and unreadable files).

    Returns the corpus (documents that loaded) and the manifest problems; file problems are in
    ``corpus.problems``. ``on_file`` is called before each file (for a progress bar).
    """
    source = open_corpus(root)
    documents = tuple(source.documents(on_file=on_file))
    corpus = Corpus(root=str(source.root), documents=documents, problems=tuple(source.problems),
                    metadata_columns=source.metadata_columns, manifest=source.manifest)
    return corpus, source.manifest_problems


def check_corpus(root: str | Path) -> list[CodingError]:
    """Every problem of a corpus, manifest rows first, then unreadable files; empty when all is well."""
    corpus, manifest_problems = scan_corpus(root)
    problems: list[CodingError] = list(manifest_problems) + [p for p in corpus.problems
                                                              if isinstance(p, CodingError)]
    if not corpus.documents and not problems:
        problems.append(CorpusError(_("no documents found in '{root}'").format(root=root),
                                    hint=_("supported formats: .txt .md .docx .pdf .html .htm .odt .rtf")))
    return problems


def load_corpus(
    root: str | Path, *, strict: bool = False, on_file: Callable[[Path], None] | None = None
) -> Corpus:
    """Load every document of a corpus folder with its manifest metadata.

    Args:
        root: the corpus folder.
        strict: fail when any file cannot be read (otherwise such files are reported in ``problems``).
        on_file: called with each file's path before it is read.

    Raises:
        CorpusError: the folder is missing or empty, the manifest has problems, or (strict) a file failed.
    """
    corpus, manifest_problems = scan_corpus(root, on_file)
    if manifest_problems:
        raise CorpusError(_("the manifest has {n_manifest_problems} problem(s)")
                          .format(n_manifest_problems=len(manifest_problems)), path=corpus.manifest,
                          hint=_("correct the rows listed below"), problems=manifest_problems)
    if strict and corpus.problems:
        raise CorpusError(_("{n_problems} file(s) could not be read (--strict): {problems}")
                          .format(n_problems=len(corpus.problems), problems=corpus.problems[0]),
                          hint=_("run 'coding corpus check' to list them, or drop --strict"))
    if not corpus.documents:
        raise CorpusError(_("no documents found in '{root}'").format(root=root),
                          hint=_("supported formats: .txt .md .docx .pdf .html .htm .odt .rtf"))
    return corpus
