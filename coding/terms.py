"""The term syntax of a codebook: words separated by spaces, each one of four kinds.

- ``word``  — any inflected form: compared by lemma key (``бала саудасы`` matches ``балалар саудасына``);
- ``=word`` — exactly this form, case-insensitive;
- ``word*`` — any word beginning with ``word``;
- ``*``     — any one word (a gap).

Two words or phrases may be joined by a proximity operator, ``A NEAR/n B`` or ``A BEFORE/n B``
(see ``coding.proximity``); a phrase part is written in double quotes.

A plain word may carry tags, ``word<tag,tag>`` (Kazakh only): the text word must carry that marking —
``адам<acc> сату`` matches ``адамды сату``, not ``адамдарға сату``. Tags: the cases ``nom gen dat acc loc
abl ins``, ``poss`` (a possessive), ``pl`` (plural), ``neg`` (negation in the verb). A Kazakh term word
that carries a possessive or a negation requires it without a tag (the phrase grammar's principle: a
term matches the forms that carry at least its meaning-bearing marking): ``мұнай саудасы`` does not match
``мұнай сауда үйі``, ``кәмелетке толмаған`` does not match ``кәмелетке толған``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from coding.i18n import _
from coding.lang.kk.latin import is_latin, latin_alphabet, to_cyrillic
from coding.lemmas import lemma_key, word_features
from coding.words import WORD_RE

if TYPE_CHECKING:
    from coding.proximity import Proximity

WordKind = Literal["lemma", "exact", "prefix", "any"]

TAGS: tuple[str, ...] = ("nom", "gen", "dat", "acc", "loc", "abl", "ins", "poss", "pl", "neg")
# The marking a Kazakh term word carries that it requires of the text without a tag.
IMPLIED_TAGS = frozenset({"poss", "neg"})
TAG_LANGUAGES = frozenset({"kk"})
_TAGGED = re.compile(r"^(?P<body>[^<>]*)<(?P<tags>[^<>]*)>$")


class TermSyntaxError(ValueError):
    """A term that cannot be used; the message says why, for a codebook author."""


@dataclass(frozen=True)
class TermWord:
    """One word of a term: its kind, the value compared (lemma key, lower-cased form or prefix)."""

    kind: WordKind
    value: str
    written: str
    tags: frozenset[str] = frozenset()  # marking the text word must carry (see TAGS)

    def matches(self, lowered: str, candidates: tuple[str, ...]) -> bool:
        """Whether a text word (lower-cased, with its lemma candidates) fits this term word."""
        if self.kind == "lemma":
            return self.value in candidates
        if self.kind == "exact":
            return lowered == self.value
        if self.kind == "prefix":
            return lowered.startswith(self.value)
        return True

    def fits(self, features: frozenset[str]) -> bool:
        """Whether a text word carrying ``features`` has every tag this word requires."""
        return self.tags <= features

    @property
    def shown(self) -> str:
        """How the compared value is shown to a codebook author (tags in the order of TAGS)."""
        shown = {"lemma": self.value, "exact": f"={self.value}", "prefix": f"{self.value}*", "any": "*"}[self.kind]
        if self.tags:
            shown += "<" + ",".join(tag for tag in TAGS if tag in self.tags) + ">"
        return shown


@dataclass(frozen=True)
class Term:
    """A parsed term in one language."""

    text: str
    lang: str
    words: tuple[TermWord, ...]
    # ``A NEAR/n B``: its two parts (``words`` then holds A's words followed by B's).
    proximity: Proximity | None = None

    @property
    def normalized(self) -> str:
        """The term as the matcher compares it, e.g. ``бала сауда<poss>`` for ``бала саудасы``."""
        if self.proximity is not None:
            return self.proximity.shown
        return " ".join(word.shown for word in self.words)

    @property
    def tagged(self) -> bool:
        """Whether some word requires marking, so that matching must look at the text words' features."""
        return any(word.tags for word in self.words)


def _lower(text: str) -> str:
    return text.lower().replace("ё", "е")


