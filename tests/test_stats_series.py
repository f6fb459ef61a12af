from __future__ import annotations

import math
from pathlib import Path

import pandas as pd
import pytest
from openpyxl import Workbook, load_workbook

from coding.cli import cli
from coding.cli_stats import stats
from coding.errors import InputError
from coding.stats import read_series, series_charts, series_dynamics, write_series_workbook, write_tables
from tests.conftest import REPO

cli.add_command(stats)
SAMPLE = REPO / "corpus" / "statistics" / "article_135_cases.csv"

# Registered cases under Article 135 (corpus/statistics/README.md): 9, 6, 21, 27, 18 in 2018–2022.
# Hand-computed: change = y_t − y_{t−1}; % change = change / y_{t−1} × 100;
# chain index = y_t / y_{t−1} × 100; base index = y_t / 9 × 100.
ARTICLE_135 = [
    # year, value, abs_change, pct_change, chain_index_pct, base_index_pct
    (2018, 9, None, None, None, 100.0),
    (2019, 6, -3, -33.3333, 66.6667, 66.6667),    # −3/9 = −33.33 %; 6/9 = 66.67 %
    (2020, 21, 15, 250.0, 350.0, 233.3333),       # +15/6 = +250 %; 21/6 = 350 %; 21/9 = 233.33 %
    (2021, 27, 6, 28.5714, 128.5714, 300.0),      # +6/21 = 28.57 %; 27/9 = 300 %
    (2022, 18, -9, -33.3333, 66.6667, 200.0),     # −9/27 = −33.33 %; 18/9 = 200 %
]


@pytest.fixture(scope="module")
def article_135():
    return series_dynamics(read_series(SAMPLE), name="article_135_cases")


@pytest.mark.parametrize(("year", "value", "change", "pct", "chain", "base"), ARTICLE_135)
def test_article_135_dynamics(article_135, year, value, change, pct, chain, base) -> None:
    row = article_135.dynamics.set_index("year").loc[year]
    assert row["value"] == value and row["base_index_pct"] == pytest.approx(base)
    assert row["share_pct"] == 100.0  # a single series is the whole period total
    if change is None:
        assert pd.isna(row["abs_change"]) and pd.isna(row["pct_change"]) and pd.isna(row["chain_index_pct"])
    else:
        assert row["abs_change"] == change
        assert row["pct_change"] == pytest.approx(pct) and row["chain_index_pct"] == pytest.approx(chain)


def test_article_135_summary(article_135) -> None:
    summary = article_135.summary.iloc[0]
    # (18 / 9) ^ (1 / 4) − 1 = 2 ^ 0.25 − 1 = 0.189207… → 18.92 %
    assert summary["avg_growth_rate_pct"] == pytest.approx(18.9207)
    assert summary["avg_growth_rate_pct"] == pytest.approx(100 * (2 ** 0.25 - 1), abs=1e-4)
    assert (summary["total"], summary["abs_change"], summary["avg_abs_change"]) == (81, 9, 2.25)
    assert summary["base_index_pct"] == 200.0 and summary["mean"] == 16.2


def test_shares_of_two_series(tmp_path: Path) -> None:
    # Invented figures: 2018: 9 + 3 = 12 → 75 % / 25 %; 2019: 6 + 6 → 50 % each.
    path = tmp_path / "two.csv"
    path.write_text("year,series_a,series_b\n2018,9,3\n2019,6,6\n", encoding="utf-8")
    dynamics = series_dynamics(read_series(path)).dynamics
    assert dynamics["share_pct"].tolist() == [75.0, 50.0, 25.0, 50.0]
    wide = series_dynamics(read_series(path)).wide("share_pct")
    assert wide.columns.tolist() == ["year", "series_a", "series_b"]


def test_zero_base_leaves_ratios_empty(tmp_path: Path) -> None:
    path = tmp_path / "zero.csv"
    path.write_text("year,cases\n2018,0\n2019,4\n", encoding="utf-8")
    result = series_dynamics(read_series(path))
    assert math.isnan(result.dynamics["pct_change"].iloc[1])
    assert math.isnan(result.summary["avg_growth_rate_pct"][0])
    assert "average annual growth n/a" in result.describe()


def test_reads_xlsx_semicolons_and_unsorted_rows(tmp_path: Path) -> None:
    book = Workbook()
    for row in (("year", "cases"), (2019, 6.0), (2018, 9), (None, None)):
        book.active.append(row)
    book.save(tmp_path / "cases.xlsx")
    (tmp_path / "cases.csv").write_text("\ufeffyear;cases\n2019;6\n2018;\u00a09\n", encoding="utf-8")
    for name in ("cases.xlsx", "cases.csv"):
        table = read_series(tmp_path / name)
        assert table.index.tolist() == [2018, 2019] and table["cases"].tolist() == [9, 6]


