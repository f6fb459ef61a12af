"""``coding stats``: dynamics of official figures, group comparisons and code co-occurrence of a run.

Each command parses its options, calls ``coding.stats``, prints the main table and one summary line;
errors are ``CodingError``s, printed once by the main ``coding`` group.
"""

from __future__ import annotations

import math
from pathlib import Path
from typing import TYPE_CHECKING

import click

from coding.cli_i18n import HelpGroup
from coding.i18n import N_, _

if TYPE_CHECKING:  # pandas and the library load only when a command runs, so 'coding --help' stays quick
    import pandas as pd

    from coding.stats import RunTables

FORMAT_CHOICE = click.Choice(["png", "svg"])
OUT = click.option("--out", type=click.Path(path_type=Path), help=N_("Folder for the CSV tables."))
XLSX = click.option("--xlsx", type=click.Path(path_type=Path),
                    help=N_("Write the tables and native charts to FILE.xlsx."))
CHARTS = click.option("--charts", type=click.Path(path_type=Path), help=N_("Folder for the charts."))
FORMAT = click.option("--format", "fmt", type=FORMAT_CHOICE, default="png", show_default=True,
                      help=N_("Chart file format."))


def _show(table: pd.DataFrame) -> None:
    # Blank, not NaN or <NA>, where a figure is undefined (the first period has no change).
    click.echo(table.astype(object).where(table.notna(), "").to_string(index=False))


def _p(value: float) -> str:
    return "" if math.isnan(value) else "< 0.0001" if value < 0.0001 else f"{value:.4f}"


def _written(paths: list[Path]) -> None:
    for path in paths:
        click.echo(_("Wrote {path}").format(path=path))


def _protected(run: RunTables) -> tuple[Path, ...]:
    return (Path(run.corpus_root),) if run.corpus_root else ()


@click.group("stats", cls=HelpGroup)
def stats() -> None:
    """Statistics: yearly figures, groups of documents compared, codes that occur together.

    Example:

    \b
        coding stats series corpus/statistics/article_135_cases.csv
    """


@stats.command("series")
@click.argument("file", type=click.Path(path_type=Path))
@OUT
@XLSX
@CHARTS
@FORMAT
def series(file: Path, out: Path | None, xlsx: Path | None, charts: Path | None, fmt: str) -> None:
    """Dynamics of a table of periods × series (CSV or xlsx; first column the year, then one column of
    whole numbers per series): absolute and percent change on the previous period, chain and base growth
    indices (in %, base = first period), each series' share of the period total, and the average annual
    growth rate ((last/first)^(1/(n-1)) - 1).

    Example:

    \b
        coding stats series corpus/statistics/article_135_cases.csv --xlsx reports/series.xlsx
    """
    from coding.exports.atomic import check_output_file
    from coding.stats import read_series, series_charts, series_dynamics, write_series_workbook, write_tables

    for target in (out, xlsx, charts):
        if target is not None:
            check_output_file(target)
    result = series_dynamics(read_series(file), name=file.stem)
    _show(result.dynamics)
    _written(write_tables(result.tables(), out) if out else [])
    _written([write_series_workbook(result, xlsx)] if xlsx else [])
    _written(series_charts(result, charts, fmt) if charts else [])  # type: ignore[arg-type]
    click.echo(result.describe())


@stats.command("compare")
@click.argument("run_dir", metavar="RUN_DIR", type=click.Path(path_type=Path))
@click.option("--by", default="source_type", show_default=True,
              help=N_("The metadata column of documents.csv whose values form the groups."))
@OUT
@XLSX
def compare(run_dir: Path, by: str, out: Path | None, xlsx: Path | None) -> None:
    """Compare groups of documents: each code's occurrences per group and per 1,000 words, a chi-square
    test of independence on [occurrences, words - occurrences] per group with its p-value, Cramér's V and
    adjusted residuals (over > 1.96, under < -1.96), Fisher's exact test for 2 × 2 tables with expected
    counts below 5; then tone × group (all units) and direction × group (coded units).

    Example:

    \b
        coding stats compare reports/run --by source_type --xlsx reports/compare.xlsx
    """
    from coding.results import check_run_outputs
    from coding.stats import compare_groups, read_run, write_comparison_workbook, write_tables

    check_run_outputs(run_dir, out, xlsx)
    run = read_run(run_dir)
    result = compare_groups(run, by)
    _show(result.frequencies.drop(columns=["label", "expected"]))
    click.echo("")
    tests = result.tests[["code", "chi2", "dof", "p_value", "cramers_v", "min_expected", "test", "note"]]
    _show(tests.assign(p_value=tests["p_value"].map(_p)))
    for table in (result.tone, result.directions):
        if len(table):
            click.echo("")
            _show(table[[c for c in table.columns if not c.startswith("pct_")]])
    _written(write_tables(result.tables(), out, protected=_protected(run)) if out else [])
    _written([write_comparison_workbook(result, xlsx)] if xlsx else [])
    click.echo(result.describe())


@stats.command("cooccur")
@click.argument("run_dir", metavar="RUN_DIR", type=click.Path(path_type=Path))
@click.option("--unit", type=click.Choice(["sentence", "paragraph", "document"]),
              help=N_("Count within this unit (default: the run's); a coarser unit combines the run's units."))
@OUT
@XLSX
@CHARTS
@FORMAT
def cooccur(run_dir: Path, unit: str | None, out: Path | None, xlsx: Path | None, charts: Path | None,
            fmt: str) -> None:
    """Code × code co-occurrence: the number of units in which both codes occur (the diagonal: units
    with the code) and the Jaccard similarity of the codes' units, with a heat map and a network chart.

    Example:

    \b
        coding stats cooccur reports/run --unit paragraph --charts reports/charts --format svg
    """
    from coding.results import check_run_outputs
    from coding.stats import (
        cooccurrence,
        cooccurrence_charts,
        read_run,
        write_cooccurrence_workbook,
        write_tables,
    )

    check_run_outputs(run_dir, out, xlsx, charts)
    run = read_run(run_dir)
    result = cooccurrence(run, unit)  # type: ignore[arg-type]
    _show(result.counts.rename_axis("code").reset_index())
    click.echo("")
    _show(result.pairs.head(10))
    _written(write_tables(result.tables(), out, protected=_protected(run)) if out else [])
    _written([write_cooccurrence_workbook(result, xlsx)] if xlsx else [])
    _written(cooccurrence_charts(result, charts, fmt) if charts else [])  # type: ignore[arg-type]
    click.echo(result.describe())
