"""The review round trip: export a workbook, fill it in, import it into review.sqlite, compute agreement."""

from __future__ import annotations

import shutil
import sqlite3
import zipfile
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook
from openpyxl.cell.rich_text import CellRichText, TextBlock

from coding.cli import cli, codebook
from coding.cli_review import agree, codebook_export, codebook_import, review
from coding.errors import InputError, OutputError
from coding.records import Unit
from coding.review import agreement_variables, export_review, import_reviews
from coding.review.sample import NO_MATCH, MachineCoding, Population, draw_sample, sample_units
from coding.review.store import DATABASE
from tests.conftest import CODEBOOK_YAML

cli.add_command(review)
cli.add_command(agree)
codebook.add_command(codebook_export)
codebook.add_command(codebook_import)

REVIEW_CODEBOOK = CODEBOOK_YAML + """\
directions:
  - id: legal
    label: {kk: Құқықтық, ru: Правовое, en: Legal}
    terms:
      kk: [сот, кодекс]
      en: [court]
  - id: social
    terms:
      en: [weather]
tone:
  positive: {en: [fine], kk: [жақсы]}
  negative: {en: [serious], kk: [ауыр]}
  negators: {en: [not], kk: [емес]}
"""
HEADER = ["unit_id", "doc_id", "lang", "text", "machine_codes", "child_trafficking", "crime", "protection", "tone",
          "direction_1", "direction_2", "comment", "checksum"]
UNITS = ["en1:1:1", "en1:1:2", "en1:1:3", "kk1:1:1", "kk1:2:1", "kk1:2:2", "kk1:3:1"]


def make_run(base: Path) -> Path:
    """Code a two-document corpus (7 sentences, 5 with a match, a manifest) into ``base/run``."""
    from coding.codebook import load_codebook
    from coding.runs import code_corpus

    root = base / "corpus"
    root.mkdir()
    (root / "kk1.txt").write_text(
        "Бала саудасы — ауыр қылмыс.\n\nБалалар саудасына қарсы күрес күшейді. Қылмыстық кодекстің 135-бабы бар.\n\n"
        "Құқық қорғау органдары балалардың құқықтарын қорғау үшін жұмыс істейді.\n", encoding="utf-8")
    (root / "en1.txt").write_text("Child trafficking remains a serious crime. Victims of trafficking need protection "
                                  "in court. The weather was fine.\n", encoding="utf-8")
    (root / "manifest.csv").write_text("file,source_type,date\nkk1.txt,media,2020-01-01\nen1.txt,official,2021\n",
                                       encoding="utf-8")
    book = base / "codebook.yaml"
    book.write_text(REVIEW_CODEBOOK, encoding="utf-8")
    code_corpus(root, load_codebook(book), "sentence", out=base / "run")
    return base / "run"


@pytest.fixture(scope="module")
def template(tmp_path_factory) -> Path:
    """A coded run, made once per module."""
    return make_run(tmp_path_factory.mktemp("review"))


@pytest.fixture
def run(template: Path, tmp_path: Path) -> Path:
    """A fresh copy of the run (its review.sqlite starts empty); the corpus stays where run.json says."""
    return Path(shutil.copytree(template, tmp_path / "run"))


def fill(source: Path, target: Path, cells: dict[str, object], *, header: dict[str, object] | None = None) -> Path:
    """Copy a review workbook, setting cells of the Review sheet (e.g. {"G2": 0})."""
    book = load_workbook(source)
    sheet = book["Review"]
    for ref, value in {**cells, **(header or {})}.items():
        sheet[ref] = value
    book.save(target)
    return target


def counts(run: Path) -> dict[str, int]:
    with sqlite3.connect(run / DATABASE) as db:
        return {table: db.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0]
                for table in ("coders", "imports", "decisions", "tone_decisions", "direction_decisions", "comments")}


# --- export -------------------------------------------------------------------------------------------------------

