from __future__ import annotations

from pathlib import Path

import pytest

from coding.codebook import codebook_rows, load_codebook, parse_codebook
from coding.errors import CodebookError
from tests.conftest import CODEBOOK_YAML, REPO


def problems_of(text: str) -> list[str]:
    with pytest.raises(CodebookError) as raised:
        parse_codebook(text, "cb.yaml")
    error = raised.value
    return [str(p) for p in error.problems] or [str(error)]


def test_valid_codebook_is_typed() -> None:
    book = parse_codebook(CODEBOOK_YAML, "cb.yaml")
    assert book.title == "Test codebook" and book.version == "1.0"
    assert [c.id for c in book.codes] == ["child_trafficking", "crime", "protection"]
    protection = book.code("protection")
    assert protection.label_in("ru") == "Защита"
    assert [t.normalized for t in protection.exclude["kk"]] == ["=құқық =қорғау"]
    assert len(book.sha256) == 64


def test_every_problem_with_its_line() -> None:
    text = (
        "codebook: x\n"            # 1
        "languages: [kk, ru]\n"    # 2
        "codes:\n"                 # 3
        "  - id: Bad-Id\n"         # 4
        "    terms:\n"             # 5
        "      kk: [қылмыс]\n"     # 6
        "  - id: crime\n"          # 7
        "    colour: red\n"        # 8
        "    terms:\n"             # 9
        "      en: [crime]\n"      # 10
        "      kk: ['', 'қылмыс.', '* *']\n"  # 11
        "  - id: crime\n"          # 12
        "    terms: {kk: [қылмыс]}\n"  # 13
    )
    assert problems_of(text) == [
        "cb.yaml:4: 'Bad-Id' is not a valid code id; use lower-case Latin letters, digits and _ only, "
        "e.g. child_trafficking",
        "cb.yaml:8: unknown key 'colour' in a code; use one of: id, label, group, description, terms, exclude, color, "
        "when",
        "cb.yaml:10: code 'crime' terms: language 'en' is not declared in 'languages'; add it to 'languages' "
        "or use one of: kk, ru",
        "cb.yaml:10: code 'crime' has no terms; give at least one term in at least one language",
        "cb.yaml:11: code 'crime' terms (kk): a term is empty ('')",
        "cb.yaml:11: code 'crime' terms (kk): 'қылмыс.' can never match: a word of the text holds only letters, "
        "digits and inner hyphens or apostrophes; remove the punctuation or split it into words",
        "cb.yaml:11: code 'crime' terms (kk): '* *' is only gaps (*) and would match every word; add a word to it",
        "cb.yaml:12: duplicate code id 'crime' (first on line 7); give every entry its own id",
    ]


def test_yaml_syntax_error_keeps_its_line() -> None:
    assert problems_of("codebook: x\ncodes:\n  - id: a\n    terms: {kk: [бала\n") == [
        "cb.yaml:5: YAML syntax error: expected ',' or ']', but got '<stream end>'; check indentation and "
        "quotes on that line (a term with ':' or '#' must be quoted)"
    ]


def test_missing_title_and_codes() -> None:
    assert problems_of("version: 1\n") == [
        "cb.yaml:1: the codebook has no title; add a first line 'codebook: <title>'",
        "cb.yaml:1: the codebook has no 'codes'; add a 'codes:' list",
    ]


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(CodebookError, match="cannot read the codebook"):
        load_codebook(tmp_path / "none.yaml")


def test_rows_show_the_compared_form() -> None:
    rows = codebook_rows(parse_codebook(CODEBOOK_YAML, "cb.yaml"))
    ru = next(r for r in rows if r["lang"] == "ru" and r["id"] == "child_trafficking")
    assert ru["compared_as"] == "торговля ребенок"


def test_study_codebook_is_valid() -> None:
    book = load_codebook(REPO / "codebooks" / "child_trafficking.yaml")
    ids = {c.id for c in book.codes}
    assert {"child_trafficking", "human_trafficking", "crime", "victim", "protection", "prevention"} <= ids
    assert all(set(c.terms) == {"kk", "ru", "en"} for c in book.codes)
