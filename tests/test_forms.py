"""codebook forms: every form a term matched, as a table and as a codebook of =form terms."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import load_workbook

from coding.cli import cli
from coding.codebook import load_codebook
from coding.corpus import open_corpus
from coding.forms import exact_term
from coding.matcher import Matcher
from coding.units import document_units

TEXT = ("Бала саудасы — ауыр қылмыс. Балалар саудасына қарсы күрес күшейді.\n\n"
        "Бала саудасының алдын алу маңызды. Құқық қорғау органдары балаларды қорғау үшін жұмыс істейді.\n")
BOOK = """\
codebook: Forms
version: "1"
languages: [kk]
codes:
  - id: trafficking
    label: {kk: Бала саудасы}
    terms:
      kk: [бала саудасы, ұрлау]
  - id: protection
    terms:
      kk: [қорғау, қорғалу]
    exclude:
      kk: ["=құқық =қорғау"]
"""


@pytest.fixture
def files(tmp_path: Path) -> tuple[Path, Path]:
    root = tmp_path / "corpus"
    root.mkdir()
    (root / "a.txt").write_text(TEXT, encoding="utf-8")
    book = tmp_path / "book.yaml"
    book.write_text(BOOK, encoding="utf-8")
    return root, book


def test_exact_term() -> None:
    assert exact_term("балалар саудасына") == "=балалар =саудасына"


def test_table_lists_each_form_with_its_count(runner, files: tuple[Path, Path], tmp_path: Path) -> None:
    corpus, book = files
    out = tmp_path / "forms.xlsx"
    result = runner.invoke(cli, ["codebook", "forms", str(book), "--corpus", str(corpus), "--out", str(out),
                                 "--no-cache"])
    assert result.exit_code == 0, result.output
    assert result.output == f"6 forms of 4 terms (1 with no form in the corpus) written to {out}\n"
    sheet = load_workbook(out)["forms"]
    rows = [[cell.value for cell in row] for row in sheet.iter_rows(min_row=2)]
    assert [(r[3], r[5], r[6]) for r in rows[:3]] == [("бала саудасы", "бала саудасы", 1),
                                                       ("бала саудасы", "балалар саудасына", 1),
                                                       ("бала саудасы", "бала саудасының", 1)]
    assert ("қорғау", "қорғау", 2) in [(r[3], r[5], r[6]) for r in rows]


def test_terminal_table(runner, files: tuple[Path, Path]) -> None:
    corpus, book = files
    result = runner.invoke(cli, ["codebook", "forms", str(book), "--corpus", str(corpus), "--no-cache"])
    assert result.exit_code == 0
    assert result.stdout.splitlines()[0] == "trafficking\tkk\tterm\tбала саудасы\tбала саудасы\t1"


def test_the_forms_codebook_codes_the_corpus_as_the_original(runner, files: tuple[Path, Path],
                                                             tmp_path: Path) -> None:
    corpus, book = files
    out = tmp_path / "forms.yaml"
    result = runner.invoke(cli, ["codebook", "forms", str(book), "--corpus", str(corpus), "--out", str(out),
                                 "--no-cache"])
    assert result.exit_code == 0, result.output
    text = out.read_text(encoding="utf-8")
    assert '        - "=балалар =саудасына"  # 1\n' in text
    assert "        # ұрлау — no form seen in the corpus\n" in text
    assert "        # қорғалу — its forms are above\n" in text
    written, original = load_codebook(out), load_codebook(book)
    assert all(word.kind == "exact" for entry in written.codes for terms in entry.terms.values()
               for term in terms[:1] for word in term.words)
    documents = list(open_corpus(corpus).documents())
    units = [unit for document in documents for unit in document_units(document, "sentence")]

    def coded(codebook) -> list[list[tuple[str, str]]]:
        matcher = Matcher(codebook.codes)
        return [[(m.code, m.surface) for m in matcher.match_unit(unit)] for unit in units]

    assert coded(written) == coded(original)
    assert any(coded(original))


def test_a_wrong_suffix_is_refused_before_reading(runner, files: tuple[Path, Path], tmp_path: Path) -> None:
    corpus, book = files
    result = runner.invoke(cli, ["codebook", "forms", str(book), "--corpus", str(corpus), "--out",
                                 str(tmp_path / "f.txt")])
    assert result.exit_code == 2
    assert result.stderr == ("Error: cannot write the forms to 'f.txt'; name the file .csv or .xlsx (a table) or "
                             ".yaml (the codebook with =form terms)\n")
