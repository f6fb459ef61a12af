"""Language identification for kk / ru / en (and ``other``), per document and per paragraph.

Kazakh and Russian share the Cyrillic alphabet, so the decision rests on evidence that tells them apart:
the nine letters only Kazakh uses (ә ғ қ ң ө ұ ү һ і) and each language's most frequent function words.
A character-n-gram model would need training data we cannot ship; these cues are transparent and, measured
on the UD treebanks' sentences, nearly always right (see benchmarks/language_eval.py).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable

from coding.records import Lang

KAZAKH_LETTERS = frozenset("әғқңөұүһіӘҒҚҢӨҰҮҺІ")

KAZAKH_WORDS = frozenset(
    """және мен бен пен де та те ол бұл осы сол бір екі деп деген еді болды болып болса болған
    бар жоқ емес үшін туралы бойынша арқылы кейін бірақ дейін сияқты тағы ең ғана әр барлық біз сіз
    олар оның мұнда ма ме ба бе па пе ше ғой сонымен қатар жыл жылы жылдың керек тиіс жатыр отыр""".split()
)
RUSSIAN_WORDS = frozenset(
    """и в во на что с со по к ко из за от для как это а но об то так же бы был была было были
    его ее её их он она они мы вы я у при до после же ли или только уже еще ещё также который которые
    этого этом году года лет может быть является""".split()
)
ENGLISH_WORDS = frozenset(
    """the of and to in a is that for on with as by was are be it this from at or an which were has have
    not but their its been also into than other more these between children trafficking""".split()
)

# Endings frequent in one language and rare in the other (Kazakh case/tense suffixes, Russian inflections),
# tested with ``str.endswith``: a regular expression anchored at the end tried every position of the word.
KAZAKH_ENDINGS: tuple[str, ...] = tuple(
    """ды ді ты ті дың тың ның ған ген қан кен ға ге қа ке дан ден тан нан нен мен бен пен лар лер дар дер
    тар тер ып іп уы ын сын дық атын етін майды мейді""".split()
)
RUSSIAN_ENDINGS: tuple[str, ...] = tuple(
    """ого его ому ему ыми ими ость ости ться тся ает яет ует ение ения ании ский ская ское ской ных ным
    ными ется ются ешь ишь ал ала али ило ила ыл вать ывать ство ства""".split()
)

MAX_CHARS = 300
_WORD = re.compile(r"[^\W\d_]+")
# Mentions, addresses and hashtags are not words of any language.
_NOT_TEXT = re.compile(r"[@#]\S+|https?://\S+|www\.\S+|\S+@\S+")
_LATIN = re.compile(r"[a-zA-Z\u00c0-\u024f]")


def _strip_addresses(text: str) -> str:
    # The pattern is costly; most paragraphs have no @, # or web address at all.
    if "@" in text or "#" in text or "http" in text or "www." in text:
        return _NOT_TEXT.sub(" ", text)
    return text


def language_scores(text: str) -> dict[str, float]:
    """Evidence for each language in ``text`` (words counted, weighted); keys kk, ru, en."""
    kk = ru = en = 0.0  # plain locals: this loop runs for every paragraph of a corpus
    cyrillic = latin = 0.0
    # A few hundred words decide as well as a whole book, and cost a fraction of it.
    for word in _WORD.findall(_strip_addresses(text[:MAX_CHARS].lower())):
        if "\u0400" <= word[0] <= "\u04ff":  # Cyrillic
            cyrillic += 1
            if not KAZAKH_LETTERS.isdisjoint(word):
                kk += 2.0  # Russian never writes these letters
            else:
                # A Cyrillic word with no Kazakh letter is weak evidence for Russian.
                ru += 0.25
            if word in KAZAKH_WORDS:
                kk += 1.0
            elif word in RUSSIAN_WORDS:
                ru += 1.0
            elif len(word) > 3:
                if word.endswith(KAZAKH_ENDINGS):
                    kk += 0.6
                if word.endswith(RUSSIAN_ENDINGS):
                    ru += 0.5
        elif _LATIN.match(word):
            latin += 1
            en += 1.0 if word in ENGLISH_WORDS else 0.2
    # The script most words are written in decides between Cyrillic and Latin languages.
    if cyrillic > latin:
        en = 0.0
    elif latin > cyrillic:
        kk = ru = 0.0
    return {"kk": kk, "ru": ru, "en": en}


def detect_language(text: str, default: Lang = "other") -> Lang:
    """The language of a text: ``kk``, ``ru``, ``en``, or ``default`` when there is no evidence.

    >>> detect_language("Бала саудасының алдын алу — басты міндет.")
    'kk'
    >>> detect_language("Торговля детьми остаётся серьёзной проблемой.")
    'ru'
    """
    scores = language_scores(text)
    # On a tie Russian wins: Kazakh needs evidence Russian text cannot give (its own letters and suffixes).
    best = max(("ru", "kk", "en"), key=scores.__getitem__)
    if scores[best] <= 0:
        return default
    if best == "en":
        latin_words = [w for w in _WORD.findall(_strip_addresses(text[:MAX_CHARS].lower())) if _LATIN.match(w)]
        # Latin text with no English function word at all is some other language (Kazakh Latin, Turkish...).
        if len(latin_words) >= 4 and not ENGLISH_WORDS.intersection(latin_words):
            return "other"
    return best  # type: ignore[return-value]


def dominant_language(parts: Iterable[tuple[Lang, int]]) -> Lang:
    """The language covering most words among ``(lang, words)`` parts; ``other`` when empty."""
    counts: Counter[str] = Counter()
    for lang, words in parts:
        counts[lang] += words
    known = [(n, lang) for lang, n in counts.items() if lang != "other"]
    if known:
        return max(known)[1]  # type: ignore[return-value]
    return "other"
