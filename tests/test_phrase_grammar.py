"""Kazakh phrase grammar in matching: a term's marking counts (issue #12).

A term matches the forms that carry at least the meaning-bearing marking the term carries (the izafet's
possessive, a negation, the tags written on it); an unmarked term word matches all its forms. Light-verb
compounds that change a verb's meaning (сатып алу "buy") are not matched by a term of the verb alone.
"""

from __future__ import annotations

import pytest
import yaml

from coding.codebook import parse_codebook
from coding.errors import CodebookError
from coding.lang.kk.analyzer import word_features
from coding.lang.kk.light_verbs import LIGHT_VERB_COMPOUNDS
from coding.lang.kk.stems import VERB_STEMS
from coding.matcher import find_matches
from coding.records import Unit
from coding.terms import TermSyntaxError, parse_term


def _surfaces(text: str, term: str, lang: str = "kk") -> list[str]:
    book = parse_codebook(yaml.safe_dump({"codebook": "t", "codes": [{"id": "c", "terms": {lang: [term]}}]},
                                         allow_unicode=True))
    unit = Unit("d:1:1", "d", "sentence", 0, len(text), text, lang)  # type: ignore[arg-type]
    return [match.surface for match in find_matches([unit], book.codes)]


# (text, term, matches)
PHRASES = [
    # izafet: the head's possessive is part of the compound
    ("жол апатының", "жол апаты", True),
    ("жол апаттары", "жол апаты", True),
    ("жол апаттарында", "жол апаты", True),
    ("мұнай саудасы", "мұнай саудасы", True),
    ("мұнай сауда үйі", "мұнай саудасы", False),
    ("мұнай саудаға", "мұнай саудасы", False),
    ("балалар саудасы", "бала саудасы", True),
    ("балалар саудасына", "бала саудасы", True),
    ("мұнай саудасының", "сауда", True),
    ("сауда үйі", "сауда", True),
    ("отбасына", "отбасы", True),
    ("отбасыларының", "отбасы", True),
    ("кәсіпорнына", "кәсіпорын", True),
    # negation written in a term is required; a term without it matches negated forms too
    ("кәмелетке толмаған", "кәмелетке толмаған", True),
    ("кәмелетке толмағандар", "кәмелетке толмаған", True),
    ("кәмелетке толған", "кәмелетке толмаған", False),
    ("кәмелетке толған", "кәмелетке толу", True),
    ("кәмелетке толмаған", "кәмелетке толу", True),
    ("жұмыс істемейтін", "жұмыс істемейтін", True),
    ("жұмыс істейтін", "жұмыс істемейтін", False),
    ("баланы сатпады", "бала сату", True),
    ("баланы сатты", "бала сатпау", False),
    # light verbs
    ("баланы сатып алды", "бала сату", False),
    ("сатып алған", "сату", False),
    ("сатып алуға", "сату", False),
    ("сатып жіберді", "сату", True),
    ("баланы сатып жіберген", "бала сату", True),
    ("сатып алды", "сатып алу", True),
    ("сатып алуға", "сатып алу", True),
    ("сатты", "сату", True),
    ("сатып", "сату", True),
    ("қызды алып қашты", "алып қашу", True),
    ("алып қашқан", "қашу", False),
    ("шетелге қашып кетті", "қашу", True),
    ("баланы алып келді", "келу", False),
    ("баланы алып келді", "алу", True),
    # tags
    ("адамды сату", "адам<acc> сату", True),
    ("адамдарды сату", "адам<acc> сату", True),
    ("адамдарға сатылатын", "адам<acc> сату", False),
    ("адамдарға сатылатын", "адам<dat> сату", True),
    ("балаларға", "бала<pl,dat>", True),
    ("балаға", "бала<pl,dat>", False),
    ("балаларды", "бала<pl,dat>", False),
    ("бала", "бала<nom>", True),
    ("балалар", "бала<nom>", True),
    ("баланың", "бала<nom>", False),
    ("баласы", "бала<poss>", True),
    ("бала", "бала<poss>", False),
    ("сатпады", "сату<neg>", True),
    ("сатты", "сату<neg>", False),
]
# Russian: a negation is a word of its own, so a term that writes «не» requires it; one without matches.
RU_PHRASES = [
    ("не продавали детей", "не продавать", True),
    ("продавали детей", "не продавать", False),
    ("не продавали детей", "продавать ребенок", True),
    ("не продавали детей", "продавать", True),
]


@pytest.mark.parametrize(("text", "term", "matches", "lang"),
                         [(*row, "kk") for row in PHRASES] + [(*row, "ru") for row in RU_PHRASES])
def test_a_terms_marking_counts(text: str, term: str, matches: bool, lang: str) -> None:
    assert bool(_surfaces(text, term, lang)) is matches


@pytest.mark.parametrize(("word", "features"), [
    ("балаларына", {"pl", "poss", "dat"}),
    ("саудасы", {"poss", "nom"}),
    ("толмаған", {"neg", "nom"}),
    ("сатып", {"conv", "nom"}),
    ("отбасына", {"dat"}),
    ("адамдарға", {"pl", "dat"}),
    ("бала", {"nom"}),
    ("зорлық-зомбылықтың", {"gen"}),
])
def test_word_features(word: str, features: set[str]) -> None:
    assert word_features(word) == features


