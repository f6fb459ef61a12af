"""Tone: each unit's score adds up its polar words, each read the way a careful coder reads it.

A polar word (``+тиімді``, ``−қауіп``) counts 1 with its sign, and what governs it changes that:
- a **negator** flips it; two negators of one word cancel (``not that it was not effective``). Russian and
  English negators stand before the word (``не эффективны``, ``no threat``), and a denial of existence
  after it (``угрозы нет``, ``угрозы не было``, ``no threat was found``); Kazakh negates after the word
  (``тиімді емес``, ``қауіп болған жоқ``) and inside the verb (``азай|ма|ды``, see ``kazakh_negation``).
  Negative pronouns add nothing to the negation they come with (``никакой угрозы не было``);
- a **shifter** of decrease flips what it governs (``қауіп азайды``, ``снижение угрозы``, ``the danger
  decreased``: good news; ``lack of support``: bad news), one of increase keeps it (``cases grew``: bad
  news); a negated shifter flips again (``қауіп азаймады``). A shifter governs the nearest polar word
  (else count of harm: ``қылмыс``, ``случаи``, ``cases``, neutral alone) within ``window`` content words
  on its nearer side, with the words of its phrase, never a predicate after a copula; a shifter that is
  a polar word too (``lack``) and governs nothing counts as that word;
- an **intensifier** (``өте``, ``крайне``, ``very``) and "not just" (``жай ғана … емес``, ``не просто``,
  ``not just``) weigh: the word counts 2.
A negator's and a shifter's reach ends at a clause boundary: ``; : . ! ?``, a comma, or a contrastive
conjunction (``бірақ``, ``но``, ``but``). The negators, shifters, intensifiers and counts of harm of each
language are data (``coding/lang/kk/tone_words.py``, ``coding/lang/ru_tone.py``, ``coding/lang/en_tone.py``);
a codebook adds its own in its ``tone:`` section.

The evidence shows each decision: ``−қауіп↓азаймады(¬)`` (a negative word, governed by a decrease that is
negated inside the verb: −1), ``+тиімді(¬емес)``, ``−угрозы(¬не)``, ``−dangerous(×very)``,
``−cases↑grew``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from types import ModuleType

from coding.codebook import Codebook, Entry, ToneRules
from coding.matcher import Matcher, UnitWords, unit_words, word_candidates
from coding.records import Match, Unit, quick_init
from coding.terms import Term, TermSyntaxError, parse_term

KAZAKH_NEGATION = ("ма", "ме", "ба", "бе", "па", "пе")
# Voice suffixes that may stand between a verb stem and its negation: passive тірке|л|ме|ді, анықта|л|ма|ды,
# көрсет|іл|ме|ді, қабылда|н|ба|ды; reflexive or reciprocal, causative.
# The privative suffix (-сыз/-сіз, "without"), after a stem the analyzer reduced: қамқорлығ|ын|сыз.
KAZAKH_PRIVATIVE = ("сыз", "сіз")
KAZAKH_VOICING = {"п": "б", "қ": "ғ", "к": "г"}
KAZAKH_VOICE = ("ыл", "іл", "л", "ын", "ін", "н", "ыс", "іс", "с", "тыр", "тір", "дыр", "дір", "ғыз", "гіз", "қыз",
                "кіз", "т")
# Negative verb forms that no longer negate anything: «кәмелетке толмаған» (under age, literally "not
# filled"), «соған қарамастан» (despite that), «болмаса» (or else).
LEXICALIZED_NEGATIVES: tuple[str, ...] = ("толмаған", "қарамастан", "болмаса")
# Which way a negator reaches from a polar word, per language.
NEGATION_AFTER: frozenset[str] = frozenset({"kk"})
# The entries of the tone matcher: polar words, shifters, intensifiers and counts of harm.
POLAR = ("positive", "negative")
SHIFTS = {"decrease": -1, "increase": 1}
INTENSIFIER = "intensifier"
INCIDENCE = "incidence"
# How far (in words) an intensifier reaches forward to the word it weighs.
INTENSIFIER_REACH = 2


@lru_cache(maxsize=100_000)
def kazakh_negation(word: str) -> str:
    """The verbal negation suffix a Kazakh word form carries right after its stem, or "".

    >>> kazakh_negation("азаймады"), kazakh_negation("болды")
    ('ма', '')
    """
    from coding.lang.kk.analyzer import is_verb_stem
    from coding.lang.kk.tone_words import NEGATION_CARRIERS

    lowered = word.lower()
    if lowered.startswith(LEXICALIZED_NEGATIVES):
        return ""
    key = word_candidates(lowered, "kk")[0]  # through the analysis cache in a run
    if len(key) < 2 or len(lowered) < len(key) + 3 or not (is_verb_stem(key) or key in NEGATION_CARRIERS):
        return ""
    # A final п, қ, к voices before a vowel: тап → таб|ыл|ма|ды.
    voiced = key[:-1] + KAZAKH_VOICING.get(key[-1], key[-1])
    if not lowered.startswith((key, voiced)):
        return ""
    rest = lowered[len(key):]
    for voice in ("", *KAZAKH_VOICE):
        if not rest.startswith(voice) or len(rest) < len(voice) + 3:
            continue
        suffix, tail = rest[len(voice):len(voice) + 2], rest[len(voice) + 2:]
        # A verbal ending follows (азай|ма|ды): інi|ме 'to my brother' and интернет|пен 'with the internet'
        # begin the same way but are nouns with case endings.
        if suffix in KAZAKH_NEGATION and not tail.startswith("н"):
            return suffix
    return ""


def is_negated_kazakh_verb(word: str) -> bool:
    """Whether a Kazakh word form is a negated verb (``болмады``, ``бермейді``)."""
    return bool(kazakh_negation(word))


@quick_init
@dataclass(frozen=True)
class ToneResult:
    """A unit's tone, its score and the evidence (``+тиімді(¬емес) −қауіп↓азайды``)."""

    tone: str
    score: int
    evidence: str