def test_export_writes_every_unit_with_marks_checks_and_lists(run: Path, tmp_path: Path) -> None:
    done = export_review(run, tmp_path / "review.xlsx")
    assert (done.units, done.population) == (7, 7)
    book = load_workbook(done.path, rich_text=True)
    assert book.sheetnames == ["Instructions", "Review", "Lists"]
    sheet = book["Review"]
    assert [c.value for c in sheet[1]] == HEADER
    assert [sheet.cell(row, 1).value for row in range(2, 9)] == UNITS
    first = [c.value for c in sheet[2]]
    assert first[4:11] == ["child_trafficking (Child trafficking); crime (crime)", 1, 1, 0, "negative", "unspecified",
                           None]
    text = sheet["D2"].value
    assert isinstance(text, CellRichText) and str(text) == "Child trafficking remains a serious crime."
    marked = [part for part in text if isinstance(part, TextBlock)]
    assert [(p.text, p.font.b) for p in marked] == [("Child trafficking", True), ("crime", True)]
    assert [c.value for c in sheet[4]][3:11] == ["The weather was fine.", None, 0, 0, 0, None, None, None]
    assert sheet.column_dimensions["M"].hidden and sheet.protection.sheet
    assert sheet["F2"].protection.locked is False and sheet["D2"].protection.locked is True
    rules = {str(v.sqref): (v.type, v.formula1) for v in sheet.data_validations.dataValidation}
    assert rules == {"F2:F8 G2:G8 H2:H8": ("list", '"0,1"'), "I2:I8": ("list", '"negative,neutral,positive"'),
                     "J2:J8 K2:K8": ("list", "Lists!$A$1:$A$3")}
    assert [r[0] for r in book["Lists"].iter_rows(values_only=True)] == ["legal", "social", "unspecified"]
    assert book["Lists"].sheet_state == "hidden"
    instructions = [r[0] for r in book["Instructions"].iter_rows(values_only=True)]
    assert "How to review" in instructions and "child_trafficking" in instructions
    assert (run / DATABASE).is_file()


def test_blind_export_hides_the_machine(run: Path, tmp_path: Path) -> None:
    done = export_review(run, tmp_path / "blind.xlsx", blind=True)
    sheet = load_workbook(done.path, rich_text=True)["Review"]
    header = [c.value for c in sheet[1]]
    assert "machine_codes" not in header
    assert sheet["D2"].value == "Child trafficking remains a serious crime."
    assert [c.value for c in sheet[2]][4:10] == [None] * 6


def test_export_refuses_to_overwrite_a_review(run: Path, tmp_path: Path) -> None:
    (tmp_path / "review.xlsx").write_bytes(b"filled in")
    with pytest.raises(OutputError, match="already exists"):
        export_review(run, tmp_path / "review.xlsx")


def test_export_refuses_a_changed_corpus(run: Path, tmp_path: Path, template: Path) -> None:
    corpus = template.parent / "corpus"
    original = (corpus / "en1.txt").read_bytes()
    try:
        (corpus / "en1.txt").write_bytes(original + b"More.\n")
        with pytest.raises(InputError) as caught:
            export_review(run, tmp_path / "review.xlsx")
    finally:
        (corpus / "en1.txt").write_bytes(original)
    assert str(caught.value) == (f"{corpus}: the corpus changed since the run (1 documents); code it again with "
                                 f"'coding code {corpus} ... --out {run} --force'")
    assert [str(p) for p in caught.value.problems] == [
        f"{corpus}: document 'en1.txt' (en1) changed since the run (SHA-256)"]


# --- sampling -----------------------------------------------------------------------------------------------------

def _units(n: int) -> list[Unit]:
    return [Unit(f"d:{i}", "d" if i < 15 else "e", "sentence", 0, 1, "x", "en") for i in range(n)]


def test_stratified_sample_gives_rare_strata_all_they_have() -> None:
    units = _units(30)
    machine = {f"d:{i}": MachineCoding(counts={"a": 1}) for i in (3, 29)}
    machine.update({f"d:{i}": MachineCoding(counts={"b": 1}) for i in range(8, 28)})
    sample = sample_units(units, machine, size=9, seed=7, codes=["a", "b"])
    assert len(sample) == 9 and [s.unit.unit_id for s in sample] == sorted(
        (s.unit.unit_id for s in sample), key=lambda u: int(u.split(":")[1]))
    per = {name: sum(1 for s in sample if s.stratum == name) for name in ("a", "b", NO_MATCH)}
    assert per == {"a": 2, NO_MATCH: 4, "b": 3}
    assert sample == sample_units(units, machine, size=9, seed=7, codes=["a", "b"])
    assert sample != sample_units(units, machine, size=9, seed=8, codes=["a", "b"])
    by_doc = sample_units(units, machine, size=6, seed=1, by="document")
    assert {s.stratum for s in by_doc} == {"d", "e", NO_MATCH}


