"""``coding export``: the publication exports of a run folder (workbook, charts, HTML report).

Registered into the main group with ``cli.add_command(export)``; errors are printed by that group.
"""

from __future__ import annotations

from pathlib import Path

import click

from coding.cli_i18n import Help, HelpCommand
from coding.errors import InputError
from coding.i18n import DEFAULT_LABEL_LANG, N_, _, choose_label_lang, ngettext

LABEL_LANG_HELP = Help(N_("Language of labels, headings and chart titles (default: the interface language if the "
                          "codebook has labels in it, else {default})."), default=DEFAULT_LABEL_LANG)


@click.command("export", cls=HelpCommand)
@click.argument("run_dir", metavar="RUN_DIR", type=click.Path(path_type=Path))
@click.option("--xlsx", "xlsx_path", type=click.Path(path_type=Path, dir_okay=False),
              help=N_("Write the results workbook (sheets and native charts) to FILE.xlsx."))
@click.option("--charts", "charts_dir", type=click.Path(path_type=Path, file_okay=False),
              help=N_("Write the charts into folder DIR."))
@click.option("--format", "formats", type=click.Choice(["png", "svg"]), multiple=True,
              help=N_("Chart file format; repeat for both.  [default: png]"))
@click.option("--html", "html_path", type=click.Path(path_type=Path, dir_okay=False),
              help=N_("Write a self-contained HTML report to FILE.html."))
@click.option("--html-documents", "html_documents", type=click.IntRange(min=0), default=200, show_default=True,
              metavar="N",
              help=N_("Show the text of at most N documents in the HTML report (the tables cover all)."))
@click.option("--html-doc", "html_docs", multiple=True, metavar="DOC_ID",
              help=N_("Show the text of this document in the HTML report; repeat for more."))
@click.option("--qdpx", "qdpx_path", type=click.Path(path_type=Path, dir_okay=False),
              help=N_("Write a REFI-QDA project (documents, codebook, coded segments, reviewers) to FILE.qdpx."))
@click.option("--label-lang", type=click.Choice(["kk", "ru", "en"]), help=LABEL_LANG_HELP)
@click.option("--corpus", "corpus_path", type=click.Path(path_type=Path, file_okay=False),
              help=N_("The corpus folder, if it moved since the run (default: as in run.json)."))
@click.option("--codebook", "codebook_path", type=click.Path(path_type=Path, dir_okay=False),
              help=N_("The codebook file, if it moved since the run (default: as in run.json)."))
def export(run_dir: Path, xlsx_path: Path | None, charts_dir: Path | None, formats: tuple[str, ...],
           html_path: Path | None, html_documents: int, html_docs: tuple[str, ...], qdpx_path: Path | None,
           label_lang: str | None, corpus_path: Path | None, codebook_path: Path | None) -> None:
    """Export the results of 'coding code' for publication: an Excel workbook, chart files (PNG/SVG)
    and an HTML report with the coded segments highlighted, or a REFI-QDA project for ATLAS.ti, NVivo,
    MAXQDA and QualCoder. Every number comes from RUN_DIR's CSV files. The report shows the text of at
    most --html-documents documents (those with coded segments first), or those named by --html-doc.

    Example:

        coding export reports/run --xlsx reports/results.xlsx --html reports/report.html

        coding export reports/run --charts reports/charts --format png --format svg --label-lang ru

        coding export reports/run --qdpx reports/project.qdpx

        coding export reports/run --html reports/k1.html --html-doc k1 --html-doc r1
    """
    from coding.cli import run_labels
    from coding.exports.charts import write_charts
    from coding.exports.html import chosen_documents, write_report
    from coding.exports.xlsx import write_workbook
    from coding.results import check_run_outputs, load_results

    if not (xlsx_path or charts_dir or html_path or qdpx_path):
        raise InputError(_("nothing to export"),
                         hint=_("add --xlsx FILE.xlsx, --charts DIR, --html FILE.html and/or --qdpx FILE.qdpx"))
    check_run_outputs(run_dir, xlsx_path, charts_dir, html_path, qdpx_path, corpus=corpus_path)
    if xlsx_path or charts_dir or html_path:
        results = load_results(run_dir, corpus=corpus_path, codebook=codebook_path)
        label_lang = choose_label_lang(label_lang, run_labels(results) if label_lang is None else ())
        if results.corpus_root.is_dir():
            for change in results.changes_since_run():
                click.echo(_("Warning: {problem}").format(problem=change), err=True)
    if xlsx_path:
        sheets = write_workbook(results, xlsx_path, label_lang)
        click.echo(ngettext("Workbook: {path} ({count} sheet: {sheets})", "Workbook: {path} ({count} sheets: {sheets})",
                            len(sheets)).format(path=xlsx_path, count=len(sheets), sheets=", ".join(sheets)))
    if charts_dir:
        written = write_charts(results, charts_dir, formats or ("png",), label_lang)
        names = sorted({path.stem for path in written})
        files = ngettext("{count} file", "{count} files", len(written)).format(count=len(written))
        click.echo(_("Charts: {files} in {folder}/ ({names})").format(files=files, folder=charts_dir,
                                                                      names=", ".join(names)))
    if html_path:
        write_report(results, html_path, label_lang, max_documents=html_documents, doc_ids=html_docs)
        shown = chosen_documents(results, html_documents, html_docs)
        total = len(results.documents)
        segments = int(results.documents.loc[results.documents["doc_id"].isin(shown), "segments"].sum())
        documents = (ngettext("{count} document", "{count} documents", total).format(count=total)
                     if len(shown) == total else
                     ngettext("{shown} of {count} document shown", "{shown} of {count} documents shown", total)
                     .format(shown=len(shown), count=total))
        highlighted = ngettext("{count} highlighted segment", "{count} highlighted segments",
                               segments).format(count=segments)
        click.echo(_("HTML report: {path} ({documents}, {segments})").format(path=html_path, documents=documents,
                                                                             segments=highlighted))
    if qdpx_path:
        from coding.interchange.qdpx import write_qdpx

        label_lang = choose_label_lang(label_lang)
        project = write_qdpx(run_dir, qdpx_path, label_lang=label_lang, corpus=corpus_path, codebook=codebook_path)
        click.echo(_("REFI-QDA project: {project}").format(project=project))

