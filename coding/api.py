"""The Python API, for notebooks and scripts: code a corpus, read a run back, export it.

>>> import coding
>>> run = coding.code("corpus", "codebooks/child_trafficking.yaml")   # doctest: +SKIP
>>> run.frequencies[["code", "occurrences", "per_1000_words"]]       # doctest: +SKIP

Every function here is a thin layer over the modules the command line uses (``coding.runs``,
``coding.results``, ``coding.exports``), so a notebook and ``coding code`` give the same numbers.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

from coding.codebook import Codebook, load_codebook
from coding.corpus import CorpusSource, open_corpus
from coding.errors import InputError
from coding.i18n import _
from coding.records import Corpus, Document, UnitKind
from coding.results import Results, load_results
from coding.runs import Run, code_corpus

RunLike = Run | Results | str | Path


def code(
    corpus: CorpusSource | Corpus | Iterable[Document] | str | Path,
    codebook: Codebook | str | Path,
    unit: UnitKind = "sentence",
    *,
    out: str | Path | None = None,
    force: bool = False,
    **options: Any,
) -> Run:
    """Code a corpus (a folder, or documents) with a codebook (a YAML file, or a loaded one).

    Without ``out`` the tables are kept in memory (``run.segments``, ``run.units``, ``run.documents``,
    ``run.frequencies``, ``run.frequencies_by("source_type")``); with ``out`` the run folder is written, as
    ``coding code … --out`` does (an existing folder only with ``force=True``), and the same properties read
    it. ``options`` are those of ``coding.runs.code_corpus`` (``label_lang``, ``directions_for``,
    ``engine``, ``cache``, ``parquet``, ``strict``, ``context``).
    """
    from coding.exports.atomic import check_output_dir

    book = codebook if isinstance(codebook, Codebook) else load_codebook(codebook)
    if isinstance(corpus, str | Path):
        corpus = open_corpus(corpus)
    if out is not None:
        protected = (corpus.root,) if isinstance(corpus, CorpusSource) else ()
        check_output_dir(Path(out), force=force, protected=protected)
    return code_corpus(corpus, book, unit, out=out, **options)


def load_run(run_dir: str | Path) -> Run:
    """A run folder read back as a ``Run`` (its tables are read from the folder when first asked for), after
    checking that its files are the ones its run wrote."""
    results = load_results(run_dir)
    return Run(provenance=results.provenance, problems=tuple(results.provenance["corpus"].get("problems", ())),
               out=Path(run_dir))


def results_of(run: RunLike) -> Results:
    """The ``Results`` of a run folder (what the exports read), from a ``Run`` written to a folder or a path."""
    if isinstance(run, Results):
        return run
    if isinstance(run, Run):
        if run.out is None:
            raise InputError(_("this run was kept in memory; the exports read a run folder"),
                             hint=_("code it with out='reports/run' (or coding code … --out), then export that"))
        return load_results(run.out)
    return load_results(run)


def export_xlsx(run: RunLike, path: str | Path, label_lang: str = "kk") -> list[str]:
    """Write the results workbook (as ``coding export --xlsx``); returns its sheet names."""
    from coding.exports.xlsx import write_workbook

    return write_workbook(results_of(run), path, label_lang)


def export_html(run: RunLike, path: str | Path, label_lang: str = "kk", **options: Any) -> Path:
    """Write the HTML report (as ``coding export --html``); ``options``: ``max_documents``, ``doc_ids``."""
    from coding.exports.html import write_report

    return write_report(results_of(run), path, label_lang, **options)


def export_charts(run: RunLike, folder: str | Path, formats: Iterable[str] = ("png",),
                  label_lang: str = "kk") -> list[Path]:
    """Write the charts (as ``coding export --charts``); returns the files written."""
    from coding.exports.charts import write_charts

    return write_charts(results_of(run), folder, formats, label_lang)


def export_qdpx(run: RunLike, path: str | Path, label_lang: str = "kk") -> Path:
    """Write a REFI-QDA project (as ``coding export --qdpx``) for MAXQDA, ATLAS.ti, NVivo or QualCoder."""
    from coding.interchange.qdpx import write_qdpx

    results = results_of(run)
    return write_qdpx(results.run_dir, path, label_lang=label_lang)
