"""Sentence boundaries for Kazakh, Russian and English news and academic prose.

A boundary is a ``.``, ``!``, ``?`` or ``…`` (with any closing quotes or brackets) followed by space and
a word that can open a sentence: a capital letter, a digit, an opening quote or a dash. A period does not
end a sentence after an initial (``А.И. Милевский``), after an abbreviation that is never final
(``им.``, ``ст.``, ``ж.``, ``г.``, ``т.е.``), or after a bare list number (``1. Алдын алу``).
Citations (``[1, р.81-88]``) and ranges (``2018-2022``) hold no space after their dots and never split.
"""

from __future__ import annotations

import re

# Abbreviations after which a period never ends a sentence (lower-cased, without their final period).
NON_FINAL_ABBREVIATIONS: frozenset[str] = frozenset(
    """ж жж г гг им ст стст см т.е т.н т.к т.ч напр проф акад доц ул пр просп д кв обл р-н гр г-н г-жа тел
    рис табл прим ред изд вып п пп ч гл разд а.ж б.з.д з.д т.ғ.к т.ғ.д ф.ғ.к ф.ғ.д э.ғ.к з.ғ.к ақпар
    млн млрд тыс руб тг мың no nos dr mr mrs ms prof st vs e.g i.e cf fig art para pp vol ed eds""".split()
)

# Letters before a period that make the fast path of ``_is_boundary`` safe: more than any abbreviation above
# holds (tests/test_sentences.py checks it).
_LONG_WORD = 6

_CANDIDATE = re.compile(r"[.!?…]+[»\"”’')\]]*(?=\s+([^\s]))")
_OPENERS = re.compile(r"[\w«\"“„'‘(\[—–-]")
_WORD_BEFORE = re.compile(r"([^\s(«\"“„\[]*?)[.!?…]+[»\"”’')\]]*$")
_NEXT_LETTER = re.compile(r"[^\W\d_]")
_INLINE_LIST_NUMBER = re.compile(r"[:;]\s*\d{1,3}$")
_LIST_NUMBER = re.compile(r"^\s*(?:\d{1,3}|[IVXivx]{1,4}|[a-zа-яәғқңөұүһі])$")


def _is_boundary(text: str, start: int, end: int, next_start: int) -> bool:
    next_char = text[next_start]
    if not (next_char.isupper() and next_char.isalpha()) and (not _OPENERS.match(next_char) or next_char.islower()):
        return False
    if next_char in "—–-":  # «...!» — деді ол: a dash followed by a lower-case word continues the sentence
        following = _NEXT_LETTER.search(text, next_start + 1)
        if following and following.group().islower():
            return False
    if text[start] != ".":
        return True
    # Most periods follow a word whose last six characters are letters: it cannot be an initial, a
    # listed abbreviation (five characters at most) or a list number, so the regular expressions below
    # can only agree.
    if start >= _LONG_WORD and text[start - _LONG_WORD:start].isalpha():
        return True
    # Only the few characters before the period matter; searching from 0 would be quadratic.
    found = _WORD_BEFORE.search(text, max(0, start - 64), end)
    word = found.group(1) if found else ""
    bare = word.rstrip(".").lower()
    last = bare.rsplit(".", 1)[-1]
    if len(last) == 1 and last.isalpha():  # an initial (А.И.), or an abbreviation like т.е. / т.б.
        return False
    if bare in NON_FINAL_ABBREVIATIONS:
        return False
    if _INLINE_LIST_NUMBER.search(text, max(0, start - 8), start):  # "Мақсаттар: 1. Алдын алу."
        return False
    return True


def split_sentences(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """``(start, end)`` spans of the sentences of ``text[start:end]``, offsets into ``text``; spans are
    trimmed of surrounding space and cover every non-space character.

    >>> t = "А.И. Милевский 2019 ж. мәлімдеді. Бұл қылмыс [1, р.81-88]. 1. Алдын алу."
    >>> [t[s:e] for s, e in split_sentences(t)]
    ['А.И. Милевский 2019 ж. мәлімдеді.', 'Бұл қылмыс [1, р.81-88].', '1. Алдын алу.']
    """
    end = len(text) if end is None else end
    spans: list[tuple[int, int]] = []
    sentence_start = start
    for found in _CANDIDATE.finditer(text, start, end):
        if found.start(1) >= end:
            break
        # "1." opening a list item is no sentence of its own (only a short candidate can be one).
        if (found.start() - sentence_start <= 4 or text[sentence_start].isspace()) and \
                _LIST_NUMBER.match(text[sentence_start:found.start()]):
            continue
        if _is_boundary(text, found.start(), found.end(), found.start(1)):
            spans.append((sentence_start, found.end()))
            sentence_start = found.start(1)
    spans.append((sentence_start, end))
    trimmed = (_trim(text, s, e) for s, e in spans)
    return [(s, e) for s, e in trimmed if s < e]


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end