def test_sample_export_reports_strata(run: Path, tmp_path: Path) -> None:
    done = export_review(run, tmp_path / "sample.xlsx", size=4, seed=3)
    assert done.units == 4 and done.strata.get(NO_MATCH, 0) >= 1
    again = export_review(run, tmp_path / "again.xlsx", size=4, seed=3)
    first = [r[0] for r in load_workbook(done.path)["Review"].iter_rows(min_row=2, values_only=True)]
    assert first == [r[0] for r in load_workbook(again.path)["Review"].iter_rows(min_row=2, values_only=True)]


# --- import -------------------------------------------------------------------------------------------------------

@pytest.fixture
def exported(run: Path, tmp_path: Path) -> Path:
    return export_review(run, tmp_path / "review.xlsx").path


def test_import_stores_decisions_without_touching_the_run(run: Path, exported: Path, tmp_path: Path,
                                                          runner) -> None:
    before = {p.name: p.read_bytes() for p in run.iterdir() if p.name != DATABASE}
    filled = fill(exported, tmp_path / "aigerim.xlsx", {"G2": 0, "I4": "positive", "J4": "social", "L5": "check"})
    result = runner.invoke(cli, ["review", "import", str(filled), "--run", str(run), "--coder", "aigerim"])
    assert result.exit_code == 0, result.output
    assert result.stdout == (f"{filled}: imported 7 units for coder aigerim, round 1 (21 code decisions, 6 tones, "
                             "6 directions).\n")
    assert counts(run) == {"coders": 1, "imports": 1, "decisions": 21, "tone_decisions": 6,
                           "direction_decisions": 6, "comments": 1}
    assert before == {p.name: p.read_bytes() for p in run.iterdir() if p.name != DATABASE}
    with sqlite3.connect(run / DATABASE) as db:
        assert db.execute("SELECT value FROM decisions WHERE unit_id = 'en1:1:1' AND code = 'crime'").fetchone() == (0,)
        row = db.execute("SELECT file_name, round, units FROM imports").fetchone()
    assert row == ("aigerim.xlsx", 1, 7)


def test_importing_the_same_file_twice_does_not_double_count(run: Path, exported: Path, runner) -> None:
    first = runner.invoke(cli, ["review", "import", str(exported), "--run", str(run), "--coder", "aigerim"])
    assert first.exit_code == 0
    before = counts(run)
    again = runner.invoke(cli, ["review", "import", str(exported), "--run", str(run), "--coder", "aigerim"])
    assert again.exit_code == 0
    assert again.stdout == f"{exported}: already imported for coder aigerim (round 1); skipped.\n"
    assert counts(run) == before
    other = runner.invoke(cli, ["review", "import", str(exported), "--run", str(run), "--coder", "boris"])
    assert other.exit_code == 0 and "imported 7 units for coder boris, round 1" in other.stdout


def test_rounds_default_to_the_next_and_an_explicit_round_cannot_overwrite(run: Path, exported: Path,
                                                                          tmp_path: Path) -> None:
    import_reviews(run, [exported], coder="aigerim")
    second = fill(exported, tmp_path / "second.xlsx", {"G2": 0})
    assert import_reviews(run, [second], coder="aigerim")[0].round == 2
    before = counts(run)
    third = fill(exported, tmp_path / "third.xlsx", {"H2": 1})
    with pytest.raises(InputError) as caught:
        import_reviews(run, [third], coder="aigerim", round=1)
    assert str(caught.value) == ("third.xlsx: coder 'aigerim' already has decisions on 7 of these units in round 1; "
                                 "import it as a new round (leave out --round) to keep both")
    assert counts(run) == before