def _language_data(lang: str) -> ModuleType | None:
    if lang == "kk":
        from coding.lang.kk import tone_words
    elif lang == "ru":
        from coding.lang import ru_tone as tone_words
    elif lang == "en":
        from coding.lang import en_tone as tone_words
    else:
        return None
    return tone_words


@dataclass(frozen=True)
class LanguageTone:
    """The closed word classes of one language that the tone rules read (see ``coding/lang/…``)."""

    negators: frozenset[str]
    concord: frozenset[str] = frozenset()
    negative_endings: tuple[str, ...] = ()
    not_just: frozenset[str] = frozenset()
    existential: frozenset[str] = frozenset()
    existential_negators: frozenset[str] = frozenset()
    sentential: tuple[tuple[str, ...], ...] = ()
    clause_breaks: frozenset[str] = frozenset()
    comma_conjunctions: frozenset[str] = frozenset()
    function_words: frozenset[str] = frozenset()
    negation_carriers: frozenset[str] = frozenset()  # Kazakh verbs whose negation reaches back
    copulas: frozenset[str] = frozenset()
    terms: dict[str, tuple[str, ...]] = field(default_factory=dict)  # entry id -> terms as written

    @cached_property
    def closed(self) -> frozenset[str]:
        """Negators, particles and function words: never polar words, whatever their lemma (the particle
        «қана» shares its key with «қанау», exploitation)."""
        return self.negators | self.not_just | self.function_words | self.concord


def language_tone(lang: str, negators: tuple[str, ...] = ()) -> LanguageTone:
    """The language's tone words (``coding/lang/…``), with a codebook's extra ``negators``."""
    data = _language_data(lang)
    if data is None:
        return LanguageTone(frozenset(negators))
    words = lambda name: frozenset(getattr(data, name))  # noqa: E731
    return LanguageTone(
        negators=words("NEGATORS") | frozenset(negators), concord=words("CONCORD"),
        negative_endings=tuple(data.NEGATIVE_ENDINGS), not_just=words("NOT_JUST"),
        existential=words("EXISTENTIAL"), existential_negators=words("EXISTENTIAL_NEGATORS"),
        sentential=tuple(data.SENTENTIAL), clause_breaks=words("CLAUSE_BREAKS"),
        comma_conjunctions=words("COMMA_CONJUNCTIONS"), function_words=words("FUNCTION_WORDS"),
        negation_carriers=frozenset(getattr(data, "NEGATION_CARRIERS", ())), copulas=words("COPULAS"),
        terms={"decrease": data.DECREASE, "increase": data.INCREASE, INTENSIFIER: data.INTENSIFIERS,
               INCIDENCE: data.INCIDENCE},
    )


