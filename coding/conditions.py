"""Conditions of a code on its unit (``when:`` in the codebook): the unit must also have a match of every
code in ``all``, of at least one in ``any`` and of none in ``none``. A code whose condition fails in a unit
has no segments there.

Conditions may name codes that have conditions of their own; they are evaluated in dependency order
(``condition_order``), so a code dropped by its condition no longer counts for the codes that name it.
``coding.codebook`` rejects unknown ids and cycles before a Matcher is built.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

from coding.i18n import N_, _

if TYPE_CHECKING:
    from coding.records import Match

CONDITION_KINDS: tuple[str, ...] = ("all", "any", "none")
# How Condition.shown words each kind; the keys (all, any, none) are the codebook's and stay as written.
_KIND_SHOWN = {"all": N_("all of: {ids}"), "any": N_("any of: {ids}"), "none": N_("none of: {ids}")}


@dataclass(frozen=True)
class Condition:
    """A code's condition: code ids that must all / at least one / none be present in the unit."""

    all: tuple[str, ...] = ()
    any: tuple[str, ...] = ()
    none: tuple[str, ...] = ()

    @property
    def needs(self) -> tuple[str, ...]:
        """Every code id the condition names."""
        return (*self.all, *self.any, *self.none)

    def holds(self, present: set[str] | frozenset[str]) -> bool:
        """Whether the condition holds in a unit where the codes ``present`` have matches."""
        return (all(code in present for code in self.all)
                and (not self.any or any(code in present for code in self.any))
                and not any(code in present for code in self.none))

    @property
    def shown(self) -> str:
        """The condition in words, e.g. ``all of: crime; any of: victim, court; none of: sport``."""
        return "; ".join(_(_KIND_SHOWN[kind]).format(ids=", ".join(getattr(self, kind))) for kind in CONDITION_KINDS
                         if getattr(self, kind))


class _Conditioned(Protocol):
    id: str
    when: Condition | None


def condition_cycle(entries: Iterable[_Conditioned]) -> list[str]:
    """The ids of one cycle of conditions (``[a, b, a]``: a needs b, b needs a), or ``[]`` when none."""
    needs = {entry.id: entry.when.needs if entry.when else () for entry in entries}
    state: dict[str, int] = {}  # 1: on the path, 2: done

    def visit(code: str, path: list[str]) -> list[str]:
        state[code] = 1
        path.append(code)
        for other in needs.get(code, ()):
            if state.get(other) == 1:
                return [*path[path.index(other):], other]
            if other in needs and state.get(other) is None and (cycle := visit(other, path)):
                return cycle
        path.pop()
        state[code] = 2
        return []

    for code in needs:
        if state.get(code) is None and (cycle := visit(code, [])):
            return cycle
    return []


def condition_order(entries: Iterable[_Conditioned]) -> tuple[tuple[str, Condition], ...]:
    """The conditioned codes with their conditions, each after the conditioned codes it names.

    Assumes no cycle (the codebook check rejects them)."""
    entries = list(entries)
    conditions = {entry.id: entry.when for entry in entries if entry.when is not None}
    ordered: list[tuple[str, Condition]] = []
    done: set[str] = set()

    def visit(code: str) -> None:
        if code in done or code not in conditions:
            return
        done.add(code)
        for other in conditions[code].needs:
            visit(other)
        ordered.append((code, conditions[code]))

    for code in conditions:
        visit(code)
    return tuple(ordered)


def apply_conditions(matches: Sequence[Match], order: Sequence[tuple[str, Condition]]) -> list[Match]:
    """Drop the matches of codes whose condition fails in the unit (``matches`` are one unit's)."""
    if not matches:
        return []
    present = {match.code for match in matches}
    for code, condition in order:
        if code in present and not condition.holds(present):
            present.discard(code)
    return [match for match in matches if match.code in present]
