"""Matching codebook entries in units, morphology-aware, with the evidence of every match.

A unit is cut into words (``coding.words``); each word gets its lemma candidates in the unit's language
(cached per word type; Kazakh offers its key alone, see ``coding.lemmas.MATCH_ALL_CANDIDATES``). A term
word ``w`` fits a text word when ``w``'s key is among the text word's candidates (``=w``: the same form;
``w*``: the same beginning; ``*``: any word). Terms are indexed by their first word, so each text word
looks up only the terms that can start on it.

Rules (the codebook contract): only the terms of the unit's language are used; two terms of one entry that
match overlapping words count once, the longer match winning (as ``spacy.util.filter_spans``); a match
that overlaps a match of one of the entry's ``exclude`` terms is dropped; different entries may overlap.
A proximity term ``A NEAR/n B`` is indexed by A's first word; B is looked for around each A
(``coding.proximity``). Last, a code whose condition (``when``) fails in the unit loses its matches there
(``coding.conditions``).
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from coding.codebook import Entry
from coding.conditions import apply_conditions, condition_order
from coding.lang.kk.latin import is_latin, latin_alphabet, to_cyrillic
from coding.lang.kk.light_verbs import LIGHT_VERB_PARTS, splits_compound
from coding.lemmas import MATCH_ALL_CANDIDATES, forget_analyses, lemma_candidates, matching_candidates, word_features
from coding.proximity import BStarts, Span, apart, nearest_b, parts_evidence
from coding.records import Match, Unit
from coding.terms import Term
from coding.words import WORD_RE

if TYPE_CHECKING:
    from coding.cache import AnalysisCache


class UnitWords:
    """A unit's words, cut once and shared by every matcher (codes, directions, tone).

    Only the lower-cased words are made at once (one C-level ``findall``). Their lemma candidates, their set
    of types and their character spans are made when first asked for: most units match nothing, and a
    matcher finds that out from the set of types alone. Kazakh words written in Latin letters are
    transliterated to Cyrillic (``coding.lang.kk.latin``), one word for one word, so that everything
    downstream sees Cyrillic words while the spans still point into the unit's own text.

    A unit that mixes languages (``Unit.runs``) has ``parts``: each run as a unit with its own words, in its
    own language; the unit's ``lowered``, ``spans`` and ``candidates`` are theirs, joined in order.
    """

    __slots__ = ("_candidates", "_features", "_spans", "_start", "_text", "_types", "lang", "lowered", "parts")

    def __init__(self, text: str, lowered: list[str], lang: str,
                 parts: tuple[tuple[Unit, UnitWords], ...] = (), start: int = 0) -> None:
        self._text = text
        self._start = start  # the unit's offset in the document: its parts' offsets are the document's
        self._spans: list[tuple[int, int]] | None = None
        self._candidates: list[tuple[str, ...]] | None = None
        self._types: set[str] | None = None
        self._features: list[frozenset[str]] | None = None
        self.lowered = lowered
        self.lang = lang
        self.parts = parts

    @property
    def types(self) -> set[str]:
        """The distinct lower-cased words."""
        if self._types is None:
            self._types = set(self.lowered)
        return self._types

    @property
    def candidates(self) -> list[tuple[str, ...]]:
        """Each word's lemma candidates in the unit's language (see ``coding.lemmas``)."""
        if self._candidates is None and self.parts:
            self._candidates = [c for _, words in self.parts for c in words.candidates]
        if self._candidates is None:
            cache = _candidate_cache(self.lang)
            known = cache.get  # candidates are never empty, so a miss is the only falsy answer
            lang = self.lang
            self._candidates = [known(w) or ((w,) if is_number_type(w) else cache.setdefault(w, _analyse(lang, w)))
                                for w in self.lowered]
        return self._candidates

    @property
    def features(self) -> list[frozenset[str]]:
        """Each word's marking as term tags (``coding.lemmas.word_features``), cached per word type; made
        only when a pattern with tags or a light-verb word is checked, which most units never need."""
        if self._features is None:
            cache = _FEATURES.setdefault(self.lang, {})
            lang = self.lang
            self._features = [cache.get(w) or cache.setdefault(w, word_features(w, lang)) for w in self.lowered]
        return self._features

    @property
    def spans(self) -> list[tuple[int, int]]:
        """``(start, end)`` of each word in the unit's text."""
        if self._spans is None and self.parts:
            self._spans = [(start + part.start - self._start, end + part.start - self._start)
                           for part, words in self.parts for start, end in words.spans]
        if self._spans is None:
            self._spans = [found.span() for found in WORD_RE.finditer(self._text)]
        return self._spans


