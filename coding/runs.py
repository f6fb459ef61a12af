"""A coding run: documents → batches → partial results → sinks, with provenance.

``code_corpus`` is the whole pipeline, and its only path: documents are read lazily and cut into batches
(``coding.batches``); an engine codes the batches where it runs them (``coding.engines``) and hands back
their partial results in document order; each partial's rows go to the sink at once and its counters add
up in one ``Tally``; the summary tables and ``run.json`` are written last. Nothing holds the corpus, so
memory depends on the batch size and on the distinct word types, not on the size of the corpus.

``Run`` is what a run returns: its provenance (what ``run.json`` holds, enough to reproduce the run:
package version, codebook path and SHA-256, every document's SHA-256, options) and, for a run kept in
memory (no ``out``), its tables as DataFrames.
"""

from __future__ import annotations

import itertools
import platform
import time
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from coding import __version__
from coding.batches import Item, Job, cut_batches
from coding.cache import AnalysisCache, check_cache_dir
from coding.codebook import Codebook
from coding.codings import DirectionsFor
from coding.corpus import CorpusSource, open_corpus
from coding.engines import Engine, start_engine
from coding.errors import CorpusError, InputError
from coding.i18n import N_, _
from coding.records import UNIT_KINDS, Corpus, Document, UnitKind
from coding.run_folder import file_sha256
from coding.sinks import FolderSink, MemorySink, Sink
from coding.tables import (
    CONTEXT_CHARS,
    FREQUENCY_FILES,
    Layout,
    Tally,
    crosstab_rows,
    frequency_columns,
    frequency_rows,
    unmeasured_languages,
)
from coding.versions import analysis_versions

if TYPE_CHECKING:
    import pandas as pd

NO_DOCUMENTS_HINT = N_("supported formats: .txt .md .docx .pdf .html .htm .odt .rtf")


@dataclass(frozen=True)
class Run:
    """What a run produced: ``provenance`` (run.json), the unreadable files, and its tables as the properties
    below: kept in memory (``tables["segments.csv"]`` etc.), or read from the run folder ``out``."""

    provenance: dict[str, Any]
    problems: tuple[str, ...] = ()
    tables: Mapping[str, pd.DataFrame] = field(default_factory=dict, hash=False)
    out: Path | None = None

    @property
    def counts(self) -> dict[str, int]:
        """Documents, units, coded units, segments and words of the run."""
        return dict(self.provenance["counts"])

    def _table(self, name: str) -> pd.DataFrame:
        """A table kept in memory, or read whole from the run folder (for a large run, read segments.csv and
        units.csv in chunks with ``coding.results.load_results(out).iter_segments()``)."""
        if name in self.tables:
            return self.tables[name]
        if self.out is None:
            raise InputError(_("this run has no table {name}").format(name=name))
        path = self.out / name
        if not path.is_file():
            raise InputError(_("{name} is missing from the run folder").format(name=name), path=path,
                             hint=_("code the corpus again with --out {out} --force").format(out=self.out))
        import pandas as pd

        return pd.read_csv(path, encoding="utf-8-sig", keep_default_na=False)

    @property
    def segments(self) -> pd.DataFrame:
        """One row per match, with its unit's text, coding and the document's metadata."""
        return self._table("segments.csv")

    @property
    def units(self) -> pd.DataFrame:
        """One row per coded unit, one count column per code."""
        return self._table("units.csv")

    @property
    def documents(self) -> pd.DataFrame:
        """One row per document."""
        return self._table("documents.csv")

    @property
    def frequencies(self) -> pd.DataFrame:
        """Per code: occurrences, words, per 1,000 words, documents, units."""
        return self._table("frequencies.csv")

    def frequencies_by(self, by: str) -> pd.DataFrame:
        """The frequencies per ``source_type`` or per ``lang``."""
        if by not in FREQUENCY_FILES or not by:
            raise InputError(_("there is no column '{by}' to break frequencies down by").format(by=by),
                             hint=_("use one of: source_type, lang"))
        return self._table(FREQUENCY_FILES[by])


