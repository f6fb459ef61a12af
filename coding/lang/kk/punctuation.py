"""Tokenizer prefix, suffix and infix rules rebuilt with the full Kazakh alphabet.

spaCy's ``char_classes`` lacks ғ, қ, ұ, so its default suffix rule splits the period off "қылмыс." but not
off "балалық."; these rules add the Kazakh letters to the ALPHA classes. Hyphens between letters or digits
are not split (зорлық-зомбылық, 2018-2022, 2019-жылы, 55-ші, ҚР-ның stay one token).
"""

from __future__ import annotations

from spacy.lang.char_classes import (
    ALPHA,
    ALPHA_LOWER,
    ALPHA_UPPER,
    CONCAT_QUOTES,
    CURRENCY,
    HYPHENS,
    LIST_ELLIPSES,
    LIST_ICONS,
    LIST_PUNCT,
    LIST_QUOTES,
    PUNCT,
    UNITS,
)
from spacy.lang.punctuation import TOKENIZER_PREFIXES as BASE_PREFIXES

from .alphabet import KAZAKH_SPECIFIC

_KK_LOWER = "".join(char for char in KAZAKH_SPECIFIC if char.islower())
_KK_UPPER = "".join(char for char in KAZAKH_SPECIFIC if char.isupper())

ALPHA_KK = ALPHA + KAZAKH_SPECIFIC
ALPHA_LOWER_KK = ALPHA_LOWER + _KK_LOWER
ALPHA_UPPER_KK = ALPHA_UPPER + _KK_UPPER
# Dashes other than the ASCII hyphen still split words (a long dash is punctuation, not a compound).
_HYPHENS_NO_ASCII = "|".join(dash for dash in HYPHENS.split("|") if dash and "-" not in dash)

TOKENIZER_PREFIXES = list(BASE_PREFIXES)

TOKENIZER_SUFFIXES = (
    LIST_PUNCT
    + LIST_ELLIPSES
    + LIST_QUOTES
    + LIST_ICONS
    + ["—", "–"]
    + [
        r"(?<=[0-9])\+",
        r"(?<=°[FfCcKk])\.",
        rf"(?<=[0-9])(?:{CURRENCY})",
        rf"(?<=[0-9])(?:{UNITS})",
        rf"(?<=[0-9{ALPHA_LOWER_KK}%²\-\+{PUNCT}(?:{CONCAT_QUOTES})])\.",
        rf"(?<=[{ALPHA_UPPER_KK}][{ALPHA_UPPER_KK}])\.",
    ]
)

TOKENIZER_INFIXES = (
    LIST_ELLIPSES
    + LIST_ICONS
    + [
        r"(?<=[0-9])[+*^](?=[0-9-])",
        rf"(?<=[{ALPHA_LOWER_KK}{CONCAT_QUOTES}])\.(?=[{ALPHA_UPPER_KK}{CONCAT_QUOTES}])",
        rf"(?<=[{ALPHA_KK}]),(?=[{ALPHA_KK}])",
        rf"(?<=[{ALPHA_KK}])(?:{_HYPHENS_NO_ASCII})(?=[{ALPHA_KK}])",
        rf"(?<=[{ALPHA_KK}0-9])[:<>=/](?=[{ALPHA_KK}])",
    ]
)
