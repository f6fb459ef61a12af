from __future__ import annotations

import pytest

from coding.sentences import split_sentences

CASES = [
    # initials
    ("А.И. Милевский мен Е.С. Жетписбаев зерттеді. Нәтиже шықты.",
     ["А.И. Милевский мен Е.С. Жетписбаев зерттеді.", "Нәтиже шықты."]),
    # Kazakh abbreviations
    ("2018-2022 жж. бала саудасы өсті. ҚР Қылмыстық кодексі т.б. заңдар бар.",
     ["2018-2022 жж. бала саудасы өсті.", "ҚР Қылмыстық кодексі т.б. заңдар бар."]),
    ("1995 ж. Алматыда ашылды. Кейін жабылды.", ["1995 ж. Алматыда ашылды.", "Кейін жабылды."]),
    # Russian abbreviations
    ("В 2019 г. возбуждено 6 дел по ст. 135 УК РК. Это много.",
     ["В 2019 г. возбуждено 6 дел по ст. 135 УК РК.", "Это много."]),
    ("Университет им. Абая, т.е. КазНПУ. Там учатся.", ["Университет им. Абая, т.е. КазНПУ.", "Там учатся."]),
    ("В 2018-2022 гг. Казахстан принял меры. Итоги подведены.",
     ["В 2018-2022 гг. Казахстан принял меры.", "Итоги подведены."]),
    # citations
    ("Бұл туралы жазылған [1, р.81-88]. Келесі ой [2, p. 15].",
     ["Бұл туралы жазылған [1, р.81-88].", "Келесі ой [2, p. 15]."]),
    # numbered lists
    ("Мақсаттар: 1. Алдын алу. 2. Қорғау.", ["Мақсаттар: 1. Алдын алу.", "2. Қорғау."]),
    ("1. Первый пункт. 2. Второй пункт.", ["1. Первый пункт.", "2. Второй пункт."]),
    # quotes and dashes
    ("«Бұл – қылмыс!» – деді ол. Бәрі келісті.", ["«Бұл – қылмыс!» – деді ол.", "Бәрі келісті."]),
    ("Ол: «Балалар қорғалуы тиіс.» Содан кейін кетті.",
     ["Ол: «Балалар қорғалуы тиіс.»", "Содан кейін кетті."]),
    ("Что дальше? — Неизвестно... Посмотрим!", ["Что дальше?", "— Неизвестно...", "Посмотрим!"]),
    # numbers ending a sentence
    ("Істер саны 27. Бұл көп.", ["Істер саны 27.", "Бұл көп."]),
    # decimals and dates do not split
    ("Өсім 3.5 пайыз болды, 12.05.2019 ж. есеп шықты.", ["Өсім 3.5 пайыз болды, 12.05.2019 ж. есеп шықты."]),
    # English
    ("Dr. Smith met the U.N. team. They agreed.", ["Dr. Smith met the U.N. team.", "They agreed."]),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_split_sentences(text: str, expected: list[str]) -> None:
    assert [text[s:e] for s, e in split_sentences(text)] == expected


def test_offsets_respect_a_window() -> None:
    text = "Кіріспе.\n\nБірінші сөйлем. Екінші сөйлем."
    start = text.index("Бірінші")
    spans = split_sentences(text, start, len(text))
    assert [text[s:e] for s, e in spans] == ["Бірінші сөйлем.", "Екінші сөйлем."]
    assert spans[0][0] == start


def test_fast_path_is_longer_than_every_abbreviation() -> None:
    # _is_boundary takes a period after _LONG_WORD letters as final without looking the word up.
    from coding.sentences import _LONG_WORD, NON_FINAL_ABBREVIATIONS

    assert max(map(len, NON_FINAL_ABBREVIATIONS)) < _LONG_WORD