def _add_words(terms: dict[str, dict[str, list[Term]]], entry: str, lang: str, words: tuple[str, ...] | list[str]
               ) -> None:
    known = {t.text for t in terms.setdefault(entry, {}).get(lang, [])}
    for word in words:
        if word in known:
            continue
        try:
            terms[entry].setdefault(lang, []).append(parse_term(word, lang))
        except TermSyntaxError:
            continue  # a lexicon entry with punctuation cannot be a word of the text
        known.add(word)


def _entries(rules: ToneRules, languages: dict[str, LanguageTone]) -> list[Entry]:
    from coding.lexicons import qaznltk_words, read_lexicon_file

    terms: dict[str, dict[str, list[Term]]] = {
        entry: {lang: list(items) for lang, items in by_lang.items()}
        for entry, by_lang in (("positive", rules.positive), ("negative", rules.negative),
                               (INTENSIFIER, rules.intensifiers), (INCIDENCE, rules.incidence),
                               *rules.shifters.items())}
    extra = []
    if rules.lexicon == "qaznltk":
        extra.append(qaznltk_words())
    if rules.lexicon_file:
        extra.append(read_lexicon_file(rules.lexicon_file))
    for lexicon in extra:
        for polarity, by_lang in lexicon.items():
            for lang, words in by_lang.items():
                _add_words(terms, polarity, lang, words)
    for lang, data in languages.items():
        for entry, words in data.terms.items():
            _add_words(terms, entry, lang, words)
    return [Entry(id=entry, label={}, terms={lang: tuple(items) for lang, items in by_lang.items()})
            for entry, by_lang in terms.items()]


@dataclass
class _Head:
    """A polar word or a shifter in a unit: its words, what negates and weighs it."""

    kind: str  # positive, negative, decrease, increase, incidence
    first: int
    last: int
    surface: str
    term: str = ""  # the term that matched, as written
    negators: list[tuple[int, str]] = field(default_factory=list)  # (word position, negator; "" inside)
    weights: list[str] = field(default_factory=list)
    shifter: _Head | None = None
    # A shifter that is a polar word too (``lack``, a lexicon's ``снижение``): what it counts as when it
    # governs nothing ("lack of support" −1 through the support, "lack of specialists" −1 by itself).
    fallback: str = ""

    @property
    def negated(self) -> bool:
        """Whether its negators flip it (an odd number of them)."""
        return len(self.negators) % 2 == 1

    def marks(self) -> str:
        shown = "".join(f"(¬{n})" if n else "(¬)" for _, n in sorted(self.negators))
        return shown + "".join(f"(×{w})" for w in self.weights)


class ToneScorer:
    """The compiled tone rules of a codebook."""

    def __init__(self, rules: ToneRules) -> None:
        self.rules = rules
        self.languages = {lang: language_tone(lang, rules.negators.get(lang, ()))
                          for lang in {"kk", "ru", "en", *rules.negators}}
        entries = _entries(rules, self.languages)
        # Polar words and counts of harm first: a unit with none of them has no tone, whatever else it holds.
        self.matcher = Matcher(e for e in entries if e.id in POLAR or e.id == INCIDENCE)
        self.modifiers = Matcher(e for e in entries if e.id in SHIFTS or e.id == INTENSIFIER)

    def learn(self, types: Iterable[str], lang: str) -> None:
        """See ``Matcher.learn``."""
        self.matcher.learn(types, lang)

    def forget(self) -> None:
        """See ``Matcher.forget``."""
        self.matcher.forget()
        self.modifiers.forget()

    def openers(self, lang: str) -> AbstractSet[str]:
        """See ``Matcher.openers``: a unit with none of these words is neutral."""
        return self.matcher.openers(lang)

    def score(self, unit: Unit, analysed: UnitWords | None = None, *, learned: bool = False) -> ToneResult:
        """Score one unit (``analysed``: its words from ``unit_words``, when already computed; ``learned``:
        their types were given to ``learn``)."""
        if analysed is None:
            analysed, learned = unit_words(unit), False
        if analysed.parts:  # a unit that mixes languages: each run read with its own language's rules
            results = [self.score(part, words, learned=learned) for part, words in analysed.parts]
            score = sum(result.score for result in results)
            return ToneResult("positive" if score > 0 else "negative" if score < 0 else "neutral", score,
                              " ".join(result.evidence for result in results if result.evidence))
        matches = self.matcher.match_unit(unit, analysed, learned=learned)
        if not matches:
            return ToneResult("neutral", 0, "")
        modifiers = self.modifiers.match_unit(unit, analysed)
        # A count of harm alone has no tone: only a shifter gives it one.
        if all(m.code == INCIDENCE for m in matches) and not any(m.code in SHIFTS for m in modifiers):
            return ToneResult("neutral", 0, "")
        matches = matches + modifiers
        return _Reading(unit, analysed, matches, self.languages.get(unit.lang) or language_tone(unit.lang),
                        self.rules.window).result()


