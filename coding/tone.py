"""Tone: each unit's score is positive hits − negative hits, a polar term inside a negator's reach
counting with the opposite sign; the evidence lists the polar words and negators that decided it.

Where negation lives differs by language, so the reach does too:
- Russian and English negators stand before the word: ``не эффективно``, ``not effective``
  (``window`` words back);
- Kazakh negates after the word — ``тиімді емес``, ``көмек жоқ`` (``window`` words forward) — and inside
  the verb: ``-ма/-ме/-ба/-бе/-па/-пе`` in ``азаймады``, ``тиімді болмады``. A Kazakh word is a negated
  verb when its lemma key is followed by one of those suffixes (``азай|ма|ды``, ``бол|ма|ды``), so the
  analyzer that finds lemmas also finds negation.
"""

from __future__ import annotations

from collections.abc import Iterable
from collections.abc import Set as AbstractSet
from dataclasses import dataclass

from coding.codebook import Codebook, Entry, ToneRules
from coding.matcher import Matcher, UnitWords, unit_words, word_candidates
from coding.records import Unit
from coding.terms import TermSyntaxError, parse_term

KAZAKH_NEGATION = ("ма", "ме", "ба", "бе", "па", "пе")
# Negative verb forms that no longer negate anything: «кәмелетке толмаған» (under age, literally "not
# filled"), «соған қарамастан» (despite that), «болмаса» (or else).
LEXICALIZED_NEGATIVES: tuple[str, ...] = ("толмаған", "қарамастан", "болмаса")
# "not only ... but also": a negator followed by one of these words negates nothing.
NOT_ONLY: dict[str, frozenset[str]] = {
    "kk": frozenset({"ғана", "қана"}),  # «ғана емес» follows the word it scopes over
    "ru": frozenset({"только", "лишь"}),
    "en": frozenset({"only", "just"}),
}
# Which way a negator reaches from a polar word, per language.
NEGATION_AFTER: frozenset[str] = frozenset({"kk"})


def kazakh_negation(word: str) -> str:
    """The verbal negation suffix a Kazakh word form carries right after its stem, or "".

    >>> kazakh_negation("азаймады"), kazakh_negation("болды")
    ('ма', '')
    """
    from coding.lang.kk.analyzer import is_verb_stem

    lowered = word.lower()
    if lowered.startswith(LEXICALIZED_NEGATIVES):
        return ""
    key = word_candidates(lowered, "kk")[0]
    if len(key) < 2 or not lowered.startswith(key) or len(lowered) < len(key) + 3:
        return ""
    suffix, tail = lowered[len(key):len(key) + 2], lowered[len(key) + 2:]
    # Only a verb negates, and a verbal ending follows (азай|ма|ды): інi|ме 'to my brother' and
    # интернет|пен 'with the internet' begin the same way but are nouns with case endings.
    if suffix not in KAZAKH_NEGATION or not is_verb_stem(key) or tail.startswith("н"):
        return ""
    return suffix


def is_negated_kazakh_verb(word: str) -> bool:
    """Whether a Kazakh word form is a negated verb (``болмады``, ``бермейді``)."""
    return bool(kazakh_negation(word))


@dataclass(frozen=True)
class ToneResult:
    """A unit's tone, its score and the evidence (``+тиімді(¬емес) −қауіп``)."""

    tone: str
    score: int
    evidence: str


def _entries(rules: ToneRules) -> list[Entry]:
    from coding.lexicons import qaznltk_words, read_lexicon_file

    terms = {polarity: {lang: list(items) for lang, items in getattr(rules, polarity).items()}
             for polarity in ("positive", "negative")}
    extra = []
    if rules.lexicon == "qaznltk":
        extra.append(qaznltk_words())
    if rules.lexicon_file:
        extra.append(read_lexicon_file(rules.lexicon_file))
    for lexicon in extra:
        for polarity, by_lang in lexicon.items():
            for lang, words in by_lang.items():
                known = {t.text for t in terms[polarity].get(lang, [])}
                for word in words:
                    if word in known:
                        continue
                    try:
                        terms[polarity].setdefault(lang, []).append(parse_term(word, lang))
                    except TermSyntaxError:
                        continue  # a lexicon entry with punctuation cannot be a word of the text
                    known.add(word)
    return [Entry(id=polarity, label={}, terms={lang: tuple(items) for lang, items in by_lang.items()})
            for polarity, by_lang in terms.items()]


class ToneScorer:
    """The compiled tone rules of a codebook."""

    def __init__(self, rules: ToneRules) -> None:
        self.rules = rules
        self.matcher = Matcher(_entries(rules))
        self.negators = {lang: frozenset(words) for lang, words in rules.negators.items()}

    def _negator(self, words: list[str], index: int, lang: str, inside: bool) -> str:
        word = words[index]
        if word in self.negators.get(lang, ()):
            only = NOT_ONLY.get(lang, frozenset())
            if lang in NEGATION_AFTER and index > 0 and words[index - 1] in only:
                return ""
            if lang not in NEGATION_AFTER and index + 1 < len(words) and words[index + 1] in only:
                return ""
            return word
        if lang == "kk" and (suffix := kazakh_negation(word)):
            return f"-{suffix}" if inside else word
        return ""

    def learn(self, types: Iterable[str], lang: str) -> None:
        """See ``Matcher.learn``."""
        self.matcher.learn(types, lang)

    def openers(self, lang: str) -> AbstractSet[str]:
        """See ``Matcher.openers``: a unit with none of these words is neutral."""
        return self.matcher.openers(lang)

    def score(self, unit: Unit, analysed: UnitWords | None = None, *, learned: bool = False) -> ToneResult:
        """Score one unit (``analysed``: its words from ``unit_words``, when already computed; ``learned``:
        their types were given to ``learn``)."""
        if analysed is None:
            analysed, learned = unit_words(unit), False
        matches = self.matcher.match_unit(unit, analysed, learned=learned)
        if not matches:
            return ToneResult("neutral", 0, "")
        spans = analysed.spans
        words = [unit.text[s:e].lower() for s, e in spans]
        starts = {s: i for i, (s, _) in enumerate(spans)}
        ends = {e: i for i, (_, e) in enumerate(spans)}
        window = self.rules.window
        total = 0
        evidence = []
        for match in matches:
            first = starts[match.start - unit.start]
            last = ends[match.end - unit.start]
            if unit.lang in NEGATION_AFTER:
                reach = range(first, min(len(words), last + 1 + window))
            else:
                reach = range(max(0, first - window), first)
            negator = next((n for i in reach if (n := self._negator(words, i, unit.lang, first <= i <= last))), "")
            sign = 1 if match.code == "positive" else -1
            total += -sign if negator else sign
            mark = "+" if sign > 0 else "−"
            evidence.append(f"{mark}{match.surface.lower()}" + (f"(¬{negator})" if negator else ""))
        tone = "positive" if total > 0 else "negative" if total < 0 else "neutral"
        return ToneResult(tone, total, " ".join(evidence))


def tone_scorer(codebook: Codebook) -> ToneScorer | None:
    """The codebook's tone scorer, or None when it has no tone rules."""
    return ToneScorer(codebook.tone) if codebook.tone else None