def test_import_problems_name_sheet_row_and_column(run: Path, exported: Path, tmp_path: Path, runner) -> None:
    bad = fill(exported, tmp_path / "bad.xlsx",
               {"F2": 2, "I3": "angry", "J4": "economic", "A5": "kk1:9:9", "D6": "Балалар саудасына қарсы.",
                "J7": "unspecified", "K7": "legal", "N1": "notes"})
    result = runner.invoke(cli, ["review", "import", str(bad), "--run", str(run), "--coder", "aigerim"])
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        f"Error: {bad}: 7 problems in the review sheet",
        f"  {bad}:1: sheet 'Review', row 1, column N (notes): unknown code column 'notes'; the codebook's codes are: "
        "child_trafficking, crime, protection; put notes in the 'comment' column",
        f"  {bad}:2: sheet 'Review', row 2, column F (child_trafficking): '2' is not 0, 1 or empty; enter 1 if the "
        "code applies, 0 if it does not, or leave the cell empty",
        f"  {bad}:3: sheet 'Review', row 3, column I (tone): 'angry' is not a tone; choose one of: negative, neutral, "
        "positive, or leave it empty",
        f"  {bad}:4: sheet 'Review', row 4, column J (direction_1): 'economic' is not a direction of the codebook; "
        "choose one of: legal, social or unspecified",
        f"  {bad}:5: sheet 'Review', row 5, column A (unit_id): 'kk1:9:9' is not a unit of this run; was the sheet "
        "exported from another run? import it with that run's --run",
        f"  {bad}:6: sheet 'Review', row 6, column D (text): row edited beyond recognition: the text of unit "
        "'kk1:2:1' was changed (checksum mismatch); undo the edit to the text, or copy the row again from the "
        "exported sheet",
        f"  {bad}:7: sheet 'Review', row 7, column J (direction_1): 'unspecified' cannot go with a direction; choose "
        "directions, or 'unspecified' alone",
    ]
    assert counts(run)["imports"] == 0


def test_one_problem_is_one_line(run: Path, exported: Path, tmp_path: Path, runner) -> None:
    bad = fill(exported, tmp_path / "bad.xlsx", {"A3": "kk1:1:1"})
    result = runner.invoke(cli, ["review", "import", str(bad), "--run", str(run), "--coder", "aigerim"])
    assert result.exit_code == 2
    assert result.stderr == (
        f"Error: {bad}:3: sheet 'Review', row 3, column A (unit_id): row edited beyond recognition: unit 'kk1:1:1' "
        "and the row's checksum do not match; the unit_id (or the hidden checksum) was changed; copy the row again "
        "from the exported sheet\n")


def test_a_half_failed_import_leaves_the_database_unchanged(run: Path, exported: Path, tmp_path: Path) -> None:
    import_reviews(run, [exported], coder="aigerim")
    before = counts(run)
    with sqlite3.connect(run / DATABASE) as db:
        # the database fails on the last unit's tone, after the import row and all code decisions were written
        db.execute("CREATE TRIGGER fail BEFORE INSERT ON tone_decisions WHEN NEW.unit_id = 'kk1:3:1' "
                   "BEGIN SELECT RAISE(ABORT, 'disk full'); END")
    second = fill(exported, tmp_path / "boris.xlsx", {"G2": 0})
    with pytest.raises(OutputError) as caught:
        import_reviews(run, [second], coder="boris")
    assert str(caught.value) == ("boris.xlsx: could not store the decisions (disk full); nothing of this file was "
                                 "stored; check that the run folder is writable, then import again")
    assert counts(run) == before
    with sqlite3.connect(run / DATABASE) as db:
        assert db.execute("SELECT name FROM coders").fetchall() == [("aigerim",)]


def test_reserved_coder_names_are_refused(run: Path, exported: Path) -> None:
    with pytest.raises(InputError, match="'machine' cannot be a coder's name"):
        import_reviews(run, [exported], coder="machine")


# --- agreement ----------------------------------------------------------------------------------------------------