def unit_words(unit: Unit) -> UnitWords:
    """Cut a unit into words (lower-cased, ё as е; Kazakh in Latin letters as Cyrillic); their candidates
    come on demand. A unit with language runs is cut run by run (``UnitWords.parts``)."""
    if unit.runs:
        parts = tuple((part, unit_words(part)) for part in language_parts(unit))
        return UnitWords(unit.text, [w for _, words in parts for w in words.lowered], unit.lang, parts, unit.start)
    text = unit.text
    lowered_text = text.lower().replace("ё", "е")
    if unit.lang == "kk" and _LATIN_LETTER.search(lowered_text):
        return UnitWords(text, _kazakh_words(text, unit.script), unit.lang)
    if len(lowered_text) == len(text):  # lower() kept every offset (it does for Cyrillic and Latin)
        lowered = WORD_RE.findall(lowered_text)
    else:
        lowered = [word.lower().replace("ё", "е") for word in WORD_RE.findall(text)]
    return UnitWords(text, lowered, unit.lang)


def language_parts(unit: Unit) -> list[Unit]:
    """A unit's language runs as units of their own (same id, offsets into the document's text); the unit
    itself when it has one language."""
    if not unit.runs:
        return [unit]
    return [Unit(unit.unit_id, unit.doc_id, unit.kind, start, end, unit.text[start - unit.start:end - unit.start],
                 lang, script) for start, end, lang, script in unit.runs]


_LATIN_LETTER = re.compile(r"[a-z\u00c0-\u024f]")


def _kazakh_words(text: str, script: str) -> list[str]:
    """The words of a Kazakh text, each lower-cased, ё as е, a Latin one in Cyrillic: in the alphabet of
    the whole text when it is written in Latin letters, of the word alone in a Cyrillic text (a name)."""
    alphabet = latin_alphabet(text) if script == "Latn" else None
    return [to_cyrillic(word, alphabet) if is_latin(word) else word.lower().replace("ё", "е")
            for word in WORD_RE.findall(text)]


def word_candidates(word: str, lang: str) -> tuple[str, ...]:
    """One word type's candidates, through this process's cache (and the analysis cache in a run)."""
    cache = _candidate_cache(lang)
    found = cache.get(word)
    if found is None:
        if is_number_type(word):
            return (word,)
        found = cache[word] = _analyse(lang, word)
    return found


def know_words(lang: str, types: Iterable[str]) -> None:
    """Make sure this process holds the candidates of every word type in ``types``: those it does not hold
    are read from the analysis cache in a few queries, the rest analysed (and reported by
    ``take_new_words``). A unit's words then cost dictionary lookups only."""
    cache = _candidate_cache(lang)
    new = {word for word in set(types).difference(cache) if not is_number_type(word)}
    if not new:
        return
    if _STORE:
        stored = _STORE[0].words_many(lang, new)
        for word, candidates in stored.items():
            cache[word] = _offered(lang, candidates)
        new.difference_update(stored)
    for word in new:
        cache[word] = _analyse_new(lang, word)


def document_types(analysed: Iterable[UnitWords]) -> dict[str, set[str]]:
    """The distinct lower-cased words of some units, per language."""
    types: dict[str, set[str]] = {}
    for analysed_unit in analysed:
        if analysed_unit.parts:
            for _, words in analysed_unit.parts:
                types.setdefault(words.lang, set()).update(words.lowered)
            continue
        found = types.get(analysed_unit.lang)
        if found is None:
            found = types[analysed_unit.lang] = set()
        found.update(analysed_unit.lowered)
    return types


