"""The Kazakh Cyrillic alphabet and the sound classes that the suffix grammar conditions on."""

from __future__ import annotations

import re

LOWER = "аәбвгғдеёжзийкқлмнңоөпрстуұүфхһцчшщъыіьэюя"
UPPER = LOWER.upper()
# Letters that spaCy's char_classes lack or that are specific to Kazakh (and Tatar/Bashkir loans).
KAZAKH_SPECIFIC = "әғқңөұүһіӘҒҚҢӨҰҮҺІ"

BACK_VOWELS = frozenset("аоұыя")
FRONT_VOWELS = frozenset("әеөүіэ")
# и, у, ю write a vowel plus a glide and occur in both harmony classes, so harmony is read past them.
NEUTRAL_VOWELS = frozenset("иую")
VOWELS = BACK_VOWELS | FRONT_VOWELS | NEUTRAL_VOWELS

# Sound class of a stem's last letter, which picks the allomorph of the next suffix:
# V vowel, R р/й/у/и/ю (take л-/д- like sonorants), L л, N м/н/ң, Z з/ж, K voiceless (and devoiced б в г ғ д).
SOUND_CLASS = {
    **dict.fromkeys("аәеёоөұүыіэя", "V"),
    **dict.fromkeys("рйуию", "R"),
    "л": "L",
    **dict.fromkeys("мнң", "N"),
    **dict.fromkeys("зж", "Z"),
    **dict.fromkeys("кқпсфтхһцчшщбвгғд", "K"),
}

_LATIN_I = re.compile("[iI]")
_CYRILLIC = re.compile("[а-яёәғқңөұүһі]", re.IGNORECASE)


def normalize(word: str) -> str:
    """Lower-case a Kazakh word, fold ё into е and repair the Latin i typed for і in Cyrillic text.

    >>> normalize("Қазақстанның")
    'қазақстанның'
    """
    text = word.lower().replace("ё", "е")
    if "i" in text and _CYRILLIC.search(text):
        text = _LATIN_I.sub("і", text)
    return text


def sound_class(stem: str) -> str:
    """The sound class (V R L N Z K) of the last letter of ``stem``; soft/hard signs are skipped."""
    if stem and (last := SOUND_CLASS.get(stem[-1])):
        return last  # one look-up for all but a final ь/ъ (or a letter outside the alphabet)
    for char in reversed(stem):
        if char not in "ьъ":
            return SOUND_CLASS.get(char, "K")
    return "V"


def harmony(stem: str) -> str | None:
    """'b' (back) or 'f' (front) from the last harmony-bearing vowel, None when undecidable.

    Loan words follow their last vowel (полиция → полицияға, Медведев → Медведевтің). An е right after a
    vowel is read as йе and skipped (Сәтбаев → Сәтбаевтың); у/ю after a vowel are glides and skipped
    (қорғау → қорғауға), after a consonant they are back (институт → институтқа); a last и allows both
    (тарихқа but министрге, Путинге).
    """
    for index in range(len(stem) - 1, -1, -1):
        char = stem[index]
        if char in BACK_VOWELS:
            return "b"
        if char in FRONT_VOWELS:
            if char == "е" and index and stem[index - 1] in BACK_VOWELS:
                continue
            return "f"
        if char == "и":
            return None
        if char in "ую" and 0 < index < len(stem) - 1 and stem[index - 1] not in VOWELS:
            return "b"
    return None


def has_vowel(text: str) -> bool:
    """True when ``text`` contains a Kazakh vowel letter."""
    return not VOWELS.isdisjoint(text)