HEAD = "year,article_135\n2018,9\n"
BAD_TABLES = [
    (HEAD + "2019,6\nn/a", "row 4, column 'year': 'n/a' is not a period; "
     "write the period as a whole number from 0 to 9999, such as the year 2019"),
    (HEAD + "2019,6\n2020,n/a\n", "row 4, column 'article_135': 'n/a' is not a number; "
     "write the count as a whole number, e.g. 12"),
    (HEAD + "2019,2.5\n", "row 3, column 'article_135': '2.5' is not a whole number; "
     "write the count as a whole number, e.g. 12"),
    (HEAD + "2019,\n", "row 3, column 'article_135': the cell is empty; "
     "write the whole number of cases (0 if there were none); every period from the first to the last "
     "needs its figure"),
    (HEAD + "2019,-3\n", "row 3, column 'article_135': -3 is negative; "
     "counts cannot be below 0; correct the figure"),
    (HEAD + "2019,6\n2018,7\n", "row 4, column 'year': the period 2018 appears again (first in row 2); "
     "keep one row per period"),
    (HEAD + "2019,6\n2022,7\n", "row 4, column 'year': 2022 follows 2019; the period(s) 2020, 2021 are "
     "missing; add a row for each missing period (0 if there were no cases)"),
    ("year,a,a\n2018,1,2\n2019,1,2\n", "row 1: the column name 'a' appears twice; "
     "give each series its own name"),
    ("year,,b\n2018,1,2\n", "row 1: column 2 has no name; give every column a name in the first row"),
    ("year\n2018\n2019\n", "row 1: the table needs a period column and at least one series column; "
     "write e.g. 'year,article_135' in the first row"),
    ("year,a\n2018,1,5\n", "row 2: the row has 3 cells but the header names 2 columns; "
     "remove the extra cells or name their column in the first row"),
]


@pytest.mark.parametrize(("text", "message"), BAD_TABLES)
def test_errors_name_the_cell(tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / "article_135_cases.csv"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InputError) as caught:
        read_series(path)
    assert str(caught.value) == f"{path}: {message}"


def test_xlsx_errors_name_the_sheet(tmp_path: Path) -> None:
    book = Workbook()
    book.active.title = "Cases"
    for row in (("year", "cases"), (2018, 9), (2019, "—")):
        book.active.append(row)
    book.save(tmp_path / "cases.xlsx")
    message = r"cases\.xlsx: sheet 'Cases', row 3, column 'cases': '—' is not a number"
    with pytest.raises(InputError, match=message):
        read_series(tmp_path / "cases.xlsx")


def test_one_period_is_not_enough(tmp_path: Path) -> None:
    path = tmp_path / "one.csv"
    path.write_text("year,cases\n2018,9\n", encoding="utf-8")
    with pytest.raises(InputError, match="1 period"):
        read_series(path)


def test_workbook_values_and_native_charts(article_135, tmp_path: Path) -> None:
    path = write_series_workbook(article_135, tmp_path / "series.xlsx")
    book = load_workbook(path)
    assert book.sheetnames == ["values", "pct_change", "dynamics", "summary"]
    values = [list(row) for row in book["values"].iter_rows(values_only=True)]
    assert values[0] == ["year", "article_135"] and values[3] == [2020, 21]
    assert [row[1] for row in book["pct_change"].iter_rows(min_row=2, values_only=True)] == \
        [None, -33.3333, 250.0, 28.5714, -33.3333]
    (line,), (bars,) = book["values"]._charts, book["pct_change"]._charts
    assert line.tagname == "lineChart" and bars.tagname == "barChart"
    assert line.series[0].val.numRef.f == "'values'!$B$2:$B$6"
    assert bars.series[0].cat.numRef.f == "'pct_change'!$A$2:$A$6"
    summary = dict(zip(*book["summary"].iter_rows(values_only=True), strict=True))
    assert summary["avg_growth_rate_pct"] == 18.9207
    with pytest.raises(InputError, match="does not end in .xlsx"):
        write_series_workbook(article_135, tmp_path / "series.xls")


def test_csv_and_charts(article_135, tmp_path: Path) -> None:
    written = write_tables(article_135.tables(), tmp_path / "out")
    assert [p.name for p in written] == ["article_135_cases_dynamics.csv", "article_135_cases_summary.csv"]
    assert written[0].read_bytes().startswith(b"\xef\xbb\xbfyear,series,value,abs_change,pct_change")
    text = written[0].read_text(encoding="utf-8-sig")
    assert "2019,article_135,6,-3,-33.3333,66.6667,66.6667,100.0" in text
    for fmt, magic in (("png", b"\x89PNG"), ("svg", b"<?xml")):
        paths = series_charts(article_135, tmp_path / "charts", fmt)  # type: ignore[arg-type]
        assert [p.name for p in paths] == [f"article_135_cases_levels.{fmt}",
                                           f"article_135_cases_change.{fmt}"]
        assert all(p.read_bytes().startswith(magic) for p in paths)


def test_cli_series(runner, tmp_path: Path) -> None:
    result = runner.invoke(cli, ["stats", "series", str(SAMPLE), "--out", str(tmp_path)])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0].split() == ["year", "series", "value", "abs_change", "pct_change", "chain_index_pct",
                                "base_index_pct", "share_pct"]
    assert lines[2].split() == ["2019", "article_135", "6", "-3", "-33.3333", "66.6667", "66.6667", "100.0"]
    assert lines[6] == f"Wrote {tmp_path / 'article_135_cases_dynamics.csv'}"
    assert lines[-1] == ("1 series over 5 periods (2018–2022): article_135 9 → 18 "
                         "(average annual growth +18.92 %).")


def test_cli_series_error_is_one_line(runner, tmp_path: Path) -> None:
    path = tmp_path / "article_135_cases.csv"
    path.write_text("year,article_135\n2018,9\n2019,6\n2020,n/a\n", encoding="utf-8")
    result = runner.invoke(cli, ["stats", "series", str(path)])
    assert result.exit_code == 2
    assert result.stderr == (f"Error: {path}: row 4, column 'article_135': 'n/a' is not a number; "
                             "write the count as a whole number, e.g. 12\n")


def test_cli_help_has_an_example(runner) -> None:
    for command in ("series", "compare", "cooccur"):
        result = runner.invoke(cli, ["stats", command, "--help"])
        assert result.exit_code == 0 and "Example:" in result.output
        assert f"coding stats {command}" in result.output
