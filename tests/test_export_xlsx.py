"""Golden tests of the results workbook: reopened with openpyxl, every number equals the CSV results,
charts reference the right cells, and the file survives a save by LibreOffice."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import openpyxl
import pandas as pd
import pytest
from openpyxl.chart import BarChart, LineChart

from coding.cli import cli
from coding.cli_export import export
from coding.codebook import load_codebook
from coding.errors import InputError, OutputError
from coding.exports.xlsx import SHEETS, write_workbook
from coding.results import TONES, caption, load_results, value_label
from coding.runs import code_corpus
from coding.stats import compare_groups, cooccurrence, read_run
from tests.conftest import REPO
from tests.test_results import EXPORT_CODEBOOK_YAML, make_run, read, small_run

cli.add_command(export)
MEASURES = ("occurrences", "per_1000_words", "documents", "units")
LABELS_KK = {"child_trafficking": "Бала саудасы", "crime": "Қылмыс", "protection": "Қорғау", "child": "Бала"}


# Read-only tests share one coded run and one workbook (reopened from disk, as a co-author would).
@pytest.fixture(scope="module")
def run_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return small_run(tmp_path_factory.mktemp("xlsx"))


@pytest.fixture(scope="module")
def workbook_path(run_dir: Path) -> Path:
    path = run_dir.parent / "out" / "results.xlsx"
    write_workbook(load_results(run_dir), path)
    return path


@pytest.fixture(scope="module")
def workbook(workbook_path: Path) -> openpyxl.Workbook:
    return openpyxl.load_workbook(workbook_path)


def cells(wb: openpyxl.Workbook, ref: str) -> list:
    """The values of a formula reference such as 'By year'!$B$3:$B$6."""
    sheet, _, area = ref.rpartition("!")
    found = wb[sheet.strip("'").replace("''", "'")][area.replace("$", "")]
    if not isinstance(found, tuple):
        return [found.value]
    return [cell.value for row in found for cell in (row if isinstance(row, tuple) else (row,))]


def chart_title(chart) -> str:
    return "".join(run.t for paragraph in chart.title.tx.rich.p for run in (paragraph.r or []))


def header_keys(ws, row: int, lang: str, codes: dict[str, str]) -> dict[int, str]:
    """Column number → CSV column name, from the captions of a header row."""
    inverse = {caption(key, lang): key for key in ("doc_id", "title", "source_type", "outlet", "date", "lang",
                                                  "words", "units", "coded_units", "segments",
                                                  "dominant_direction", "tone_score", "share_negative",
                                                  "share_neutral", "share_positive", "url", "unit_id",
                                                  "code", "label", "term", "surface", "start", "end",
                                                  "unit_text", "context", "tone", "tone_evidence", "unit",
                                                  "directions",
                                                  "file", "sha256")}
    inverse |= {label: code for code, label in codes.items()}
    return {cell.column: inverse.get(cell.value, cell.value) for cell in ws[row] if cell.value is not None}


def expected_bands(run_dir: Path, lang: str) -> list[tuple[str, pd.DataFrame]]:
    """Band title → its frequency rows (indexed by code), read straight from the CSV files."""
    bands = [(caption("all", lang), read(run_dir, "frequencies.csv").set_index("code"))]
    for name, by in (("frequencies_by_source_type.csv", "source_type"),
                     ("frequencies_by_language.csv", "lang")):
        # By language the CSV names its documents column for what it counts (documents_with_lang_units).
        table = read(run_dir, name).rename(columns={"documents_with_lang_units": "documents"})
        for value in sorted(table[by].astype(str).unique()):
            bands.append((value_label(value, lang), table[table[by].astype(str) == value].set_index("code")))
    return bands


def check_frequencies(wb: openpyxl.Workbook, run_dir: Path, lang: str) -> None:
    ws = wb["Frequencies"]
    codes = list(read(run_dir, "frequencies.csv")["code"])
    assert [ws.cell(row=3 + i, column=1).value for i in range(len(codes))] == codes
    for index, (title, table) in enumerate(expected_bands(run_dir, lang)):
        first = 4 + 4 * index
        assert ws.cell(row=1, column=first).value == title
        for offset, code in enumerate(codes):
            for m_index, measure in enumerate(MEASURES):
                cell = ws.cell(row=3 + offset, column=first + m_index)
                assert cell.value == table.loc[code, measure], (title, code, measure)
                assert cell.number_format == ("0.00" if measure == "per_1000_words" else "#,##0")


def test_sheet_names_and_layout(workbook: openpyxl.Workbook) -> None:
    assert workbook.sheetnames == list(SHEETS)
    for name in workbook.sheetnames:
        assert len(name) <= 31 and not re.search(r"[\[\]:*?/\\]", name)
    assert workbook["Frequencies"].freeze_panes == "D3"
    assert workbook["By document"].freeze_panes == "C2"
    assert workbook["By year"].freeze_panes == "B3"
    segments = workbook["Segments"]
    assert segments.freeze_panes == "A2"
    last = segments.cell(row=1, column=segments.max_column).column_letter
    assert segments.auto_filter.ref == f"A1:{last}18"
    assert workbook["By document"].column_dimensions["B"].width >= len("Торговля детьми")


def test_frequencies_equal_the_csv(workbook: openpyxl.Workbook, run_dir: Path) -> None:
    check_frequencies(workbook, run_dir, "kk")
    ws = workbook["Frequencies"]
    assert [ws.cell(row=3 + i, column=2).value for i in range(4)] == list(LABELS_KK.values())


def test_group_totals(workbook: openpyxl.Workbook, run_dir: Path) -> None:
    ws = workbook["Frequencies"]
    top = next(c.row for c in ws["A"] if c.value == caption("totals_by_group", "kk"))
    rows = {ws.cell(row=r, column=1).value: r for r in range(top + 2, ws.max_row + 1)}
    segments, frequencies = read(run_dir, "segments.csv"), read(run_dir, "frequencies.csv")
    for name, group in (("phenomenon", "phenomenon"), ("(жоқ)", ""), ("people", "people"),
                        ("Барлық кодтар", None)):
        codes = set(frequencies["code"] if group is None else frequencies.loc[frequencies["group"] == group,
                                                                               "code"])
        part = segments[segments["code"].isin(codes)]
        values = [ws.cell(row=rows[name], column=c).value for c in range(4, 8)]
        assert values == [len(part), round(1000 * len(part) / frequencies["words"].max(), 4),
                          part["doc_id"].nunique(), part["unit_id"].nunique()]
        media = part[part["source_type"] == "media"]
        assert ws.cell(row=rows[name], column=8).value == len(media)


def test_by_document_equals_documents_csv(workbook: openpyxl.Workbook, run_dir: Path) -> None:
    ws = workbook["By document"]
    keys = header_keys(ws, 1, "kk", LABELS_KK)
    documents = read(run_dir, "documents.csv").set_index("doc_id")
    assert ws.max_row == len(documents) + 1
    numeric = [c for c in documents.columns if pd.api.types.is_numeric_dtype(documents[c])]
    recorded = {d["doc_id"]: d for d in load_results(run_dir).provenance["corpus"]["documents"]}
    for row in range(2, ws.max_row + 1):
        values = {keys[c]: ws.cell(row=row, column=c).value for c in keys}
        expected = documents.loc[values["doc_id"]]
        for column in numeric:
            assert values[column] == expected[column], (values["doc_id"], column)
        assert values["title"] == expected["title"] and str(values["date"]) == str(expected["date"])
        assert (values["file"], values["sha256"]) == (recorded[values["doc_id"]]["file"],
                                                      recorded[values["doc_id"]]["sha256"])
    directions = {"unspecified": "Анықталмаған", "legal": "Құқықтық", "": None}
    k1 = next(r for r in range(2, ws.max_row + 1) if ws.cell(row=r, column=1).value == "k1")
    column = next(c for c, k in keys.items() if k == "dominant_direction")
    assert ws.cell(row=k1, column=column).value == directions[documents.loc["k1", "dominant_direction"]]
    share = next(c for c, k in keys.items() if k == "share_negative")
    assert ws.cell(row=2, column=share).number_format == "0.0%"


def test_by_year(workbook: openpyxl.Workbook, run_dir: Path) -> None:
    ws = workbook["By year"]
    documents = read(run_dir, "documents.csv")
    documents["year"] = documents["date"].astype(str).str[:4].astype(int)
    codes = list(LABELS_KK)
    assert [ws.cell(row=2, column=4 + i).value for i in range(len(codes))] == list(LABELS_KK.values())
    for row in range(3, ws.max_row + 1):
        year = ws.cell(row=row, column=1).value
        part = documents[documents["year"] == year]
        assert ws.cell(row=row, column=2).value == len(part)
        assert ws.cell(row=row, column=3).value == part["words"].sum()
        for index, code in enumerate(codes):
            assert ws.cell(row=row, column=4 + index).value == part[code].sum()
            rate = ws.cell(row=row, column=4 + len(codes) + index).value
            assert rate == round(1000 * part[code].sum() / part["words"].sum(), 4)


def test_directions_and_tone_equal_the_crosstabs(workbook: openpyxl.Workbook, run_dir: Path) -> None:
    ws = workbook["Directions"]
    crosstab = read(run_dir, "crosstab_code_direction.csv").set_index("code")
    assert [c.value for c in ws[3]][:4] == ["Код", "Атауы", "Құқықтық", "Анықталмаған"]
    for row in range(4, 4 + len(LABELS_KK)):
        code = ws.cell(row=row, column=1).value
        assert [ws.cell(row=row, column=3).value, ws.cell(row=row, column=4).value] == \
            [crosstab.loc[code, "legal"], crosstab.loc[code, "unspecified"]]
    ws = workbook["Tone"]
    crosstab = read(run_dir, "crosstab_code_tone.csv").set_index("code")
    units = read(run_dir, "frequencies.csv").set_index("code")["units"]
    assert [c.value for c in ws[3]][2:5] == [caption(t, "kk") for t in TONES]
    for row in range(4, 4 + len(LABELS_KK)):
        code = ws.cell(row=row, column=1).value
        counts = [ws.cell(row=row, column=3 + i).value for i in range(3)]
        assert counts == [crosstab.loc[code, t] for t in TONES]
        assert ws.cell(row=row, column=6).value == units[code] == sum(counts)
        assert ws.cell(row=row, column=7).value == pytest.approx(counts[0] / sum(counts))
    by_source = read(run_dir, "crosstab_source_type_tone.csv")
    top = next(c.row for c in ws["A"] if c.value == caption("source_type_by_tone", "kk"))
    for offset, record in enumerate(by_source.to_dict("records")):
        row = top + 3 + offset
        assert ws.cell(row=row, column=1).value == record["source_type"]
        assert [ws.cell(row=row, column=3 + i).value for i in range(3)] == [record[t] for t in TONES]


def test_segments_sheet_holds_every_segment(workbook: openpyxl.Workbook, run_dir: Path) -> None:
    ws = workbook["Segments"]
    keys = header_keys(ws, 1, "kk", LABELS_KK)
    segments = read(run_dir, "segments.csv")
    assert ws.max_row == len(segments) + 1
    for row, record in zip(range(2, ws.max_row + 1), segments.to_dict("records"), strict=True):
        values = {keys[c]: ws.cell(row=row, column=c).value for c in keys}
        for column in ("doc_id", "unit_id", "code", "term", "surface", "start", "end", "context"):
            assert values[column] == record[column]
        assert values["label"] == LABELS_KK[record["code"]]
        assert values["tone"] == caption(record["tone"], "kk")
    text = next(c for c, k in keys.items() if k == "context")
    assert ws.cell(row=2, column=text).alignment.wrap_text
    assert ws.column_dimensions[ws.cell(row=1, column=text).column_letter].width == 70


def test_codebook_terms_stay_text(workbook: openpyxl.Workbook) -> None:
    ws = workbook["Codebook"]
    rows = {ws.cell(row=r, column=2).value: r for r in range(2, ws.max_row + 1)}
    headers = [c.value for c in ws[1]]
    exclusions = ws.cell(row=rows["protection"], column=headers.index("Алып тастаулар (kk)") + 1)
    assert exclusions.value == "=құқық =қорғау" and exclusions.data_type == "s"
    assert ws.cell(row=rows["child"], column=headers.index("Түсі") + 1).value == "#8c564b"
    assert ws.cell(row=rows["legal"], column=1).value == "Бағыт"


def test_summary_numbers(workbook: openpyxl.Workbook, run_dir: Path) -> None:
    ws = workbook["Summary"]
    values = {ws.cell(row=r, column=1).value: ws.cell(row=r, column=2).value for r in range(1, 12)}
    assert values["Құжаттар"] == 4 and values["Сегменттер"] == len(read(run_dir, "segments.csv"))
    assert values["Сөздер"] == read(run_dir, "frequencies.csv")["words"].max()
    texts = [c.value for row in ws.iter_rows() for c in row if isinstance(c.value, str)]
    assert load_results(run_dir).provenance["codebook"]["sha256"] in texts


def test_charts_reference_the_data(workbook: openpyxl.Workbook, run_dir: Path) -> None:
    charts = workbook["Charts"]._charts
    assert len(charts) == 3
    bars, tone, years = charts
    assert isinstance(bars, BarChart) and bars.type == "bar" and bars.grouping == "clustered"
    assert chart_title(bars) == "Кодтардың дереккөз түрі бойынша жиілігі"
    assert bars.series[0].tx.strRef.f == "'Frequencies'!$H$1"
    assert bars.series[0].val.numRef.f == "'Frequencies'!$I$3:$I$6"
    assert bars.series[0].cat.strRef.f == "'Frequencies'!$B$3:$B$6"
    by_type = read(run_dir, "frequencies_by_source_type.csv")
    for series in bars.series:
        (source_type,) = cells(workbook, series.tx.strRef.f)
        expected = by_type[by_type["source_type"] == source_type].set_index("code")["per_1000_words"]
        assert cells(workbook, series.val.numRef.f) == list(expected[list(LABELS_KK)])
        assert cells(workbook, series.cat.strRef.f) == list(LABELS_KK.values())
    assert isinstance(tone, BarChart) and tone.grouping == "stacked" and tone.overlap == 100
    crosstab = read(run_dir, "crosstab_code_tone.csv").set_index("code")
    assert [cells(workbook, s.tx.strRef.f)[0] for s in tone.series] == [caption(t, "kk") for t in TONES]
    for series, name in zip(tone.series, TONES, strict=True):
        assert series.val.numRef.f.startswith("'Tone'!")
        assert cells(workbook, series.val.numRef.f) == list(crosstab[name][list(LABELS_KK)])
    assert isinstance(years, LineChart)
    assert years.series[0].cat.numRef.f == "'By year'!$A$3:$A$6"
    assert cells(workbook, years.series[0].cat.numRef.f) == [2019, 2020, 2021, 2022]
    assert [cells(workbook, s.tx.strRef.f)[0] for s in years.series] == list(LABELS_KK.values())
    assert years.series[3].val.numRef.f == "'By year'!$K$3:$K$6"


def tiny_run(folder: Path, documents: list[tuple[str, str, str]]) -> Path:
    """A corpus of ``(file name, source type, text)`` coded with the export codebook; returns the run folder."""
    corpus = folder / "corpus"
    corpus.mkdir(parents=True)
    manifest = ["file,doc_id,title,source_type,outlet,date,language,url,region"]
    for name, source_type, text in documents:
        (corpus / name).write_text(text, encoding="utf-8")
        manifest.append(f"{name},{Path(name).stem},{Path(name).stem},{source_type},,,,,")
    (corpus / "manifest.csv").write_text("\n".join(manifest) + "\n", encoding="utf-8")
    return make_run(corpus, EXPORT_CODEBOOK_YAML, folder / "results")


# One source type and one code found: nothing to compare, nothing co-occurs.
ONE_SOURCE_TYPE = [("a.txt", "media", "Қылмыс туралы мақала.\n"), ("b.txt", "media", "Бұл мәтінде ештеңе жоқ.\n")]
# Every word of the media document is a crime, none of the official one: the residuals are far beyond ±1.96.
CONTRAST = [("a.txt", "media", "Қылмыс. " * 6 + "\n"),
            ("b.txt", "official", "The weather was mild and the market opened early today. " * 4 + "\n")]


def band_columns(ws, band_row: int) -> dict[tuple[str, str], int]:
    """(band title, header caption) → column, from a band row and the header row below it."""
    columns, band = {}, None
    for cell in ws[band_row + 1]:
        above = ws.cell(row=band_row, column=cell.column).value
        band = above if above is not None else band
        if cell.value is not None:
            columns[(band, cell.value)] = cell.column
    return columns


def rows_below(ws, title: str) -> int:
    """The row of a block's title in column A."""
    return next(c.row for c in ws["A"] if c.value == title)