def is_number_type(word: str) -> bool:
    """Whether a word type is a number (digits only). Every analyzer gives a number as its own only
    candidate, so numbers are never analysed nor written to the analysis cache, and a run neither holds
    nor shows them to its matchers unless a pattern starts with a gap or a prefix of digits (``WordTypes``):
    an archive brings new numbers without end (dates, amounts, document numbers), and they would crowd the
    word types a process keeps (``batches.MAX_TYPES_HELD``)."""
    return word.isdigit()


class WordTypes:
    """The word types a process has analysed (``know_words``) in a run, per language, so that each is
    looked at once: ``new`` gives the types not met before, analysed. Numbers are left out
    (``is_number_type``) unless ``numbers``: some pattern starts with a gap or a prefix of digits, and only
    learning every number tells which ones it may start on."""

    def __init__(self, numbers: bool = False) -> None:
        self.seen: dict[str, set[str]] = {}
        self.numbers = numbers

    def new(self, types: set[str], lang: str) -> set[str]:
        """The types of ``types`` not met before in ``lang``, now analysed and remembered."""
        known = self.seen.setdefault(lang, set())
        fresh = types.difference(known)
        if fresh:
            if not self.numbers:
                fresh = {word for word in fresh if not is_number_type(word)}
            know_words(lang, fresh)
            known |= fresh
        return fresh

    def __len__(self) -> int:
        return sum(map(len, self.seen.values()))

    def clear(self) -> None:
        self.seen.clear()


def forget_words() -> None:
    """Drop this process's word analyses (the analysis cache still holds them): memory stays bounded on a
    corpus with millions of word types. The words analysed anew are kept for ``take_new_words``."""
    _CACHES.clear()
    _FEATURES.clear()
    forget_analyses()


_CACHES: dict[str, dict[str, tuple[str, ...]]] = {}
# Word features are computed in this process (from the analyzer, for the few word types a tagged pattern
# looks at), not stored in the analysis cache: the cache's candidates stay as they are.
_FEATURES: dict[str, dict[str, frozenset[str]]] = {}
# The analysis cache this process reads word analyses from, and the words it analysed anew since the last
# ``take_new_words`` (they go back to the process that writes the cache).
_STORE: list[AnalysisCache] = []
_NEW_WORDS: dict[str, dict[str, tuple[str, ...]]] = {}
_RUN: list[str] = [""]


def _candidate_cache(lang: str) -> dict[str, tuple[str, ...]]:
    # A plain dict per language: a lookup costs a third of an lru_cache call in the hottest loop.
    return _CACHES.setdefault(lang, {})


def use_word_store(cache: AnalysisCache | None, run: str = "") -> None:
    """Read word analyses from ``cache`` (None: analyse every new word type). For a new ``run`` the
    candidates this process already holds are dropped, so that every word type of the run is either
    found in the store or reported by ``take_new_words`` for storing."""
    if cache is not None and run != _RUN[0]:
        _CACHES.clear()
        _NEW_WORDS.clear()
        _RUN[0] = run
    _STORE[:] = [cache] if cache is not None else []


def take_new_words() -> dict[str, dict[str, tuple[str, ...]]]:
    """The word types analysed (not found in the store) since the last call, per language."""
    found = {lang: dict(words) for lang, words in _NEW_WORDS.items() if words}
    _NEW_WORDS.clear()
    return found


def _analyse(lang: str, word: str) -> tuple[str, ...]:
    if is_number_type(word):
        return (word,)
    if _STORE and (candidates := _STORE[0].words(lang, word)) is not None:
        return _offered(lang, candidates)
    return _analyse_new(lang, word)


def _analyse_new(lang: str, word: str) -> tuple[str, ...]:
    """Analyse a word the analysis cache does not hold (recording it for the cache in a run)."""
    if not _STORE:
        return matching_candidates(word, lang)
    candidates = lemma_candidates(word, lang)
    _NEW_WORDS.setdefault(lang, {})[word] = candidates
    return _offered(lang, candidates)


def _offered(lang: str, candidates: tuple[str, ...]) -> tuple[str, ...]:
    return candidates if MATCH_ALL_CANDIDATES.get(lang, True) else candidates[:1]


@dataclass(frozen=True)
class _Pattern:
    entry: str
    term: Term
    exclude: bool
    # Part A of a proximity term: the whole term's pattern.
    part_of: _Pattern | None = None
    grammar: bool = False  # its words' tags or a light-verb compound must be checked (``_grammar_fits``)


