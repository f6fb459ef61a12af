"""Coding units: per unit, how often each code occurs, which directions frame it, and its tone.

- Direction: a unit with at least one code match gets the directions whose terms occur in it
  (``directions_for="all"`` gives every unit its directions); such a unit with none is ``unspecified``.
- Tone: every unit gets a score and a tone with its evidence (see ``coding.tone``).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from collections.abc import Set as AbstractSet
from dataclasses import replace
from typing import Literal

from coding.matcher import Matcher, UnitWords
from coding.records import Coding, Document, Match, Unit
from coding.tone import ToneResult, ToneScorer
from coding.units import document_runs, document_script
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
    learned: bool = False,
    tones: Sequence[tuple[int, str, int, str]] | None = None,
) -> list[Coding]:
    """One Coding per unit, in unit order: code counts, directions (in codebook order) and tone.
    ``analysed`` maps unit ids to their already analysed words (see ``coding.matcher.unit_words``);
    ``learned``: the directions and tone matchers have seen their word types (``Matcher.learn``);
    ``tones``: the units' tones as ``unit_tones`` gave them for the same units and tone rules (from the
    analysis cache), so that the tone is not scored again."""
    analysed = analysed or {}
    per_unit: dict[str, Counter[str]] = defaultdict(Counter)
    for match in matches:
        per_unit[match.unit_id][match.code] += 1
    order = {direction: i for i, direction in enumerate(direction_order)}
    codings = []
    # A unit without codes and without a word on which a direction or tone term can start gets these
    # (what the matchers would find) without asking them: most units are such units. With ``tones`` given,
    # the tone terms do not count: the unit's tone is read from them.
    plain_directions = (UNSPECIFIED,) if directions is not None and directions_for == "all" else ()
    plain_tone = ("neutral", 0, "") if tone else ("", 0, "")
    silent: dict[str, tuple[AbstractSet[str], AbstractSet[str]]] = {}
    known = {number: ToneResult(tone_, score, evidence) for number, tone_, score, evidence in tones or ()}
    neutral = ToneResult("neutral", 0, "")
    for number, unit in enumerate(units):
        counts = dict(per_unit.get(unit.unit_id, {}))
        words = analysed.get(unit.unit_id)
        if learned and not counts and words is not None and not words.parts:
            lang = unit.lang
            if lang not in silent:
                silent[lang] = (directions.openers(lang) if directions else frozenset(),
                                tone.openers(lang) if tone and tones is None else frozenset())
            for_directions, for_tone = silent[lang]
            if for_directions.isdisjoint(words.lowered) and for_tone.isdisjoint(words.lowered):
                stored = known.get(number) if tones is not None else None
                codings.append(Coding(unit, len(words.lowered), counts, plain_directions,
                                      *((stored.tone, stored.score, stored.evidence) if stored else plain_tone)))
                continue
        framed: tuple[str, ...] = ()
        if directions is not None and (counts or directions_for == "all"):
            found = {m.code for m in directions.match_unit(unit, analysed.get(unit.unit_id), learned=learned)}
            framed = tuple(sorted(found, key=lambda d: order.get(d, len(order)))) or (UNSPECIFIED,)
        if not tone:
            result = None
        elif tones is not None:
            result = known.get(number, neutral)
        else:
            result = tone.score(unit, words, learned=learned)
        codings.append(Coding(
            unit=unit, words=len(words.lowered) if words else count_words(unit.text), counts=counts,
            directions=framed,
            tone=result.tone if result else "", tone_score=result.score if result else 0,
            tone_evidence=result.evidence if result else "",
        ))
    return codings


def unit_tones(codings: Sequence[Coding]) -> list[tuple[int, str, int, str]]:
    """The tones of those units (by their number in ``codings``) that are not plainly neutral, for the
    analysis cache (``code_units(..., tones=...)`` reads them back)."""
    return [(number, c.tone, c.tone_score, c.tone_evidence) for number, c in enumerate(codings)
            if (c.tone, c.tone_score, c.tone_evidence) != ("neutral", 0, "")]


def merge_into_documents(
    documents: Iterable[Document],
    matches: Iterable[Match],
    codings: Iterable[Coding],
    *,
    direction_order: tuple[str, ...] = (),
    directions_for: DirectionsFor = "coded",
) -> tuple[list[Unit], list[Match], list[Coding]]:
    """Document units from paragraph codings: counts and tone scores add up, directions unite.

    Coding a document paragraph by paragraph lets each paragraph use the terms of its own language (a
    Russian quotation in a Kazakh article), which one document-wide language could not. The paragraph
    codings must carry the directions of every paragraph (coded with ``directions_for="all"``).
    """
    order = {direction: i for i, direction in enumerate(direction_order)}
    by_doc: dict[str, list[Coding]] = defaultdict(list)
    for coding in codings:
        by_doc[coding.unit.doc_id].append(coding)
    units, merged = [], []
    for doc in documents:
        unit = Unit(doc.doc_id, doc.doc_id, "document", 0, len(doc.text), doc.text, doc.lang, document_script(doc),
                    document_runs(doc))
        parts = by_doc.get(doc.doc_id, [])
        counts: Counter[str] = Counter()
        for part in parts:
            counts.update(part.counts)
        found = {d for part in parts for d in part.directions if d != UNSPECIFIED}
        framed: tuple[str, ...] = ()
        if counts or directions_for == "all":
            framed = tuple(sorted(found, key=lambda d: order.get(d, len(order)))) or (UNSPECIFIED,)
        score = sum(part.tone_score for part in parts)
        has_tone = any(part.tone for part in parts)
        units.append(unit)
        merged.append(Coding(
            unit=unit, words=sum(part.words for part in parts), counts=dict(counts), directions=framed,
            tone=("positive" if score > 0 else "negative" if score < 0 else "neutral") if has_tone else "",
            tone_score=score, tone_evidence=" ".join(p.tone_evidence for p in parts if p.tone_evidence),
        ))
    return units, [replace(m, unit_id=m.doc_id) for m in matches], merged
