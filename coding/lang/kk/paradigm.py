"""Kazakh paradigm generator: the inflected forms of a noun or a verb, with their features.

The analyzer (``analyzer.py``) undoes suffix chains; this module builds them, with the same phonology:
vowel harmony (бала+лар, үй+лер), the suffix's first consonant after the stem's last sound (-лар after a
vowel, -дар after м/н/ң/з/ж/л, -тар after a voiceless consonant), voicing of a final п/к/қ before a vowel
(кітап → кітабы, жүрек → жүрегі, шық → шығады, and тап → тауып before -ып) and the dropped vowel of
``stems.VOWEL_DROPPING`` (ауыз → аузы, орын → орны, қорық → қорқады).

Two uses: the property test checks that every form built from a lexicon word keys back to it
(``tests/test_kk_paradigm.py``), and :func:`term_forms` writes a term word as all its explicit forms.

>>> [form.surface for form in noun_forms("кітап") if form.number == "sg" and form.possessive == "3"][:3]
['кітабы', 'кітабының', 'кітабына']
>>> term_forms("сату")[:4]
['сату', 'сатты', 'сатады', 'сатқан']
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

from .alphabet import VOWELS, harmony, normalize, sound_class
from .stems import NOUN_STEMS, POSSESSIVE_COMPOUNDS, VERB_STEMS, VOWEL_DROPPING

__all__ = ["CASES", "POSSESSIVES", "Form", "noun_forms", "part_of_speech", "term_forms", "verb_forms"]

Case = Literal["nom", "gen", "dat", "acc", "loc", "abl", "ins"]
Possessive = Literal["1sg", "2sg", "3", "1pl"]
VerbForm = Literal["inf", "past", "pres", "ptcp", "hab", "conv_p", "conv_a", "cond"]

CASES: tuple[Case, ...] = ("nom", "gen", "dat", "acc", "loc", "abl", "ins")
POSSESSIVES: tuple[Possessive | None, ...] = (None, "1sg", "2sg", "3", "1pl")
VERB_FORMS: tuple[VerbForm, ...] = ("inf", "past", "pres", "ptcp", "hab", "conv_p", "conv_a", "cond")

_VOICED = {"п": "б", "к": "г", "қ": "ғ"}


@dataclass(frozen=True, slots=True)
class Form:
    """One generated word form and what it carries.

    ``pos`` is "N" or "V"; a noun form has ``number``, ``possessive`` (None, or the person) and ``case``;
    a verb form has ``verb_form`` and ``negative``.
    """

    surface: str
    lemma: str
    pos: Literal["N", "V"]
    number: Literal["sg", "pl"] | None = None
    possessive: Possessive | None = None
    case: Case | None = None
    verb_form: VerbForm | None = None
    negative: bool = False

    @property
    def tags(self) -> frozenset[str]:
        """The term tags this form carries (``pl``, ``poss``, a case, ``neg``), as ``coding.terms`` names them."""
        tags = set()
        if self.number == "pl":
            tags.add("pl")
        if self.possessive:
            tags.add("poss")
        if self.case:
            tags.add(self.case)
        if self.negative:
            tags.add("neg")
        return frozenset(tags)


def _side(stem: str) -> str:
    """'b' or 'f' of the suffixes after ``stem``; a stem without a harmony vowel (a loan in -и) takes front
    suffixes if it has е/і/ә."""
    side = harmony(stem)
    if stem[-1] == "к":
        return "f"  # a back stem in к is a loan with front endings: банктің, банкке
    if side:
        return side
    return "f" if any(char in "әеөүіэи" for char in stem) else "b"


def _pick(side: str, back: str, front: str) -> str:
    return back if side == "b" else front


def _loan_final(stem: str) -> bool:
    """A stem whose final п/к/қ/г does not voice: a loan (брифинг, диалог) or a velar against harmony."""
    side = harmony(stem)
    return stem.endswith("нг") or (stem[-1] == "к" and side == "b") or (stem[-1] == "қ" and side == "f")


def _before_vowel(stem: str, *, verb: bool = False) -> str:
    """How ``stem`` is written before a vowel-initial suffix: dropped vowel, voiced final consonant."""
    if stem in VOWEL_DROPPING:
        return VOWEL_DROPPING[stem]  # халқы, қорқады: the consonant after another one stays voiceless
    last = stem[-1]
    if last in _VOICED and (verb or not _loan_final(stem)):
        stem = stem[:-1] + _VOICED[last]
    return stem


def _plural(stem: str, side: str) -> str:
    sound = sound_class(stem)
    first = "л" if sound in "VR" else "д" if sound in "LNZ" else "т"
    return stem + first + _pick(side, "ар", "ер")


def _possessed(stem: str, person: Possessive, side: str) -> str:
    vowel_final = stem[-1] in VOWELS and sound_class(stem) == "V"
    if vowel_final:
        ending = {"1sg": "м", "2sg": "ң", "3": _pick(side, "сы", "сі"), "1pl": _pick(side, "мыз", "міз")}[person]
        return stem + ending
    ending = {"1sg": "ым", "2sg": "ың", "3": "ы", "1pl": "ымыз"}[person]
    if side == "f":
        ending = ending.replace("ы", "і")
    return _before_vowel(stem) + ending


def _case(word: str, case: Case, side: str, after_p3: bool, after_p12: bool) -> str:
    """``word`` (a stem, plural or possessed noun) in ``case``."""
    if case == "nom":
        return word
    a, y = _pick(side, "а", "е"), _pick(side, "ы", "і")
    if after_p3:  # the possessive's pronominal -н-: баласының, баласын, баласына, баласында, баласынан
        return word + {"gen": "н" + y + "ң", "acc": "н", "dat": "н" + a, "loc": "нд" + a,
                       "abl": "н" + a + "н", "ins": "мен"}[case]
    if after_p12 and case == "dat":
        return word + a  # балама, балаңа
    sound = sound_class(word)
    if case == "gen":
        first = "н" if sound in "VN" else "д" if sound in "RLZ" else "т"
        return word + first + y + "ң"
    if case == "acc":
        first = "н" if sound == "V" else "д" if sound in "RLNZ" else "т"
        return word + first + y
    if case == "dat":
        voiceless = sound == "K"
        return word + (_pick(side, "қ", "к") if voiceless else _pick(side, "ғ", "г")) + a
    if case == "loc":
        return word + ("т" if sound == "K" else "д") + a
    if case == "abl":
        first = "н" if sound == "N" else "т" if sound == "K" else "д"
        return word + first + a + "н"
    return word + ("м" if sound in "VRLN" else "б" if sound == "Z" else "п") + "ен"  # no harmony


def noun_forms(stem: str) -> list[Form]:
    """Every number × possessive (none, 1sg, 2sg, 3rd, 1pl) × case form of the noun ``stem``.

    A lexicalised compound with the possessive built in (``stems.POSSESSIVE_COMPOUNDS``: отбасы) takes
    the possessive's case endings (отбасына, отбасының) and no second possessive.

    >>> [form.surface for form in noun_forms("орын") if form.case == "dat" and form.number == "sg"]
    ['орынға', 'орныма', 'орныңа', 'орнына', 'орнымызға']
    """
    stem = normalize(stem)
    side = _side(stem)
    compound = stem in POSSESSIVE_COMPOUNDS
    forms: list[Form] = []
    for number in ("sg", "pl"):
        base = stem if number == "sg" else _plural(stem, side)
        for person in ((None,) if compound else POSSESSIVES):
            word = base if person is None else _possessed(base, person, side)
            after_p3 = person == "3" or (compound and number == "sg")
            for case in CASES:
                surface = _case(word, case, side, after_p3, person in ("1sg", "2sg"))
                forms.append(Form(surface, stem, "N", number=number, possessive=person, case=case))
    return forms


def _verb_vowel_stem(stem: str) -> tuple[str, bool]:
    """The stem before a vowel-initial suffix, and whether it ends in ы/і (оқы → оқ+иды, оқ+у)."""
    if stem[-1] in "ыі" and len(stem) > 2:
        return stem[:-1], True
    return _before_vowel(stem, verb=True), False


def _negated(stem: str, side: str) -> str:
    sound = sound_class(stem)
    first = "м" if sound in "VRL" else "б" if sound in "NZ" else "п"
    return stem + first + _pick(side, "а", "е")


def _verb_form(stem: str, form: VerbForm, side: str) -> str:
    """``stem`` (a verb stem, or a negated one ending in -ма/-ме) in ``form`` (3rd person where finite)."""
    a, y = _pick(side, "а", "е"), _pick(side, "ы", "і")
    sound = sound_class(stem)
    vowel_final = sound == "V"
    if form == "past":
        return stem + ("т" if sound == "K" else "д") + y
    if form == "ptcp":
        return stem + (_pick(side, "қ", "к") if sound == "K" else _pick(side, "ғ", "г")) + a + "н"
    if form == "cond":
        return stem + "с" + a
    narrow, ends_in_high = _verb_vowel_stem(stem) if not vowel_final or stem[-1] in "ыі" else (stem, False)
    if form == "inf":
        if stem.endswith("й"):
            return stem[:-1] + "ю"  # жой → жою
        return (stem if vowel_final and not ends_in_high else narrow) + "у"  # оқы → оқу, тап → табу
    if form == "conv_p":
        if vowel_final:
            return stem + "п"
        if stem[-1] == "п" and stem not in VOWEL_DROPPING:
            return stem[:-1] + "у" + y + "п"  # тап → тауып, жап → жауып
        return narrow + y + "п"
    if form in ("pres", "conv_a", "hab"):
        if ends_in_high:
            body = narrow + "и"  # оқы → оқиды, оқитын
        elif vowel_final:
            body = stem + "й"
        elif stem.endswith("й") and side == "b":
            body = stem[:-1] + "я"  # жой → жояды
        else:
            body = narrow + a
        if form == "pres":
            return body + "д" + y
        if form == "conv_a":
            return body
        return body + "т" + y + "н"
    raise ValueError(form)


def verb_forms(stem: str) -> list[Form]:
    """The main forms of the verb ``stem`` (the bare imperative: сат, жаса, оқы), plain and negated:
    infinitive (verbal noun), past, present/future, participle -ған, habitual participle -атын, converbs
    -ып and -а, conditional; finite forms in the 3rd person.

    >>> [form.surface for form in verb_forms("сат") if form.negative][:3]
    ['сатпау', 'сатпады', 'сатпайды']
    """
    stem = normalize(stem)
    side = _side(stem)
    forms = [Form(_verb_form(stem, form, side), stem, "V", verb_form=form) for form in VERB_FORMS]
    negated = _negated(stem, side)
    forms += [Form(_verb_form(negated, form, side), stem, "V", verb_form=form, negative=True)
              for form in VERB_FORMS if form != "conv_p"]  # the negative converb is -май, not -мап
    return forms


def term_forms(word: str, pos: Literal["N", "V"] | None = None) -> list[str]:
    """Every explicit form of a term word, without repeats: its noun forms, or its verb forms when it is
    a verb (``pos="V"``, or a word keying to a listed verb when ``pos`` is None: сату, сатты → сат).

    >>> term_forms("бала")[:4]
    ['бала', 'баланың', 'балаға', 'баланы']
    """
    from .analyzer import lemma_key

    key = lemma_key(word)
    if pos is None:
        pos = "V" if key in VERB_STEMS and key not in NOUN_STEMS else "N"
    forms = verb_forms(key) if pos == "V" else noun_forms(key)
    return list(dict.fromkeys(form.surface for form in forms))


def part_of_speech(word: str, key: str) -> Literal["N", "V"] | None:
    """Whether ``word`` is a form of ``key`` as a noun or as a verb, for a key that is both (жаз 'summer'
    and 'write'), by the forms the generator builds of each; None when both or neither build it.

    >>> part_of_speech("жазған", "жаз"), part_of_speech("жазда", "жаз"), part_of_speech("жазды", "жаз")
    ('V', 'N', None)
    """
    if key not in VERB_STEMS or key not in NOUN_STEMS:
        return None
    as_noun, as_verb = word in _surfaces(key, "N"), word in _surfaces(key, "V")
    return "N" if as_noun and not as_verb else "V" if as_verb and not as_noun else None


@lru_cache(maxsize=256)
def _surfaces(key: str, pos: Literal["N", "V"]) -> frozenset[str]:
    return frozenset(form.surface for form in (noun_forms(key) if pos == "N" else verb_forms(key)))
