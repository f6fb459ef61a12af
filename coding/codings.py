"""Coding units: per unit, how often each code occurs, which directions frame it, and its tone.

- Direction: a unit with at least one code match gets the directions whose terms occur in it
  (``directions_for="all"`` gives every unit its directions); such a unit with none is ``unspecified``.
- Tone: every unit gets a score and a tone with its evidence (see ``coding.tone``).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from typing import Literal

from coding.matcher import Matcher, UnitWords
from coding.records import Coding, Match, Unit
from coding.tone import ToneScorer
from coding.words import count_words

DirectionsFor = Literal["coded", "all"]
UNSPECIFIED = "unspecified"


def code_units(
    units: Iterable[Unit],
    matches: Iterable[Match],
    *,
    directions: Matcher | None = None,
    direction_order: tuple[str, ...] = (),
    tone: ToneScorer | None = None,
    directions_for: DirectionsFor = "coded",
    analysed: dict[str, UnitWords] | None = None,
) -> list[Coding]:
    """One Coding per unit, in unit order: code counts, directions (in codebook order) and tone.
    ``analysed`` maps unit ids to their already analysed words (see ``coding.matcher.unit_words``)."""
    analysed = analysed or {}
    per_unit: dict[str, Counter[str]] = defaultdict(Counter)
    for match in matches:
        per_unit[match.unit_id][match.code] += 1
    order = {direction: i for i, direction in enumerate(direction_order)}
    codings = []
    for unit in units:
        counts = dict(per_unit.get(unit.unit_id, {}))
        framed: tuple[str, ...] = ()
        if directions is not None and (counts or directions_for == "all"):
            found = {m.code for m in directions.match_unit(unit, analysed.get(unit.unit_id))}
            framed = tuple(sorted(found, key=lambda d: order.get(d, len(order)))) or (UNSPECIFIED,)
        words = analysed.get(unit.unit_id)
        result = tone.score(unit, words) if tone else None
        codings.append(Coding(
            unit=unit, words=len(words.lowered) if words else count_words(unit.text), counts=counts,
            directions=framed,
            tone=result.tone if result else "", tone_score=result.score if result else 0,
            tone_evidence=result.evidence if result else "",
        ))
    return codings
