"""``coding export``: the publication exports of a run folder (workbook, charts, HTML report).

Registered into the main group with ``cli.add_command(export)``; errors are printed by that group.
"""

from __future__ import annotations

from pathlib import Path

import click

from coding.errors import InputError


@click.command("export")
@click.argument("run_dir", metavar="RUN_DIR", type=click.Path(path_type=Path))
@click.option("--xlsx", "xlsx_path", type=click.Path(path_type=Path, dir_okay=False),
              help="Write the results workbook (sheets and native charts) to FILE.xlsx.")
@click.option("--charts", "charts_dir", type=click.Path(path_type=Path, file_okay=False),
              help="Write the charts into folder DIR.")
@click.option("--format", "formats", type=click.Choice(["png", "svg"]), multiple=True,
              help="Chart file format; repeat for both.  [default: png]")
@click.option("--html", "html_path", type=click.Path(path_type=Path, dir_okay=False),
              help="Write a self-contained HTML report to FILE.html.")
@click.option("--html-documents", "html_documents", type=click.IntRange(min=0), default=200, show_default=True,
              metavar="N",
              help="Show the text of at most N documents in the HTML report (the tables cover all).")
@click.option("--html-doc", "html_docs", multiple=True, metavar="DOC_ID",
              help="Show the text of this document in the HTML report; repeat for more.")
@click.option("--qdpx", "qdpx_path", type=click.Path(path_type=Path, dir_okay=False),
              help="Write a REFI-QDA project (documents, codebook, coded segments, reviewers) to FILE.qdpx.")
@click.option("--label-lang", type=click.Choice(["kk", "ru", "en"]), default="kk", show_default=True,
              help="Language of labels, headings and chart titles.")
@click.option("--corpus", "corpus_path", type=click.Path(path_type=Path, file_okay=False),
              help="The corpus folder, if it moved since the run (default: as in run.json).")
@click.option("--codebook", "codebook_path", type=click.Path(path_type=Path, dir_okay=False),
              help="The codebook file, if it moved since the run (default: as in run.json).")
def export(run_dir: Path, xlsx_path: Path | None, charts_dir: Path | None, formats: tuple[str, ...],
           html_path: Path | None, html_documents: int, html_docs: tuple[str, ...], qdpx_path: Path | None,
           label_lang: str, corpus_path: Path | None, codebook_path: Path | None) -> None:
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
    from coding.exports.charts import write_charts
    from coding.exports.html import chosen_documents, write_report
    from coding.exports.xlsx import write_workbook
    from coding.results import check_run_outputs, load_results

    if not (xlsx_path or charts_dir or html_path or qdpx_path):
        raise InputError("nothing to export",
                         hint="add --xlsx FILE.xlsx, --charts DIR, --html FILE.html and/or --qdpx FILE.qdpx")
    check_run_outputs(run_dir, xlsx_path, charts_dir, html_path, qdpx_path, corpus=corpus_path)
    if xlsx_path or charts_dir or html_path:
        results = load_results(run_dir, corpus=corpus_path, codebook=codebook_path)
        if results.corpus_root.is_dir():
            for change in results.changes_since_run():
                click.echo(f"Warning: {change}", err=True)
    if xlsx_path:
        sheets = write_workbook(results, xlsx_path, label_lang)
        click.echo(f"Workbook: {xlsx_path} ({len(sheets)} sheets: {', '.join(sheets)})")
    if charts_dir:
        written = write_charts(results, charts_dir, formats or ("png",), label_lang)
        names = sorted({path.stem for path in written})
        click.echo(f"Charts: {_count(len(written), 'file')} in {charts_dir}/ ({', '.join(names)})")
    if html_path:
        write_report(results, html_path, label_lang, max_documents=html_documents, doc_ids=html_docs)
        shown = chosen_documents(results, html_documents, html_docs)
        total = len(results.documents)
        segments = int(results.documents.loc[results.documents["doc_id"].isin(shown), "segments"].sum())
        documents = _count(total, "document") if len(shown) == total else f"{len(shown)} of {total} documents shown"
        click.echo(f"HTML report: {html_path} ({documents}, {_count(segments, 'highlighted segment')})")
    if qdpx_path:
        from coding.interchange.qdpx import write_qdpx

        project = write_qdpx(run_dir, qdpx_path, label_lang=label_lang, corpus=corpus_path, codebook=codebook_path)
        click.echo(f"REFI-QDA project: {project}")


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}" if number == 1 else f"{number} {noun}s"
