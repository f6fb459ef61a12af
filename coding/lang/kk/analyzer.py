"""Kazakh lemmatizer: undo the inflectional suffix chain of a word form, keep derivation.

The matcher reduces both a codebook term and the text to keys, so "бала саудасы" matches "балалар
саудасына", "баланы саудаға" and "бала саудасының". :func:`lemma_candidates` lists candidate lemmas, most
likely first; :func:`lemma_key` is the first of them.

How it works: a finite-state suffix grammar (``suffixes.SUFFIX_ROWS``: plural → possessive → case →
attributive -ғы → predicative for nouns; negation → tense/aspect/participle/converb/verbal noun → person
for verbs) is applied right to left. Every segmentation whose suffixes follow vowel harmony and the
allomorph rules (-лар/-дар/-тар, -ның/-дың/-тың, -на after the possessive, ...) is scored: a stem in the
lexicon (``stems.py``) scores highest, a stem derived from a known base next, an unknown but plausible stem
(two letters or more, with a vowel) last; each suffix costs according to how doubtful it is. Stem
alternations are restored (кітабы → кітап, жүрегі → жүрек, халқы → халық, тауып → тап, оқиды → оқы).

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
from dataclasses import dataclass
from functools import cache

from .alphabet import VOWELS, harmony, has_vowel, normalize, sound_class
from .stems import IRREGULAR_FORMS, MINOR_STEMS, NOUN_STEMS, VERB_STEMS
from .suffixes import DERIVATION_ROWS, SUFFIX_ROWS

__all__ = ["is_verb_stem", "lemma_candidates", "lemma_key"]

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
# Candidates scoring this far below the best are dropped; a few are kept for Token._.lemmas.
MARGIN = 2.0
MAX_CANDIDATES = 4

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
            )
            index.setdefault(form, []).append(suffix)
    return {form: tuple(items) for form, items in index.items()}


SUFFIXES = _build_index()
MAX_SUFFIX = max(map(len, SUFFIXES))
ALL_SLOTS = frozenset(row[0] for row in SUFFIX_ROWS)
LEXICON = NOUN_STEMS | VERB_STEMS


@dataclass(frozen=True, slots=True)
class _Parse:
    stem: str
    kind: str  # "N" or "V"
    cost: float
    inner: Suffix | None  # the suffix next to the stem


def _restored(stem: str, restore: str) -> tuple[str, ...]:
    if restore != "ы":
        return (stem + restore,)
    side = harmony(stem)
    if side == "b":
        return (stem + "ы",)
    if side == "f":
        return (stem + "і",)
    return (stem + "ы", stem + "і")


def _parses(word: str) -> list[_Parse]:
    """Every segmentation of ``word`` into stem + well-formed suffix chain (right to left)."""
    found = [_Parse(word, "N", 0.0, None), _Parse(word, "V", 0.0, None)]
    stack: list[tuple[str, frozenset[str], float, Suffix | None]] = [(word, ALL_SLOTS, 0.0, None)]
    while stack:
        left, allowed, cost, right = stack.pop()
        for size in range(1, min(MAX_SUFFIX, len(left) - 1) + 1):
            for suffix in SUFFIXES.get(left[-size:], ()):
                if suffix.slot not in allowed:
                    continue
                if suffix.needs_vowel_right and (right is None or not right.vowel_initial):
                    continue
                rest = left[:-size]
                if suffix.requires and not rest.endswith(suffix.requires):
                    continue
                if suffix.after is not None and sound_class(rest) not in suffix.after:
                    continue
                side = harmony(rest)
                if suffix.harmony and side and suffix.harmony != side:
                    continue
                total = cost + suffix.cost + (suffix.final if right is None else 0.0)
                stems = _restored(rest, suffix.restore) if suffix.restore else (rest,)
                for kind in ("N", "V"):
                    if kind in suffix.left:
                        found.extend(_Parse(stem, kind, total, suffix) for stem in stems)
                if not suffix.restore:
                    stack.append((rest, suffix.left, total, suffix))
    return found


def _build_derivations() -> tuple[tuple[str, frozenset[str] | None, str, str, str | None, bool], ...]:
    rows = [
        (ending, None if after == "*" else frozenset(after), base, result,
         _form_harmony(ending) if has_vowel(ending) else None, stackable)
        for endings, after, base, result, stackable in DERIVATION_ROWS
        for ending in endings.split("/")
    ]
    return tuple(sorted(rows, key=lambda row: -len(row[0])))


DERIVATIONS = _build_derivations()


@cache
def _derivation_steps(stem: str, kind: str, depth: int = 0) -> int:
    """How many kept derivations make ``stem`` (of ``kind``) from a known base, 0 if none do.

    қылмыстық = қылмыс+тық is 1 step, жоспарлан = жоспар+ла+н is 2.
    """
    best = 0
    for ending, after, base_kind, result, side, stackable in DERIVATIONS:
        if result != kind or (depth and not stackable):
            continue
        if not stem.endswith(ending) or len(stem) - len(ending) < 2:
            continue
        base = stem[: -len(ending)]
        if side and harmony(base) not in (side, None):
            continue
        if after is not None and sound_class(base) not in after:
            continue
        if ending[0] in VOWELS and base[-1] in _VOICELESS_OF:
            base = base[:-1] + _VOICELESS_OF[base[-1]]
        if not has_vowel(base):
            continue
        if base in (NOUN_STEMS if base_kind == "N" else VERB_STEMS):
            return 1
        if depth < 2 and (inner := _derivation_steps(base, base_kind, depth + 1)):
            best = inner + 1 if not best else min(best, inner + 1)
    return best


def _stem_score(stem: str, kind: str) -> float:
    lexicon, other = (NOUN_STEMS, VERB_STEMS) if kind == "N" else (VERB_STEMS, NOUN_STEMS)
    if stem in lexicon:
        return KNOWN - (MINOR_PENALTY if stem in MINOR_STEMS else 0.0)
    if stem in other:
        return KNOWN_OTHER_CLASS
    if steps := _derivation_steps(stem, kind):
        return DERIVED - DERIVATION_STEP_COST * (steps - 1)
    if steps := _derivation_steps(stem, "V" if kind == "N" else "N"):
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


def _alternants(parse: _Parse) -> list[tuple[str, float]]:
    """The stem and its restored alternants (кітаб → кітап, халқ → халық, тау → тап) with extra cost."""
    stem = parse.stem
    if parse.inner is None or not parse.inner.vowel_initial:
        return [(stem, 0.0)]
    out = []
    last = stem[-1]
    if last in _VOICELESS_OF and not stem.endswith("нг") and not _loan_velar(stem):
        # Before a vowel a native stem shows б/г/ғ for п/к/қ; loans (брифинг, диалог) do not alternate.
        out += [(stem[:-1] + _VOICELESS_OF[last], 0.0), (stem, UNRESTORED_PENALTY)]
    else:
        out.append((stem, 0.0))
    if last == "у" and parse.kind == "V" and stem[:-1] + "п" in VERB_STEMS:
        out.append((stem[:-1] + "п", VOWEL_RESTORE_COST))  # тауып → тап, жауып → жап
    if len(stem) >= 3 and last not in VOWELS and stem[-2] not in _VOWEL_LETTERS:
        # Vowel dropped before a vowel-initial suffix: халық → халқы, орын → орны, қорық → қорқады.
        for vowel in ("ы", "і"):
            for candidate in (stem[:-1] + vowel + last, stem[:-1] + vowel + _VOICELESS_OF.get(last, last)):
                if candidate in LEXICON:
                    out.append((candidate, VOWEL_RESTORE_COST))
                    break
    return out


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
    return stem in LEXICON or bool(_derivation_steps(stem, "N") or _derivation_steps(stem, "V"))


def _analyse(word: str) -> tuple[str, ...]:
    scores: dict[str, float] = {}
    for parse in _parses(word):
        for stem, extra in _alternants(parse):
            if len(stem) < 2 or not has_vowel(stem):
                continue
            score = _stem_score(stem, parse.kind) - parse.cost - extra
            if parse.inner is None:
                if parse.kind == "V":
                    score -= IMPERATIVE_COST
                if not _is_known(stem):
                    score = min(score, UNKNOWN_WHOLE)
            if score > scores.get(stem, float("-inf")):
                scores[stem] = score
    if not scores:
        return (word,)
    ranked = sorted(scores.items(), key=lambda item: (-item[1], -len(item[0])))
    best_stem, best = ranked[0]
    # Runners-up are kept for Token._.lemmas only when they are real words: guesses add noise to matching.
    others = [stem for stem, score in ranked[1:] if score >= best - MARGIN and _is_known(stem)]
    return (best_stem, *others[: MAX_CANDIDATES - 1])


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


@cache
def lemma_candidates(word: str) -> tuple[str, ...]:
    """Lower-cased candidate lemmas for one Kazakh word form, most likely first; never empty.

    An unanalysable word gives ``(word.lower(),)``; numbers with a suffix give the number.

    >>> lemma_candidates("саудасына")[0]
    'сауда'
    """
    text = normalize(word.strip())
    if not text:
        return ("",)
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
    if not _WORD.match(text):
        return (text,)
    return _with_active_voice(_analyse(text))


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
