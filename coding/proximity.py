"""Proximity terms: ``A NEAR/n B`` (A and B at most n words apart, either order) and ``A BEFORE/n B``
(A first). A and B are each a word or a phrase of the term syntax, a phrase in double quotes:
``бала NEAR/5 сату``, ``"торговля людьми" NEAR/10 ребенок``.

The distance is the difference of the word positions of the nearest ends of A and B, so ``NEAR/1`` means
next to each other. A and B must be different words of the unit (one word that fits both is not a match).
For each occurrence of A the nearest B is taken (of two equally near, the earlier); the segment runs from
the first word of the pair to the last.

The matcher finds A as an ordinary pattern (so its first-word index and the ``openers`` fast path hold: a
unit without a word that can begin A is skipped with one set lookup) and looks for B only around each
occurrence of A (``BStarts``, ``nearest_b``): a unit without A costs nothing more, and a NEAR term costs
less than twice a plain two-word term of the same words (``benchmarks/near_speed.py``). Write the rarer
part first: a unit where A occurs is read further, one where only B occurs is not.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from coding.i18n import N_, _, ngettext

if TYPE_CHECKING:
    from coding.terms import Term

Operator = Literal["NEAR", "BEFORE"]
OPERATORS: tuple[str, ...] = ("NEAR", "BEFORE")
# The largest distance: far more than a paragraph; a larger number is more likely a typing slip.
MAX_DISTANCE = 1000
# A token that is meant as an operator: NEAR or BEFORE in capitals, with or without "/…".
_OPERATOR = re.compile(rf"^({'|'.join(OPERATORS)})(?:/(.*))?$")
_TOKEN = re.compile(r'"[^"]*"|[^\s"]+')
# An operator typed in small letters (near/5): a word cannot hold '/', so it is surely meant as one.
_LOWER_OPERATOR = re.compile(rf"^({'|'.join(OPERATORS)})/", re.IGNORECASE)


class ProximitySyntaxError(ValueError):
    """A proximity term that cannot be used; ``parse_term`` raises it as a TermSyntaxError."""


@dataclass(frozen=True)
class Proximity:
    """How a proximity term was read: operator, distance and its two parts (each a plain Term)."""

    operator: Operator
    distance: int
    left: Term
    right: Term

    @property
    def shown(self) -> str:
        """The term as compared, e.g. ``бала NEAR/5 сат``."""
        return f"{_part_shown(self.left)} {self.operator}/{self.distance} {_part_shown(self.right)}"

    @property
    def reading(self) -> str:
        """How the rule was read, in words: ``key бала, within 5 words, key сат``."""
        how = (ngettext("within {distance} word", "within {distance} words", self.distance) if self.operator == "NEAR"
               else ngettext("followed within {distance} word by", "followed within {distance} words by",
                             self.distance)).format(distance=self.distance)
        return _("{left}, {how}, {right}").format(left=_part_reading(self.left), how=how,
                                                  right=_part_reading(self.right))


def _part_shown(term: Term) -> str:
    return f'"{term.normalized}"' if len(term.words) > 1 else term.normalized


_KIND_WORDS = {"lemma": N_("key {word}"), "exact": N_("form {word}"), "prefix": N_("beginning {word}"),
               "any": N_("any word")}


def _part_reading(term: Term) -> str:
    words = " ".join(_(_KIND_WORDS[w.kind]).format(word=w.value) for w in term.words)
    return _("phrase ({words})").format(words=words) if len(term.words) > 1 else words


def split_proximity(text: str) -> tuple[str, tuple[str, str, str] | None]:
    """Split a term's text into ``(written, (left, operator/n, right))``, or ``(written, None)`` for a plain
    (maybe quoted) phrase. Raises ProximitySyntaxError with a message that says what to do.

    >>> split_proximity('"торговля людьми" NEAR/10 ребенок')
    ('"торговля людьми" NEAR/10 ребенок', ('торговля людьми', 'NEAR/10', 'ребенок'))
    """
    if text.count('"') % 2:
        raise ProximitySyntaxError(_("'{text}' has an unbalanced double quote (\"); put a phrase between two "
                                     'quotes, e.g. "торговля людьми" NEAR/10 ребенок').format(text=text))
    tokens = _TOKEN.findall(text)
    written = " ".join(tokens)
    for token in tokens:
        if token.startswith('"'):
            inner = token[1:-1].split()
            if not inner:
                raise ProximitySyntaxError(_("'{text}' has an empty phrase (\"\"); write words between the quotes")
                                           .format(text=text))
            if any(_OPERATOR.match(word.lstrip("=")) for word in inner):
                raise ProximitySyntaxError(
                    _("'{text}' has NEAR or BEFORE inside a quoted phrase; one term holds one operator between "
                      "two parts: split it into two terms, or use a condition (when:)").format(text=text))
        elif _LOWER_OPERATOR.match(token) and not _OPERATOR.match(token):
            raise ProximitySyntaxError(_("'{token}': write the operator in capitals, {upper}")
                                       .format(token=token, upper=token.upper()))
        elif token.startswith("=") and _OPERATOR.match(token[1:]):
            raise ProximitySyntaxError(_("'{token}' puts an operator inside an exact form (=); write the operator "
                                         "alone between the two parts, e.g. =бала NEAR/5 сату").format(token=token))
    at = [i for i, token in enumerate(tokens) if _OPERATOR.match(token)]
    if not at:
        return written, None
    if len(at) > 1:
        raise ProximitySyntaxError(
            _("'{text}' has {count} operators; a term holds one NEAR or BEFORE between two parts (nesting is not "
              "supported): split it into two terms, or use a condition (when:)").format(text=text, count=len(at)))
    i = at[0]
    operator, _slash, distance = tokens[i].partition("/")
    if not distance:
        raise ProximitySyntaxError(_("'{token}' has no distance; write how many words apart, e.g. {operator}/5")
                                   .format(token=tokens[i], operator=operator))
    # Only ASCII digits: '²'.isdigit() is True but int('²') fails.
    if not re.fullmatch(r"[0-9]{1,4}", distance) or not 1 <= int(distance) <= MAX_DISTANCE:
        raise ProximitySyntaxError(_("'{token}': the distance must be a whole number of words from 1 to "
                                     "{max}, e.g. {operator}/5 ({operator}/1 means next to each other)")
                                   .format(token=tokens[i], max=MAX_DISTANCE, operator=operator))
    left, right = tokens[:i], tokens[i + 1:]
    for side, part in (("before", left), ("after", right)):
        if not part:
            raise ProximitySyntaxError((_("'{text}' has nothing before {operator}; write a word or a quoted phrase "
                                          "on both sides, e.g. бала {operator} сату") if side == "before" else
                                        _("'{text}' has nothing after {operator}; write a word or a quoted phrase "
                                          "on both sides, e.g. бала {operator} сату"))
                                       .format(text=text, operator=tokens[i]))
        if len(part) > 1:
            left_shown, right_shown = (_quoted(p) if len(p) > 1 else p[0] for p in (left, right))
            raise ProximitySyntaxError(
                (_("'{text}' has more than one word before {operator}; put a phrase in double quotes, "
                   "e.g. {left} {operator} {right}") if side == "before" else
                 _("'{text}' has more than one word after {operator}; put a phrase in double quotes, "
                   "e.g. {left} {operator} {right}")).format(text=text, operator=tokens[i], left=left_shown,
                                                             right=right_shown))
    return written, (left[0].strip('"'), f"{operator}/{int(distance)}", right[0].strip('"'))


def _quoted(tokens: list[str]) -> str:
    words = " ".join(token.strip('"') for token in tokens)
    return f'"{words}"'


# One occurrence of a part: (start, end) word positions, end exclusive.
Span = tuple[int, int]


class BStarts:
    """Where B of one proximity term begins in a unit. Whether a word can begin B depends on its type only,
    so each type is looked at once (as the matcher's ``openers``): a unit then costs a set lookup per word.
    """

    __slots__ = ("fitting", "proximity", "seen")

    def __init__(self, proximity: Proximity) -> None:
        self.proximity = proximity
        self.seen: set[str] = set()  # the word types looked at
        self.fitting: set[str] = set()  # those that B's first word fits

    def find(self, lowered: Sequence[str], types: set[str], candidates: Sequence[tuple[str, ...]]) -> list[int]:
        """The positions where B begins in a unit: its lower-cased words, their set, their lemma candidates."""
        words = self.proximity.right.words
        if not types <= self.seen:
            new = types - self.seen
            first = words[0]
            for j, word in enumerate(lowered):
                if word in new and first.matches(word, candidates[j]):
                    self.fitting.add(word)
            self.seen |= new
        fitting = self.fitting
        starts = [j for j, word in enumerate(lowered) if word in fitting]
        if len(words) > 1 and starts:
            count, rest = len(lowered), tuple(enumerate(words[1:], start=1))
            starts = [j for j in starts if j + len(words) <= count
                      and all(w.matches(lowered[j + k], candidates[j + k]) for k, w in rest)]
        return starts

    def forget(self) -> None:
        """Drop what was learned about word types (to bound memory)."""
        self.seen.clear()
        self.fitting.clear()


def nearest_b(proximity: Proximity, a: Span, starts: Sequence[int]) -> Span | None:
    """The occurrence of B nearest to the occurrence ``a`` of A, not overlapping it, within the distance
    (after A for BEFORE); of two equally near, the earlier. ``starts``: where B begins in the unit, in
    order (``BStarts.find``). None when there is none.

    >>> from coding.terms import parse_term
    >>> nearest_b(parse_term("a NEAR/2 b", "en").proximity, (0, 1), [2, 4])
    (2, 3)
    """
    width = len(proximity.right.words)
    a_start, a_end = a
    best: tuple[int, int] | None = None  # (words apart, where B begins)
    after = bisect_left(starts, a_end)  # the first B beginning after A
    if after < len(starts) and starts[after] - (a_end - 1) <= proximity.distance:
        best = (starts[after] - (a_end - 1), starts[after])
    if proximity.operator == "NEAR":
        ahead = bisect_right(starts, a_start - width) - 1  # the last B ending before A
        if ahead >= 0:
            gap = a_start - (starts[ahead] + width - 1)
            if gap <= proximity.distance and (best is None or gap <= best[0]):
                best = (gap, starts[ahead])
    return (best[1], best[1] + width) if best is not None else None


def parts_evidence(proximity: Proximity, a: str, b: str, apart: int) -> str:
    """The evidence of a proximity match, e.g. ``A=балалар; B=сатуға; 3 words apart (NEAR/5)``."""
    return f"A={a}; B={b}; {apart} word{'s' if apart != 1 else ''} apart ({proximity.operator}/{proximity.distance})"


def apart(a: Span, b: Span) -> int:
    """The distance of two non-overlapping spans: positions of their nearest ends (1 for neighbours)."""
    return b[0] - (a[1] - 1) if b[0] >= a[1] else a[0] - (b[1] - 1)
