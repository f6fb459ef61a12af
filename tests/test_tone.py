"""Tone and direction coding on hand-written sentences in kk, ru and en."""

from __future__ import annotations

import pytest

from coding.codebook import parse_codebook
from coding.codings import code_units
from coding.matcher import Matcher, find_matches
from coding.records import Unit
from coding.tone import ToneScorer, is_negated_kazakh_verb

BOOK = parse_codebook("""
codebook: tone test
codes:
  - id: crime
    terms: {kk: [қылмыс], ru: [преступление], en: [crime]}
directions:
  - id: legal
    terms: {kk: [заң, сот], ru: [закон, суд], en: [law, court]}
  - id: prevention
    terms: {kk: [алдын алу], ru: [профилактика], en: [prevention]}
tone:
  positive: {kk: [тиімді, жетістік, нәтиже беру], ru: [эффективный, успех], en: [effective, success]}
  negative: {kk: [қауіп, зардап], ru: [угроза, насилие], en: [threat, violence]}
  negators: {kk: [емес, жоқ], ru: [не, нет, ни], en: [not, no, never]}
  window: 3
""")


def unit(text: str, lang: str) -> Unit:
    return Unit("d:1:1", "d", "sentence", 0, len(text), text, lang)  # type: ignore[arg-type]


TONE_CASES = [
    # (text, lang, score, evidence)
    ("Шаралар тиімді болды.", "kk", 1, "+тиімді"),
    ("Шаралар тиімді емес.", "kk", -1, "+тиімді(¬емес)"),
    ("Шаралар тиімді болмады.", "kk", -1, "+тиімді(¬болмады)"),
    ("Қылмыс саны азаймады.", "kk", -1, "−қылмыс↓азаймады(¬)"),  # a count of harm that did not fall
    ("Қауіп жоқ.", "kk", 1, "−қауіп(¬жоқ)"),
    ("Бағдарлама нәтиже берді, бірақ қауіп сақталды.", "kk", 0, "+нәтиже берді −қауіп"),
    ("Меры были эффективными.", "ru", 1, "+эффективными"),
    ("Меры не были эффективными.", "ru", -1, "+эффективными(¬не)"),
    ("Угрозы нет.", "ru", 1, "−угрозы(¬нет)"),  # «нет» denies existence from after the word
    ("The measures were not effective.", "en", -1, "+effective(¬not)"),
    ("No threat remained, a success.", "en", 2, "−threat(¬no) +success"),
    ("Статистика за 2020 год.", "ru", 0, ""),
    ("Кәмелетке толмаған жәбірленушілер зардап шекті.", "kk", -1, "−зардап"),  # толмаған is no negator
    ("Бұл тек қауіп қана емес.", "kk", -2, "−қауіп(×қана емес)"),  # «ғана емес»: not only — it weighs
    ("Меры не только эффективны, но и дёшевы.", "ru", 2, "+эффективны(×не только)"),
]


@pytest.mark.parametrize(("text", "lang", "score", "evidence"), TONE_CASES)
def test_tone(text: str, lang: str, score: int, evidence: str) -> None:
    result = ToneScorer(BOOK.tone).score(unit(text, lang))
    assert (result.score, result.evidence) == (score, evidence)
    assert result.tone == ("positive" if score > 0 else "negative" if score < 0 else "neutral")


@pytest.mark.parametrize(("word", "negated"), [("болмады", True), ("азаймады", True), ("бермейді", True),
                                                ("болды", False), ("қамау", False), ("адамдар", False),
                                                ("толмаған", False), ("қарамастан", False),
                                                ("интернетпен", False), ("ініме", False), ("шынмен", False),
                                                ("реклама", False), ("болмайды", True), ("жетпейді", True)])
def test_kazakh_verbal_negation(word: str, negated: bool) -> None:
    assert is_negated_kazakh_verb(word) is negated


def code(text: str, lang: str, directions_for: str = "coded"):
    u = unit(text, lang)
    return code_units([u], find_matches([u], BOOK.codes), directions=Matcher(BOOK.directions),
                      direction_order=("legal", "prevention"), tone=ToneScorer(BOOK.tone),
                      directions_for=directions_for)[0]  # type: ignore[arg-type]


def test_several_directions_in_codebook_order() -> None:
    coding = code("Қылмыстың алдын алу үшін заң қабылданды, сот жұмыс істейді.", "kk")
    assert coding.directions == ("legal", "prevention") and coding.counts == {"crime": 1}


def test_coded_unit_without_direction_is_unspecified() -> None:
    assert code("Преступление произошло вчера.", "ru").directions == ("unspecified",)


def test_uncoded_unit_gets_directions_only_when_asked() -> None:
    assert code("Новый закон принят.", "ru").directions == ()
    assert code("Новый закон принят.", "ru", "all").directions == ("legal",)


def test_code_and_polar_word_may_overlap() -> None:
    book = parse_codebook("codebook: t\ncodes:\n  - id: v\n    terms: {en: [violence]}\n"
                          "tone:\n  negative: {en: [violence]}\n")
    u = unit("Violence against children.", "en")
    coding = code_units([u], find_matches([u], book.codes), tone=ToneScorer(book.tone))[0]
    assert coding.counts == {"v": 1} and coding.tone_evidence == "−violence" and coding.tone == "negative"
