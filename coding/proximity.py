"""Proximity terms: ``A NEAR/n B`` (A and B at most n words apart, either order) and ``A BEFORE/n B``
(A first). A and B are each a word or a phrase of the term syntax, a phrase in double quotes:
``бала NEAR/5 сату``, ``"торговля людьми" NEAR/10 ребенок``.

The distance is the difference of the word positions of the nearest ends of A and B, so ``NEAR/1`` means
next to each other. A and B must be different words of the unit (one word that fits both is not a match).
For each occurrence of A the nearest B is taken (of two equally near, the earlier); the segment runs from
the first word of the pair to the last.

The matcher finds A and B as two ordinary patterns (so its first-word index and the ``openers`` fast path
hold for them) and ``pair_parts`` joins their occurrences afterwards.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    from coding.terms import Term

Operator = Literal["NEAR", "BEFORE"]
OPERATORS: tuple[str, ...] = ("NEAR", "BEFORE")
# The largest distance: far more than a sentence, small enough to be a mistake-free whole number.
MAX_DISTANCE = 1000
# A token that is meant as an operator: NEAR or BEFORE in capitals, with or without "/…".
_OPERATOR = re.compile(r"^(NEAR|BEFORE)(?:/(.*))?$")
_TOKEN = re.compile(r'"[^"]*"|[^\s"]+')


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
        how = (f"within {self.distance} word{'s' if self.distance != 1 else ''}" if self.operator == "NEAR"
               else f"followed within {self.distance} word{'s' if self.distance != 1 else ''} by")
        return f"{_part_reading(self.left)}, {how}, {_part_reading(self.right)}"


def _part_shown(term: Term) -> str:
    return f'"{term.normalized}"' if len(term.words) > 1 else term.normalized


_KIND_WORDS = {"lemma": "key {}", "exact": "form {}", "prefix": "beginning {}", "any": "any word"}


def _part_reading(term: Term) -> str:
    words = " ".join(_KIND_WORDS[w.kind].format(w.value) for w in term.words)
    return f"phrase ({words})" if len(term.words) > 1 else words


def is_proximity(text: str) -> bool:
    """Whether a term's text uses the proximity syntax (an operator or double quotes)."""
    return '"' in text or any(_OPERATOR.match(token) for token in text.split())


def split_proximity(text: str) -> tuple[str, tuple[str, str, str] | None]:
    """Split a term's text into ``(written, (left, operator/n, right))``, or ``(written, None)`` for a plain
    (maybe quoted) phrase. Raises ProximitySyntaxError with a message that says what to do.

    >>> split_proximity('"торговля людьми" NEAR/10 ребенок')
    ('"торговля людьми" NEAR/10 ребенок', ('торговля людьми', 'NEAR/10', 'ребенок'))
    """
    if text.count('"') % 2:
        raise ProximitySyntaxError(f"'{text}' has an unbalanced double quote (\"); put a phrase between two "
                                   'quotes, e.g. "торговля людьми" NEAR/10 ребенок')
    tokens = _TOKEN.findall(text)
    written = " ".join(tokens)
    for token in tokens:
        if token.startswith('"'):
            inner = token[1:-1].split()
            if not inner:
                raise ProximitySyntaxError(f"'{text}' has an empty phrase (\"\"); write words between the quotes")
            if any(_OPERATOR.match(word.lstrip("=")) for word in inner):
                raise ProximitySyntaxError(
                    f"'{text}' has NEAR or BEFORE inside a quoted phrase; one term holds one operator between "
                    "two parts: split it into two terms, or use a condition (when:)")
        elif token.startswith("=") and _OPERATOR.match(token[1:]):
            raise ProximitySyntaxError(f"'{token}' puts an operator inside an exact form (=); write the operator "
                                       "alone between the two parts, e.g. =бала NEAR/5 сату")
    at = [i for i, token in enumerate(tokens) if _OPERATOR.match(token)]
    if not at:
        return written, None
    if len(at) > 1:
        raise ProximitySyntaxError(
            f"'{text}' has {len(at)} operators; a term holds one NEAR or BEFORE between two parts (nesting is not "
            "supported): split it into two terms, or use a condition (when:)")
    i = at[0]
    operator, _, distance = tokens[i].partition("/")
    if not distance:
        raise ProximitySyntaxError(f"'{tokens[i]}' has no distance; write how many words apart, e.g. {operator}/5")
    # Only ASCII digits: '²'.isdigit() is True but int('²') fails.
    if not re.fullmatch(r"[0-9]{1,4}", distance) or not 1 <= int(distance) <= MAX_DISTANCE:
        raise ProximitySyntaxError(f"'{tokens[i]}': the distance must be a whole number of words from 1 to "
                                   f"{MAX_DISTANCE}, e.g. {operator}/5 ({operator}/1 means next to each other)")
    left, right = tokens[:i], tokens[i + 1:]
    for side, part in (("before", left), ("after", right)):
        if not part:
            raise ProximitySyntaxError(f"'{text}' has nothing {side} {tokens[i]}; write a word or a quoted phrase "
                                       f"on both sides, e.g. бала {tokens[i]} сату")
        if len(part) > 1:
            joined = " ".join(t.strip('"') for t in part)
            raise ProximitySyntaxError(
                f"'{text}' has more than one word {side} {tokens[i]}; put a phrase in double quotes, "
                f"e.g. \"{joined}\"")
    return written, (left[0].strip('"'), f"{operator}/{int(distance)}", right[0].strip('"'))


