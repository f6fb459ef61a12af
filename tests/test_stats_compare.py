from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from openpyxl import load_workbook
from scipy.stats import chi2_contingency, fisher_exact

from coding.cli import cli
from coding.cli_stats import stats
from coding.errors import InputError
from coding.stats import (
    chi_square_test,
    compare_groups,
    cooccurrence,
    read_run,
    write_comparison_workbook,
    write_tables,
)

cli.add_command(stats)

# Agresti, A. (2007) An Introduction to Categorical Data Analysis, 2nd ed., Wiley: Table 2.5, party
# identification by gender (General Social Survey, 2000), and Table 2.6, its adjusted residuals.
#              Democrat  Independent  Republican  total
#   females       762        327          468      1557
#   males         484        239          477      1200
#   total        1246        566          945      2757
# Expected = row total × column total / 2757:
#   females   703.67     319.65     533.68
#   males     542.33     246.35     411.32
# X² = 58.33²/703.67 + 7.35²/319.65 + 65.68²/533.68 + 58.33²/542.33 + 7.35²/246.35 + 65.68²/411.32
#    = 4.835 + 0.169 + 8.083 + 6.274 + 0.219 + 10.488 = 30.07 with df = 2 (Agresti: 30.1);
# Cramér's V = sqrt(30.07 / (2757 × 1)) = 0.1044; adjusted residuals (Table 2.6): 4.50, 0.70, −5.32.
AGRESTI = [[762, 327, 468], [484, 239, 477]]
AGRESTI_EXPECTED = [[703.67, 319.65, 533.68], [542.33, 246.35, 411.32]]


def test_chi_square_textbook_example() -> None:
    result = chi_square_test(AGRESTI)
    assert result.chi2 == pytest.approx(30.07, abs=0.005) and result.dof == 2
    assert result.cramers_v == pytest.approx(0.1044, abs=1e-4)
    np.testing.assert_allclose(result.expected, AGRESTI_EXPECTED, atol=0.005)
    np.testing.assert_allclose(result.residuals, [[4.50, 0.70, -5.32], [-4.50, -0.70, 5.32]], atol=0.005)
    scipy_chi2, scipy_p, _, _ = chi2_contingency(AGRESTI, correction=False)
    assert (result.chi2, result.p_chi2) == pytest.approx((scipy_chi2, scipy_p))
    assert result.test == "chi-square" and result.p_value == result.p_chi2 and result.reliable


def test_small_expected_counts() -> None:
    # 2 × 2: expected 1 and 2 occurrences → Fisher's exact test.
    result = chi_square_test([[3, 0], [997, 2000]])
    assert result.min_expected == pytest.approx(1.0) and result.test == "fisher"
    assert result.p_value == pytest.approx(fisher_exact([[3, 0], [997, 2000]]).pvalue)
    assert result.p_value == pytest.approx(0.03696, abs=1e-5)
    # 2 × 3: no exact test here; the chi-square is flagged.
    flagged = chi_square_test([[3, 0, 1], [997, 2000, 999]])
    assert flagged.test == "chi-square" and not flagged.reliable and "unreliable" in flagged.note
    empty = chi_square_test([[0, 0], [10, 20]])
    assert np.isnan(empty.p_value) and empty.note == "a group or category has no observations"


CODES = ("x", "rare", "never")


