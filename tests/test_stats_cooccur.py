from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import load_workbook

from coding.cli import cli
from coding.cli_stats import stats
from coding.errors import InputError
from coding.stats import (
    cooccurrence,
    cooccurrence_charts,
    read_run,
    unit_presence,
    write_cooccurrence_workbook,
    write_tables,
)
from tests.test_stats_compare import doc, make_run

cli.add_command(stats)
CODES = ("a", "b", "c")

# A sentence run by hand; 'news:3' checks that a doc_id holding ':' stays whole.
#   unit          a  b  c
#   d1:1:1        1  1  0
#   d1:1:2        0  1  0
#   d1:2:1        2  0  1
#   d2:1:1        0  1  1
#   d2:1:2        1  0  0
#   d2:3:1        0  0  1
#   news:3:1:1    1  1  0
SENTENCES = [
    ("d1", "d1:1:1", 1, 1, 0), ("d1", "d1:1:2", 0, 1, 0), ("d1", "d1:2:1", 2, 0, 1),
    ("d2", "d2:1:1", 0, 1, 1), ("d2", "d2:1:2", 1, 0, 0), ("d2", "d2:3:1", 0, 0, 1),
    ("news:3", "news:3:1:1", 1, 1, 0),
]
# Hand-counted, per unit level: units with each code (diagonal), with both codes, and Jaccard = both / union.
EXPECTED = [
    # unit, units (a, b, c), both (ab, ac, bc), jaccard (ab, ac, bc)
    # a in d1:1:1 d1:2:1 d2:1:2 news:3:1:1; b in d1:1:1 d1:1:2 d2:1:1 news:3:1:1; c in d1:2:1 d2:1:1 d2:3:1
    ("sentence", (4, 4, 3), (2, 1, 1), (2 / 6, 1 / 6, 1 / 6)),
    # d1:1 {a, b}, d1:2 {a, c}, d2:1 {a, b, c}, d2:3 {c}, news:3:1 {a, b}
    ("paragraph", (4, 3, 3), (3, 2, 1), (3 / 4, 2 / 5, 1 / 5)),
    # d1 {a, b, c}, d2 {a, b, c}, news:3 {a, b}
    ("document", (3, 3, 2), (3, 2, 2), (3 / 3, 2 / 3, 2 / 3)),
]


@pytest.fixture
def sentence_run(tmp_path: Path) -> Path:
    units = [{"doc_id": d, "unit_id": u, "words": 5, "a": a, "b": b, "c": c} for d, u, a, b, c in SENTENCES]
    documents = [doc("d1", "media", 30, 3), doc("d2", "media", 30, 4), doc("news:3", "official", 10, 1)]
    return make_run(tmp_path / "run", "sentence", documents, units, codes=CODES,
                    labels={"a": "Бала саудасы", "b": "Қылмыс", "c": "Қорғау"})


@pytest.mark.parametrize(("unit", "units", "both", "jaccard"), EXPECTED)
def test_counts_and_jaccard(sentence_run: Path, unit: str, units, both, jaccard) -> None:
    result = cooccurrence(read_run(sentence_run), unit)  # type: ignore[arg-type]
    counts, similarity = result.counts, result.jaccard
    assert [counts.loc[c, c] for c in CODES] == list(units)
    assert [counts.loc["a", "b"], counts.loc["a", "c"], counts.loc["b", "c"]] == list(both)
    assert (counts.to_numpy() == counts.to_numpy().T).all()
    assert [similarity.loc["a", "b"], similarity.loc["a", "c"], similarity.loc["b", "c"]] == \
        pytest.approx(jaccard, abs=1e-4)
    assert result.pairs.iloc[0][["code_a", "code_b"]].tolist() == ["a", "b"]


def test_aggregated_unit_ids(sentence_run: Path) -> None:
    run = read_run(sentence_run)
    assert unit_presence(run, "paragraph").index.tolist() == ["d1:1", "d1:2", "d2:1", "d2:3", "news:3:1"]
    presence = unit_presence(run, "document")
    assert presence.index.tolist() == ["d1", "d2", "news:3"] and presence.loc["d1"].tolist() == [3, 2, 1]
    assert cooccurrence(run, "document").codes["occurrences"].tolist() == [5, 4, 3]


def test_finer_unit_than_the_run_is_an_error(tmp_path: Path) -> None:
    run = make_run(tmp_path / "run", "paragraph", [doc("d1", "media", 10, 1)],
                   [{"doc_id": "d1", "unit_id": "d1:1", "words": 10, "a": 1}], codes=CODES)
    with pytest.raises(InputError) as caught:
        cooccurrence(read_run(run), "sentence")
    assert str(caught.value) == (
        f"{run}: the run was coded by paragraph, so it cannot be counted by sentence; re-run "
        "'coding code CORPUS --codebook FILE --unit sentence --out RUN_DIR', or use --unit paragraph or a "
        "coarser unit")


