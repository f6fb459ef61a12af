"""Every reader of a run folder streams segments.csv and units.csv: with ``pandas.read_csv`` made to fail on
those two files unless read in chunks, every export, statistic, review and REFI-QDA project still runs."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from coding.cli import cli
from coding.cli_export import export
from coding.cli_stats import stats
from coding.exports.charts import write_charts
from coding.exports.html import write_report
from coding.exports.xlsx import write_workbook
from coding.interchange.qdpx import write_qdpx
from coding.results import group_totals, load_results
from coding.review import agreement_variables, export_review, import_reviews
from coding.stats import compare_groups, cooccurrence, read_run
from tests.test_results import small_run
from tests.test_review import fill, make_run

cli.add_command(export)
cli.add_command(stats)
STREAMED = ("segments.csv", "units.csv")


@pytest.fixture
def whole_reads_fail(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Make ``pandas.read_csv`` refuse segments.csv and units.csv without ``chunksize``; returns the files
    read in chunks."""
    real = pd.read_csv
    chunked: list[str] = []

    def guarded(path, *args, **kwargs):
        name = Path(str(path)).name
        if name in STREAMED:
            assert kwargs.get("chunksize"), f"{name} was read whole"
            chunked.append(name)
        return real(path, *args, **kwargs)

    monkeypatch.setattr(pd, "read_csv", guarded)
    monkeypatch.setattr("coding.results.CHUNK_ROWS", 2)
    return chunked


@pytest.fixture(scope="module")
def export_run(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return small_run(tmp_path_factory.mktemp("streaming"))


def test_the_guard_catches_a_whole_read(export_run: Path, whole_reads_fail: list[str]) -> None:
    with pytest.raises(AssertionError, match="segments.csv was read whole"):
        pd.read_csv(export_run / "segments.csv")


def test_exports_and_statistics_stream(export_run: Path, tmp_path: Path, whole_reads_fail: list[str],
                                       runner) -> None:
    results = load_results(export_run)
    group_totals(results, "en")
    assert "Segments" in write_workbook(results, tmp_path / "r.xlsx")
    write_charts(results, tmp_path / "charts", ["svg"])
    write_report(results, tmp_path / "r.html", max_documents=2)
    run = read_run(export_run)
    compare_groups(run, "source_type")
    for unit in ("sentence", "paragraph", "document"):
        cooccurrence(run, unit)  # type: ignore[arg-type]
    result = runner.invoke(cli, ["stats", "cooccur", str(export_run), "--unit", "paragraph"])
    assert result.exit_code == 0, result.output
    assert set(whole_reads_fail) == set(STREAMED)


def test_review_and_qdpx_stream(tmp_path: Path, whole_reads_fail: list[str]) -> None:
    run = make_run(tmp_path)
    sheet = export_review(run, tmp_path / "review.xlsx", size=4, seed=1).path
    import_reviews(run, [fill(sheet, tmp_path / "a.xlsx", {"F2": 0})], coder="aigerim")
    import_reviews(run, [fill(sheet, tmp_path / "b.xlsx", {"F2": 1})], coder="boris")
    assert agreement_variables(run, include_machine=True)
    write_qdpx(run, tmp_path / "run.qdpx")
    assert set(whole_reads_fail) == set(STREAMED)
