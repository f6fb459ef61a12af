"""Tone and direction coding on hand-written sentences in kk, ru and en."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from coding.codebook import load_codebook, parse_codebook
from coding.codings import code_units
from coding.errors import CodebookError
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


EVIDENCE_CASES = [
    # (text, lang, score, evidence): the notation of each decision
    ("Қауіп азаймады.", "kk", -1, "−қауіп↓азаймады(¬)"),
    ("Қауіп азайған жоқ.", "kk", -1, "−қауіп↓азайған(¬жоқ)"),
    ("Қауіп күрт азайды.", "kk", 2, "−қауіп↓азайды(×күрт)"),
    ("Угроза не снизилась.", "ru", -1, "−угроза↓снизилась(¬не)"),
    ("Угрозы не было.", "ru", 1, "−угрозы(¬не)"),
    ("Никакой угрозы нет.", "ru", 1, "−угрозы(¬нет)"),
    ("Не то чтобы меры не были эффективными.", "ru", 1, "+эффективными(¬не то чтобы)(¬не)"),
    ("Cases of violence grew.", "en", -1, "−violence↑grew"),
    ("Cases grew.", "en", -1, "−cases↑grew"),
    ("The threat didn't decrease.", "en", -1, "−threat↓decrease(¬didn't)"),
    ("It is not just a threat.", "en", -2, "−threat(×not just)"),
    ("The measures were very effective.", "en", 2, "+effective(×very)"),
    # a word of absence is a decrease of what it governs, and a negative word when it governs nothing
    ("There is a lack of support for victims.", "en", -1, "+support↓lack"),
    ("There is a shortage of specialists.", "en", -1, "−shortage"),
    ("The absence of violence in the school is encouraging.", "en", 2, "−violence↓absence +encouraging"),
    ("Нехватка поддержки ощущается во всех регионах.", "ru", -1, "+поддержки↓нехватка"),
    ("Жәбірленушілерге қолдаудың жетіспеушілігі байқалады.", "kk", -1, "+қолдаудың↓жетіспеушілігі"),
    ("Мамандардың жетіспеушілігі сезіледі.", "kk", -1, "−жетіспеушілігі"),
    ("The risk of violence decreased.", "en", 2, "−risk↓decreased −violence↓decreased"),
    ("Балалар ата-ана қамқорлығынсыз қалды.", "kk", -1, "+қамқорлығынсыз(¬)"),  # privative -сыз
    # a shifter does not reach a predicate across a copula
    ("Недостаток специалистов остается проблемой.", "ru", -2, "−недостаток −проблемой"),
    ("The decrease is encouraging.", "en", 1, "+encouraging"),
]


@pytest.mark.parametrize(("text", "lang", "score", "evidence"), EVIDENCE_CASES)
def test_evidence_shows_each_decision(text: str, lang: str, score: int, evidence: str) -> None:
    result = STUDY.score(unit(text, lang))
    assert (result.score, result.evidence) == (score, evidence)


# The hand-written set: one meaning per row, in kk, ru and en, with the tone a careful coder gives it.
SENTENCES_FILE = Path(__file__).parent / "data" / "tone_sentences.tsv"
with SENTENCES_FILE.open(encoding="utf-8") as handle:
    SENTENCES = list(csv.DictReader(handle, delimiter="\t"))
STUDY = ToneScorer(load_codebook(Path(__file__).parents[1] / "codebooks" / "child_trafficking.yaml").tone)
PHENOMENA = ("polar", "negation", "negation_after", "concord", "shifter_decrease", "shifter_increase",
             "negated_shifter", "intensifier", "not_just", "double_negation", "clause_boundary", "neutral")


@pytest.mark.parametrize(("text", "lang", "tone", "why"), [
    pytest.param(row[lang], lang, row["tone"], f"{row['phenomenon']}: {row['why']}", id=f"{row['id']}-{lang}")
    for row in SENTENCES for lang in ("kk", "ru", "en")])
def test_hand_written_sentence(text: str, lang: str, tone: str, why: str) -> None:
    result = STUDY.score(unit(text, lang))
    assert result.tone == tone, f"{why} — scored {result.score} from {result.evidence!r}"


@pytest.mark.parametrize("row", SENTENCES, ids=[row["id"] for row in SENTENCES])
def test_same_meaning_same_tone_in_kk_ru_en(row: dict[str, str]) -> None:
    tones = {lang: STUDY.score(unit(row[lang], lang)).tone for lang in ("kk", "ru", "en")}
    assert len(set(tones.values())) == 1, tones


def test_hand_written_set_covers_every_phenomenon() -> None:
    assert len(SENTENCES) >= 60
    assert all(row[lang].strip() for row in SENTENCES for lang in ("kk", "ru", "en"))
    assert set(PHENOMENA) <= {row["phenomenon"] for row in SENTENCES}
    assert {row["tone"] for row in SENTENCES} == {"negative", "neutral", "positive"}


@pytest.mark.parametrize(("name", "size", "measured"), [
    # kk 21 -> 20 when the analyzer learnt қаупі = қауіп 'risk': «ұрлау қаупі сақталып отыр, алайда ұрлау саны
    # азайды» (expected neutral) now also counts the risk and sums to negative.
    ("tone_sentences_heldout.tsv", 30, {"kk": 20, "ru": 21, "en": 22}),
    ("tone_sentences_blind.tsv", 20, {"kk": 15, "ru": 13, "en": 17}),
])
def test_sentences_not_tuned_for_stay_at_their_measured_share(name: str, size: int,
                                                               measured: dict[str, int]) -> None:
    """Meanings written after the rules (benchmarks/tone_eval.py prints them per phenomenon; most misses are
    words the codebook's lexicon lacks: помощь, help, useless): the rules must not fall back on them."""
    with (SENTENCES_FILE.parent / name).open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t"))
    assert len(rows) == size and all(row[lang].strip() for row in rows for lang in measured)
    for lang, floor in measured.items():
        right = sum(STUDY.score(unit(row[lang], lang)).tone == row["tone"] for row in rows)
        assert right >= floor, (lang, right)


def test_codebook_adds_shifters_and_intensifiers() -> None:
    book = parse_codebook("""
codebook: t
codes:
  - id: c
    terms: {en: [crime]}
tone:
  negative: {en: [threat, hazard]}
  shifters: {decrease: {en: [wane]}, increase: {en: [balloon]}}
  intensifiers: {en: [awfully]}
  incidence: {en: [kidnap]}
""")
    scorer = ToneScorer(book.tone)
    assert scorer.score(unit("The threat waned.", "en")).evidence == "−threat↓waned"
    assert scorer.score(unit("An awfully grave hazard.", "en")).evidence == "−hazard(×awfully)"
    assert scorer.score(unit("Awfully slow work left a hazard.", "en")).score == -1  # two words at most
    assert scorer.score(unit("Kidnaps ballooned.", "en")).tone == "negative"
    assert scorer.score(unit("The hazard declined.", "en")).tone == "positive"  # the language's own shifters stay


def test_unknown_shifter_kind_names_the_line() -> None:
    with pytest.raises(CodebookError) as error:
        parse_codebook("codebook: t\ncodes:\n  - id: c\n    terms: {en: [crime]}\n"
                       "tone:\n  shifters:\n    fall: {en: [wane]}\n")
    assert error.value.line == 7 and "unknown key 'fall' in tone shifters" in str(error.value)


@pytest.mark.parametrize(("word", "negated"), [("болмады", True), ("азаймады", True), ("бермейді", True),
                                                ("анықталмады", True), ("көрсетілмеді", True),
                                                ("қабылданбады", True), ("анықталды", False),
                                                ("көрсетілді", False),
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


LATIN_TONE = [
    ("Бұл шаралар тиімді емес.", "Cyrl", "+тиімді(¬емес)"),
    ("Būl şaralar tiımdı emes.", "Latn", "+tiımdı(¬emes)"),  # 2021
    ("Bul sharalar tıimdi emes.", "Latn", "+tıimdi(¬emes)"),  # 2018
    ("Bul sharalar tiimdi emes.", "Latn", "+tiimdi(¬emes)"),  # informal
]


@pytest.mark.parametrize(("text", "script", "evidence"), LATIN_TONE)
def test_latin_kazakh_tone_and_direction(text: str, script: str, evidence: str) -> None:
    """Tone and directions read Latin Kazakh through the same Cyrillic words; the evidence shows the text."""
    from coding.tone import tone_scorer

    book = load_codebook(Path(__file__).resolve().parents[1] / "codebooks" / "child_trafficking.yaml")
    unit = Unit("d:1", "d", "paragraph", 0, len(text), text, "kk", script)  # type: ignore[arg-type]
    result = tone_scorer(book).score(unit)  # type: ignore[union-attr]
    assert (result.tone, result.evidence) == ("negative", evidence)
    law = "Zañ qabyldandy." if script == "Latn" else "Заң қабылданды."
    law_unit = Unit("d:2", "d", "paragraph", 0, len(law), law, "kk", script)  # type: ignore[arg-type]
    assert [m.code for m in Matcher(book.directions).match_unit(law_unit)] == ["legal"]
