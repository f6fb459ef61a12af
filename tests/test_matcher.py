from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from coding.codebook import parse_codebook
from coding.matcher import find_matches
from coding.records import Unit


def unit(text: str, lang: str) -> Unit:
    return Unit("d:1:1", "d", "sentence", 0, len(text), text, lang)  # type: ignore[arg-type]


def codebook(terms: dict[str, list[str]], exclude: dict[str, list[str]] | None = None):
    import yaml

    code = {"id": "c", "terms": terms}
    if exclude:
        code["exclude"] = exclude
    return parse_codebook(yaml.safe_dump({"codebook": "t", "codes": [code]}, allow_unicode=True))


def surfaces(text: str, lang: str, terms: list[str], exclude: list[str] | None = None) -> list[str]:
    book = codebook({lang: terms}, {lang: exclude} if exclude else None)
    return [m.surface for m in find_matches([unit(text, lang)], book.codes)]


KK_FORMS = [
    ("бала саудасының", "бала саудасы", True),
    ("балалар саудасына", "бала саудасы", True),
    # The izafet's possessive counts (tests/test_phrase_grammar.py): «саудаға салу» needs its own term.
    ("баланы саудаға", "бала саудасы", False),
    ("Бала саудасы", "бала саудасы", True),
    ("қылмыстық", "қылмыс", False),
    ("қылмыстар", "қылмыс", True),
    ("қылмысқа", "қылмыс", True),
    ("балабақша", "бала", False),
    ("жәбірленушілерге", "жәбірленуші", True),
    ("адам саудасымен", "адам саудасы", True),
]


@pytest.mark.parametrize(("text", "term", "hit"), KK_FORMS)
def test_kazakh_forms(text: str, term: str, hit: bool) -> None:
    assert bool(surfaces(text, "kk", [term])) is hit


RU_FORMS = [
    ("торговли детьми", "торговля детьми", True),
    ("торговлей детьми", "торговля детьми", True),
    ("Торговле детьми", "торговля детьми", True),
    ("торговый центр", "торговля", False),
    ("преступлений", "преступление", True),
    ("потерпевших", "потерпевший", True),
    ("уголовный", "преступление", False),
]


@pytest.mark.parametrize(("text", "term", "hit"), RU_FORMS)
def test_russian_forms(text: str, term: str, hit: bool) -> None:
    assert bool(surfaces(text, "ru", [term])) is hit


def test_exact_prefix_and_gap_operators() -> None:
    assert surfaces("Қылмыс пен қылмыстар", "kk", ["=қылмыс"]) == ["Қылмыс"]
    assert surfaces("protection, protected, protest", "en", ["protect*"]) == ["protection", "protected"]
    assert surfaces("адам саудасы мен бала саудасы", "kk", ["* саудасы"]) == ["адам саудасы", "бала саудасы"]


def test_exclusion_removes_overlapping_matches_only() -> None:
    text = "Құқық қорғау органдары балалардың құқықтарын қорғау үшін жұмыс істейді."
    assert surfaces(text, "kk", ["қорғау"], ["=құқық =қорғау"]) == ["қорғау"]
    found = find_matches([unit(text, "kk")], codebook({"kk": ["қорғау"]}, {"kk": ["=құқық =қорғау"]}).codes)
    assert [text[m.start:m.end] for m in found] == ["қорғау"] and found[0].start == text.rindex("қорғау")


def test_longest_match_wins_within_a_code() -> None:
    assert surfaces("Бала саудасы туралы", "kk", ["бала", "бала саудасы"]) == ["Бала саудасы"]


def test_different_codes_may_overlap() -> None:
    book = parse_codebook(
        "codebook: t\ncodes:\n"
        "  - id: a\n    terms: {kk: [бала саудасы]}\n"
        "  - id: b\n    terms: {kk: [бала]}\n"
    )
    found = find_matches([unit("Бала саудасы", "kk")], book.codes)
    assert sorted((m.code, m.surface) for m in found) == [("a", "Бала саудасы"), ("b", "Бала")]


def test_only_the_units_language_is_used() -> None:
    book = codebook({"kk": ["бала"], "ru": ["дети"]})
    assert find_matches([unit("Бала мен дети", "ru")], book.codes)[0].surface == "дети"


WORDS = st.text(alphabet="абвгдежзийклмнопрстуфхцчшщыэюяәғқңөұүһі", min_size=2, max_size=12)