class _Reading:
    """One unit read for tone: its words, clauses, heads, negators and shifters."""

    def __init__(self, unit: Unit, analysed: UnitWords, matches: list[Match], data: LanguageTone,
                 window: int) -> None:
        self.unit, self.data, self.window = unit, data, window
        self.after = unit.lang in NEGATION_AFTER
        spans = self.spans = analysed.spans
        self.words = analysed.lowered
        starts = {s: i for i, (s, _) in enumerate(spans)}
        ends = {e: i for i, (_, e) in enumerate(spans)}
        self.clause, self.comma = _clauses(unit.text, spans, self.words, data)
        closed = data.closed
        closed_words = {i for i, word in enumerate(self.words) if word in closed}
        taken: set[int] = set()
        self.heads: list[_Head] = []
        self.intensifiers: list[tuple[int, int, str]] = []
        # One role per word: a shifter (a polar word too, when it is listed as one: its fallback), a polar
        # word, a count of harm, an intensifier.
        order = {"decrease": 0, "increase": 0, "positive": 1, "negative": 1, INCIDENCE: 2, INTENSIFIER: 3}
        for match in sorted(matches, key=lambda m: (order.get(m.code, 9), m.start)):
            first, last = starts[match.start - unit.start], ends[match.end - unit.start]
            if all(i in closed_words for i in range(first, last + 1)):
                continue
            if any(i in taken for i in range(first, last + 1)):
                if match.code in POLAR:
                    shifter = next((h for h in self.heads if h.kind in SHIFTS and h.first <= last
                                    and first <= h.last), None)
                    if shifter is not None and not shifter.fallback:
                        shifter.fallback = match.code
                continue
            taken.update(range(first, last + 1))
            if match.code == INTENSIFIER:
                self.intensifiers.append((first, last, match.surface.lower()))
            else:
                self.heads.append(_Head(match.code, first, last, match.surface.lower(), match.term))
        self.heads.sort(key=lambda h: h.first)
        # How many content words stand before each word (and before the end): how far a negator or a shifter
        # reaches is counted in them (function words, negators and intensifiers do not count).
        weightless = {i for first, last, _ in self.intensifiers for i in range(first, last + 1)}
        self.rank, count = [], 0
        for i, word in enumerate(self.words):
            self.rank.append(count)
            if i not in weightless and word not in closed:
                count += 1
        self.rank.append(count)

    def _surface(self, i: int) -> str:
        """Word ``i`` as the text writes it, lower-cased (a Latin Kazakh word is analysed in Cyrillic)."""
        start, end = self.spans[i]
        return self.unit.text[start:end].lower().replace("ё", "е")

    def _distance(self, a: int, b: int) -> int:
        """How far word ``b`` is from an earlier word ``a``: 1 + the content words between them."""
        return self.rank[b] - self.rank[a + 1] + 1

    # Negation ---------------------------------------------------------------------------------------

    def _governed(self, i: int, forward: bool, reach: int, *, across_comma: bool = False) -> _Head | None:
        """The nearest polar word or shifter from word ``i`` in one direction, within ``reach`` words of
        the same clause."""
        best, best_distance = None, 0
        for head in self.heads:
            if head.kind == INCIDENCE:
                continue
            if (head.first <= i) if forward else (head.last >= i):
                continue
            distance = self._distance(i, head.first) if forward else self._distance(head.last, i)
            if distance > reach or not self._same_clause(i, head.first, across_comma):
                continue
            if best is None or distance < best_distance:
                best, best_distance = head, distance
        return best

    def _same_clause(self, a: int, b: int, across_comma: bool = False) -> bool:
        low, high = min(a, b), max(a, b)
        if self.clause[low] != self.clause[high]:
            return False
        return across_comma or not any(self.comma[low + 1:high + 1])

    def _sentential(self) -> set[int]:
        """Apply clause-wide negations (``не то чтобы``, ``деп айтуға болмайды``); their words."""
        used: set[int] = set()
        words = self.words
        present = set(words)
        for phrase in self.data.sentential:
            if phrase[0] not in present:
                continue
            n = len(phrase)
            for i in range(len(words) - n + 1):
                if tuple(words[i:i + n]) != phrase or i in used:
                    continue
                used.update(range(i, i + n))
                shown = " ".join(self._surface(j) for j in range(i, i + n))
                for head in self.heads:
                    if head.kind == INCIDENCE or self.clause[head.first] != self.clause[i]:
                        continue
                    if (head.last < i) if self.after else (head.first >= i + n):
                        head.negators.append((i, shown))
        return used

    def _negate(self) -> None:
        data, words = self.data, self.words
        used = self._sentential()
        concord: dict[int, list[tuple[int, str]]] = {}
        for i, word in enumerate(words):
            if i in used:
                continue
            if word in data.negators or data.negative_endings and word.endswith(data.negative_endings):
                self._explicit(i, word, concord)
            elif self.unit.lang == "kk" and kazakh_negation(word):
                inside = next((h for h in self.heads if h.first <= i <= h.last and h.kind != INCIDENCE), None)
                if inside is not None:
                    inside.negators.append((i, ""))
                elif word_candidates(word, "kk")[0] in data.negation_carriers and \
                        (head := self._governed(i, False, self.window)) is not None:
                    head.negators.append((i, self._surface(i)))
        if self.unit.lang == "kk":
            self._privative()
        for index, found in concord.items():
            head = self.heads[index]
            if not head.negators:  # a negative pronoun alone negates: «ни угрозы, ни насилия»
                head.negators.append(found[0])

    def _privative(self) -> None:
        """A Kazakh polar noun with the privative suffix after its stem is negated inside: «қамқорлығынсыз»
        (without care). Not when the term itself has it (ыңғайсыз, тиімсіз), nor a verb's personal ending
        (табасыз "you find")."""
        from coding.lang.kk.analyzer import is_verb_stem

        for head in self.heads:
            if head.kind not in POLAR or head.first != head.last or any(m in head.term for m in KAZAKH_PRIVATIVE):
                continue
            word = self.words[head.first]
            key = word_candidates(word, "kk")[0]
            if any(mark in word[len(key):] for mark in KAZAKH_PRIVATIVE) and not is_verb_stem(key):
                head.negators.append((head.first, ""))

    def _explicit(self, i: int, word: str, concord: dict[int, list[tuple[int, str]]]) -> None:
        data, words = self.data, self.words
        before = words[max(0, i - 3):i]
        if self.after and any(w in data.not_just for w in before):
            # «жай ғана проблема емес»: the negated word counts twice, it is not negated
            head = self._governed(i, False, self.window)
            if head is not None:
                head.weights.append(f"{next(w for w in before if w in data.not_just)} {word}")
            return
        if not self.after and i + 1 < len(words) and words[i + 1] in data.not_just:
            head = self._governed(i + 1, True, self.window)
            if head is not None:
                head.weights.append(f"{word} {words[i + 1]}")
            return
        forward = not self.after or word in data.concord
        head = self._governed(i, forward, self.window)
        following = word_candidates(words[i + 1], self.unit.lang)[0] if i + 1 < len(words) else ""
        existential = word in data.existential_negators or following in data.existential
        if not self.after and existential and (head is None or following in data.existential
                                               and head.first > i + 2):
            # «угрозы не было», «угрозы нет», «no threat was found»: what did not exist comes first
            head = self._governed(i, False, self.window) or head
        if head is None:
            return
        if word in data.concord:
            concord.setdefault(self.heads.index(head), []).append((i, self._surface(i)))
        else:
            head.negators.append((i, self._surface(i)))

    # Intensifiers and shifters ----------------------------------------------------------------------

    def _weigh(self) -> None:
        for _, last, surface in self.intensifiers:
            head = self._governed(last, True, INTENSIFIER_REACH)
            if head is not None:
                head.weights.append(surface)

    def _shift(self) -> None:
        """Give each polar word and count of harm the nearest shifter that governs it."""
        pairs = []
        targets = [h for h in self.heads if h.kind in POLAR or h.kind == INCIDENCE]
        for shifter in (h for h in self.heads if h.kind in SHIFTS):
            sides: dict[bool, list[tuple[int, _Head]]] = {True: [], False: []}
            for target in targets:
                after = target.first > shifter.last
                if not after and target.last >= shifter.first:
                    continue
                a, b = (shifter.last, target.first) if after else (target.last, shifter.first)
                distance = self._distance(a, b)
                if 0 < distance <= self.window and self._same_clause(a, b, across_comma=True) and \
                        not (after and self._copula(a, b)):
                    sides[after].append((distance, target))
            if not sides[True] and not sides[False]:
                continue
            nearest = {side: min(d for d, _ in found) for side, found in sides.items() if found}
            # The nearer side governs; on a tie the words before (the subject, a Kazakh object).
            side = min(nearest, key=lambda s: (nearest[s], s))
            found = sorted(sides[side], key=lambda pair: pair[0])
            # A count of harm is governed only when no polar word is: in «support for victims increased»
            # what grew is the support.
            if any(target.kind in POLAR for _, target in found):
                found = [(d, target) for d, target in found if target.kind in POLAR]
            # The nearest word, and the words of its phrase next to it ("the risk of violence decreased"),
            # not a word further on ("the absence of violence in the school is encouraging").
            governed = found[:1]
            for distance, target in found[1:]:
                previous = governed[-1][1]
                low, high = sorted((previous, target), key=lambda h: h.first)
                if distance - governed[-1][0] > 2 or self._copula(low.last, high.first):
                    break
                governed.append((distance, target))
            pairs.extend((distance, shifter, target) for distance, target in governed)
        for _, shifter, target in sorted(pairs, key=lambda p: (p[0], p[1].first)):
            if target.shifter is None:
                target.shifter = shifter
        governing = {id(h.shifter) for h in self.heads if h.shifter is not None}
        for head in self.heads:
            if head.kind in SHIFTS and head.fallback and id(head) not in governing:
                head.kind = head.fallback  # a polar word after all

    def _copula(self, a: int, b: int) -> bool:
        """Whether a copula stands between words ``a`` and ``b``."""
        return any(word in self.data.copulas for word in self.words[a + 1:b])

    # Result -----------------------------------------------------------------------------------------

    def result(self) -> ToneResult:
        self._negate()
        self._weigh()
        self._shift()
        total = 0
        evidence = []
        for head in self.heads:
            if head.kind in SHIFTS or head.kind == INCIDENCE and head.shifter is None:
                continue
            sign = 1 if head.kind == "positive" else -1
            value = -sign if head.negated else sign
            weight = 2 if head.weights else 1
            shown = ("+" if sign > 0 else "−") + head.surface + head.marks()
            shifter = head.shifter
            if shifter is not None:
                value *= SHIFTS[shifter.kind] * (-1 if shifter.negated else 1)
                weight = 2 if head.weights or shifter.weights else 1
                shown += ("↓" if shifter.kind == "decrease" else "↑") + shifter.surface + shifter.marks()
            total += value * weight
            evidence.append(shown)
        tone = "positive" if total > 0 else "negative" if total < 0 else "neutral"
        return ToneResult(tone, total, " ".join(evidence))


_CLAUSE_END = re.compile(r"[.;:!?]")


def _clauses(text: str, spans: list[tuple[int, int]], words: list[str], data: LanguageTone
             ) -> tuple[list[int], list[bool]]:
    """Each word's clause number, and whether a comma stands right before it."""
    clause, comma = [], []
    number = 0
    for i, word in enumerate(words):
        gap = text[spans[i - 1][1]:spans[i][0]] if i else ""
        has_comma = "," in gap
        if gap != " " and _CLAUSE_END.search(gap) or word in data.clause_breaks or \
                has_comma and word in data.comma_conjunctions:
            number += 1
        clause.append(number)
        comma.append(has_comma)
    return clause, comma


def tone_scorer(codebook: Codebook) -> ToneScorer | None:
    """The codebook's tone scorer, or None when it has no tone rules."""
    return ToneScorer(codebook.tone) if codebook.tone else None