def test_comparison_equals_coding_stats_compare(workbook: openpyxl.Workbook, run_dir: Path) -> None:
    comparison = compare_groups(read_run(run_dir), "source_type")
    ws = workbook["Comparison"]
    assert ws.freeze_panes == "C6" and ws.print_title_rows == "$4:$5"
    assert ws["A2"].value == caption("note_p_values", "kk")
    columns = band_columns(ws, 4)
    rows = {ws.cell(row=r, column=1).value: r for r in range(6, 6 + len(LABELS_KK))}
    assert list(rows) == list(LABELS_KK)
    assert [ws.cell(row=r, column=2).value for r in rows.values()] == list(LABELS_KK.values())
    for record in comparison.frequencies.to_dict("records"):
        row, group = rows[record["code"]], record["source_type"]

        def value(key: str, band: str = group, row: int = row):
            return ws.cell(row=row, column=columns[(band, caption(key, "kk"))])

        assert value("occurrences").value == record["occurrences"]
        assert value("per_1000_words").value == record["per_1000_words"]
        assert value("adjusted_residual").value == record["adjusted_residual"]
        assert value("adjusted_residual").number_format == "+0.00;-0.00;0.00"
        assert value("residual_mark").value is None and record["use"] == ""
    test_band = caption("chi_square_test", "kk")
    tests = comparison.tests.set_index("code")
    for code, row in rows.items():
        cell = {key: ws.cell(row=row, column=columns[(test_band, caption(key, "kk"))])
                for key in ("test", "chi2", "dof", "p_value", "cramers_v", "min_expected", "note")}
        assert [cell[k].value for k in ("chi2", "dof", "cramers_v", "min_expected")] == \
            [tests.loc[code, k] for k in ("chi2", "dof", "cramers_v", "min_expected")]
        # p-values are unrounded: the file keeps 15 significant digits.
        assert cell["p_value"].value == pytest.approx(tests.loc[code, "p_value"], rel=1e-13)
        # Every code of the small run has an expected count below 5 in a 2 × 2 table.
        assert tests.loc[code, "test"] == "fisher" and cell["test"].value == caption("test_fisher", "kk")
        assert cell["note"].value == caption("note_fisher", "kk")
        assert cell["p_value"].number_format == '[<0.0001]"<0.0001";0.0000'
    words = comparison.frequencies.groupby("source_type")["words"].max()
    total = 6 + len(LABELS_KK)
    assert ws.cell(row=total, column=2).value == caption("words", "kk")
    assert [ws.cell(row=total, column=columns[(g, caption("occurrences", "kk"))]).value
            for g in ("media", "official")] == [words["media"], words["official"]]
    top = rows_below(ws, caption("source_type_by_tone", "kk"))
    assert [c.value for c in ws[top + 2]][2:6] == [*(caption(t, "kk") for t in TONES), caption("units", "kk")]
    for offset, record in enumerate(comparison.tone.to_dict("records"), start=3):
        values = [c.value for c in ws[top + offset]]
        assert values[0] == record["source_type"] and values[2:6] == [record[t] for t in (*TONES, "units")]
        assert values[6:9] == pytest.approx([record[f"pct_{t}"] / 100 for t in TONES], abs=5e-5)
    tone_test = rows_below(ws, caption("tone_test", "kk"))
    pairs = {ws.cell(row=r, column=1).value: ws.cell(row=r, column=2).value for r in range(tone_test + 1,
                                                                                       tone_test + 8)}
    assert pairs[caption("chi2", "kk")] == tests.loc["(tone)", "chi2"]
    assert pairs[caption("p_value", "kk")] == pytest.approx(tests.loc["(tone)", "p_value"], rel=1e-13)
    assert pairs[caption("cramers_v", "kk")] == tests.loc["(tone)", "cramers_v"]
    assert pairs[caption("note", "kk")] == caption("note_unreliable", "kk")  # 2 × 3 with small counts