def _needs_grammar(term: Term, lang: str) -> bool:
    return term.tagged or (lang == "kk" and any(w.kind == "lemma" and w.value in LIGHT_VERB_PARTS
                                                for w in term.words))


def _grammar_fits(term: Term, words: UnitWords, start: int) -> bool:
    """Whether a match of ``term`` at word ``start`` has the tagged marking, and splits no light-verb
    compound that changes a word's meaning (``coding.lang.kk.light_verbs``)."""
    features = words.features
    if term.tagged and not all(w.fits(features[start + j]) for j, w in enumerate(term.words)):
        return False
    if words.lang != "kk":
        return True
    term_keys = [w.value if w.kind == "lemma" else None for w in term.words]
    if LIGHT_VERB_PARTS.isdisjoint(term_keys):
        return True
    text_keys = [candidates[0] for candidates in words.candidates]
    def is_converb(k: int) -> bool:
        return "conv" in features[k]
    return not any(key in LIGHT_VERB_PARTS and splits_compound(term_keys, j, text_keys, start + j, is_converb)
                   for j, key in enumerate(term_keys))


@dataclass
class _LanguagePatterns:
    by_key: dict[str, list[_Pattern]] = field(default_factory=lambda: defaultdict(list))
    by_form: dict[str, list[_Pattern]] = field(default_factory=lambda: defaultdict(list))
    scanned: list[_Pattern] = field(default_factory=list)  # first word is a prefix or a gap
    # The patterns that can start on a word, cached per word type: text repeats its words.
    starting: dict[str, tuple[_Pattern, ...]] = field(default_factory=dict)
    # The word types seen so far on which some pattern starts: a unit with none of them matches nothing.
    openers: set[str] = field(default_factory=set)
    # The numbers a pattern starts with: openers from the start, since numbers are never learned.
    numbers: set[str] = field(default_factory=set)

    def learn(self, types: Iterable[str], lang: str) -> None:
        """Look at the word types not seen before: which patterns can start on them."""
        for word in set(types).difference(self.starting):
            if self.starting_on(word, word_candidates(word, lang)):
                self.openers.add(word)

    def could_match(self, words: UnitWords, learned: bool = False) -> bool:
        """Whether a pattern may start on some word of the unit (``learned``: its word types were
        already given to ``learn``)."""
        if not learned:
            self.learn(words.types, words.lang)
        return not self.openers.isdisjoint(words.lowered)

    def starting_on(self, word: str, keys: tuple[str, ...]) -> tuple[_Pattern, ...]:
        """The patterns whose first word fits ``word`` (lower-cased, with its lemma candidates)."""
        cached = self.starting.get(word)
        if cached is None:
            found: list[_Pattern] = []
            by_key = self.by_key
            for key in keys:
                if key in by_key:
                    found.extend(by_key[key])
            if word in self.by_form:
                found.extend(self.by_form[word])
            if self.scanned:
                found.extend(p for p in self.scanned if p.term.words[0].matches(word, keys))
            cached = tuple(dict.fromkeys(found)) if found else ()
            if cached or not is_number_type(word):  # a number that opens nothing is not remembered
                self.starting[word] = cached
        return cached


