"""Tone lexicons: qaznltk's lists and the lexicon-file layouts (small files written here; the shared
third-party lexicons are read only when present)."""

from __future__ import annotations

from pathlib import Path

import pytest

from coding.codebook import parse_codebook
from coding.errors import CodebookError
from coding.lexicons import qaznltk_words, read_lexicon_file
from coding.records import Unit
from coding.tone import ToneScorer
from tests.conftest import shared

LAYOUTS = [
    # Kazakh by its letters (әділ), though most of its words have none
    ("sezim.csv", "word;is_positive;is_negative;sentiment;is_neutral\nабайсыз;0;1;-1;0\nадал;1;0;1;0\n"
     "абайлау;0;0;0;1\nәділ;1;0;1;0\n",
     {"positive": {"kk": ["адал", "әділ"]}, "negative": {"kk": ["абайсыз"]}}),
    ("rusentilex.txt", "! comment line\n\nаборт, Noun, аборт, negative, fact\nазарт, Noun, азарт, positive, opinion\n",
     {"positive": {"ru": ["азарт"]}, "negative": {"ru": ["аборт"]}}),
    ("linis.csv", '"Words";"mean";"dispersion";"average rate";\n"аборигенный";"-0,25";"0,43";"0";\n'
     '"аборт";"-1";"0,81";"-1";\n"добро";"1,5";"0,5";"2";\n',
     {"positive": {"ru": ["добро"]}, "negative": {"ru": ["аборт"]}}),
    ("plain.csv", "term,polarity\nsuccess,positive\nthreat,-1\nқауіп,negative\n",
     {"positive": {"en": ["success"]}, "negative": {"en": ["threat"], "kk": ["қауіп"]}}),
]


@pytest.mark.parametrize(("name", "text", "expected"), LAYOUTS)
def test_lexicon_layouts(tmp_path: Path, name: str, text: str, expected: dict) -> None:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    assert read_lexicon_file(path) == expected


def test_a_file_without_polar_words(tmp_path: Path) -> None:
    path = tmp_path / "x.csv"
    path.write_text("term,polarity\nсөз,0\n", encoding="utf-8")
    with pytest.raises(CodebookError, match="no polar word found"):
        read_lexicon_file(path)


def test_qaznltk_lists_are_kazakh() -> None:
    words = qaznltk_words()
    assert len(words["positive"]["kk"]) > 200 and len(words["negative"]["kk"]) > 200
    assert "адал" in words["positive"]["kk"]


def test_lexicon_file_in_a_codebook_is_matched_with_morphology(tmp_path: Path) -> None:
    (tmp_path / "lex.csv").write_text("term,polarity\nқауіп,negative\n", encoding="utf-8")
    (tmp_path / "cb.yaml").write_text(
        "codebook: t\ncodes:\n  - id: a\n    terms: {kk: [бала]}\n"
        "tone:\n  negators: {kk: [емес]}\n  lexicon_file: lex.csv\n", encoding="utf-8")
    from coding.codebook import load_codebook

    scorer = ToneScorer(load_codebook(tmp_path / "cb.yaml").tone)
    text = "Қауіптер көп, бірақ бұл қауіпті емес."
    result = scorer.score(Unit("u", "d", "sentence", 0, len(text), text, "kk"))
    assert result.evidence.startswith("−қауіптер")


def test_missing_lexicon_file_is_a_codebook_problem() -> None:
    with pytest.raises(CodebookError, match="the tone lexicon file 'none.csv' does not exist"):
        parse_codebook("codebook: t\ncodes:\n  - id: a\n    terms: {kk: [бала]}\ntone:\n  lexicon_file: none.csv\n",
                       "/tmp/cb.yaml")


def test_shared_lexicons_load_when_present() -> None:
    sezim = read_lexicon_file(shared("sezim_emolex") / "sezim_emolex.csv")
    assert len(sezim["positive"]["kk"]) > 1000 and len(sezim["negative"]["kk"]) > 2000 and "ru" not in sezim["positive"]
    rusenti = read_lexicon_file(shared("rusentilex") / "rusentilex_2017.txt")
    assert len(rusenti["negative"]["ru"]) > 5000
    linis = read_lexicon_file(shared("linis_crowd") / "words_all_full_rating.csv")
    assert len(linis["negative"]["ru"]) > 1000
