"""codebook check --corpus: what each term does in a corpus whose every hit is known."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from openpyxl import load_workbook

from coding.cli import cli
from coding.codebook import parse_codebook
from coding.corpus import open_corpus
from coding.diagnostics import form_groups, other_readings, report_rows, term_report
from coding.terms import parse_term

TEXT = (
    "Бала саудасы — ауыр қылмыс. Балалар саудасына қарсы күрес күшейді. Биыл жылы күн болды.\n\n"
    "Өткен жылы бала саудасы азайды. Құқық қорғау органдары жұмыс істейді.\n"
)

BOOK = """\
codebook: Diagnostics
languages: [kk]
codes:
  - id: trafficking
    terms:
      kk: [бала саудасы, сауда, балалар саудасы, ұрлау]
    exclude:
      kk: ["=адам =саудасы"]
  - id: protection
    terms:
      kk: [қорғау]
    exclude:
      kk: ["=құқық =қорғау"]
  - id: time
    terms:
      kk: [жыл]
  - id: crime
    terms:
      kk: [бала саудасы]
"""


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    root = tmp_path / "corpus"
    root.mkdir()
    (root / "kk.txt").write_text(TEXT, encoding="utf-8")
    (root / "other.txt").write_text("Қылмыс туралы заң қабылданды.\n", encoding="utf-8")
    return root


@pytest.fixture
def book_file(tmp_path: Path) -> Path:
    path = tmp_path / "book.yaml"
    path.write_text(BOOK, encoding="utf-8")
    return path


def _rows(corpus: Path) -> dict[tuple[str, str, str], dict]:
    report = term_report(open_corpus(corpus), parse_codebook(BOOK), cache=None)
    assert (report.documents, report.units) == (2, 6)
    return {(row["code"], row["role"], row["term"]): row for row in report_rows(report)}


def test_hits_documents_units_and_forms(corpus: Path) -> None:
    row = _rows(corpus)[("trafficking", "term", "бала саудасы")]
    assert (row["status"], row["hits"], row["documents"], row["units"]) == ("ok", 3, 1, 3)
    assert row["forms"] == "бала саудасы 2; балалар саудасына 1"
    assert row["examples"].startswith("[Бала саудасы] — ауыр қылмыс")


STATUSES = [
    (("trafficking", "term", "сауда"), "shadowed", "always inside: 'бала саудасы'"),
    (("trafficking", "term", "балалар саудасы"), "shadowed", "like 'бала саудасы' before it in this code"),
    (("trafficking", "term", "ұрлау"), "no hit", ""),
    (("trafficking", "exclude", "=адам =саудасы"), "never fires", ""),
    (("protection", "exclude", "=құқық =қорғау"), "fires", ""),
    (("protection", "term", "қорғау"), "always excluded", ""),
    (("time", "term", "жыл"), "over-broad", "may also be 'жылы': жылы 2"),
    (("crime", "term", "бала саудасы"), "ok", "also a term of trafficking"),
]


@pytest.mark.parametrize(("key", "status", "note"), STATUSES)
def test_statuses(corpus: Path, key: tuple[str, str, str], status: str, note: str) -> None:
    row = _rows(corpus)[key]
    assert row["status"] == status
    assert note in row["notes"]


def test_lost_matches_are_counted_by_cause(corpus: Path) -> None:
    rows = _rows(corpus)
    assert rows[("trafficking", "term", "сауда")]["matched_alone"] == 3
    assert rows[("trafficking", "term", "сауда")]["lost_to_other_terms"] == 3
    assert rows[("protection", "term", "қорғау")]["lost_to_exclusions"] == 1
    assert rows[("protection", "exclude", "=құқық =қорғау")]["hits"] == 1


def test_an_exclusion_of_the_other_reading_makes_a_term_ok(corpus: Path) -> None:
    book = parse_codebook(BOOK.replace("      kk: [жыл]", "      kk: [жыл]\n    exclude:\n      kk: [\"=жылы =күн\"]"))
    rows = {(r["code"], r["term"]): r for r in report_rows(term_report(open_corpus(corpus), book))}
    assert rows[("time", "жыл")]["status"] == "over-broad"  # өткен жылы 'last year' still has the reading
    assert "жылы 1" in rows[("time", "жыл")]["notes"]
    assert rows[("time", "=жылы =күн")]["status"] == "fires"


def test_a_reading_the_term_itself_has_is_not_over_broad() -> None:
    # 'trafficking' is also a form of 'traffic', and so is the term's own word: the author chose it.
    assert other_readings(parse_term("trafficking", "en"), Counter({"trafficking": 4})) == {}
    assert other_readings(parse_term("жыл", "kk"), Counter({"жылдары": 1})) == {}
    # A passive is the same verb (the analyzer keys сайланды to сайла and keeps сайлан second).
    assert other_readings(parse_term("сайлау", "kk"), Counter({"сайланды": 2})) == {}


def test_cli_prints_problems_and_writes_the_table(runner, corpus: Path, book_file: Path, tmp_path: Path) -> None:
    out = tmp_path / "terms.xlsx"
    result = runner.invoke(cli, ["codebook", "check", str(book_file), "--corpus", str(corpus), "--out", str(out),
                                 "--no-cache"])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[1] == f"In {corpus}: 2 documents, 6 sentence units; 3 of 7 terms count for their code."
    assert "trafficking (kk) term 'ұрлау': no hit in the corpus" in lines
    assert "trafficking (kk) exclude '=адам =саудасы': never drops a match of the code" in lines
    assert "crime (kk) term 'бала саудасы': also a term of trafficking (allowed; a unit then counts for both)" in lines
    sheet = load_workbook(out)["terms"]
    header = [cell.value for cell in sheet[1]]
    first = dict(zip(header, [cell.value for cell in sheet[2]], strict=True))
    assert (first["term"], first["hits"], first["units"], first["status"]) == ("бала саудасы", 3, 3, "ok")
    assert sheet.max_row == 1 + 9


def test_out_without_corpus_is_one_clear_line(runner, book_file: Path, tmp_path: Path) -> None:
    result = runner.invoke(cli, ["codebook", "check", str(book_file), "--out", str(tmp_path / "t.csv")])
    assert result.exit_code == 2
    assert result.stderr == "Error: --out writes the per-term table of --corpus; add --corpus DIR, or drop --out\n"


def test_out_inside_the_corpus_is_refused(runner, corpus: Path, book_file: Path) -> None:
    result = runner.invoke(cli, ["codebook", "check", str(book_file), "--corpus", str(corpus), "--out",
                                 str(corpus / "t.csv")])
    assert result.exit_code == 2 and "is inside the corpus folder" in result.stderr
    assert not (corpus / "t.csv").exists()


def test_a_key_that_is_both_a_noun_and_a_verb_is_over_broad_by_its_form_groups(tmp_path: Path) -> None:
    """жаз is 'summer' and 'write': a noun term that catches verb forms says so, with the verb's forms."""
    root = tmp_path / "corpus"
    root.mkdir()
    (root / "kk.txt").write_text("Жазда балалар демалды. Ол хат жазған. Жаздың соңы жақын.\n", encoding="utf-8")
    book = parse_codebook("codebook: t\nlanguages: [kk]\ncodes:\n  - id: season\n    terms: {kk: [жаз]}\n")
    row = report_rows(term_report(open_corpus(root), book))[0]
    assert row["status"] == "over-broad"
    assert "may also be 'жаз (verb)': жазған 1" in row["notes"]
    assert form_groups(parse_term("жазу", "kk"), Counter({"жазды": 3, "жазған": 2, "жазда": 1})) == {
        "жаз (noun)": Counter({"жазда": 1})}
    assert form_groups(parse_term("бала", "kk"), Counter({"балалар": 2})) == {}  # not a verb