def test_cooccurrence_equals_coding_stats_cooccur(workbook: openpyxl.Workbook, run_dir: Path) -> None:
    result = cooccurrence(read_run(run_dir))
    ws = workbook["Co-occurrence"]
    assert ws.freeze_panes == "C6"
    assert ws["A3"].value == f"Бірлік түрі: сөйлем · Кодталған бірліктер: {result.units}"
    columns = band_columns(ws, 4)
    rows = {ws.cell(row=r, column=1).value: r for r in range(6, 6 + len(LABELS_KK))}
    assert list(rows) == list(LABELS_KK)
    for band, matrix in ((caption("cooccurrence_counts", "kk"), result.counts),
                         (caption("jaccard", "kk"), result.jaccard)):
        for a, row in rows.items():
            assert [ws.cell(row=row, column=columns[(band, LABELS_KK[b])]).value for b in LABELS_KK] == \
                list(matrix.loc[a, list(LABELS_KK)])
    assert ws.cell(row=rows["child"], column=columns[(caption("cooccurrence_counts", "kk"), "Бала")]).value == 7
    # Both matrices are heat maps without their diagonals (C6, D7, … and G6, H7, …).
    ranges = [str(rule.sqref) for rule in ws.conditional_formatting]
    assert ranges == ["C7:C9 D6 D8:D9 E6:E7 E9 F6:F8", "G7:G9 H6 H8:H9 I6:I7 I9 J6:J8"]
    top = rows_below(ws, caption("cooccurring_pairs", "kk"))
    listed = [tuple(c.value for c in ws[row][:6]) for row in range(top + 3, ws.max_row + 1)]
    linked = result.pairs[result.pairs["units"] > 0]
    assert listed == [(LABELS_KK[p.code_a], LABELS_KK[p.code_b], p.units, p.units_a, p.units_b, p.jaccard)
                      for p in linked.itertuples(index=False)]
    assert listed[0] == ("Бала саудасы", "Бала", 5, 5, 7, 0.7143)


