"""The term syntax of a codebook: words separated by spaces, each one of four kinds.

- ``word``  — any inflected form: compared by lemma key (``бала саудасы`` matches ``балалар саудасына``);
- ``=word`` — exactly this form, case-insensitive;
- ``word*`` — any word beginning with ``word``;
- ``*``     — any one word (a gap).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from coding.i18n import _
from coding.lemmas import lemma_key
from coding.words import WORD_RE

WordKind = Literal["lemma", "exact", "prefix", "any"]


class TermSyntaxError(ValueError):
    """A term that cannot be used; the message says why, for a codebook author."""


@dataclass(frozen=True)
class TermWord:
    """One word of a term: its kind, the value compared (lemma key, lower-cased form or prefix)."""

    kind: WordKind
    value: str
    written: str

    def matches(self, lowered: str, candidates: tuple[str, ...]) -> bool:
        """Whether a text word (lower-cased, with its lemma candidates) fits this term word."""
        if self.kind == "lemma":
            return self.value in candidates
        if self.kind == "exact":
            return lowered == self.value
        if self.kind == "prefix":
            return lowered.startswith(self.value)
        return True

    @property
    def shown(self) -> str:
        """How the compared value is shown to a codebook author."""
        return {"lemma": self.value, "exact": f"={self.value}", "prefix": f"{self.value}*", "any": "*"}[self.kind]


@dataclass(frozen=True)
class Term:
    """A parsed term in one language."""

    text: str
    lang: str
    words: tuple[TermWord, ...]

    @property
    def normalized(self) -> str:
        """The term as the matcher compares it, e.g. ``бала сауда`` for ``бала саудасы``."""
        return " ".join(word.shown for word in self.words)


def _lower(text: str) -> str:
    return text.lower().replace("ё", "е")


def parse_word(written: str, lang: str) -> TermWord:
    """Parse one word of a term; raises TermSyntaxError for a word that can never match."""
    if written == "*":
        return TermWord("any", "", written)
    if written.startswith("="):
        kind: WordKind = "exact"
        body = written[1:]
    elif written.endswith("*"):
        kind = "prefix"
        body = written[:-1]
    else:
        kind = "lemma"
        body = written
    if not body:
        raise TermSyntaxError(_("'{written}' has no letters to compare").format(written=written))
    if not WORD_RE.fullmatch(body):
        raise TermSyntaxError(
            _("'{written}' can never match: a word of the text holds only letters, digits and inner "
              "hyphens or apostrophes; remove the punctuation or split it into words").format(written=written)
        )
    if kind == "lemma":
        return TermWord("lemma", lemma_key(body, lang), written)
    return TermWord(kind, _lower(body), written)


def parse_term(text: str, lang: str) -> Term:
    """Parse a term written in ``lang``.

    >>> parse_term("торговля детьми", "ru").normalized
    'торговля ребенок'
    >>> parse_term("=құқық =қорғау", "kk").normalized
    '=құқық =қорғау'
    """
    if not isinstance(text, str):
        raise TermSyntaxError(_("{text!r} is not text; write the term as a string").format(text=text))
    written = text.split()
    if not written:
        raise TermSyntaxError(_("a term is empty ('')"), )
    words = tuple(parse_word(word, lang) for word in written)
    if all(word.kind == "any" for word in words):
        raise TermSyntaxError(_("'{text}' is only gaps (*) and would match every word; add a word to it")
                              .format(text=text))
    return Term(text=" ".join(written), lang=lang, words=words)