class Matcher:
    """Compiled patterns of a set of entries (codes, directions or tone terms), per language."""

    def __init__(self, entries: Iterable[Entry]) -> None:
        self.languages: dict[str, _LanguagePatterns] = defaultdict(_LanguagePatterns)
        self.proximity = False  # whether some term is ``A NEAR/n B`` (its parts are then paired per unit)
        # Whether some pattern starts with a gap or a prefix of digits: it may start on any number, so numbers
        # must be learned like other words (``WordTypes``).
        self.scans_numbers = False
        self._b_starts: dict[int, BStarts] = {}  # per proximity term (by id of its pattern): where B begins
        entries = list(entries)
        for entry in entries:
            for exclude, terms in ((False, entry.terms), (True, entry.exclude)):
                for lang, items in terms.items():
                    for term in items:
                        whole = _Pattern(entry.id, term, exclude, grammar=_needs_grammar(term, lang))
                        if term.proximity is None:
                            self._add(lang, whole)
                            continue
                        # A is matched as a pattern of its own (so the index and the fast path hold for it);
                        # B is looked for around each occurrence of A.
                        self.proximity = True
                        left = term.proximity.left
                        self._add(lang, _Pattern(entry.id, left, exclude, whole, _needs_grammar(left, lang)))
                        self._b_starts[id(whole)] = BStarts(term.proximity)
        # A condition naming a code this matcher does not hold (kwic or suggest on one code) cannot be judged,
        # so it is left out: such a matcher finds every match of the code's terms.
        held = {entry.id for entry in entries}
        self.conditions = tuple((code, condition) for code, condition in condition_order(entries)
                                if held.issuperset(condition.needs))

    def _add(self, lang: str, pattern: _Pattern) -> None:
        first = pattern.term.words[0]
        patterns = self.languages[lang]
        if first.kind == "lemma":
            patterns.by_key[first.value].append(pattern)
        elif first.kind == "exact":
            patterns.by_form[first.value].append(pattern)
        else:
            patterns.scanned.append(pattern)
        if first.kind in ("lemma", "exact") and is_number_type(first.value):
            patterns.numbers.add(first.value)  # a number is its own key: it opens without being met first
            patterns.openers.add(first.value)
        elif first.kind == "any" or first.kind == "prefix" and is_number_type(first.value):
            self.scans_numbers = True

    def learn(self, types: Iterable[str], lang: str) -> None:
        """Prepare for units of ``lang`` whose words are among ``types`` (then ``match_unit(…, learned=True)``
        costs one set lookup per word for a unit that matches nothing, which most units are)."""
        patterns = self.languages.get(lang)
        if patterns is not None:
            patterns.learn(types, lang)

    def forget(self) -> None:
        """Drop what was learned about word types (to bound memory; it is learned again as words come)."""
        for patterns in self.languages.values():
            patterns.starting.clear()
            patterns.openers.clear()
            patterns.openers.update(patterns.numbers)
        for finder in self._b_starts.values():
            finder.forget()

    def openers(self, lang: str) -> AbstractSet[str]:
        """The word types learned so far on which a pattern of ``lang`` starts (a unit with none of them
        matches nothing)."""
        patterns = self.languages.get(lang)
        return patterns.openers if patterns is not None else frozenset()

    def match_unit(self, unit: Unit, words: UnitWords | None = None, *, learned: bool = False,
                   conditions: bool = True) -> list[Match]:
        """Every match in one unit, sorted by position; offsets refer to the document's text.
        ``words`` (from ``unit_words``) saves re-analysing a unit that several matchers read; ``learned``
        says that its word types were given to ``learn``; ``conditions=False`` leaves the codes' conditions
        to the caller (``apply_conditions``), e.g. for a document coded paragraph by paragraph. A unit with
        language runs is matched run by run, each with the terms of its own language, and its conditions
        judged over the whole unit."""
        if unit.runs:
            if words is None:
                words, learned = unit_words(unit), False
            found = [m for part, part_words in words.parts
                     for m in self.match_unit(part, part_words, learned=learned, conditions=False)]
            found.sort(key=lambda m: (m.start, m.code))
            return apply_conditions(found, self.conditions) if self.conditions and conditions else found
        patterns = self.languages.get(unit.lang)
        if patterns is None:
            return []
        if words is None:
            words, learned = unit_words(unit), False
        if not patterns.could_match(words, learned):
            return []
        lowered, candidates = words.lowered, words.candidates
        found: list[tuple[_Pattern, int, int]] = []
        starting, starting_on = patterns.starting, patterns.starting_on
        for i, word in enumerate(lowered):
            starts = starting.get(word)
            if starts is None:
                starts = starting_on(word, candidates[i])
            for pattern in starts:
                length = len(pattern.term.words)
                if i + length > len(lowered):
                    continue
                if all(w.matches(lowered[i + j], candidates[i + j])
                       for j, w in enumerate(pattern.term.words[1:], start=1)):
                    if pattern.grammar and not _grammar_fits(pattern.term, words, i):
                        continue
                    found.append((pattern, i, i + length))
        if not found:
            return []
        parts = None
        if self.proximity:
            found, parts = _pair(found, words, self._b_starts)
        matches = _resolve(found, words.spans, unit, parts)
        return apply_conditions(matches, self.conditions) if self.conditions and conditions else matches

    def apply_conditions(self, matches: Sequence[Match]) -> list[Match]:
        """The matches of one unit (or of a whole document, of its paragraphs' matches) less those of the
        codes whose condition fails there."""
        return apply_conditions(matches, self.conditions) if self.conditions else list(matches)


