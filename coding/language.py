"""Language identification for kk / ru / en (and ``other``), per document and per paragraph, with the script
(``Cyrl`` or ``Latn``) the text is written in.

Kazakh and Russian share the Cyrillic alphabet, so the decision rests on evidence that tells them apart:
the nine letters only Kazakh uses (ә ғ қ ң ө ұ ү һ і) and each language's most frequent function words.
Kazakh in Latin script (``coding.lang.kk.latin``) is told from English by the letters only Kazakh Latin
writes (ä ğ ı ñ ö ş ū ü, á ǵ ń ó ú ý), and for the plain-ASCII informal spelling by Kazakh words, endings
and a q not followed by u; it must outweigh English function words twice over, so English stays English.
A character-n-gram model would need training data we cannot ship; these cues are transparent and, measured
on the UD treebanks' sentences, nearly always right (see benchmarks/language_eval.py).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable

from coding.lang.kk.latin import KAZAKH_LATIN_LETTERS
from coding.records import Lang, Script

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

# Latin-script Kazakh: frequent words in the 2021, 2018 and informal spellings. Words that are English too
# (men, bar, bala, kun, on, ol, de, da, jane…) are left out: they must not turn English into Kazakh.
KAZAKH_LATIN_WORDS = frozenset(
    """jáne jäne zhane bul búl būl osy bir bır eki dep degen edi boldy bolyp bolsa bolgan bolğan bolǵan jok
    joq emes ushin úshin üşin turaly boiynsha boıynsha boyynsha arqyly arkyly keiin keıin biraq birak bıraq
    deiin deıin siyaqty sııaqty tagy tağy taǵy gana ğana ǵana barlyq biz bız siz sız olar onyn onyń onyñ
    jyl jyly jyldyn jyldyń jyldyñ kerek tiis tııs tiıs jatyr otyr qazaqstan qazaqstannyn qazaqstannyń
    qazaqstannyñ respublikasy respýblıkasy respublikasynyn balalar balalardyn bolady bolmaq sonymen
    qazaq sondai sondaı osylai mundai""".split()
)
KAZAKH_LATIN_ENDINGS: tuple[str, ...] = tuple(
    """lardyn lerdin lardyń lerdiń lardyñ lerdıñ larga lerge larğa larǵa larda lerde lary leri lardy lerdi
    dyn dyń dyñ nyn nyń nyñ dyng nyng tyng ypty ipti ıptı yqty ady ydy idi ghan uge uga ghy""".split()
)

MAX_CHARS = 300
_WORD = re.compile(r"[^\W\d_]+")
# Mentions, addresses and hashtags are not words of any language.
_NOT_TEXT = re.compile(r"[@#]\S+|https?://\S+|www\.\S+|\S+@\S+")
_LATIN = re.compile(r"[a-zA-Z\u00c0-\u024f]")
_Q_NOT_U = re.compile("q(?!u)")


def _strip_addresses(text: str) -> str:
    # The pattern is costly; most paragraphs have no @, # or web address at all.
    if "@" in text or "#" in text or "http" in text or "www." in text:
        return _NOT_TEXT.sub(" ", text)
    return text


def _evidence(text: str) -> tuple[dict[str, float], Script, int]:
    """The language scores of ``text``, its script, and how many English function words it has."""
    kk = ru = en = kk_latin = 0.0  # plain locals: this loop runs for every paragraph of a corpus
    cyrillic = latin = english = 0
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
            if word in ENGLISH_WORDS:
                en += 1.0
                english += 1
                continue
            en += 0.2
            if not KAZAKH_LATIN_LETTERS.isdisjoint(word):
                kk_latin += 2.0  # English never writes these letters
            elif ("q" in word and _Q_NOT_U.search(word)) or "zh" in word:
                kk_latin += 1.5  # English writes q before u only, and zh in transliterated names only
            if word in KAZAKH_LATIN_WORDS:
                kk_latin += 1.0
            elif len(word) > 4 and word.endswith(KAZAKH_LATIN_ENDINGS):
                kk_latin += 0.6
    # Latin Kazakh must be clear: twice the evidence of the English function words, and more than one cue.
    if kk_latin >= 2.0 and kk_latin > 2 * english:
        kk += kk_latin
    # The script most words are written in decides between Cyrillic and Latin languages.
    if cyrillic > latin:
        en = 0.0
        script: Script = "Cyrl"
    elif latin > cyrillic:
        ru = 0.0
        if kk_latin < 2.0 or kk_latin <= 2 * english:
            kk = 0.0
        script = "Latn"
    else:
        script = "Cyrl" if cyrillic else ""
    return {"kk": kk, "ru": ru, "en": en}, script, english


def language_scores(text: str) -> dict[str, float]:
    """Evidence for each language in ``text`` (words counted, weighted); keys kk, ru, en."""
    return _evidence(text)[0]


def identify_language(text: str, default: Lang = "other") -> tuple[Lang, Script]:
    """The language of a text and its script: ``("kk", "Latn")`` for Kazakh in Latin letters; ``default``
    (and the script) when there is no evidence of a language.

    >>> identify_language("Qazaqstanda balalar saýdasyna qarsy zañ qabyldandy.")
    ('kk', 'Latn')
    """
    scores, script, english = _evidence(text)
    # On a tie Russian wins: Kazakh needs evidence Russian text cannot give (its own letters and suffixes).
    best = max(("ru", "kk", "en"), key=scores.__getitem__)
    if scores[best] <= 0:
        return default, script
    if best == "en" and not english:
        latin_words = [w for w in _WORD.findall(_strip_addresses(text[:MAX_CHARS].lower())) if _LATIN.match(w)]
        # Latin text with no English function word at all is some other language (Turkish, Uzbek...).
        if len(latin_words) >= 4:
            return "other", script
    return best, script  # type: ignore[return-value]


def detect_language(text: str, default: Lang = "other") -> Lang:
    """The language of a text: ``kk``, ``ru``, ``en``, or ``default`` when there is no evidence.

    >>> detect_language("Бала саудасының алдын алу — басты міндет.")
    'kk'
    >>> detect_language("Торговля детьми остаётся серьёзной проблемой.")
    'ru'
    >>> detect_language("Balalar saýdasy — aýyr qylmys.")
    'kk'
    """
    return identify_language(text, default)[0]


def dominant_language(parts: Iterable[tuple[Lang, int]]) -> Lang:
    """The language covering most words among ``(lang, words)`` parts; ``other`` when empty."""
    counts: Counter[str] = Counter()
    for lang, words in parts:
        counts[lang] += words
    known = [(n, lang) for lang, n in counts.items() if lang != "other"]
    if known:
        return max(known)[1]  # type: ignore[return-value]
    return "other"


# Evidence that a paragraph holds a second language, looked for in the whole paragraph (a regular expression
# in C: cheap, so every paragraph of a corpus can be asked); only such a paragraph is identified sentence by
# sentence. Russian function words that Kazakh never writes as words (Kazakh has не, он, от, из, же, а as words):
# A literal space first lets the regular expression engine skip ahead: three times faster than \b or (?<!\w).
_RUSSIAN_IN_KAZAKH = re.compile(
    r" (?:и|в|во|на|по|с|к|за|при|после|до|об|что|это|как|для|также|только|уже|если|чтобы|который|которые|"
    r"которая|было|были|была|был|его|она|они|В|И|На|По|С|За|При|После|До|Это|Как|Для|Что|Также|Только|Если)"
    r"[ ,.;:!?»)]")
_KAZAKH_LETTER = re.compile("[әғқңөұүһіӘҒҚҢӨҰҮҺІ]")
_CYRILLIC_LETTER = re.compile("[\u0400-\u04ff]")
# Three Latin words in a row: a quoted English sentence or Kazakh in Latin letters, not a name or a brand.
_LATIN_WORDS = re.compile(r"[A-Za-z\u00c0-\u024f]{2,}(?:[\s,;:-]+[A-Za-z\u00c0-\u024f]{2,}){2}")
# A quotation of some length without a Kazakh letter, and Russian inflections Kazakh words do not take.
_UNKAZAKH_QUOTATION = re.compile("«[^«»әғқңөұүһіӘҒҚҢӨҰҮҺІ]{25,}»")
_RUSSIAN_ENDING = re.compile(r"(?:тся|ться|ого|ыми|ями|ется|ются|ость|ть|ые|ых|ый|ся|сь|ешь|ишь)\b")
_LATIN_LETTER = re.compile(r"[A-Za-z\u00c0-\u024f]")
# A sentence shorter than this keeps its paragraph's language unless its script shows another.
MIN_WORDS_FOR_SENTENCE = 4


def second_language_evidence(text: str, lang: Lang, script: Script) -> bool:
    """Whether a paragraph identified as ``lang`` in ``script`` shows evidence of another language: another
    script, a Russian function word in Kazakh, a Kazakh letter in Russian."""
    if script == "Latn":
        return _CYRILLIC_LETTER.search(text) is not None
    if _LATIN_LETTER.search(text) and _LATIN_WORDS.search(text):  # most paragraphs have no Latin letter
        return True
    if lang == "kk":
        return (_RUSSIAN_IN_KAZAKH.search(text) or _UNKAZAKH_QUOTATION.search(text)
                or _RUSSIAN_ENDING.search(text)) is not None
    if lang == "ru":
        return _KAZAKH_LETTER.search(text) is not None
    return False


def sentence_language(text: str, lang: Lang, script: Script, words: int) -> tuple[Lang, Script]:
    """The language of one sentence of a paragraph in ``lang`` and ``script``: the paragraph's, unless the
    evidence is clear — Cyrillic letters in a Latin paragraph (or a long Latin sentence in a Cyrillic one),
    or, in the same script, a sentence of at least ``MIN_WORDS_FOR_SENTENCE`` words whose language scores
    at least 2 and half as much again as the paragraph's language (or at least 1 where the paragraph's
    language scores nothing)."""
    scores, own_script, _ = _evidence(text)
    best = max(("ru", "kk", "en"), key=scores.__getitem__)
    if scores[best] <= 0 or best == lang:
        return lang, own_script or script
    if own_script and own_script != script:
        if own_script == "Cyrl" or words >= MIN_WORDS_FOR_SENTENCE:
            return best, own_script  # type: ignore[return-value]
        return lang, own_script
    own = scores.get(lang, 0.0)
    # Four words with no evidence at all of the paragraph's language are clear too (a Russian quotation
    # without one function word scores only 0.25 a word).
    if words >= MIN_WORDS_FOR_SENTENCE and (scores[best] >= 2.0 and scores[best] > 1.5 * own
                                            or own == 0 and scores[best] >= 1.0):
        return best, own_script or script  # type: ignore[return-value]
    return lang, own_script or script
