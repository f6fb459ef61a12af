"""Kazakh converb + verb compounds whose meaning is not their parts' (as data, like spaCy's tokenizer
exceptions): сатып алу is "to buy", so a term ``сату`` ("to sell") must not match ``сатып алды``.

``LIGHT_VERB_COMPOUNDS`` maps ``(converb's verb, following verb)`` (lexicon stems) to the compound's gloss
and which part's own meaning is lost: ``"first"`` (a term of the converb's verb alone does not match:
сату ≠ сатып алу), ``"second"`` (a term of the following verb alone does not match: келу "come" ≠ алып келу
"bring"), or ``"both"``. A term that writes the compound (``сатып алу``) matches it; a compound that keeps
the meaning (сатып жіберу "sell off", still selling) is not listed. Only compounds whose meaning is
lexicalised are here; aspect auxiliaries (-ып қал, -ып кет, -ып бер) keep the main verb's meaning.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Literal

LIGHT_VERB_COMPOUNDS: dict[tuple[str, str], tuple[str, Literal["first", "second", "both"]]] = {
    ("сат", "ал"): ("buy", "first"),             # сату sell; алу keeps "get"
    ("ал", "қаш"): ("abduct, run off with", "both"),  # қыз алып қашу: bride kidnapping; not take, not flee
    ("ал", "кел"): ("bring", "second"),          # келу come
    ("ал", "кет"): ("take away", "second"),      # кету leave
    ("ал", "бар"): ("take (to)", "second"),      # бару go
    ("ойла", "тап"): ("invent, make up", "second"),  # табу find
    ("қара", "шық"): ("examine, review", "second"),  # шығу go out
}

# converb's verb -> the following verbs with which it loses its meaning, and the reverse.
FIRST_PARTS: dict[str, frozenset[str]] = {}
SECOND_PARTS: dict[str, frozenset[str]] = {}
for (_first, _second), (_gloss, _lost) in LIGHT_VERB_COMPOUNDS.items():
    if _lost in ("first", "both"):
        FIRST_PARTS[_first] = FIRST_PARTS.get(_first, frozenset()) | {_second}
    if _lost in ("second", "both"):
        SECOND_PARTS[_second] = SECOND_PARTS.get(_second, frozenset()) | {_first}
LIGHT_VERB_PARTS: frozenset[str] = frozenset(FIRST_PARTS) | frozenset(SECOND_PARTS)


def splits_compound(term_keys: Sequence[str | None], j: int, text_keys: Sequence[str], i: int,
                    is_converb: Callable[[int], bool]) -> bool:
    """Whether the term's word ``j`` (keys of the term's plain words, None for the others), fitting the
    text's word ``i`` (``text_keys``: the text words' keys), is part of a listed compound that changes its
    meaning and that the term does not write. ``is_converb(k)``: whether text word ``k`` is an -ып converb.

    >>> splits_compound(["сат"], 0, ["сат", "ал"], 0, lambda k: k == 0)  # сату in «сатып алды»
    True
    >>> splits_compound(["сат", "ал"], 0, ["сат", "ал"], 0, lambda k: k == 0)  # the term is сатып алу
    False
    >>> splits_compound(["сат"], 0, ["сат", "жібер"], 0, lambda k: k == 0)  # сатып жіберді: still selling
    False
    """
    key = term_keys[j]
    following = FIRST_PARTS.get(key or "")
    if (following and i + 1 < len(text_keys) and text_keys[i + 1] in following and is_converb(i)
            and (j + 1 >= len(term_keys) or term_keys[j + 1] != text_keys[i + 1])):
        return True
    preceding = SECOND_PARTS.get(key or "")
    return bool(preceding and i > 0 and text_keys[i - 1] in preceding and is_converb(i - 1)
                and (j == 0 or term_keys[j - 1] != text_keys[i - 1]))
