"""Text normalisation: the one form of a document that every offset refers to.

Unicode NFC; invisible characters removed; Latin look-alike letters inside Cyrillic words mapped to
Cyrillic (a Kazakh word typed with a Latin ``i`` or ``o`` must equal the Cyrillic word); whitespace runs
collapsed inside paragraphs; paragraphs separated by exactly one blank line.
"""

from __future__ import annotations

import re
import unicodedata

# Latin letters that look like Cyrillic ones; used only inside words that already hold Cyrillic.
LOOKALIKES: dict[str, str] = {
    "a": "а", "c": "с", "e": "е", "o": "о", "p": "р", "x": "х", "y": "у", "i": "і", "h": "һ", "k": "к",
    "A": "А", "B": "В", "C": "С", "E": "Е", "H": "Н", "K": "К", "M": "М", "O": "О", "P": "Р", "T": "Т",
    "X": "Х", "Y": "У", "I": "І",
}  # fmt: skip
_LOOKALIKE_TABLE = str.maketrans(LOOKALIKES)

# Characters that carry no text: soft hyphen, zero-width space/joiners, BOM, word joiner. Removed with a
# regular expression: ``str.translate`` with a deletion table looks every character up, ten times slower.
_INVISIBLE = re.compile("[\u00ad\u200b\u200c\u200d\u2060\ufeff]")

_MIXED_WORD = re.compile(r"[^\W\d_]+")
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
_LATIN = re.compile(r"[A-Za-z]")
_BLANK_LINES = re.compile(r"\n[ \t\f\v\u00a0\u2000-\u200a\u202f\u205f\u3000]*\n\s*")
_SENTENCE_END = re.compile(r"[.!?:;…»\"')\]]\s*$")


def _cyrillize(match: re.Match[str]) -> str:
    word = match.group(0)
    if _LATIN.search(word) and _CYRILLIC.search(word):
        return word.translate(_LOOKALIKE_TABLE)
    return word


def fix_lookalikes(text: str) -> str:
    """Map Latin look-alike letters to Cyrillic inside words that mix both scripts.

    >>> fix_lookalikes("қылмыc") == "қылмыс"   # the last letter was a Latin c
    True
    """
    if not (_LATIN.search(text) and _CYRILLIC.search(text)):
        return text  # one script only: nothing to fix, and most paragraphs are so
    return _MIXED_WORD.sub(_cyrillize, text)


def _lines_are_paragraphs(lines: list[str]) -> bool:
    """Whether a text without blank lines keeps one paragraph per line (not hard-wrapped prose)."""
    lines = [line for line in lines if line.strip()]
    if len(lines) < 2:
        return False
    ended = sum(1 for line in lines if _SENTENCE_END.search(line))
    average = sum(len(line) for line in lines) / len(lines)
    return ended >= len(lines) / 2 or average > 90


def split_raw_paragraphs(raw: str) -> list[str]:
    """Split raw text into paragraphs: at blank lines, or at line ends when there are no blank lines
    and the lines are not hard-wrapped prose."""
    raw = raw.replace("\r\n", "\n").replace("\r", "\n")
    if _BLANK_LINES.search(raw):
        blocks = _BLANK_LINES.split(raw)
    elif _lines_are_paragraphs(raw.split("\n")):
        blocks = raw.split("\n")
    else:
        blocks = [raw]
    return [block for block in blocks if block.strip()]


def normalize_paragraph(text: str) -> str:
    """Normalise one paragraph: NFC, invisible characters dropped, look-alikes fixed, spaces collapsed."""
    text = _INVISIBLE.sub("", unicodedata.normalize("NFC", text))
    text = fix_lookalikes(text)
    # str.split() splits at exactly the characters \s matches (str.isspace), so this collapses every
    # whitespace run to one space and strips the ends, twice as fast as re.sub(r"\s+", " ", text).strip().
    return " ".join(text.split())


def normalize_text(raw: str) -> str:
    """Normalise a document's raw text; paragraphs are joined by one blank line (``"\\n\\n"``).

    >>> normalize_text("Бірінші   жол\\nжалғасы.\\n\\n\\nЕкінші.")
    'Бірінші жол жалғасы.\\n\\nЕкінші.'
    """
    paragraphs = (normalize_paragraph(block) for block in split_raw_paragraphs(raw))
    return "\n\n".join(p for p in paragraphs if p)


def paragraph_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each paragraph of a normalised text."""
    spans: list[tuple[int, int]] = []
    start = 0
    while start <= len(text):
        end = text.find("\n\n", start)
        if end == -1:
            end = len(text)
        if end > start:
            spans.append((start, end))
        start = end + 2
    return spans