def _parse_tags(written: str, lang: str) -> tuple[str, frozenset[str]]:
    """``(word, tags)`` of a term word written ``word<tag,tag>`` (no tags: ``(written, ∅)``)."""
    if "<" not in written and ">" not in written:
        return written, frozenset()
    found = _TAGGED.match(written)
    if not found:
        raise TermSyntaxError(_("'{written}': write tags right after the word, as in 'бала<pl,dat>'")
                              .format(written=written))
    body = found.group("body")
    tags = [tag.strip() for tag in found.group("tags").split(",")]
    if lang not in TAG_LANGUAGES:
        raise TermSyntaxError(_("'{written}': tags are for Kazakh terms only; remove '<{tags}>' "
                                "or write the form you mean with '='")
                              .format(written=written, tags=found.group("tags")))
    if body == "*" or body.startswith("=") or body.endswith("*"):
        raise TermSyntaxError(_("'{written}': a tag goes on a plain word, not on '*', '=word' or 'word*'")
                              .format(written=written))
    unknown = [tag for tag in tags if tag not in TAGS]
    if unknown or not tags:
        raise TermSyntaxError(_("'{written}': '{unknown}' is not a tag; use some of: {tags}")
                              .format(written=written, unknown=", ".join(unknown) or "", tags=", ".join(TAGS)))
    cases = [tag for tag in tags if tag in TAGS[:7]]
    if len(cases) > 1:
        raise TermSyntaxError(_("'{written}': a word has one case, not {cases}")
                              .format(written=written, cases=_(" and ").join(cases)))
    return body, frozenset(tags)


def parse_word(written: str, lang: str, *, alphabet: str | None = None) -> TermWord:
    """Parse one word of a term; raises TermSyntaxError for a word that can never match. A Kazakh word in
    Latin letters is compared in Cyrillic, as the text's words are (in ``alphabet``: 2021, 2018 or
    informal; guessed from the word when None)."""
    word, tags = _parse_tags(written, lang)
    if word == "*":
        return TermWord("any", "", written)
    if word.startswith("="):
        kind: WordKind = "exact"
        body = word[1:]
    elif word.endswith("*"):
        kind = "prefix"
        body = word[:-1]
    else:
        kind = "lemma"
        body = word
    if not body:
        raise TermSyntaxError(_("'{written}' has no letters to compare").format(written=written))
    if not WORD_RE.fullmatch(body):
        raise TermSyntaxError(
            _("'{written}' can never match: a word of the text holds only letters, digits and inner "
              "hyphens or apostrophes; remove the punctuation or split it into words").format(written=written)
        )
    if lang == "kk" and is_latin(body):
        body = to_cyrillic(body, alphabet)  # type: ignore[arg-type]
    if kind == "lemma":
        if lang in TAG_LANGUAGES:
            tags |= word_features(body, lang) & IMPLIED_TAGS
        return TermWord("lemma", lemma_key(body, lang), written, tags)
    return TermWord(kind, _lower(body), written)


def parse_term(text: str, lang: str) -> Term:
    """Parse a term written in ``lang``.

    >>> parse_term("торговля детьми", "ru").normalized
    'торговля ребенок'
    >>> parse_term("=құқық =қорғау", "kk").normalized
    '=құқық =қорғау'
    >>> parse_term("bala saýdasy", "kk").normalized
    'бала сауда'
    """
    if not isinstance(text, str):
        raise TermSyntaxError(_("{text!r} is not text; write the term as a string").format(text=text))
    if '"' in text or "/" in text or "NEAR" in text or "BEFORE" in text:  # a quoted phrase or an operator
        return _parse_quoted(text, lang)
    return _parse_plain(text, lang)


def _parse_plain(text: str, lang: str) -> Term:
    written = text.split()
    if not written:
        raise TermSyntaxError(_("a term is empty ('')"), )
    # A Latin Kazakh term is read in the alphabet its letters show as a whole (one ý marks 2018 for all).
    alphabet = latin_alphabet(text) if lang == "kk" and any(is_latin(word) for word in written) else None
    words = tuple(parse_word(word, lang, alphabet=alphabet) for word in written)
    if all(word.kind == "any" for word in words):
        raise TermSyntaxError(_("'{text}' is only gaps (*) and would match every word; add a word to it")
                              .format(text=text))
    return Term(text=" ".join(written), lang=lang, words=words)


def _parse_quoted(text: str, lang: str) -> Term:
    """A term with double quotes or a proximity operator (``A NEAR/n B``, ``A BEFORE/n B``)."""
    from coding.proximity import Proximity, ProximitySyntaxError, split_proximity

    try:
        written, parts = split_proximity(text)
    except ProximitySyntaxError as error:
        raise TermSyntaxError(str(error)) from None
    if parts is None:  # a quoted phrase alone: the quotes change nothing
        plain = _parse_plain(written.replace('"', " "), lang)
        return Term(text=written, lang=lang, words=plain.words)
    left_text, operator, right_text = parts
    left, right = _parse_plain(left_text, lang), _parse_plain(right_text, lang)
    name, _, distance = operator.partition("/")
    proximity = Proximity(name, int(distance), left, right)  # type: ignore[arg-type]
    return Term(text=written, lang=lang, words=left.words + right.words, proximity=proximity)
