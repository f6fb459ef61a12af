"""Loading a corpus folder: every supported file is a document; a manifest adds metadata.

Nothing in the corpus folder is ever written to. A file that cannot be read is reported with its name
and the reason and the other documents still load (``strict=True`` turns such problems into an error).
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterator
from pathlib import Path

from coding.errors import CodingError, CorpusError, ReaderError
from coding.language import detect_language, dominant_language
from coding.manifest import MANIFEST_NAMES, Manifest, find_manifest, load_manifest
from coding.normalize import normalize_text, paragraph_spans
from coding.readers import read_document, supported
from coding.records import Corpus, Document, Lang, Paragraph
from coding.words import count_words

# Files that describe a corpus rather than belong to it.
SKIPPED_PREFIXES: tuple[str, ...] = ("readme", "license", "licence", "source")
# Paragraphs shorter than this take the document's language: a heading or a name is no evidence.
MIN_WORDS_FOR_DETECTION = 4
# Columns of the manifest that are not carried as free metadata.
_OWN_COLUMNS = ("file", "doc_id", "title", "language")


def corpus_files(root: Path) -> Iterator[Path]:
    """Every document file under ``root`` (recursively, sorted), skipping hidden files, Office lock files,
    the manifest, README/LICENSE files and unsupported formats."""
    for path in sorted(root.rglob("*")):
        relative = path.relative_to(root)
        if not path.is_file() or any(part.startswith((".", "~$")) for part in relative.parts):
            continue
        if relative.as_posix() in MANIFEST_NAMES or path.stem.lower().startswith(SKIPPED_PREFIXES):
            continue
        if supported(path):
            yield path


def _unique_id(wanted: str, relative: Path, taken: set[str]) -> str:
    if wanted not in taken:
        return wanted
    # Two files with one stem in different folders: fall back to the path, which is unique.
    candidate = relative.with_suffix("").as_posix().replace("/", "_")
    number = 2
    while candidate in taken:
        candidate = f"{wanted}_{number}"
        number += 1
    return candidate


def _paragraphs(text: str, doc_lang: Lang | None) -> tuple[tuple[Paragraph, ...], Lang]:
    spans = paragraph_spans(text)
    detected: list[tuple[int, int, Lang | None, int]] = []
    for start, end in spans:
        words = count_words(text[start:end])
        lang = detect_language(text[start:end]) if words >= MIN_WORDS_FOR_DETECTION else None
        detected.append((start, end, lang, words))
    if doc_lang is None:
        doc_lang = dominant_language((lang, words) for _, _, lang, words in detected if lang)
        if doc_lang == "other":
            doc_lang = detect_language(text)
    paragraphs = tuple(
        Paragraph(index=i + 1, start=start, end=end, lang=lang if lang and lang != "other" else doc_lang)
        for i, (start, end, lang, _) in enumerate(detected)
    )
    return paragraphs, doc_lang


def load_document(path: Path, root: Path, doc_id: str, values: dict[str, str] | None = None) -> Document:
    """Read, normalise and describe one file; raises ReaderError when it cannot be used."""
    values = values or {}
    raw_bytes = path.read_bytes()
    text = normalize_text(read_document(path))
    if not text:
        raise ReaderError("has no text after extraction", path=path,
                          hint="check that the file is not empty or an image only")
    manifest_lang: Lang | None = values.get("language") or None  # type: ignore[assignment]
    paragraphs, lang = _paragraphs(text, manifest_lang)
    metadata = {k: v for k, v in values.items() if k not in _OWN_COLUMNS}
    return Document(
        doc_id=doc_id,
        path=path.relative_to(root).as_posix(),
        text=text,
        lang=lang,
        paragraphs=paragraphs,
        sha256=hashlib.sha256(raw_bytes).hexdigest(),
        title=values.get("title", ""),
        metadata=metadata,
    )


def scan_corpus(
    root: str | Path, on_file: Callable[[Path], None] | None = None
) -> tuple[Corpus, list[CodingError]]:
    """Load what can be loaded and collect every problem (manifest rows and unreadable files).

    Returns the corpus (documents that loaded) and the manifest problems; file problems are in
    ``corpus.problems``. ``on_file`` is called before each file (for a progress bar).
    """
    root = Path(root)
    if not root.is_dir():
        raise CorpusError(f"the corpus folder '{root}' does not exist or is not a folder",
                          hint="give the path of the folder that holds the documents")
    manifest_path = find_manifest(root)
    manifest: Manifest | None = None
    manifest_problems: list[CodingError] = []
    if manifest_path:
        manifest, found = load_manifest(manifest_path, root)
        manifest_problems.extend(found)
    documents: list[Document] = []
    problems: list[Exception] = []
    taken: set[str] = set()
    if manifest:
        taken.update(row.values["doc_id"] for row in manifest.rows.values() if row.values.get("doc_id"))
    for path in corpus_files(root):
        if on_file:
            on_file(path)
        relative = path.relative_to(root)
        row = manifest.rows.get(relative.as_posix()) if manifest else None
        values = dict(row.values) if row else {}
        if row and values.get("doc_id"):
            doc_id = values["doc_id"]
        else:
            doc_id = _unique_id(path.stem, relative, taken)
            taken.add(doc_id)
        try:
            documents.append(load_document(path, root, doc_id, values))
        except ReaderError as problem:
            problems.append(problem)
        except OSError as exc:
            problems.append(ReaderError(f"cannot be read ({exc.strerror or exc})", path=path,
                                        hint="check the file's permissions"))
    columns = tuple(c for c in manifest.columns if c not in _OWN_COLUMNS) if manifest else ()
    corpus = Corpus(root=str(root), documents=tuple(documents), problems=tuple(problems),
                    metadata_columns=columns, manifest=str(manifest_path) if manifest_path else None)
    return corpus, manifest_problems


def check_corpus(root: str | Path) -> list[CodingError]:
    """Every problem of a corpus, manifest rows first, then unreadable files; empty when all is well."""
    corpus, manifest_problems = scan_corpus(root)
    problems: list[CodingError] = list(manifest_problems) + [p for p in corpus.problems
                                                              if isinstance(p, CodingError)]
    if not corpus.documents and not problems:
        problems.append(CorpusError(f"no documents found in '{root}'",
                                    hint="supported formats: .txt .md .docx .pdf .html .htm .odt .rtf"))
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
        raise CorpusError(f"the manifest has {len(manifest_problems)} problem(s)", path=corpus.manifest,
                          hint="correct the rows listed below", problems=manifest_problems)
    if strict and corpus.problems:
        raise CorpusError(f"{len(corpus.problems)} file(s) could not be read (--strict): {corpus.problems[0]}",
                          hint="run 'coding corpus check' to list them, or drop --strict")
    if not corpus.documents:
        raise CorpusError(f"no documents found in '{root}'",
                          hint="supported formats: .txt .md .docx .pdf .html .htm .odt .rtf")
    return corpus