def test_outputs(sentence_run: Path, tmp_path: Path) -> None:
    result = cooccurrence(read_run(sentence_run), "paragraph")
    written = write_tables(result.tables(), tmp_path / "out")
    assert [p.name for p in written] == ["cooccurrence_paragraph.csv", "jaccard_paragraph.csv",
                                         "cooccurrence_pairs_paragraph.csv"]
    assert written[0].read_text(encoding="utf-8-sig").splitlines()[:2] == ["code,a,b,c", "a,4,3,2"]
    book = load_workbook(write_cooccurrence_workbook(result, tmp_path / "co.xlsx"))
    assert book.sheetnames == ["cooccurrence", "jaccard", "pairs", "all_pairs", "codes"]
    assert list(book["jaccard"].iter_rows(min_row=2, max_row=2, values_only=True))[0] == ("a", 1.0, 0.75, 0.4)
    # The diagonal is left out of the colour scale.
    (heat,) = list(book["cooccurrence"].conditional_formatting)
    assert str(heat.sqref) == "B3:B4 C2 C4 D2:D3"
    (chart,) = book["pairs"]._charts
    assert chart.tagname == "barChart" and chart.series[0].val.numRef.f == "'pairs'!$B$2:$B$4"
    for fmt, magic in (("png", b"\x89PNG"), ("svg", b"<?xml")):
        paths = cooccurrence_charts(result, tmp_path / "charts", fmt)  # type: ignore[arg-type]
        assert [p.name for p in paths] == [f"cooccurrence_heatmap_paragraph.{fmt}",
                                           f"cooccurrence_network_paragraph.{fmt}"]
        assert all(p.read_bytes().startswith(magic) for p in paths)


def test_cli_cooccur(runner, sentence_run: Path, tmp_path: Path) -> None:
    result = runner.invoke(cli, ["stats", "cooccur", str(sentence_run), "--unit", "paragraph",
                                 "--charts", str(tmp_path / "charts"), "--format", "svg"])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert [line.split() for line in lines[:4]] == [["code", "a", "b", "c"], ["a", "4", "3", "2"],
                                                    ["b", "3", "3", "1"], ["c", "2", "1", "3"]]
    assert f"Wrote {tmp_path / 'charts' / 'cooccurrence_network_paragraph.svg'}" in lines
    assert lines[-1] == ("5 coded paragraph units (the run's sentence units combined), 3 codes; "
                         "3 pairs co-occur, most often a + b (3 units, Jaccard 0.75).")


def test_cli_cooccur_on_a_real_run(runner, small_corpus: Path, codebook_file: Path, tmp_path: Path) -> None:
    """A run written by 'coding code' itself, counted by paragraph, agrees with a paragraph run."""
    for unit in ("sentence", "paragraph"):
        args = ["code", str(small_corpus), "--codebook", str(codebook_file), "--unit", unit,
                "--out", str(tmp_path / unit)]
        assert runner.invoke(cli, args).exit_code == 0
    by_sentence = cooccurrence(read_run(tmp_path / "sentence"), "paragraph")
    by_paragraph = cooccurrence(read_run(tmp_path / "paragraph"))
    assert by_sentence.counts.equals(by_paragraph.counts)
    # 'Бала саудасы — ауыр қылмыс.' and 'Child trafficking remains a serious crime.'
    assert by_sentence.counts.loc["child_trafficking", "crime"] == 2
    result = runner.invoke(cli, ["stats", "compare", str(tmp_path / "sentence"), "--by", "lang"])
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[-1].startswith("Compared 3 groups of lang (en, kk, ru) on 3 codes")


@pytest.mark.parametrize("chunk_rows", [1, 2, 3])
@pytest.mark.parametrize("unit", ["sentence", "paragraph", "document"])
def test_chunks_of_units_csv_give_the_same_counts(sentence_run: Path, monkeypatch: pytest.MonkeyPatch,
                                                  chunk_rows: int, unit: str) -> None:
    whole = cooccurrence(read_run(sentence_run), unit)  # type: ignore[arg-type]
    presence = unit_presence(read_run(sentence_run), unit)  # type: ignore[arg-type]
    monkeypatch.setattr("coding.results.CHUNK_ROWS", chunk_rows)
    chunked = cooccurrence(read_run(sentence_run), unit)  # type: ignore[arg-type]
    assert chunked.counts.equals(whole.counts) and chunked.jaccard.equals(whole.jaccard)
    assert chunked.pairs.equals(whole.pairs) and chunked.codes.equals(whole.codes) and chunked.units == whole.units
    assert unit_presence(read_run(sentence_run), unit).equals(presence)  # type: ignore[arg-type]


@pytest.mark.parametrize("chunk_rows", [1, 2, 50])
def test_units_of_a_paragraph_apart_are_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                chunk_rows: int) -> None:
    # Counting by paragraph combines consecutive rows: a paragraph whose rows are apart would count twice.
    rows = [("d1", "d1:1:1", 1, 0, 0), ("d1", "d1:2:1", 0, 1, 0), ("d1", "d1:1:2", 0, 0, 1)]
    units = [{"doc_id": d, "unit_id": u, "words": 5, "a": a, "b": b, "c": c} for d, u, a, b, c in rows]
    run = make_run(tmp_path / "run", "sentence", [doc("d1", "media", 15, 3)], units, codes=CODES)
    monkeypatch.setattr("coding.results.CHUNK_ROWS", chunk_rows)
    assert cooccurrence(read_run(run), "sentence").units == 3  # the run's own unit needs no order
    with pytest.raises(InputError, match="units.csv is not in text order"):
        cooccurrence(read_run(run), "paragraph")