# One occurrence of a part: (start, end) word positions, end exclusive.
Span = tuple[int, int]


def pair_parts(proximity: Proximity, lefts: Sequence[Span], rights: Sequence[Span]) -> list[tuple[Span, Span]]:
    """Join the occurrences of A (``lefts``) and B (``rights``) in one unit: for each A, the nearest B that
    does not overlap it, within the distance (after A for BEFORE). Returns ``(a_span, b_span)`` pairs.

    >>> from coding.terms import parse_term
    >>> pair_parts(parse_term("a NEAR/2 b", "en").proximity, [(0, 1), (9, 10)], [(2, 3), (5, 6)])
    [((0, 1), (2, 3))]
    """
    if not lefts or not rights:
        return []
    distance, before = proximity.distance, proximity.operator == "BEFORE"
    rights = sorted(set(rights))
    starts = [s for s, _ in rights]
    width = rights[0][1] - rights[0][0]  # a part is a fixed phrase: every occurrence has its length
    pairs = []
    for a_start, a_end in sorted(set(lefts)):
        best: tuple[int, int] | None = None  # (distance, index in rights)
        after = bisect_left(starts, a_end)  # the first B starting after A
        if after < len(starts) and starts[after] - (a_end - 1) <= distance:
            best = (starts[after] - (a_end - 1), after)
        if not before:
            ahead = bisect_right(starts, a_start - width) - 1  # the last B ending before A
            if ahead >= 0:
                gap = a_start - (starts[ahead] + width - 1)
                if gap <= distance and (best is None or gap <= best[0]):
                    best = (gap, ahead)
        if best is not None:
            pairs.append(((a_start, a_end), rights[best[1]]))
    return pairs


def parts_evidence(proximity: Proximity, a: str, b: str, apart: int) -> str:
    """The evidence of a proximity match, e.g. ``A=балалар; B=сатуға; 3 words apart (NEAR/5)``."""
    return f"A={a}; B={b}; {apart} word{'s' if apart != 1 else ''} apart ({proximity.operator}/{proximity.distance})"


def apart(a: Span, b: Span) -> int:
    """The distance of two non-overlapping spans: positions of their nearest ends (1 for neighbours)."""
    return b[0] - (a[1] - 1) if b[0] >= a[1] else a[0] - (b[1] - 1)