def test_statistics_sheets_only_when_the_data_allow(tmp_path: Path) -> None:
    run = tiny_run(tmp_path / "one", ONE_SOURCE_TYPE)
    sheets = write_workbook(load_results(run), tmp_path / "one.xlsx")
    assert "Comparison" not in sheets and "Co-occurrence" not in sheets
    run = tiny_run(tmp_path / "contrast", CONTRAST)
    path = tmp_path / "contrast.xlsx"
    sheets = write_workbook(load_results(run), path, label_lang="en")
    assert "Comparison" in sheets and "Co-occurrence" not in sheets  # one code found: nothing co-occurs
    ws = openpyxl.load_workbook(path)["Comparison"]
    columns = band_columns(ws, 4)
    comparison = compare_groups(read_run(run), "source_type")
    crime = next(r for r in range(6, 10) if ws.cell(row=r, column=1).value == "crime")
    for record in comparison.frequencies[comparison.frequencies["code"] == "crime"].to_dict("records"):
        residual = ws.cell(row=crime, column=columns[(record["source_type"], "Adjusted residual")])
        mark = ws.cell(row=crime, column=columns[(record["source_type"], "Over / under")])
        assert residual.value == record["adjusted_residual"]
        assert mark.value == {"over": "▲ over", "under": "▼ under"}[record["use"]]
        assert residual.fill.fgColor.rgb == mark.fill.fgColor.rgb != "00000000"
    assert [ws.cell(row=crime, column=columns[(s, "Adjusted residual")]).value > 0 for s in ("media", "official")] \
        == [True, False]
    test = comparison.tests.set_index("code").loc["crime"]
    p_value = ws.cell(row=crime, column=columns[("Chi-square test", "p-value")]).value
    assert p_value == pytest.approx(test["p_value"], rel=1e-13) and p_value < 0.001 and test["test"] == "fisher"
    absent = next(r for r in range(6, 10) if ws.cell(row=r, column=1).value == "protection")
    assert ws.cell(row=absent, column=columns[("Chi-square test", "Note")]).value == "the code does not occur"
    assert ws.cell(row=absent, column=columns[("Chi-square test", "p-value")]).value is None