@dataclass(frozen=True)
class _Input:
    items: Iterator[Item]
    root: str
    manifest: str | None
    metadata_columns: tuple[str, ...]
    problems: tuple[str, ...] = ()


def _input(corpus: CorpusSource | Corpus | Iterable[Document] | str | Path) -> _Input:
    if isinstance(corpus, str | Path):
        corpus = open_corpus(corpus)
    if isinstance(corpus, CorpusSource):
        corpus.check()
        return _Input(corpus.sources(), str(corpus.root), corpus.manifest, corpus.metadata_columns)
    if isinstance(corpus, Corpus):
        return _Input(iter(corpus.documents), corpus.root, corpus.manifest, corpus.metadata_columns,
                      tuple(str(p) for p in corpus.problems))
    documents = iter(corpus)
    first = next(documents, None)
    if first is None:
        return _Input(iter(()), "", None, ())
    # Loose documents: the metadata columns are the first document's.
    return _Input(itertools.chain([first], documents), "", None, tuple(first.metadata))


def code_corpus(
    corpus: CorpusSource | Corpus | Iterable[Document] | str | Path,
    codebook: Codebook,
    unit: UnitKind = "sentence",
    *,
    out: str | Path | None = None,
    label_lang: str = "kk",
    directions_for: DirectionsFor = "coded",
    engine: Engine | None = None,
    cache: str | Path | None = None,
    parquet: bool = False,
    tone_csv: bool = False,
    strict: bool = False,
    sink: Sink | None = None,
    context: int = CONTEXT_CHARS,
    on_progress: Callable[[int], None] | None = None,
) -> Run:
    """Code every unit of a corpus with a codebook's codes.

    Args:
        corpus: a corpus folder (path or ``open_corpus``), a loaded ``Corpus``, or any iterable of documents
            (read lazily, one batch at a time).
        codebook: the validated codebook.
        unit: the coding unit: document, paragraph or sentence.
        out: the run folder to write (it must be new or emptied by the caller: ``check_output_dir``);
            without it the tables are kept in memory (``Run.tables``).
        label_lang: the language of the code labels in the frequency tables.
        directions_for: give directions to the units with a code match (``coded``) or to ``all``.
        engine: where the batches run (default: this process).
        cache: the analysis cache folder, or None for none.
        parquet: also write segments and units as Parquet (with ``out``).
        tone_csv: also write tone.csv, the machine's tone of every unit, coded or not (codebooks with tone).
        strict: stop at the first file that cannot be read.
        context: characters of the unit's text on each side of a match in the segment rows.
        on_progress: called after each batch with the number of documents read so far.

    Raises:
        CorpusError: no documents, a manifest problem, or (strict) an unreadable file.
    """
    if unit not in UNIT_KINDS:
        raise InputError(_("'{unit}' is not a coding unit").format(unit=unit),
                         hint=_("use one of: {choices}").format(choices=', '.join(UNIT_KINDS)))
    if tone_csv and codebook.tone is None:
        raise InputError(_("tone.csv needs tone rules, and the codebook has no 'tone:' section"),
                         path=codebook.path or None,
                         hint=_("add a 'tone:' section to the codebook, or drop --tone-csv"))
    started = datetime.now(UTC).isoformat(timespec="seconds")
    clock = time.perf_counter()
    with start_engine(engine or Engine()) as running:  # before the corpus (and its manifest) is opened
        source = _input(corpus)
        writer: AnalysisCache | None = None
        if cache is not None:
            if source.root:
                check_cache_dir(Path(cache), [Path(source.root)])
            writer = AnalysisCache(cache)
        layout = Layout.of(codebook, unit, source.metadata_columns, context=context, tone_csv=tone_csv)
        job = Job.of(codebook, unit, directions_for, layout, str(cache) if writer else None)
        if sink is None:
            sink = FolderSink(out, parquet=parquet) if out is not None else MemorySink()
        tally, problems, done = Tally(), list(source.problems), 0
        try:
            sink.begin(layout)
            for partial in running.run(cut_batches(source.items), job):
                if strict and partial.problems:
                    raise CorpusError(_("a file could not be read (--strict): {problems}")
                                      .format(problems=partial.problems[0]),
                                      hint=_("run 'coding corpus check' to list such files, or drop --strict"))
                problems.extend(partial.problems)
                for name, rows in (("segments.csv", partial.segments), ("units.csv", partial.units),
                                   ("documents.csv", partial.documents)):
                    sink.rows(name, rows)
                if layout.tone_csv:
                    sink.rows("tone.csv", partial.tone)
                sink.provenance(partial.provenance)
                tally.add(partial.tally)
                if writer is not None:
                    writer.store(partial.analyses, partial.words, partial.tones, partial.unit_words)
                done += len(partial.provenance) + len(partial.problems)
                if on_progress:
                    on_progress(done)
            if not tally.counts["documents"]:
                found = (_("no documents found in '{root}'").format(root=source.root) if source.root
                         else _("no documents found"))
                unread = (_(" that could be read ({count} could not)").format(count=len(problems)) if problems else "")
                raise CorpusError(found + unread, hint=_(NO_DOCUMENTS_HINT))
            for lang, codes in unmeasured_languages(tally, codebook).items():
                problems.append(_("the codebook has no '{lang}' terms for {codes}: the corpus has {lang} text, but "
                                  "those codes were not looked for in it, so their {lang} cells in "
                                  "frequencies_by_language.csv are empty (not 0); add {lang} terms to measure them")
                                .format(lang=lang, codes=", ".join(codes)))
            for by, name in FREQUENCY_FILES.items():
                sink.table(name, frequency_columns(by), frequency_rows(tally, codebook, by, label_lang))
            for name in layout.crosstabs:
                columns, rows = crosstab_rows(tally, codebook, name)
                sink.table(name, columns, rows)
            provenance = _provenance(started, time.perf_counter() - clock, unit, directions_for, source,
                                     problems, codebook, tally)
            if layout.tone_csv:
                provenance["options"]["tone_csv"] = True
            sink.finish(provenance)
        except BaseException:
            sink.abort()
            raise
        finally:
            if writer is not None:
                writer.close()
        tables = sink.tables if isinstance(sink, MemorySink) else {}
        provenance = sink.provenance_json if isinstance(sink, MemorySink) else provenance
        return Run(provenance=provenance, problems=tuple(problems), tables=tables,
                   out=Path(out) if out is not None else None)