def test_agreement_of_two_coders_and_the_machine(run: Path, exported: Path, tmp_path: Path, runner) -> None:
    import_reviews(run, [fill(exported, tmp_path / "a.xlsx", {"G2": 0, "I4": "positive"})], coder="aigerim")
    import_reviews(run, [fill(exported, tmp_path / "b.xlsx", {"G7": 1, "I4": "positive"})], coder="boris")
    variables = {v.name: v for v in agreement_variables(run, include_machine=True)}
    assert list(variables) == ["child_trafficking", "crime", "protection", "all codes", "tone", "direction"]
    crime = variables["crime"].matrix
    assert list(crime.columns) == ["aigerim", "boris", "machine"]
    assert crime.loc["en1:1:1"].tolist() == [0.0, 1.0, 1.0]
    assert crime.loc["kk1:2:2"].tolist() == [0.0, 1.0, 0.0]
    tone = variables["tone"].matrix
    assert tone.loc["en1:1:3"].tolist()[:2] == [2.0, 2.0] and tone.loc["en1:1:3"].isna().tolist()[2]
    result = runner.invoke(cli, ["agree", str(run), "--include-machine", "--out", str(tmp_path / "agree.xlsx")])
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0].split() == ["variable", "kind", "level", "coders", "units", "percent_agreement", "cohen_kappa",
                                "fleiss_kappa", "krippendorff_alpha"]
    assert lines[1].split()[:6] == ["child_trafficking", "code", "nominal", "3", "7", "1.0000"]
    assert "Machine against the coders:" in lines
    assert lines[-1] == f"Written to {tmp_path / 'agree.xlsx'}"
    only = runner.invoke(cli, ["agree", str(run), "--coders", "aigerim"])
    assert only.exit_code == 2
    assert only.stderr == ("Error: agreement needs at least two coders; this run's review has 1 (aigerim); import "
                           "another coder's sheet with 'coding review import', or add --include-machine\n")


def test_review_export_command(run: Path, tmp_path: Path, runner) -> None:
    out = tmp_path / "r.xlsx"
    result = runner.invoke(cli, ["review", "export", str(run), "--out", str(out), "--sample", "3", "--seed", "2"])
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith(f"Wrote {out}: 3 of 7 units (sample by code, seed 2: ")
    for command in (["review", "export", "--help"], ["review", "import", "--help"], ["agree", "--help"]):
        assert "Example:" in runner.invoke(cli, command).output


# --- sampling at scale ----------------------------------------------------------------------------------------------

def reference_sample(units, machine, *, size, seed, by, codes):
    """The sampler as it was written over lists of units (before positions and lazy strata): the new one must
    draw exactly the same units with the same seed."""
    import math
    import random

    strata: dict[str, list[int]] = {code: [] for code in codes} if by == "code" else {}
    for index, unit in enumerate(units):
        found = machine.get(unit.unit_id, MachineCoding()).codes
        if not found:
            strata.setdefault(NO_MATCH, []).append(index)
        elif by == "document":
            strata.setdefault(unit.doc_id, []).append(index)
        else:
            for code in found:
                strata.setdefault(code, []).append(index)
    strata = {name: members for name, members in strata.items() if members}
    first: dict[int, str] = {}
    for name, members in strata.items():
        for index in members:
            first.setdefault(index, name)
    if size is None or size >= len(units):
        return [(units[i].unit_id, first.get(i, NO_MATCH)) for i in range(len(units))]
    rng = random.Random(seed)
    chosen: dict[int, str] = {}
    order = sorted(strata, key=lambda name: (len(strata[name]), list(strata).index(name)))
    remaining = size
    for position, name in enumerate(order):
        available = [i for i in strata[name] if i not in chosen]
        quota = min(len(available), math.ceil(remaining / (len(order) - position)))
        for index in rng.sample(available, quota):
            chosen[index] = name
        remaining -= quota
    if remaining > 0:
        rest = [i for i in range(len(units)) if i not in chosen]
        for index in rng.sample(rest, min(remaining, len(rest))):
            chosen[index] = first.get(index, NO_MATCH)
    return [(units[i].unit_id, chosen[i]) for i in sorted(chosen)]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 3), st.sets(st.sampled_from("abcx"))), min_size=1, max_size=70),
       st.one_of(st.none(), st.integers(1, 80)), st.integers(0, 50), st.sampled_from(["code", "document"]))
def test_the_sample_is_the_one_drawn_before(cells, size, seed, by) -> None:
    units = [Unit(f"d{doc}:{i}", f"d{doc}", "sentence", 0, 1, "x", "en") for i, (doc, _) in enumerate(cells)]
    machine = {u.unit_id: MachineCoding(counts=dict.fromkeys(sorted(found), 1))
               for u, (_, found) in zip(units, cells, strict=True) if found}
    new = [(s.unit.unit_id, s.stratum) for s in sample_units(units, machine, size=size, seed=seed, by=by,
                                                             codes=["a", "b", "c"])]
    assert new == reference_sample(units, machine, size=size, seed=seed, by=by, codes=["a", "b", "c"])