def test_labels_follow_label_lang(run_dir: Path, tmp_path: Path) -> None:
    path = tmp_path / "ru.xlsx"
    write_workbook(load_results(run_dir), path, label_lang="ru")
    wb = openpyxl.load_workbook(path)
    check_frequencies(wb, run_dir, "ru")
    assert wb["Frequencies"]["B3"].value == "Торговля детьми"
    assert wb["Frequencies"].cell(row=1, column=4).value == "Всего"
    assert chart_title(wb["Charts"]._charts[1]) == "Тональность закодированных единиц"


def test_a_workbook_is_never_written_into_the_corpus(run_dir: Path, tmp_path: Path) -> None:
    results = load_results(run_dir)
    with pytest.raises(OutputError, match="never written to"):
        write_workbook(results, results.corpus_root / "results.xlsx")
    with pytest.raises(InputError, match="name the file .xlsx"):
        write_workbook(results, tmp_path / "results.xls")
    assert not list(results.corpus_root.rglob("*.xlsx"))


def test_a_run_without_manifest_dates_or_matches(tmp_path: Path) -> None:
    corpus = tmp_path / "bare"
    corpus.mkdir()
    (corpus / "a.txt").write_text("Бұл мәтінде ештеңе жоқ.\n", encoding="utf-8")
    (corpus / "b.txt").write_text("Торговля детьми — преступление.\n", encoding="utf-8")
    book = EXPORT_CODEBOOK_YAML.split("directions:")[0]  # codes only: no directions, no tone
    run_dir = make_run(corpus, book, tmp_path / "results")
    path = tmp_path / "bare.xlsx"
    sheets = write_workbook(load_results(run_dir), path)
    # No manifest, so no source types to compare; b.txt has two codes in one sentence.
    assert sheets == ["Summary", "Frequencies", "By document", "Co-occurrence", "Segments", "Codebook", "Charts"]
    wb = openpyxl.load_workbook(path)
    check_frequencies(wb, run_dir, "kk")
    assert wb["Frequencies"].cell(row=1, column=8).value == "(жоқ)"  # no source types without a manifest
    assert len(wb["Charts"]._charts) == 1
    (tmp_path / "folder.xlsx").mkdir()
    with pytest.raises(OutputError, match="is a folder"):
        write_workbook(load_results(run_dir), tmp_path / "folder.xlsx")