def make_run(folder: Path, unit: str, documents: list[dict], units: list[dict], codes=CODES,
             labels: dict[str, str] | None = None) -> Path:
    """A run folder written by hand, with the columns 'coding code' writes."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "run.json").write_text(json.dumps({"options": {"unit": unit}, "corpus": {"root": "corpus"}}),
                                     encoding="utf-8")
    doc_columns = ["doc_id", "lang", "words", "units", "coded_units", "segments", *codes,
                   "dominant_direction", "tone_score", "share_negative", "share_neutral", "share_positive",
                   "title", "source_type", "date"]
    unit_columns = ["doc_id", "unit_id", "lang", "words", *codes, "directions", "tone", "tone_score",
                    "tone_evidence", "unit_text", "title", "source_type", "date"]
    for name, rows, columns in (("documents.csv", documents, doc_columns),
                                ("units.csv", units, unit_columns)):
        table = pd.DataFrame([{c: row.get(c, 0 if c in codes else "") for c in columns} for row in rows],
                             columns=columns)
        table.to_csv(folder / name, index=False, encoding="utf-8-sig")
    labels = labels or {}
    pd.DataFrame({"code": list(codes), "label": [labels.get(c, c.title()) for c in codes]}).to_csv(
        folder / "frequencies.csv", index=False, encoding="utf-8-sig")
    return folder


def doc(doc_id: str, group: str, words: int, units: int, tones=(0, 1, 0), **counts) -> dict:
    shares = dict(zip(("share_negative", "share_neutral", "share_positive"), tones, strict=True))
    return {"doc_id": doc_id, "lang": "kk", "words": words, "units": units, "source_type": group, **shares,
            **counts}


@pytest.fixture
def agresti_run(tmp_path: Path) -> Path:
    """Agresti's table as a run: groups = parties, words = column totals, code x = the females row, so that
    the 2 × 3 table [occurrences, words − occurrences] is Table 2.5. 'rare' has expected counts below 5."""
    documents = [
        doc("d1", "democrat", 1000, 4, tones=(0.25, 0.5, 0.25), x=600, rare=1),
        doc("d2", "democrat", 246, 2, tones=(0.5, 0.5, 0), x=162),
        doc("i1", "independent", 566, 5, tones=(0.2, 0.8, 0), x=327),
        doc("r1", "republican", 945, 10, tones=(0.1, 0.6, 0.3), x=468, rare=2),
        doc("n1", "", 0, 0, tones=(0, 0, 0)),
    ]
    units = [
        {"doc_id": "d1", "unit_id": "d1:1:1", "words": 10, "x": 1, "directions": "legal;social"},
        {"doc_id": "d1", "unit_id": "d1:1:2", "words": 10, "x": 1, "directions": "unspecified"},
        {"doc_id": "i1", "unit_id": "i1:1:1", "words": 10, "x": 1, "directions": "legal"},
        {"doc_id": "r1", "unit_id": "r1:2:1", "words": 10, "rare": 1, "directions": "social"},
    ]
    return make_run(tmp_path / "run", "sentence", documents, units)


def test_compare_groups_reproduces_the_textbook(agresti_run: Path) -> None:
    result = compare_groups(read_run(agresti_run), "source_type")
    assert result.groups == ("democrat", "independent", "republican", "(none)")
    x = result.frequencies[result.frequencies["code"] == "x"].set_index("source_type")
    assert x["occurrences"].tolist() == [762, 327, 468, 0] and x["words"].tolist() == [1246, 566, 945, 0]
    assert x.loc["democrat", "per_1000_words"] == pytest.approx(1000 * 762 / 1246, abs=1e-4)  # 611.5570
    assert x["adjusted_residual"].iloc[:3].tolist() == pytest.approx([4.50, 0.70, -5.32], abs=0.005)
    assert x["use"].tolist() == ["over", "", "under", ""]
    tests = result.tests.set_index("code")
    assert tests.loc["x", "chi2"] == pytest.approx(30.07, abs=0.005) and tests.loc["x", "groups"] == 3
    assert tests.loc["x", "cramers_v"] == pytest.approx(0.1044, abs=1e-4)
    assert not tests.loc["rare", "reliable"] and tests.loc["rare", "groups"] == 3
    assert tests.loc["never", "note"] == "the code does not occur" and np.isnan(tests.loc["never", "p_value"])
    assert "1 differ at p < 0.05 (x); 1 flagged unreliable" in result.describe()


def test_tone_and_directions_by_group(agresti_run: Path) -> None:
    result = compare_groups(read_run(agresti_run), "source_type")
    # Tone of all units = share × units per document:
    # democrat 0.25×4 + 0.5×2 = 2 negative, 0.5×4 + 0.5×2 = 3 neutral, 0.25×4 = 1 positive.
    tone = result.tone.set_index("source_type")
    assert tone.loc["democrat", ["negative", "neutral", "positive", "units"]].tolist() == [2, 3, 1, 6]
    assert tone.loc["republican", ["negative", "neutral", "positive"]].tolist() == [1, 6, 3]
    assert tone.loc["democrat", "pct_negative"] == pytest.approx(33.33)
    assert result.tests.iloc[-1]["code"] == "(tone)"
    directions = result.directions.set_index("source_type")
    assert directions.columns[:3].tolist() == ["legal", "social", "unspecified"]
    democrat = directions.loc["democrat", ["legal", "social", "unspecified", "coded_units"]]
    assert democrat.tolist() == [1, 1, 1, 2]
    assert directions.loc["republican", "pct_social"] == 100.0


def test_two_groups_fisher(tmp_path: Path) -> None:
    documents = [doc("m", "media", 1000, 1, rare=3), doc("o", "official", 2000, 1)]
    run = make_run(tmp_path / "run", "sentence", documents, [])
    tests = compare_groups(read_run(run)).tests.set_index("code")
    assert tests.loc["rare", "test"] == "fisher"
    assert tests.loc["rare", "p_value"] == pytest.approx(fisher_exact([[3, 0], [997, 2000]]).pvalue)


def test_groups_by_year_of_the_date(tmp_path: Path) -> None:
    documents = [doc("a", "media", 100, 1, x=1, date="2019-03-01"), doc("b", "media", 100, 1, date="2019"),
                 doc("c", "media", 200, 1, x=4, date="2021-12-01"), doc("d", "media", 50, 1)]
    result = compare_groups(read_run(make_run(tmp_path / "run", "sentence", documents, [])), "year")
    x = result.frequencies[result.frequencies["code"] == "x"]
    assert x[["year", "occurrences", "words"]].values.tolist() == [["2019", 1, 200], ["2021", 4, 200],
                                                                   ["(none)", 0, 50]]


def test_unknown_group_column(agresti_run: Path) -> None:
    with pytest.raises(InputError) as caught:
        compare_groups(read_run(agresti_run), "outlet")
    assert str(caught.value) == (f"{agresti_run}: documents.csv has no column 'outlet' to compare groups by; "
                                 "use one of: lang, source_type, date, year")


def test_missing_run_folder(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="the run folder .* does not exist"):
        read_run(tmp_path / "nope")
    (tmp_path / "empty").mkdir()
    with pytest.raises(InputError, match="'run.json' is missing"):
        read_run(tmp_path / "empty")


def test_csv_and_workbook(agresti_run: Path, tmp_path: Path) -> None:
    result = compare_groups(read_run(agresti_run), "source_type")
    written = write_tables(result.tables(), tmp_path / "out")
    assert [p.name for p in written] == ["compare_source_type_codes.csv", "compare_source_type_tests.csv",
                                         "compare_source_type_tone.csv", "compare_source_type_directions.csv"]
    book = load_workbook(write_comparison_workbook(result, tmp_path / "compare.xlsx"))
    assert book.sheetnames == ["per_1000_words", "codes", "tests", "tone", "directions"]
    rates = list(book["per_1000_words"].iter_rows(values_only=True))
    assert rates[0] == ("code", "democrat", "independent", "republican", "(none)")
    assert rates[1][1] == pytest.approx(611.557, abs=1e-3) and rates[1][4] == 0
    (chart,) = book["per_1000_words"]._charts
    assert chart.tagname == "barChart" and chart.series[0].val.numRef.f == "'per_1000_words'!$B$2:$B$4"
    assert book["tone"]._charts[0].grouping == "percentStacked"


def test_cli_compare(runner, agresti_run: Path, tmp_path: Path) -> None:
    result = runner.invoke(cli, ["stats", "compare", str(agresti_run), "--by", "source_type",
                                 "--xlsx", str(tmp_path / "c.xlsx")])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0].split() == ["code", "source_type", "occurrences", "words", "per_1000_words", "share_pct",
                                "adjusted_residual", "use"]
    assert lines[1].split() == ["x", "democrat", "762", "1246", "611.557", "48.94", "4.5021", "over"]
    assert f"Wrote {tmp_path / 'c.xlsx'}" in lines
    assert lines[-1] == ("Compared 4 groups of source_type (democrat, independent, republican, (none)) "
                         "on 3 codes: 1 differ at p < 0.05 (x); 1 flagged unreliable (expected counts < 5).")
    bad = runner.invoke(cli, ["stats", "compare", str(agresti_run), "--by", "region"])
    assert bad.exit_code == 2 and bad.stderr.startswith("Error: ") and len(bad.stderr.splitlines()) == 1


@pytest.mark.parametrize("chunk_rows", [1, 2, 3])
def test_chunks_of_units_csv_give_the_same_comparison(agresti_run: Path, monkeypatch: pytest.MonkeyPatch,
                                                      chunk_rows: int) -> None:
    whole = compare_groups(read_run(agresti_run), "source_type")
    monkeypatch.setattr("coding.results.CHUNK_ROWS", chunk_rows)
    chunked = compare_groups(read_run(agresti_run), "source_type")
    for name, table in whole.tables().items():
        pd.testing.assert_frame_equal(chunked.tables()[name], table)


def test_a_bad_count_in_units_csv_names_its_row(agresti_run: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = agresti_run / "units.csv"
    table = pd.read_csv(path, encoding="utf-8-sig", dtype=str, keep_default_na=False)
    table.loc[3, "x"] = "two"
    table.to_csv(path, index=False, encoding="utf-8-sig")
    monkeypatch.setattr("coding.results.CHUNK_ROWS", 2)  # the row is in the second chunk
    compare_groups(read_run(agresti_run), "source_type")  # reads only doc_id and directions of units.csv
    with pytest.raises(InputError, match=r"row 5, column 'x': 'two' is not a whole number"):
        cooccurrence(read_run(agresti_run))


def test_a_significant_but_unreliable_code_is_said_to_be_read_with_care(agresti_run: Path) -> None:
    import dataclasses

    result = compare_groups(read_run(agresti_run), "source_type")
    tests = result.tests.copy()
    tests.loc[tests["code"] == "x", "reliable"] = False  # as if its expected counts were below 5
    line = dataclasses.replace(result, tests=tests).describe()
    assert "1 differ at p < 0.05 (x; 1 of them with expected counts below 5: read with care)" in line