def test_a_sample_from_fifty_million_units_holds_only_the_coded_positions() -> None:
    coded = np.array([5, 17, 40_000_000], dtype=np.int64)
    population = Population(total=50_000_000, coded=coded, presence=np.array([[1, 0], [1, 1], [0, 1]], dtype=bool),
                            columns=("a", "b"), doc_index=np.array([0, 0, 1], dtype=np.int32), doc_names=("d", "e"))
    drawn = draw_sample(population, size=6, seed=3, codes=["a", "b"])
    assert drawn == draw_sample(population, size=6, seed=3, codes=["a", "b"])
    assert len(drawn) == 6 and [p for p, _ in drawn] == sorted(p for p, _ in drawn)
    picked = dict(drawn)
    assert {picked[p] for p in coded if p in picked} <= {"a", "b"} and sum(p in picked for p in coded) == 3
    assert sum(1 for s in picked.values() if s == NO_MATCH) == 3
    assert all(0 <= p < 50_000_000 for p in picked)
    by_document = draw_sample(population, size=4, seed=3, by="document")
    assert {s for _, s in by_document} == {"d", "e", NO_MATCH}


@pytest.mark.parametrize("size", [None, 4])
def test_chunks_give_the_same_review_sheet(run: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, size) -> None:
    whole = export_review(run, tmp_path / "whole.xlsx", size=size, seed=5)
    monkeypatch.setattr("coding.results.CHUNK_ROWS", 1)
    chunked = export_review(run, tmp_path / "chunked.xlsx", size=size, seed=5)
    assert (chunked.units, chunked.strata, chunked.population) == (whole.units, whole.strata, whole.population)

    def rows(path: Path) -> list[tuple]:
        book = load_workbook(path, rich_text=True)
        return [tuple(str(v) for v in row) for row in book["Review"].iter_rows(values_only=True)]

    assert rows(chunked.path) == rows(whole.path)


def test_a_review_of_more_units_than_a_sheet_holds_asks_for_a_sample(run: Path, tmp_path: Path,
                                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("coding.exports.xlsx.MAX_SHEET_ROWS", 5)
    with pytest.raises(InputError) as caught:
        export_review(run, tmp_path / "all.xlsx")
    assert str(caught.value) == ("the run has 7 units, more than a sheet holds (4 rows below its header); review a "
                                 "sample of them: add --sample N (e.g. --sample 500)")
    assert not (tmp_path / "all.xlsx").exists()
    assert export_review(run, tmp_path / "sample.xlsx", size=3).units == 3


def test_machine_tone_of_uncoded_units_comes_from_tone_csv(small_corpus: Path, tmp_path: Path) -> None:
    from coding.codebook import load_codebook
    from coding.review.sample import machine_codings, open_run
    from coding.runs import code_corpus

    path = tmp_path / "tone.yaml"
    path.write_text(CODEBOOK_YAML + "tone:\n  positive: {kk: [көмек]}\n", encoding="utf-8")
    for folder, tone_csv in (("plain", False), ("all", True)):
        code_corpus(small_corpus, load_codebook(path), "sentence", out=tmp_path / folder, tone_csv=tone_csv)
    helped = "k2:1:2"  # «Жәбірленушілерге көмек көрсетілді.»: no code
    assert helped not in machine_codings(open_run(tmp_path / "plain"))
    found = machine_codings(open_run(tmp_path / "all"), only={helped, "k2:1:1"})
    assert found[helped].tone == "positive" and found[helped].codes == ()
    assert set(found) == {helped, "k2:1:1"}


def _office() -> str | None:
    return shutil.which("libreoffice") or shutil.which("soffice")


LONG_PARAGRAPH = ("Сарапшылардың пікірінше, ауыл балаларын адам саудасынан қорғаудың ең сенімді жолы ауылда жаңа жұмыс "
                  "орындарын ашу, отбасыларға әлеуметтік қолдау көрсету және балалардың бос уақытын тиімді "
                  "ұйымдастыру. Бала саудасы — ауыр қылмыс, оның алдын алу үшін мектептерде сабақтар өтеді, "
                  "ата-аналарға кеңес беріледі, ал полиция интернеттегі жарнамаларды тексереді. "
                  "Соңғы сөз: жәбірленушілерге көмек.")


def _words(pdf: Path) -> list[tuple[float, float, float, float, str, int]]:
    """Every word pdftotext finds in ``pdf``: (x0, y0, x1, y1, text, page)."""
    import re
    import subprocess

    xhtml = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], check=True, capture_output=True, text=True,
                           timeout=120).stdout
    found = []
    for page, body in enumerate(xhtml.split("<page ")[1:], start=1):
        for x0, y0, x1, y1, text in re.findall(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" '
                                               r'yMax="([\d.]+)">([^<]*)</word>', body):
            found.append((float(x0), float(y0), float(x1), float(y1), text, page))
    return found