def _provenance(started: str, duration: float, unit: str, directions_for: str, source: _Input,
                problems: list[str], codebook: Codebook, tally: Tally) -> dict[str, Any]:
    """The contents of ``run.json``; ``corpus.documents`` is filled in by the sink."""
    return {
        "package": "coding",
        "version": __version__,
        "python": platform.python_version(),
        "started": started,
        "duration_seconds": round(duration, 3),
        # Not the engine nor the number of jobs: they change where the work ran, never the results.
        "options": {"unit": unit, "directions": directions_for},
        "corpus": {
            # Absolute, so that the run can be read again from any working folder.
            "root": str(Path(source.root).resolve()) if source.root else "",
            "manifest": str(Path(source.manifest).resolve()) if source.manifest else None,
            "manifest_sha256": file_sha256(Path(source.manifest)) if source.manifest else None,
            "documents": "__DOCUMENTS__",
            "problems": problems,
        },
        "codebook": {
            "path": str(Path(codebook.path).resolve()) if codebook.path else "",
            "title": codebook.title,
            "version": codebook.version,
            "sha256": codebook.sha256,
        },
        "counts": {key: int(tally.counts[key]) for key in ("documents", "units", "coded_units", "segments",
                                                           "words")},
        "analysis": analysis_versions(),
    }
