"""Kazakh in Latin script: the 2021 and 2018 official alphabets, the informal ASCII spellings, and
transliteration both ways.

Matching analyses Kazakh in one canonical script, Cyrillic: a Latin word is transliterated to Cyrillic
(``to_cyrillic``) before its key is made, in the text and in a codebook's terms alike. Cyrillic → Latin
(``to_latin``) writes the 2021 alphabet, for display.

The Latin spellings disagree on a few letters, so a text's alphabet is guessed from its letters
(``latin_alphabet``):

| Cyrillic | 2021 | 2018 | informal ASCII |
|---|---|---|---|
| і | ı | i | i |
| и, й | i | ı | i, y (й between vowels) |
| у | u | ý | u (after a vowel), w |
| ұ | ū | u | u (in a back-vowel word) |
| ү | ü | ú | u (in a front-vowel word), u' |
| ы | y | y | y |
| ә ғ ң ө | ä ğ ñ ö | á ǵ ń ó | a' g'/gh n'/ng o (in a front-vowel word), o' |
| ш ч ж | ş ç j | sh ch j | sh ch j/zh |

Informal ASCII loses vowels (ә is written a; ұ, ү, у are all u): it is read with vowel harmony, and
the most frequent words whose vowels it loses are listed in ``INFORMAL_WORDS``. Names and loan words
written in Latin come out as their letters read in Kazakh (``facebook`` → ``фацебоок``), the same way in
the text and in a codebook, so they still match each other.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Literal

Alphabet = Literal["2021", "2018", "informal"]
ALPHABETS: tuple[str, ...] = ("2021", "2018", "informal")

# Cyrillic → Latin, the alphabet of 2021 (Government decree of 28 January 2021): 31 letters plus ç.
# й is written i like и; the letters Kazakh keeps for Russian loans are written by their sound.
LATIN_2021: dict[str, str] = {
    "а": "a", "ә": "ä", "б": "b", "в": "v", "г": "g", "ғ": "ğ", "д": "d", "е": "e", "ё": "io", "ж": "j",
    "з": "z", "и": "i", "й": "i", "к": "k", "қ": "q", "л": "l", "м": "m", "н": "n", "ң": "ñ", "о": "o",
    "ө": "ö", "п": "p", "р": "r", "с": "s", "т": "t", "у": "u", "ұ": "ū", "ү": "ü", "ф": "f", "х": "h",
    "һ": "h", "ц": "ts", "ч": "ç", "ш": "ş", "щ": "şş", "ъ": "", "ы": "y", "і": "ı", "ь": "", "э": "e",
    "ю": "iu", "я": "ia",
}  # fmt: skip

# Cyrillic → Latin in the 2018 alphabet (decree of 19 February 2018) and in the informal ASCII spelling,
# for evaluation data and tests (what a Latin Kazakh text looks like); display uses 2021.
LATIN_2018: dict[str, str] = {
    **LATIN_2021, "ә": "á", "ғ": "ǵ", "и": "ı", "й": "ı", "ң": "ń", "ө": "ó", "у": "ý", "ұ": "u", "ү": "ú",
    "ц": "ts", "ч": "ch", "ш": "sh", "щ": "shsh", "і": "i", "ю": "ıý", "я": "ıa",
}  # fmt: skip
LATIN_INFORMAL: dict[str, str] = {
    **LATIN_2021, "ә": "a", "ғ": "gh", "и": "i", "й": "i", "ң": "ng", "ө": "o", "ұ": "u", "ү": "u",
    "ч": "ch", "ш": "sh", "щ": "sh", "і": "i", "ж": "zh", "ю": "yu", "я": "ya",
}  # fmt: skip
LATIN: dict[str, dict[str, str]] = {"2021": LATIN_2021, "2018": LATIN_2018, "informal": LATIN_INFORMAL}

# Latin → Cyrillic, letter by letter. ``i`` (2021) and ``ı`` (2018) are и, or й after a vowel.
FROM_2021: dict[str, str] = {
    "a": "а", "ä": "ә", "b": "б", "c": "ц", "ç": "ч", "d": "д", "e": "е", "f": "ф", "g": "г", "ğ": "ғ",
    "h": "х", "ı": "і", "i": "и", "j": "ж", "k": "к", "l": "л", "m": "м", "n": "н", "ñ": "ң", "o": "о",
    "ö": "ө", "p": "п", "q": "қ", "r": "р", "s": "с", "ş": "ш", "t": "т", "u": "у", "ū": "ұ", "ü": "ү",
    "v": "в", "w": "у", "x": "х", "y": "ы", "z": "з",
}  # fmt: skip
FROM_2018: dict[str, str] = {
    "a": "а", "á": "ә", "b": "б", "c": "ц", "d": "д", "e": "е", "f": "ф", "g": "г", "ǵ": "ғ", "h": "х",
    "i": "і", "ı": "и", "j": "ж", "k": "к", "l": "л", "m": "м", "n": "н", "ń": "ң", "o": "о", "ó": "ө",
    "p": "п", "q": "қ", "r": "р", "s": "с", "t": "т", "u": "ұ", "ú": "ү", "v": "в", "w": "у", "x": "х",
    "y": "ы", "ý": "у", "z": "з",
}  # fmt: skip
# The informal spellings read the 2018 letters where they have them, and these on top.
FROM_INFORMAL: dict[str, str] = {**FROM_2018, **FROM_2021, "i": "і", "u": "у", "ı": "і"}
DIGRAPHS_2018: dict[str, str] = {"sh": "ш", "ch": "ч"}
# Longest first: "ng" after "n'" so that "n'g" is ң+г.
DIGRAPHS_INFORMAL: dict[str, str] = {
    "a'": "ә", "g'": "ғ", "n'": "ң", "o'": "ө", "u'": "ү", "i'": "и", "y'": "у", "k'": "қ", "s'": "ш",
    "c'": "ч", "a’": "ә", "g’": "ғ", "n’": "ң", "o’": "ө", "u’": "ү", "i’": "и", "y’": "у", "k’": "қ",
    "s’": "ш", "c’": "ч", "sh": "ш", "ch": "ч", "zh": "ж", "gh": "ғ", "kh": "х", "ng": "ң",
}  # fmt: skip
# Frequent words whose vowels the informal spelling loses (ә, ү written a, u) or that harmony misreads.
INFORMAL_WORDS: dict[str, str] = {
    "jane": "және", "zhane": "және", "ushin": "үшін", "kun": "күн", "kuni": "күні", "bugin": "бүгін",
    "kop": "көп", "oz": "өз", "ozi": "өзі", "ar": "әр", "azir": "әзір", "alem": "әлем", "adilet": "әділет",
    "ayel": "әйел", "ayelder": "әйелдер", "juz": "жүз", "zhuz": "жүз", "ush": "үш", "tort": "төрт",
    "jiyrma": "жиырма", "zhiyrma": "жиырма", "biyl": "биыл", "turaly": "туралы", "su": "су", "juyq": "жуық",
    "zhuyq": "жуық", "ulken": "үлкен", "tusindi": "түсінді", "shyndyq": "шындық",
}  # fmt: skip

# Informal endings of the genitive, whose ң is typed n (-дын, -нын are no Kazakh ending; -тын is a participle).
GENITIVE_INFORMAL: tuple[str, ...] = ("dyn", "nyn", "din", "nin")

# Letters that Kazakh Latin writes and English does not: strong evidence of Kazakh in language
# identification, and what tells the alphabets apart.
MARKS_2021 = frozenset("äğñöşūüç")
MARKS_2018 = frozenset("áǵńóúý")
KAZAKH_LATIN_LETTERS = MARKS_2021 | MARKS_2018 | frozenset("ı")
LATIN_LETTERS = frozenset("abcdefghijklmnopqrstuvwxyz") | KAZAKH_LATIN_LETTERS

_VOWELS = frozenset("aeiouyäöüūıáóúýаәеиоөұүыіэюяуё")
# Informal spelling: letters that show a front-vowel or a back-vowel word (o and u are written for both).
_FRONT = frozenset("eiäöüúı")
_BACK = frozenset("ayū")


def is_latin(word: str) -> bool:
    """Whether ``word`` is written in Latin letters (at least one, and no Cyrillic one).

    >>> is_latin("saýdasyna"), is_latin("сауда"), is_latin("2018")
    (True, False, False)
    """
    has_latin = False
    for char in word:
        if "\u0400" <= char <= "\u04ff":
            return False
        if not has_latin and (char.isascii() and char.isalpha() or char.lower() in LATIN_LETTERS):
            has_latin = True
    return has_latin


def latin_alphabet(text: str) -> Alphabet:
    """Which Latin spelling ``text`` is written in, from its letters: a letter only 2021 has (ä ğ ñ ö ş ū ü
    ç) or only 2018 has (á ǵ ń ó ú ý), whichever is more frequent; ``ı`` alone is 2021 unless ``sh``/``ch``
    show 2018; no mark at all is the informal spelling.

    >>> latin_alphabet("Būl mağan"), latin_alphabet("saýdasyna"), latin_alphabet("balalar qyzy")
    ('2021', '2018', 'informal')
    """
    lowered = text.lower()
    # İ (lower-cased to i and a combining dot) is the capital of the 2021 i.
    marks_2021 = sum(lowered.count(c) for c in MARKS_2021 | {"\u0307"} if c in lowered)
    marks_2018 = sum(lowered.count(c) for c in MARKS_2018 if c in lowered)
    if marks_2021 or marks_2018:
        return "2021" if marks_2021 >= marks_2018 else "2018"
    if "ı" in lowered:
        return "2018" if "sh" in lowered or "ch" in lowered else "2021"
    return "informal"


def _lower_latin(word: str, alphabet: Alphabet) -> str:
    # In the 2021 alphabet I is the capital of ı (і) and İ the capital of i (и); str.lower() knows neither.
    if alphabet == "2021":
        word = word.replace("İ", "i").replace("I", "ı")
    return word.lower().replace("\u0307", "")


@lru_cache(maxsize=65536)
def to_cyrillic(word: str, alphabet: Alphabet | None = None) -> str:
    """A Latin Kazakh word in lower-case Cyrillic (ё as е), in ``alphabet`` (guessed from the word when None).
    Letters outside the alphabets (digits, hyphens, Cyrillic) are kept.

    >>> to_cyrillic("saýdasyna"), to_cyrillic("Qazaqstannyñ"), to_cyrillic("balalardyn"), to_cyrillic("bır")
    ('саудасына', 'қазақстанның', 'балалардың', 'бір')
    """
    if alphabet is None:
        alphabet = latin_alphabet(word)
    lowered = _lower_latin(word, alphabet)
    if alphabet == "informal":
        bare = lowered.replace("’", "'")
        if bare in INFORMAL_WORDS:
            return INFORMAL_WORDS[bare]
        return _informal(lowered)
    letters = FROM_2021 if alphabet == "2021" else FROM_2018
    glide = "i" if alphabet == "2021" else "ı"  # the letter written for both и and й
    out: list[str] = []
    i, n = 0, len(lowered)
    while i < n:
        char = lowered[i]
        if alphabet == "2018" and lowered[i:i + 2] in DIGRAPHS_2018:
            out.append(DIGRAPHS_2018[lowered[i:i + 2]])
            i += 2
            continue
        if char == glide:
            after_vowel = bool(out) and out[-1] in _VOWELS
            if lowered[i + 1:i + 2] == "a" and (after_vowel or not out):  # яғни, саяси (not материал)
                out.append("я")
                i += 2
                continue
            out.append("й" if after_vowel else "и")
        else:
            out.append(letters.get(char, char))
        i += 1
    return "".join(out).replace("ё", "е")


def _informal(lowered: str) -> str:
    vowels = {c for c in lowered if c in _VOWELS}
    front = not vowels.isdisjoint(_FRONT) and vowels.isdisjoint(_BACK)
    out: list[str] = []
    i, n = 0, len(lowered)
    while i < n:
        pair = lowered[i:i + 2]
        if pair in DIGRAPHS_INFORMAL:
            out.append(DIGRAPHS_INFORMAL[pair])
            i += 2
            continue
        char = lowered[i]
        after_vowel = bool(out) and out[-1] in _VOWELS
        before_vowel = i + 1 < n and lowered[i + 1] in _VOWELS
        if pair in ("ia", "ya") and (after_vowel or not out):  # яғни, саяси
            out.append("я")
            i += 2
            continue
        if char == "u":
            out.append("у" if after_vowel else "ү" if front else "ұ")
        elif char == "o":
            out.append("ө" if front else "о")
        elif char == "i":  # й after a vowel (ai, oi), и before i (tiimdi, kiim), else і
            out.append("і" if out and out[-1] in "иі" else "й" if after_vowel else "и" if pair == "ii" else "і")
        elif char == "y" and after_vowel and before_vowel:
            out.append("й")
        else:
            out.append(FROM_INFORMAL.get(char, char))
        i += 1
    if lowered.endswith(GENITIVE_INFORMAL) and out[-1] == "н":
        out[-1] = "ң"
    return "".join(out)


def to_latin(text: str, alphabet: Alphabet = "2021") -> str:
    """Cyrillic Kazakh text in a Latin alphabet (2021 unless told; lower-case; other characters kept).

    >>> to_latin("саудасына"), to_latin("бұл"), to_latin("үйіне"), to_latin("саудасына", "2018")
    ('saudasyna', 'būl', 'üiıne', 'saýdasyna')
    """
    table = LATIN[alphabet]
    return "".join(table.get(char, char) for char in text.lower())