def test_cli_export(runner, run_dir: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = runner.invoke(cli, ["export", str(run_dir), "--xlsx", str(out / "r.xlsx"), "--charts",
                                 str(out / "charts"), "--format", "svg", "--html", str(out / "r.html"),
                                 "--label-lang", "en"])
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == [
        f"Workbook: {out / 'r.xlsx'} (11 sheets: {', '.join(SHEETS)})",
        f"Charts: 3 files in {out / 'charts'}/ "
        "(frequencies_by_source_type, frequencies_by_year, tone_by_code)",
        f"HTML report: {out / 'r.html'} (4 documents, 17 highlighted segments)",
    ]
    assert openpyxl.load_workbook(out / "r.xlsx")["Frequencies"]["B3"].value == "Child trafficking"


def test_cli_errors(runner, tmp_path: Path, run_dir: Path) -> None:
    result = runner.invoke(cli, ["export", str(run_dir)])
    assert result.exit_code == 2
    assert result.stderr == ("Error: nothing to export; "
                             "add --xlsx FILE.xlsx, --charts DIR, --html FILE.html and/or --qdpx FILE.qdpx\n")
    result = runner.invoke(cli, ["export", str(tmp_path / "none"), "--xlsx", str(tmp_path / "x.xlsx")])
    assert result.exit_code == 2
    assert result.stderr.startswith(f"Error: {tmp_path / 'none'}: is not a run folder")
    result = runner.invoke(cli, ["export", "--help"])
    assert result.exit_code == 0 and "Example:" in result.output and "--label-lang" in result.output


@pytest.fixture(scope="module")
def sample_run(tmp_path_factory: pytest.TempPathFactory) -> Path:
    corpus, book = REPO / "corpus", REPO / "codebooks" / "child_trafficking.yaml"
    if not corpus.is_dir() or not book.is_file():
        pytest.skip("the sample corpus or codebook is absent")
    out = tmp_path_factory.mktemp("sample") / "run"
    code_corpus(corpus, load_codebook(book), "sentence", out=out)
    return out


def test_sample_corpus_exports(runner, sample_run: Path, tmp_path: Path) -> None:
    out = tmp_path / "exports"
    result = runner.invoke(cli, ["export", str(sample_run), "--xlsx", str(out / "results.xlsx"), "--charts",
                                 str(out / "charts"), "--format", "svg", "--html",
                                 str(out / "report.html")])
    assert result.exit_code == 0, result.output
    wb = openpyxl.load_workbook(out / "results.xlsx")
    assert wb.sheetnames == list(SHEETS)
    check_frequencies(wb, sample_run, "kk")
    segments = read(sample_run, "segments.csv")
    assert wb["Segments"].max_row == len(segments) + 1
    frequencies = read(sample_run, "frequencies.csv")
    bars = wb["Charts"]._charts[0]
    assert cells(wb, bars.series[0].cat.strRef.f) == [load_results(sample_run).label(c, "kk")
                                                      for c in frequencies["code"]]
    assert len(list((out / "charts").glob("*.svg"))) == 3
    html = (out / "report.html").read_text(encoding="utf-8")
    assert html.count('<mark class="seg"') >= len(segments)


def _office() -> str | None:
    return shutil.which("libreoffice") or shutil.which("soffice")


@pytest.mark.real_program("libreoffice")
@pytest.mark.skipif(_office() is None, reason="LibreOffice (libreoffice/soffice) is not installed")
def test_workbook_survives_libreoffice(workbook_path: Path, run_dir: Path, tmp_path: Path) -> None:
    source = workbook_path
    office = [_office(), f"-env:UserInstallation=file://{tmp_path / 'lo-profile'}", "--headless"]
    saved = tmp_path / "saved"
    subprocess.run([*office, "--convert-to", "xlsx", "--outdir", str(saved), str(source)], check=True,
                   capture_output=True, timeout=180)
    reopened = openpyxl.load_workbook(saved / "results.xlsx")
    assert reopened.sheetnames == list(SHEETS)
    check_frequencies(reopened, run_dir, "kk")
    assert len(reopened["Charts"]._charts) == 3
    # The Charts sheet as a picture: one PDF page per sheet, the last page is Charts.
    pdf_filter = 'pdf:calc_pdf_Export:{"SinglePageSheets":{"type":"boolean","value":"true"}}'
    subprocess.run([*office, "--convert-to", pdf_filter, "--outdir", str(tmp_path / "pdf"), str(source)],
                   check=True, capture_output=True, timeout=180)
    pdf = tmp_path / "pdf" / "results.pdf"
    assert pdf.is_file()
    if shutil.which("pdftoppm"):
        pages = len(SHEETS)
        subprocess.run(["pdftoppm", "-f", str(pages), "-l", str(pages), "-r", "110", "-png", "-singlefile",
                        str(pdf), str(tmp_path / "charts_sheet")], check=True, timeout=120)
        assert (tmp_path / "charts_sheet.png").stat().st_size > 10_000


def sheet_values(path: Path) -> dict[str, list[tuple]]:
    wb = openpyxl.load_workbook(path)
    return {ws.title: [tuple(row) for row in ws.iter_rows(values_only=True)] for ws in wb.worksheets}


@pytest.mark.parametrize("chunk_rows", [1, 3])
def test_chunks_give_the_same_workbook(run_dir: Path, workbook_path: Path, tmp_path: Path,
                                       monkeypatch: pytest.MonkeyPatch, chunk_rows: int) -> None:
    monkeypatch.setattr("coding.results.CHUNK_ROWS", chunk_rows)
    monkeypatch.setattr("coding.exports.xlsx.CHUNK_ROWS", chunk_rows)
    path = tmp_path / "chunked.xlsx"
    write_workbook(load_results(run_dir), path)
    assert sheet_values(path) == sheet_values(workbook_path)


def test_the_segments_sheet_is_cut_at_the_row_limit(run_dir: Path, tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("coding.exports.xlsx.MAX_SHEET_ROWS", 10)
    monkeypatch.setattr("coding.results.CHUNK_ROWS", 4)
    path = tmp_path / "cut.xlsx"
    write_workbook(load_results(run_dir), path, label_lang="en")
    wb = openpyxl.load_workbook(path)
    ws = wb["Segments"]
    segments = read(run_dir, "segments.csv")  # 17 rows: 8 fit below the note and the header
    assert ws.max_row == 10
    note = (f"Segments: Only the first 8 of 17 rows are on this sheet: 9 rows are left out, as a sheet holds at "
            f"most 10 rows. The full list is segments.csv in the run folder ({run_dir}).")
    assert ws["A1"].value == note and ws["A1"].font.b
    keys = header_keys(ws, 2, "en", {code: load_results(run_dir).label(code, "en") for code in LABELS_KK})
    assert keys[1] == "doc_id"
    column = {key: number for number, key in keys.items()}
    assert [ws.cell(row=r, column=column["unit_id"]).value for r in range(3, 11)] == list(segments["unit_id"][:8])
    assert [ws.cell(row=r, column=column["start"]).value for r in range(3, 11)] == list(segments["start"][:8])
    assert ws.freeze_panes == "A3" and ws.auto_filter.ref.startswith("A2:") and ws.auto_filter.ref.endswith("10")
    assert ws.print_title_rows == "$2:$2"
    assert note in [c.value for c in wb["Summary"]["A"]]
    assert wb["By document"].max_row == 5 and wb["By document"]["A1"].value == "Document"  # 4 documents fit


def test_the_documents_sheet_is_cut_too(run_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("coding.exports.xlsx.MAX_SHEET_ROWS", 4)
    path = tmp_path / "cut.xlsx"
    write_workbook(load_results(run_dir), path, label_lang="ru")
    ws = openpyxl.load_workbook(path)["By document"]
    assert ws.max_row == 4 and ws.freeze_panes == "C3"
    assert ws["A1"].value.startswith("By document: На листе только первые 2 из 4 строк: 2 строк не вошли")
    assert "documents.csv" in ws["A1"].value
    assert [ws.cell(row=r, column=1).value for r in (3, 4)] == list(read(run_dir, "documents.csv")["doc_id"][:2])