@pytest.mark.parametrize(("term", "lang", "message"), [
    ("бала<foo>", "kk", "'бала<foo>': 'foo' is not a tag; use some of: nom, gen, dat, acc, loc, abl, ins, "
                        "poss, pl, neg"),
    ("*<dat> сату", "kk", "'*<dat>': a tag goes on a plain word, not on '*', '=word' or 'word*'"),
    ("=бала<dat>", "kk", "'=бала<dat>': a tag goes on a plain word, not on '*', '=word' or 'word*'"),
    ("бала<dat,acc>", "kk", "'бала<dat,acc>': a word has one case, not dat and acc"),
    ("бала<dat", "kk", "'бала<dat': write tags right after the word, as in 'бала<pl,dat>'"),
    ("дети<pl>", "ru", "'дети<pl>': tags are for Kazakh terms only; remove '<pl>' or write the form you mean "
                      "with '='"),
])
def test_bad_tags_are_syntax_errors(term: str, lang: str, message: str) -> None:
    with pytest.raises(TermSyntaxError) as raised:
        parse_term(term, lang)
    assert str(raised.value) == message


def test_codebook_check_names_the_line_of_a_bad_tag() -> None:
    text = "codebook: t\ncodes:\n  - id: c\n    terms:\n      kk: [адам<acc> сату, бала<foo>]\n"
    with pytest.raises(CodebookError) as raised:
        parse_codebook(text, "study.yaml")
    assert "study.yaml:5" in str(raised.value) and "'foo' is not a tag" in str(raised.value)


def test_shown_form_has_the_tags() -> None:
    assert parse_term("бала саудасы", "kk").normalized == "бала сауда<poss>"
    assert parse_term("бала<pl,dat>", "kk").normalized == "бала<dat,pl>"
    assert parse_term("кәмелетке толмаған", "kk").normalized == "кәмелет тол<neg>"


def test_light_verb_compounds_are_lexicon_verbs() -> None:
    for first, second in LIGHT_VERB_COMPOUNDS:
        assert first in VERB_STEMS and second in VERB_STEMS, (first, second)


@pytest.mark.parametrize(("text", "code", "coded"), [
    ("Кәмелетке толмағандарға алкоголь сатуға тыйым салынған.", "child_trafficking", False),
    ("Кәмелетке толмағандарға сатуға тыйым салынған.", "child_trafficking", False),
    ("Балаларға сатуға болмайды.", "child_trafficking", False),
    ("Ол екі баланы сатып жіберген.", "child_trafficking", True),
    ("Баланы сатып алған әйел ұсталды.", "child_trafficking", True),
    ("Кәмелетке толмағандарды сатқаны үшін сотталды.", "child_trafficking", True),
    ("Адамдарға сату үшін тауар әкелген.", "human_trafficking", False),
    ("Адамдарды сату фактілері анықталды.", "human_trafficking", True),
])
def test_study_codebook_uses_the_grammar(text: str, code: str, coded: bool) -> None:
    from pathlib import Path

    from coding.codebook import load_codebook

    book = load_codebook(Path(__file__).resolve().parents[1] / "codebooks" / "child_trafficking.yaml")
    unit = Unit("d:1:1", "d", "sentence", 0, len(text), text, "kk")  # type: ignore[arg-type]
    assert (code in {match.code for match in find_matches([unit], book.codes)}) is coded


NEAR_GRAMMAR = [
    ("Олар баланы көрші елге сатты.", "сату NEAR/4 бала<acc>", ["баланы көрші елге сатты"]),
    ("Олар балаға көйлек сатты.", "сату NEAR/4 бала<acc>", []),
    ("Олар баланы көрші елге сатты.", "бала<acc> NEAR/4 сату", ["баланы көрші елге сатты"]),
    ("Олар балаға көйлек сатты.", "бала<acc> NEAR/4 сату", []),
    ("Баланы сатып алды.", "бала NEAR/2 сату", []),  # a light-verb compound is not selling, in B too
    ("Баланы сатып жіберді.", "бала NEAR/2 сату", ["Баланы сатып"]),
]


@pytest.mark.parametrize(("text", "term", "expected"), NEAR_GRAMMAR)
def test_tags_and_light_verbs_hold_in_both_parts_of_a_proximity_term(text: str, term: str,
                                                                     expected: list[str]) -> None:
    assert _surfaces(text, term) == expected


def test_the_feature_walk_finds_the_same_segmentations_as_the_key_walk() -> None:
    """``word_features`` walks the suffixes again, keeping their slots (``_chains``), so the key path stays
    lean (``_parses``): the two walks must find the same stems, or the features would describe a parse
    that the key does not come from."""
    from coding.lang.kk.analyzer import _chains, _parses
    from coding.lang.kk.paradigm import noun_forms, verb_forms
    from coding.lang.kk.stems import NOUN_STEMS

    stems = sorted(NOUN_STEMS)[::40] + sorted(VERB_STEMS)[::20]
    checked = 0
    for stem in stems:
        for form in [*noun_forms(stem), *verb_forms(stem)] if stem in VERB_STEMS else noun_forms(stem):
            word = form.surface
            assert {(p[0], p[1]) for p in _parses(word)} == {(c[0], c[1]) for c in _chains(word)}, word
            checked += 1
    assert checked > 2000
