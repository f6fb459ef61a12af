"""Tests of the spaCy Kazakh language: tokenizer, lexical attributes, stop words, lemmatizer component."""

from __future__ import annotations

import pytest
import spacy
from spacy.lang.punctuation import TOKENIZER_SUFFIXES as SPACY_SUFFIXES
from spacy.util import compile_suffix_regex

import coding.lang.kk  # noqa: F401  (registers "kk")
from coding.lang.kk import Kazakh
from coding.lang.kk.punctuation import TOKENIZER_SUFFIXES
from coding.lang.kk.stop_words import STOP_WORDS


@pytest.fixture(scope="module")
def nlp() -> spacy.language.Language:
    pipeline = spacy.blank("kk")
    pipeline.add_pipe("kk_lemmatizer")
    return pipeline


def _texts(nlp: spacy.language.Language, text: str) -> list[str]:
    return [token.text for token in nlp.make_doc(text)]


def test_blank_kk_is_our_language(nlp: spacy.language.Language) -> None:
    assert isinstance(nlp, Kazakh)
    assert nlp.lang == "kk"


TOKENS = [
    ("Бұл қылмыс.", ["Бұл", "қылмыс", "."]),
    ("Бұл балалық.", ["Бұл", "балалық", "."]),
    ("Ол құлдық!", ["Ол", "құлдық", "!"]),
    ("зорлық-зомбылық", ["зорлық-зомбылық"]),
    ("2018-2022 жылдары", ["2018-2022", "жылдары"]),
    ("2019-жылы", ["2019-жылы"]),
    ("2019 жылы", ["2019", "жылы"]),
    ("55-ші бап", ["55-ші", "бап"]),
    ("ҚР-ның заңы", ["ҚР-ның", "заңы"]),
    ("«Бала саудасы» туралы", ["«", "Бала", "саудасы", "»", "туралы"]),
    ("1991 ж. тәуелсіздік", ["1991", "ж.", "тәуелсіздік"]),
    ("1990–1995 жж. және т.б.", ["1990–1995", "жж.", "және", "т.б."]),
    ("б.з.д. V ғ.", ["б.з.д.", "V", "ғ."]),
    ("ҚР ҚК 128-бабы", ["ҚР", "ҚК", "128-бабы"]),
    ("қозғалды.Полиция", ["қозғалды", ".", "Полиция"]),
    ("Не болды?", ["Не", "болды", "?"]),
    ("(ІІМ) хабарлады:", ["(", "ІІМ", ")", "хабарлады", ":"]),
]


@pytest.mark.parametrize(("text", "tokens"), TOKENS)
def test_tokenizer(nlp: spacy.language.Language, text: str, tokens: list[str]) -> None:
    assert _texts(nlp, text) == tokens


def test_spacy_default_suffixes_miss_kazakh_letters_that_ours_have() -> None:
    # The trap our rules exist for: spaCy's own ALPHA lacks қ, so "балалық." keeps its period.
    spacy_regex = compile_suffix_regex(SPACY_SUFFIXES)
    ours = compile_suffix_regex(TOKENIZER_SUFFIXES)
    assert spacy_regex.search("қылмыс.") and not spacy_regex.search("балалық.")
    assert ours.search("қылмыс.") and ours.search("балалық.") and ours.search("құлдығы.")


@pytest.mark.parametrize(
    ("text", "like_num"),
    [("12", True), ("1,5", True), ("бір", True), ("мың", True), ("миллион", True), ("бірінші", True),
     ("2019-жылы", True), ("бала", False), ("бірлік", False)],
)
def test_like_num(nlp: spacy.language.Language, text: str, like_num: bool) -> None:
    assert nlp.vocab[text].like_num is like_num


def test_stop_words(nlp: spacy.language.Language) -> None:
    assert {"және", "мен", "бұл", "туралы", "үшін"} <= STOP_WORDS
    assert nlp.vocab["және"].is_stop
    assert not nlp.vocab["бала"].is_stop


def test_lemmatizer_sets_key_and_candidates(nlp: spacy.language.Language) -> None:
    doc = nlp("Балалар саудасына қарсы заңды шаралар ала бастады.")
    assert [token.lemma_ for token in doc] == ["бала", "сауда", "қарсы", "заңды", "шара", "ал", "баста", "."]
    assert doc[3]._.lemmas == ("заңды", "заң")
    assert doc[5]._.lemmas[:2] == ("ал", "ала")
    assert all(token._.lemmas and token._.lemmas[0] == token.lemma_ for token in doc)


def test_lemmatizer_registration_is_idempotent() -> None:
    import importlib

    import coding.lang.kk.lemmatizer as component

    importlib.reload(component)
    pipeline = spacy.blank("kk")
    pipeline.add_pipe("kk_lemmatizer")
    assert pipeline("кітабы")[0].lemma_ == "кітап"