_Found = tuple[_Pattern, int, int]


def _pair(found: list[_Found], words: UnitWords, finders: dict[int, BStarts]
          ) -> tuple[list[_Found], dict[tuple[int, int, int], tuple[Span, Span]]]:
    """Replace each occurrence of a proximity term's part A by a match of the whole term, with the nearest
    B (or drop it when B is not near); say which words were A and B of each."""
    plain: list[_Found] = []
    parts: dict[tuple[int, int, int], tuple[Span, Span]] = {}  # keyed by id(pattern): hashing a Term is slow
    starts: dict[int, list[int]] = {}  # where B begins, per proximity term, found once per unit
    for pattern, start, end in found:
        whole = pattern.part_of
        if whole is None:
            plain.append((pattern, start, end))
            continue
        proximity = whole.term.proximity
        assert proximity is not None
        key = id(whole)
        if key not in starts:
            found_b = finders[key].find(words.lowered, words.types, words.candidates)
            if _needs_grammar(proximity.right, words.lang):  # B's tags and light verbs, as for any term
                found_b = [j for j in found_b if _grammar_fits(proximity.right, words, j)]
            starts[key] = found_b
        b = nearest_b(proximity, (start, end), starts[key])
        if b is not None:
            first, last = min(start, b[0]), max(end, b[1])
            plain.append((whole, first, last))
            parts.setdefault((key, first, last), ((start, end), b))
    return plain, parts


def _resolve(found: Sequence[_Found], spans: list[tuple[int, int]], unit: Unit,
             parts: dict[tuple[int, int, int], tuple[Span, Span]] | None = None) -> list[Match]:
    """Apply exclusions and the longest-match rule per entry; build Match records (``parts``: the A and B
    words of proximity matches, for their evidence)."""
    if not found:
        return []
    excluded: dict[str, list[tuple[int, int]]] = defaultdict(list)
    included: dict[str, list[tuple[_Pattern, int, int]]] = defaultdict(list)
    for pattern, start, end in found:
        (excluded[pattern.entry].append((start, end)) if pattern.exclude
         else included[pattern.entry].append((pattern, start, end)))
    matches: list[Match] = []
    for entry, candidates in included.items():
        blocked = excluded.get(entry, [])
        taken: list[tuple[int, int]] = []
        # Longest first, then leftmost: the same order spacy.util.filter_spans uses.
        for pattern, start, end in sorted(candidates, key=lambda c: (-(c[2] - c[1]), c[1])):
            if any(start < b_end and b_start < end for b_start, b_end in blocked):
                continue
            if any(start < t_end and t_start < end for t_start, t_end in taken):
                continue
            taken.append((start, end))
            char_start, char_end = spans[start][0], spans[end - 1][1]
            evidence = ""
            if parts and (pair := parts.get((id(pattern), start, end))) is not None:
                a, b = pair
                evidence = parts_evidence(pattern.term.proximity, unit.text[spans[a[0]][0]:spans[a[1] - 1][1]],
                                          unit.text[spans[b[0]][0]:spans[b[1] - 1][1]], apart(a, b))
            matches.append(Match(
                code=entry, term=pattern.term.text, unit_id=unit.unit_id, doc_id=unit.doc_id, lang=unit.lang,
                start=unit.start + char_start, end=unit.start + char_end,
                surface=unit.text[char_start:char_end], evidence=evidence,
            ))
    matches.sort(key=lambda m: (m.start, m.code))
    return matches


def find_matches(units: Iterable[Unit], entries: Iterable[Entry] | Matcher) -> list[Match]:
    """Every match of the entries (e.g. ``codebook.codes``) in the units, in unit order."""
    matcher = entries if isinstance(entries, Matcher) else Matcher(entries)
    return [match for unit in units for match in matcher.match_unit(unit)]