@pytest.mark.real_program("libreoffice")
@pytest.mark.skipif(_office() is None or shutil.which("pdftotext") is None or shutil.which("fc-match") is None,
                    reason="LibreOffice, pdftotext (poppler-utils) or fc-match (fontconfig) is not installed")
def test_the_review_workbook_reads_whole_in_libreoffice(tmp_path: Path) -> None:
    """Rendered by LibreOffice (to PDF, measured with pdftotext): a long unit is shown whole and no row is
    drawn over another, the turned code headers fit in their row, every font has the Kazakh letters."""
    import re
    import subprocess

    from coding.codebook import load_codebook
    from coding.runs import code_corpus

    root = tmp_path / "corpus"
    root.mkdir()
    (root / "kk1.txt").write_text(f"{LONG_PARAGRAPH}\n\nАдам саудасы туралы қысқа абзац.\n\n{LONG_PARAGRAPH}\n",
                                  encoding="utf-8")
    book = tmp_path / "codebook.yaml"
    book.write_text(CODEBOOK_YAML.replace("id: child_trafficking", "id: child_trafficking_of_minors"),
                    encoding="utf-8")
    code_corpus(root, load_codebook(book), "paragraph", out=tmp_path / "run")
    out = tmp_path / "review.xlsx"
    export_review(tmp_path / "run", out)
    subprocess.run([_office(), f"-env:UserInstallation=file://{tmp_path / 'lo-profile'}", "--headless",
                    "--convert-to", "pdf", "--outdir", str(tmp_path), str(out)], check=True, capture_output=True,
                   timeout=180)
    words = _words(tmp_path / "review.pdf")
    shown = [text for *_, text, _ in words]
    for word in LONG_PARAGRAPH.split():  # a row cut to one line would lose the end of the paragraph
        assert shown.count(word) >= 2, word
    for a, b in ((a, b) for i, a in enumerate(words) for b in words[i + 1:] if a[5] == b[5]):
        overlap = max(0.0, min(a[2], b[2]) - max(a[0], b[0])) * max(0.0, min(a[3], b[3]) - max(a[1], b[1]))
        smaller = min((a[2] - a[0]) * (a[3] - a[1]), (b[2] - b[0]) * (b[3] - b[1]))
        assert overlap <= 0.2 * smaller, f"'{a[4]}' and '{b[4]}' are drawn over each other"
    height = load_workbook(out)["Review"].row_dimensions[1].height
    header = [w for w in words if w[4] == "child_trafficking_of_minors" and w[3] - w[1] > w[2] - w[0]]
    assert header, "the turned code header is not in the PDF"
    bottom = max(w[3] for w in words if w[4] == "machine_codes" and w[5] == header[0][5])
    assert header[0][1] >= bottom - height, "the turned code header is cut at the top of its row"
    kazakh = subprocess.run(["fc-list", ":charset=4d9 493 49b 4a3 4af 4b1 4bb 4e9 456", "family"],
                            capture_output=True, text=True, check=True).stdout
    covering = {name.strip() for line in kazakh.splitlines() for name in line.split(",")}
    with zipfile.ZipFile(out) as archive:
        styles = archive.read("xl/styles.xml").decode("utf-8")
        parts = "".join(archive.read(name).decode("utf-8") for name in archive.namelist()
                        if name.startswith("xl/worksheets/") or name == "xl/sharedStrings.xml")
    fonts = set(re.findall(r'<(?:name|rFont) val="([^"]+)"', styles + parts))
    assert fonts, "no font is named"
    blocks = re.findall(r"<font>(.*?)</font>|<font/>", styles)
    assert all("<name " in block for block in blocks), "a font without a name falls back to a serif face"
    for font in fonts:
        family = subprocess.run(["fc-match", "-f", "%{family}", font], capture_output=True, text=True,
                                check=True).stdout.split(",")[0]
        assert family in covering, f"the font '{font}' is shown as '{family}', which has no Kazakh letters"