@settings(max_examples=60, deadline=None)
@given(st.lists(WORDS, min_size=1, max_size=3), st.sampled_from(["kk", "ru", "en"]))
def test_a_term_always_matches_its_own_text(words: list[str], lang: str) -> None:
    text = " ".join(words)
    found = surfaces(text, lang, [text])
    assert found == [text]


@settings(max_examples=40, deadline=None)
@given(st.lists(WORDS, min_size=1, max_size=8), st.lists(WORDS, min_size=1, max_size=3))
def test_matches_never_overlap_within_a_code(text_words: list[str], term_words: list[str]) -> None:
    text = " ".join(text_words + term_words + text_words)
    found = find_matches([unit(text, "kk")], codebook({"kk": [" ".join(term_words), term_words[0]]}).codes)
    spans = sorted((m.start, m.end) for m in found)
    assert all(a_end <= b_start for (_, a_end), (b_start, _) in zip(spans, spans[1:], strict=False))
    assert all(text[m.start:m.end] == m.surface for m in found)


# Latin-script Kazakh: one Cyrillic term finds the same words in every spelling, and a Latin term finds
# Cyrillic text. (text, script, term, surfaces)
LATIN_KK = [
    ("Balalar saýdasyna qarsy kúres.", "Latn", "бала саудасы", ["Balalar saýdasyna"]),  # 2018
    ("Balalar saudasyna qarsy küres.", "Latn", "бала саудасы", ["Balalar saudasyna"]),  # 2021
    ("Balalar saudasyna qarsy kures.", "Latn", "бала саудасы", ["Balalar saudasyna"]),  # informal
    ("Qylmystar köbeiüde, qylmystyq ıs qozğaldy.", "Latn", "қылмыс", ["Qylmystar"]),  # not қылмыстық
    ("Балалар саудасына қарсы күрес.", "Cyrl", "bala saýdasy", ["Балалар саудасына"]),  # a Latin term
    ("Балалар саудасына қарсы күрес.", "Cyrl", "=saudasyna", ["саудасына"]),
    ("Полиция UNICEF өкілдерімен кездесті.", "Cyrl", "=UNICEF", ["UNICEF"]),  # a Latin name still matches
]


@pytest.mark.parametrize(("text", "script", "term", "expected"), LATIN_KK)
def test_latin_kazakh(text: str, script: str, term: str, expected: list[str]) -> None:
    book = codebook({"kk": [term]})
    found = find_matches([Unit("d:1", "d", "paragraph", 0, len(text), text, "kk", script)], book.codes)  # type: ignore[arg-type]
    assert [m.surface for m in found] == expected
    assert all(text[m.start:m.end] == m.surface for m in found)


def test_english_words_spelt_like_kazakh_ones_are_not_kazakh() -> None:
    """An English unit is matched with the English terms only: «bala», «men», «bar» stay English words."""
    text = "The men at the bar said the bala was born on a kun day."
    book = codebook({"kk": ["бала", "мен", "бар", "күн"], "en": ["day"]})
    assert [m.surface for m in find_matches([unit(text, "en")], book.codes)] == ["day"]


def test_a_unit_with_language_runs_is_matched_run_by_run() -> None:
    """A Russian quotation inside a Kazakh paragraph is coded with the Russian terms, offsets staying the
    document's."""
    prefix = "Кіріспе. "
    text = "Министр сөйледі. «Торговля детьми остаётся проблемой», – деді ол. Бала саудасы ауыр қылмыс."
    document = prefix + text
    start = len(prefix)
    quote = document.index("«")
    after = document.index(", – деді")
    runs = ((start, quote, "kk", "Cyrl"), (quote, after + 1, "ru", "Cyrl"), (after + 1, len(document), "kk", "Cyrl"))
    mixed = Unit("d:2", "d", "paragraph", start, len(document), text, "kk", "Cyrl", runs)  # type: ignore[arg-type]
    book = codebook({"kk": ["бала саудасы"], "ru": ["торговля детьми"]})
    found = find_matches([mixed], book.codes)
    assert [(m.surface, m.lang) for m in found] == [("Торговля детьми", "ru"), ("Бала саудасы", "kk")]
    assert all(document[m.start:m.end] == m.surface for m in found)
    assert mixed.langs == "kk,ru"
