"""Kazakh lemmatizer: undo the inflectional suffix chain of a word form, keep derivation.

The matcher reduces both a codebook term and the text to keys, so "бала саудасы" matches "балалар
саудасына", "баланы саудаға" and "бала саудасының". :func:`lemma_candidates` lists candidate lemmas, most
likely first; :func:`lemma_key` is the first of them. :func:`word_features` says what marking (plural,
possessive, case, negation, the -ып converb) the suffixes stripped on the way to that key carry, for terms
whose marking counts (``coding.terms``: ``мұнай саудасы``, ``адам<acc> сату``).

How it works: a finite-state suffix grammar (``suffixes.SUFFIX_ROWS``: plural → possessive → case →
attributive -ғы → predicative for nouns; negation → tense/aspect/participle/converb/verbal noun → person
for verbs) is applied right to left. Every segmentation whose suffixes follow vowel harmony and the
allomorph rules (-лар/-дар/-тар, -ның/-дың/-тың, -на after the possessive, ...) is scored: a stem in the
lexicon (``stems.py``) scores highest, a stem derived from a known base next, an unknown but plausible stem
(two letters or more, with a vowel) last; each suffix costs according to how doubtful it is. Stem
alternations are restored (кітабы → кітап, жүрегі → жүрек, халқы → халық, тауып → тап, оқиды → оқы).

Speed: a corpus keeps bringing new types, so the path a new word takes is kept short. Suffixes and
derivational endings are found by walking ending tries from the word's last letter; a stem's derivation is
cached across words (emptied now and then); the bare word is scored only when it can still win.
benchmarks/cold_path_speed.py measures new types per second.

Input: any string. It is lower-cased with ё read as е and a Latin i typed for і repaired; numbers with a
suffix key to the number (2019-жылы → 2019, 55-ші → 55); an abbreviation with a hyphenated ending keys to
the abbreviation (ҚР-ның → қр); a hyphenated compound inflects on its last part (зорлық-зомбылықтың →
зорлық-зомбылық); anything else that is not Kazakh letters is returned lower-cased.

Conventions that differ from the UD Kazakh-KTB gold lemmas (Apertium style), on purpose:

- Voice is kept: жоспарланып → жоспарлан (UD: жоспарла), сатылған → сатыл, алынды → алын (UD: ал),
  келісті → келіс, көрінеді → көрін. This is most of the distance to the UD gold on the dev half.
- Derivation is kept: қылмыстық, балалық, саудагер, заңсыз, заңнама, оқушы, шығарушы (UD: шығар),
  айтарлықтай (UD: айт), білім, көрме stay themselves.
- A verbal noun keys to its verb: даму → дамы, қорғау → қорға (UD lemmatises some of them as nouns, даму).
- A word that is itself in the lexicon keeps itself first: заңды 'lawful' before заң+ACC, басқа 'other'
  before бас+DAT, жылы 'warm' after жыл+POSS (listed as a minor reading).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from itertools import count
from typing import TypeVar

from .alphabet import VOWELS, harmony, has_vowel, normalize, sound_class
from .stems import IRREGULAR_FORMS, MINOR_STEMS, NOUN_STEMS, POSSESSIVE_COMPOUNDS, VERB_STEMS
from .suffixes import DERIVATION_ROWS, SUFFIX_ROWS

__all__ = ["is_verb_stem", "lemma_candidates", "lemma_key", "word_features"]

T = TypeVar("T")

# Scores of a stem by what is known about it; suffix costs are subtracted.
KNOWN = 10.0
KNOWN_OTHER_CLASS = 3.0
DERIVED = 7.0
DERIVED_OTHER_CLASS = 5.0
DERIVATION_STEP_COST = 1.5  # each further derivation makes a chance look-alike likelier
UNKNOWN_NOUN = 3.0
UNKNOWN_VERB = 3.0
UNKNOWN_WHOLE = 1.5
MINOR_PENALTY = 2.5
# A bare verb stem as a word is a 2sg imperative, rare in the press: қолда is mostly қол+LOC.
IMPERATIVE_COST = 2.0
SHORT_STEM_PENALTY = 1.5
UNRESTORED_PENALTY = 2.0
FINAL_D_PENALTY = 1.0
# An unknown stem that itself ends like an inflection (…лар, …ы, …ңыз) is probably not fully stripped.
INFLECTED_LOOKING = {
    **dict.fromkeys(("лар", "лер", "дар", "дер", "тар", "тер", "ы", "і", "ңыз", "ңіз", "мыз", "міз"), 1.0),
    **dict.fromkeys(("ын", "ін", "ым", "ім", "ың", "ің"), 0.5),
    **dict.fromkeys(("ған", "ген", "қан", "кен"), 0.7),  # a participle (сызғырған+дар)
    **dict.fromkeys(("ға", "ге"), 0.4),  # a dative (…ға+ны is mostly a participle: сызғырғаны)
}
VERBAL_NOUN_LOOKING_PENALTY = 1.0
# A verb stem ending like a negation (…ма, …бе), a plural or a possessive most likely is not a stem.
VERB_INFLECTED_LOOKING = {
    **dict.fromkeys(("ма", "ме", "ба", "бе", "па", "пе", "лар", "лер", "дар", "дер"), 1.0),
    **dict.fromkeys(("май", "мей", "бай", "бей", "пай", "пей"), 1.0),
    **dict.fromkeys(("ым", "ім", "ың", "ің", "ңыз", "ңіз", "мыз", "міз", "сы", "сі"), 1.0),
    **dict.fromkeys(("ы", "і"), 0.5),
}
RARE_VERB_FINALS = frozenset("мңжбвгғдфцщ")
RARE_VERB_FINAL_PENALTY = 1.0
# A verb stem ends in a vowel, one consonant, or a sonorant + voiceless cluster (айт, тарт, жұлқ, қорық).
_CONSONANTS = frozenset("бвгғджзйклмнңпрстуфхһцчшщ")
VERB_FINAL_CLUSTERS = frozenset(a + b for a in "рлйу" for b in "тқкпсш") | {"ст"}
# Restoring a dropped vowel (халқы → халық) is lexical, so it is checked against the lexicon and costs a bit.
VOWEL_RESTORE_COST = 0.5
# Outside the lexicon it is restored by rule where a stem cannot end as written: a sonorant or glide before
# н з с қ к п (ерні → ерін, мұрны → мұрын, қаупі → қауіп, даусы → дауыс, мүлкі → мүлік). Stems that truly
# end in two consonants end in т/д (айт, ант, жұрт, ұлт, бұлт) in the UD Kazakh-KTB lemmas; рк (парк,
# цирк) and йн (дизайн) are left out as loan endings.
DROPPED_VOWEL_CLUSTERS = frozenset({"рн", "лқ", "лк", "рқ", "рп", "уз", "ус", "уп"})
UNDROPPED_CLUSTER_PENALTY = 1.0
# Candidates scoring this far below the best are dropped; a few are kept for Token._.lemmas.
MARGIN = 2.0
MAX_CANDIDATES = 4
# A stem's derivation repeats across the forms of one lemma, so it is cached; the cache is emptied after
# this many new words, so that a corpus with millions of types does not keep every prefix of every word.
# (An unbounded cache emptied now and then is ~10 % faster on the cold path than a bounded lru_cache.)
SUB_STEP_WORDS = 1 << 16

_VOICELESS_OF = {"б": "п", "г": "к", "ғ": "қ"}
_VOWEL_LETTERS = VOWELS - {"у", "и"}  # у and и are glides next to a vowel (ауыз → аузы)
_NUMBER = re.compile(r"^[+-]?\d+(?:[.,]\d+)*%?")
_WORD = re.compile(r"^[а-яәғқңөұүһі]+$")
ORDINAL_ENDINGS = frozenset({"ші", "шы", "інші", "ыншы", "нші", "ншы"})


@dataclass(frozen=True, slots=True)
class Suffix:
    """One written allomorph of an inflectional suffix (see ``suffixes.SUFFIX_ROWS``)."""

    slot: str
    form: str
    restore: str  # letter the stem lost in writing: "ы" (ы/і by harmony), "й", or ""
    requires: str  # how the part before must end ("ист" for журналист+ер), or ""
    harmony: str | None
    after: frozenset[str] | None
    left: frozenset[str]
    cost: float
    final: float
    vowel_initial: bool
    needs_vowel_right: bool  # voiced alternant (-дығ) stands only before a vowel
    stem_kinds: tuple[str, ...]  # which of "N", "V" may stand right before it as a bare stem


def _form_harmony(form: str) -> str | None:
    for char in form:
        if char in "аоұы":
            return "b"
        if char in "еіөүә":
            return "f"
    if "қ" in form or "ғ" in form:
        return "b"
    if "к" in form or "г" in form:
        return "f"
    return None


def _build_index() -> dict[str, tuple[Suffix, ...]]:
    index: dict[str, list[Suffix]] = {}
    for slot, forms, after, left, cost, final in SUFFIX_ROWS:
        pair = "/" in forms  # a single form (мен, п, м) is the same after back and front stems
        for form in forms.split("/"):
            form, _, requires = form.partition("!")
            form, _, restore = form.partition("+")
            suffix = Suffix(
                slot=slot,
                form=form,
                restore=restore,
                requires=requires,
                harmony=_form_harmony(form) if pair else None,
                after=None if after == "*" else frozenset(after),
                left=frozenset(left.split()),
                cost=cost,
                final=final,
                vowel_initial=form[0] in VOWELS,
                needs_vowel_right=form[-1] in "бгғ",
                stem_kinds=tuple(kind for kind in ("N", "V") if kind in left.split()),
            )
            index.setdefault(form, []).append(suffix)
    return {form: tuple(items) for form, items in index.items()}


SUFFIXES = _build_index()
MAX_SUFFIX = max(map(len, SUFFIXES))
ALL_SLOTS = frozenset(row[0] for row in SUFFIX_ROWS)
LEXICON = NOUN_STEMS | VERB_STEMS


# An ending trie reads a word from its last letter backwards: ``trie[letter] = (deeper trie, items)``, where
# items are what ends in the letters read so far (None if nothing does). Walking it finds every ending of a
# word in one pass that stops at the first letter no ending continues with; slicing off every length up to
# the longest ending and looking each up took about twenty probes a word, most of them misses.
EndingTrie = dict[str, tuple["EndingTrie", T | None]]


def _ending_trie(items_by_ending: dict[str, T]) -> EndingTrie[T]:
    """The ending trie of ``{ending: items}``."""
    root: dict = {}
    for ending, items in items_by_ending.items():
        node = root
        for position, letter in enumerate(reversed(ending)):
            deeper, found = node.get(letter, ({}, None))
            node[letter] = (deeper, items if position == len(ending) - 1 else found)
            node = deeper
    return root


def _suffix_tries() -> dict[frozenset[str], EndingTrie[tuple[Suffix, ...]]]:
    """For each set of slots a suffix may follow, the ending trie of the suffixes of those slots.

    The chain is stripped right to left and only a few slot sets ever bound the next step (``ALL_SLOTS`` at
    the word's end, then some suffix's ``left``), so the slot check is done once here instead of for every
    suffix tried; forms no suffix of the set has are left out.
    """
    contexts = {ALL_SLOTS} | {suffix.left for suffixes in SUFFIXES.values() for suffix in suffixes}
    return {
        allowed: _ending_trie({
            form: kept
            for form, suffixes in SUFFIXES.items()
            if (kept := tuple(suffix for suffix in suffixes if suffix.slot in allowed))
        })
        for allowed in contexts
    }


SUFFIX_TRIES = _suffix_tries()

# A parse is (stem, kind, cost, inner): the stem as written, "N" or "V", the suffix chain's cost and the
# suffix next to the stem. Plain tuples: a word has a handful of parses, and building them is on the path
# every new word takes.
_Parse = tuple[str, str, float, Suffix]


def _restored(stem: str, restore: str, side: str | None) -> tuple[str, ...]:
    """``stem`` with the letter its suffix took back (``side`` is the stem's harmony)."""
    if restore != "ы":
        return (stem + restore,)
    if side == "b":
        return (stem + "ы",)
    if side == "f":
        return (stem + "і",)
    return (stem + "ы", stem + "і")


def _parses(word: str) -> list[_Parse]:
    """Every segmentation of ``word`` into stem + a well-formed suffix chain of one suffix or more (right
    to left); the bare word is scored apart (:func:`_whole_word_score`)."""
    found: list[_Parse] = []
    stack: list[tuple[str, frozenset[str], float, Suffix | None]] = [(word, ALL_SLOTS, 0.0, None)]
    while stack:
        left, allowed, cost, right = stack.pop()
        node = SUFFIX_TRIES[allowed]
        vowel_right = right is not None and right.vowel_initial
        for cut in range(len(left) - 1, 0, -1):  # shortest suffix first; a letter of stem stays
            if (entry := node.get(left[cut])) is None:
                break
            node, suffixes = entry
            if suffixes is None:
                continue
            rest = left[:cut]
            sound, side = sound_class(rest), harmony(rest)
            for suffix in suffixes:
                if suffix.needs_vowel_right and not vowel_right:
                    continue
                if suffix.requires and not rest.endswith(suffix.requires):
                    continue
                if suffix.after is not None and sound not in suffix.after:
                    continue
                if suffix.harmony and side and suffix.harmony != side and (side == "f" or rest[-1] != "к"):
                    # (a back loan in к takes front endings: банктің, банкке)
                    if (suffix.vowel_initial and len(rest) > 2 and rest[-2] not in _VOWEL_LETTERS
                            and (restored := _dropped_vowel(rest, suffix.harmony))):
                        # қаупі: the dropped і of қауіп carried the harmony the written қауп lacks
                        found.extend((restored, kind, cost + suffix.cost + VOWEL_RESTORE_COST
                                      + (suffix.final if right is None else 0.0), suffix)
                                     for kind in suffix.stem_kinds)
                    continue
                total = cost + suffix.cost + (suffix.final if right is None else 0.0)
                if suffix.restore:
                    stems = _restored(rest, suffix.restore, side)
                    for kind in suffix.stem_kinds:
                        found.extend((stem, kind, total, suffix) for stem in stems)
                else:
                    for kind in suffix.stem_kinds:
                        found.append((rest, kind, total, suffix))
                    stack.append((rest, suffix.left, total, suffix))
    return found


@dataclass(frozen=True, slots=True)
class _Derivation:
    """One ending of ``suffixes.DERIVATION_ROWS``, as the tries built from them hold it."""

    after: frozenset[str] | None  # sound classes the base may end in, None for any
    base_kind: str  # "N" or "V"
    base_lexicon: frozenset[str]  # NOUN_STEMS or VERB_STEMS
    result: str  # "N" or "V"
    harmony: str | None  # "b"/"f" the base must agree with, None for a vowelless ending
    voices_base: bool  # a vowel-initial ending shows the base's п/к/қ as б/г/ғ (қорқ+ыныш)


def _derivation_trie(nested: bool, result: str | None = None) -> EndingTrie[tuple[_Derivation, ...]]:
    """The ending trie of ``DERIVATION_ROWS``: those making ``result`` (any class when None), and when
    ``nested`` only those that may take more derivation (a step below the outermost one).

    Walking a stem's last letters through the trie replaces trying each of the ~130 endings with
    ``endswith``.
    """
    by_ending: dict[str, list[_Derivation]] = {}
    for endings, after, base_kind, made, stackable in DERIVATION_ROWS:
        if (nested and not stackable) or result not in (None, made):
            continue
        for ending in endings.split("/"):
            by_ending.setdefault(ending, []).append(_Derivation(
                after=None if after == "*" else frozenset(after),
                base_kind=base_kind,
                base_lexicon=NOUN_STEMS if base_kind == "N" else VERB_STEMS,
                result=made,
                harmony=_form_harmony(ending) if has_vowel(ending) else None,
                voices_base=ending[0] in VOWELS,
            ))
    return _ending_trie({ending: tuple(rows) for ending, rows in by_ending.items()})


OUTER_DERIVATIONS = _derivation_trie(nested=False)
NESTED_DERIVATIONS = {kind: _derivation_trie(nested=True, result=kind) for kind in ("N", "V")}


def _derivation_bases(stem: str, trie: EndingTrie[tuple[_Derivation, ...]]) -> Iterator[tuple[_Derivation, str]]:
    """``(derivation, base)`` for each derivation of ``trie`` that ``stem`` may end in, the base written as
    the lexicon lists it (қорқ → қорық is not restored here, б/г/ғ before a vowel → п/к/қ is)."""
    node = trie
    for cut in range(len(stem) - 1, 1, -1):  # shortest ending first; a base keeps two letters or more
        if (entry := node.get(stem[cut])) is None:
            return
        node, rows = entry
        if rows is None:
            continue
        base = stem[:cut]
        if not has_vowel(base):
            continue
        side, sound = harmony(base), sound_class(base)
        for row in rows:
            if row.harmony and side not in (row.harmony, None):
                continue
            if row.after is not None and sound not in row.after:
                continue
            if row.voices_base and base[-1] in _VOICELESS_OF:
                yield row, base[:-1] + _VOICELESS_OF[base[-1]]
            else:
                yield row, base


@cache
def _derivations(stem: str) -> tuple[int, int]:
    """How many kept derivations make ``stem`` a noun and a verb from a known base (0: none do).

    қылмыстық = қылмыс+тық is a noun in 1 step, жоспарлан = жоспар+ла+н a verb in 2. Both classes are
    found in one walk, because a stem's score asks for both.
    """
    steps = {"N": 0, "V": 0}
    for row, base in _derivation_bases(stem, OUTER_DERIVATIONS):
        best = steps[row.result]
        if best == 1:
            continue  # no chain is shorter
        if base in row.base_lexicon:
            steps[row.result] = 1
        elif inner := _nested_steps(base, row.base_kind, 1):
            steps[row.result] = inner + 1 if not best else min(best, inner + 1)
    return steps["N"], steps["V"]


@cache
def _nested_steps(stem: str, kind: str, depth: int) -> int:
    """:func:`_derivations` of one class for a base already ``depth`` derivations deep (at most 2)."""
    best = 0
    for row, base in _derivation_bases(stem, NESTED_DERIVATIONS[kind]):
        if base in row.base_lexicon:
            return 1  # no chain is shorter, so the other endings need no look
        if depth < 2 and (inner := _nested_steps(base, row.base_kind, depth + 1)):
            best = inner + 1 if not best else min(best, inner + 1)
    return best


def _derivation_steps(stem: str, kind: str) -> int:
    """How many kept derivations make ``stem`` (of ``kind``) from a known base, 0 if none do."""
    return _derivations(stem)[kind == "V"]


def _stem_score(stem: str, kind: str) -> float | None:
    """How likely ``stem`` is a lemma of ``kind``: known, derived from a known base, or only plausible;
    None when it cannot be a stem at all (one letter, or no vowel)."""
    if len(stem) < 2 or not has_vowel(stem):
        return None
    lexicon, other = (NOUN_STEMS, VERB_STEMS) if kind == "N" else (VERB_STEMS, NOUN_STEMS)
    if stem in lexicon:
        return KNOWN - (MINOR_PENALTY if stem in MINOR_STEMS else 0.0)
    if stem in other:
        return KNOWN_OTHER_CLASS
    as_noun, as_verb = _derivations(stem)
    steps, other_steps = (as_noun, as_verb) if kind == "N" else (as_verb, as_noun)
    if steps:
        return DERIVED - DERIVATION_STEP_COST * (steps - 1)
    if steps := other_steps:
        return DERIVED_OTHER_CLASS - DERIVATION_STEP_COST * (steps - 1)
    return (UNKNOWN_NOUN if kind == "N" else UNKNOWN_VERB) - _shape_penalty(stem, kind)


def _shape_penalty(stem: str, kind: str) -> float:
    """How unlike a lemma an unknown stem looks: too short, or ending like a suffix or a non-stem."""
    penalty = SHORT_STEM_PENALTY if len(stem) == 2 else 0.0
    endings = INFLECTED_LOOKING if kind == "N" else VERB_INFLECTED_LOOKING
    for size in (3, 2, 1):
        if stem[-size:] in endings:
            penalty += endings[stem[-size:]]
            break
    if stem[-2:] in DROPPED_VOWEL_CLUSTERS and _lost_a_vowel(stem):
        penalty += UNDROPPED_CLUSTER_PENALTY  # халқ, ерн: a vowel was dropped (see _alternants)
    if kind == "N":
        if stem[-1] == "д":  # Kazakh devoices a final д; stems in -д are mostly loans (завод)
            penalty += FINAL_D_PENALTY
        if stem[-1] == "у" and (stem[-2] not in VOWELS or len(stem) > 3):
            penalty += VERBAL_NOUN_LOOKING_PENALTY  # looks like a verbal noun (аудару, қайрау)
    elif stem[-1] in RARE_VERB_FINALS or (stem[-1] in "уи" and (stem[-2] not in VOWELS or len(stem) > 3)):
        penalty += RARE_VERB_FINAL_PENALTY  # a verb stem in -у/-и is short (жау, ти); longer ones are nouns
    elif stem[-1] in _CONSONANTS and stem[-2] in _CONSONANTS and stem[-2:] not in VERB_FINAL_CLUSTERS:
        penalty += RARE_VERB_FINAL_PENALTY
    return penalty


def _alternants(stem: str, kind: str) -> list[tuple[str, float]]:
    """A stem before a vowel-initial suffix and its restored alternants (кітаб → кітап, халқ → халық,
    тау → тап) with extra cost."""
    out = []
    last = stem[-1]
    if last in _VOICELESS_OF and not stem.endswith("нг") and not _loan_velar(stem):
        # Before a vowel a native stem shows б/г/ғ for п/к/қ; loans (брифинг, диалог) do not alternate.
        out += [(stem[:-1] + _VOICELESS_OF[last], 0.0), (stem, UNRESTORED_PENALTY)]
    else:
        out.append((stem, 0.0))
    if last == "у" and kind == "V" and stem[:-1] + "п" in VERB_STEMS:
        out.append((stem[:-1] + "п", VOWEL_RESTORE_COST))  # тауып → тап, жауып → жап
    if len(stem) >= 3 and last not in VOWELS and stem[-2] not in _VOWEL_LETTERS:
        # Vowel dropped before a vowel-initial suffix: халық → халқы, орын → орны, қорық → қорқады.
        listed = False
        for vowel in ("ы", "і"):
            for candidate in (stem[:-1] + vowel + last, stem[:-1] + vowel + _VOICELESS_OF.get(last, last)):
                if candidate in LEXICON:
                    out.append((candidate, VOWEL_RESTORE_COST))
                    listed = True
                    break
        if not listed and _lost_a_vowel(stem) and not _is_known(stem):
            vowel = "і" if harmony(stem) == "f" else "ы"
            out.append((stem[:-1] + vowel + last, VOWEL_RESTORE_COST))
    return out


def _dropped_vowel(rest: str, side: str) -> str | None:
    """The listed stem ``rest`` was written from by dropping its last ы/і of harmony ``side``, or None
    (қауп + front suffix → қауіп: the written stem's harmony disagrees with the suffix)."""
    if len(rest) < 3 or rest[-1] in VOWELS or rest[-2] in _VOWEL_LETTERS:
        return None
    candidate = rest[:-1] + ("ы" if side == "b" else "і") + rest[-1]
    return candidate if candidate in LEXICON or _lost_a_vowel(rest) else None


def _lost_a_vowel(stem: str) -> bool:
    """Whether ``stem``, written before a vowel-initial suffix, ends as only a dropped ы/і leaves a stem:
    a cluster of ``DROPPED_VOWEL_CLUSTERS`` after a vowel (у counts as a consonant only after a vowel:
    даус, not автобус)."""
    return (len(stem) >= 3 and stem[-2:] in DROPPED_VOWEL_CLUSTERS and has_vowel(stem[:-2])
            and (stem[-2] != "у" or stem[-3] in _VOWEL_LETTERS))


def _loan_velar(stem: str) -> bool:
    """A back stem ending in г or a front one in ғ breaks harmony, so it is a loan (диалог → диалогы)."""
    side = harmony(stem)
    return (stem[-1] == "г" and side == "b") or (stem[-1] == "ғ" and side == "f")


def is_verb_stem(stem: str) -> bool:
    """Whether ``stem`` is a verb the analyzer knows: listed, or derived from a listed word (жоспарла).

    >>> is_verb_stem("бол"), is_verb_stem("интернет")
    (True, False)
    """
    return stem in VERB_STEMS or bool(_derivation_steps(stem, "V"))


def _is_known(stem: str) -> bool:
    return stem in LEXICON or _derivations(stem) != (0, 0)


_NO_SCORE = float("-inf")
# The best score a word outside the lexicon can get as a bare stem: derived from a known base (or a guess).
_UNLISTED_WORD_MAX = max(DERIVED, DERIVED_OTHER_CLASS, UNKNOWN_NOUN, UNKNOWN_VERB)


def _analyse(word: str) -> tuple[str, ...]:
    """The candidate lemmas of a lower-cased word of Kazakh letters, best first (before voice is undone)."""
    scores = _stem_scores(_parses(word))
    top = max(scores.values(), default=None)
    if _whole_word_counts(word, top) and (whole := _whole_word_score(word)) is not None:
        # The bare word comes first, as if scored first: on a tie it wins, being the longest stem.
        scores = _best_of({word: whole}, scores)
    if not scores:
        return (word,)
    ranked = sorted(scores.items(), key=lambda item: (-item[1], -len(item[0])))
    best_stem, best = ranked[0]
    # Runners-up are kept for Token._.lemmas only when they are real words: guesses add noise to matching.
    others = [stem for stem, score in ranked[1:] if score >= best - MARGIN and _is_known(stem)]
    return (best_stem, *others[: MAX_CANDIDATES - 1])


def _stem_scores(parses: list[_Parse]) -> dict[str, float]:
    """The best score of each stem (and restored alternant) of ``parses``, in the order first found."""
    scores: dict[str, float] = {}
    for written, kind, cost, inner in parses:
        if inner.slot == "P3" and kind == "N" and written + inner.form in POSSESSIVE_COMPOUNDS:
            written, cost = written + inner.form, cost - inner.cost  # отба|сы|на → отбасы
        alternants = _alternants(written, kind) if inner.vowel_initial else ((written, 0.0),)
        for stem, extra in alternants:
            if (score := _stem_score(stem, kind)) is None:
                continue
            score = score - cost - extra
            if score > scores.get(stem, _NO_SCORE):
                scores[stem] = score
    return scores


def _whole_word_counts(word: str, top: float | None) -> bool:
    """Whether the bare word can be a candidate when the best suffixed reading scores ``top``.

    Scoring a new word as a bare stem costs a quarter of its analysis, and most of the time it cannot
    win: an unlisted word scores at most ``_UNLISTED_WORD_MAX`` (so it is out when ``top`` beats that by the
    margin), and an unknown one at most ``UNKNOWN_WHOLE`` and never stays as a runner-up.
    """
    if top is None or word in LEXICON:
        return True
    if _UNLISTED_WORD_MAX < top - MARGIN:
        return False
    return top <= UNKNOWN_WHOLE or _is_known(word)


def _whole_word_score(word: str) -> float | None:
    """The score of ``word`` read as a bare noun or verb stem, None when it cannot be a stem."""
    best = None
    for kind in ("N", "V"):
        if (score := _stem_score(word, kind)) is None:
            return None
        if kind == "V":
            score -= IMPERATIVE_COST
        if not _is_known(word):
            score = min(score, UNKNOWN_WHOLE)
        if best is None or score > best:
            best = score
    return best


def _best_of(first: dict[str, float], then: dict[str, float]) -> dict[str, float]:
    """``first`` updated with the better scores of ``then``, stems kept in the order first seen."""
    merged = dict(first)
    for stem, score in then.items():
        if score > merged.get(stem, _NO_SCORE):
            merged[stem] = score
    return merged


# Passive (and reflexive) voice: -ыл/-іл/-л, -ын/-ін/-н on a verb stem (сатыл, жасал, алын, жоспарлан).
_PASSIVE = re.compile(r"^(?P<base>.{2,}?)(?:ыл|іл|ын|ін|л|н)$")


def _active(stem: str) -> str | None:
    """The known verb a passive stem is made from (сатыл → сат, табыл → тап), or None.

    A stem that is itself a listed word keeps itself: қызыл 'red' is no passive of қыз- 'heat up'.
    """
    if stem in NOUN_STEMS:
        return None
    found = _PASSIVE.match(stem)
    if not found:
        return None
    base = found.group("base")
    ending = stem[len(base):]
    if ending in ("л", "н") and base[-1] not in VOWELS:
        return None  # the bare -л/-н follows a vowel
    if ending in ("ыл", "іл", "ын", "ін") and base[-1] in VOWELS:
        return None
    for candidate in (base, base[:-1] + _VOICELESS_OF.get(base[-1], base[-1])):
        if candidate in VERB_STEMS or _derivation_steps(candidate, "V"):
            return candidate
    return None


def _with_active_voice(candidates: tuple[str, ...]) -> tuple[str, ...]:
    """Passive stems key to their active verb, so «сату» matches «сатылды» (children were sold);
    the passive stem stays as a second candidate."""
    out: list[str] = []
    for stem in candidates:
        active = _active(stem)
        for item in ((active, stem) if active else (stem,)):
            if item not in out:
                out.append(item)
    return tuple(out)


_NEW_WORDS = count(1)  # words analysed, for emptying the sub-step caches now and then


@cache
def lemma_candidates(word: str) -> tuple[str, ...]:
    """Lower-cased candidate lemmas for one Kazakh word form, most likely first; never empty.

    An unanalysable word gives ``(word.lower(),)``; numbers with a suffix give the number.

    >>> lemma_candidates("саудасына")[0]
    'сауда'
    """
    if next(_NEW_WORDS) % SUB_STEP_WORDS == 0:
        _clear_sub_steps()
    text = normalize(word.strip())
    if not text:
        return ("",)
    if _WORD.match(text):  # the common case: Kazakh letters only, no digit or hyphen
        return IRREGULAR_FORMS.get(text) or _with_active_voice(_analyse(text))
    number = _NUMBER.match(text)
    if number and (number.end() == len(text) or text[number.end()] in "-–"):
        tail = text[number.end() + 1 :]
        if not tail.isdigit():
            return (number.group(),)
        return (text,)
    if text in IRREGULAR_FORMS:
        return IRREGULAR_FORMS[text]
    head, dash, last = text.rpartition("-")
    if dash and head and last:
        if _is_suffix_chain(last):
            return (head,)
        whole = _analyse(text) if _WORD.match(text.replace("-", "")) else (text,)
        if whole[0] in LEXICON:  # a listed compound (сауда-саттық) is analysed as one word
            return whole
        return tuple(head + dash + stem for stem in lemma_candidates(last))
    return (text,)


# The term tags (``coding.terms``) a suffix slot stands for; CONVP marks the -ып converb of a light-verb
# compound (сатып алу, ``light_verbs.py``).
SLOT_TAGS: dict[str, str] = {
    "PL": "pl", "P12": "poss", "P3": "poss", "P": "poss", "GEN": "gen", "ACC": "acc", "DAT": "dat",
    "LOC": "loc", "ABL": "abl", "INS": "ins", "NEG": "neg", "CONVP": "conv",
}
CASE_TAGS = frozenset({"gen", "acc", "dat", "loc", "abl", "ins"})

# A chain is a parse with the slots of its suffixes, outermost first.
_Chain = tuple[str, str, float, Suffix, tuple[str, ...]]


def _chains(word: str) -> list[_Chain]:
    """The walk of :func:`_parses`, keeping each parse's suffix slots (only :func:`word_features` needs
    them, so the path every new word takes does not build them)."""
    found: list[_Chain] = []
    stack: list[tuple[str, frozenset[str], float, Suffix | None, tuple[str, ...]]] = [
        (word, ALL_SLOTS, 0.0, None, ())]
    while stack:
        left, allowed, cost, right, slots = stack.pop()
        node = SUFFIX_TRIES[allowed]
        vowel_right = right is not None and right.vowel_initial
        for cut in range(len(left) - 1, 0, -1):
            if (entry := node.get(left[cut])) is None:
                break
            node, suffixes = entry
            if suffixes is None:
                continue
            rest = left[:cut]
            sound, side = sound_class(rest), harmony(rest)
            for suffix in suffixes:
                if suffix.needs_vowel_right and not vowel_right:
                    continue
                if suffix.requires and not rest.endswith(suffix.requires):
                    continue
                if suffix.after is not None and sound not in suffix.after:
                    continue
                total = cost + suffix.cost + (suffix.final if right is None else 0.0)
                chain = (*slots, suffix.slot)
                if suffix.harmony and side and suffix.harmony != side and (side == "f" or rest[-1] != "к"):
                    if (suffix.vowel_initial and len(rest) > 2 and rest[-2] not in _VOWEL_LETTERS
                            and (restored := _dropped_vowel(rest, suffix.harmony))):
                        found.extend((restored, kind, total + VOWEL_RESTORE_COST, suffix, chain)
                                     for kind in suffix.stem_kinds)
                    continue
                if suffix.restore:
                    for stem in _restored(rest, suffix.restore, side):
                        found.extend((stem, kind, total, suffix, chain) for kind in suffix.stem_kinds)
                else:
                    found.extend((rest, kind, total, suffix, chain) for kind in suffix.stem_kinds)
                    stack.append((rest, suffix.left, total, suffix, chain))
    return found


@cache
def word_features(word: str) -> frozenset[str]:
    """The marking a Kazakh word form carries, as term tags: ``pl``, ``poss`` (any person), one case
    (``nom`` when none: gen dat acc loc abl ins), ``neg`` (-ма/-ме in the verb), and ``conv`` for the
    -ып converb. Read from the best suffix chain that gives the word's key; a word that is its own key
    (or that the analyzer cannot parse) carries only ``nom``.

    >>> sorted(word_features("балаларына"))
    ['dat', 'pl', 'poss']
    >>> sorted(word_features("толмаған")), sorted(word_features("отбасына"))
    (['neg', 'nom'], ['dat'])
    """
    text = normalize(word.strip())
    head, dash, last = text.rpartition("-")
    if dash and head and last and not _is_suffix_chain(last):
        text = last  # a hyphenated compound inflects on its last part
    if not _WORD.match(text):
        return frozenset({"nom"})
    key = lemma_key(text)
    best, best_slots = _NO_SCORE, ()
    for written, kind, cost, inner, slots in _chains(text):
        if inner.slot == "P3" and kind == "N" and written + inner.form in POSSESSIVE_COMPOUNDS:
            written, cost, slots = written + inner.form, cost - inner.cost, slots[:-1]  # отбасы|на
        alternants = _alternants(written, kind) if inner.vowel_initial else ((written, 0.0),)
        for stem, extra in alternants:
            if stem != key and _active(stem) != key:
                continue
            if (score := _stem_score(stem, kind)) is not None and score - cost - extra > best:
                best, best_slots = score - cost - extra, slots
    tags = {SLOT_TAGS[slot] for slot in best_slots if slot in SLOT_TAGS}
    if tags.isdisjoint(CASE_TAGS):
        tags.add("nom")
    return frozenset(tags)


def lemma_key(word: str) -> str:
    """The key the matcher compares: ``lemma_candidates(word)[0]``.

    >>> lemma_key("балалар") == lemma_key("балаға") == "бала"
    True
    """
    return lemma_candidates(word)[0]


@cache
def _is_suffix_chain(text: str, allowed: frozenset[str] = ALL_SLOTS) -> bool:
    """True for a bare ending written after a hyphen (ҚР-ның, БҰҰ-ға, 5-і): suffixes with no stem left.

    The stem's sound is unknown (abbreviations are read by letter names), so only the order is checked.
    """
    if allowed is ALL_SLOTS and text in ORDINAL_ENDINGS:
        return True
    for size in range(1, min(MAX_SUFFIX, len(text)) + 1):
        for suffix in SUFFIXES.get(text[-size:], ()):
            if suffix.slot not in allowed or suffix.restore:
                continue
            if size == len(text):
                if "N" in suffix.left:
                    return True
            elif _is_suffix_chain(text[:-size], suffix.left):
                return True
    return False


def _clear_sub_steps() -> None:
    for cached in (_is_suffix_chain, _derivations, _nested_steps, word_features):
        cached.cache_clear()


def clear_caches() -> None:
    """Forget every word and sub-step analysed so far, as in a new process (for cold-path benchmarks)."""
    lemma_candidates.cache_clear()
    _clear_sub_steps()
