"""Which codes occur together: code × code co-occurrence within units, and Jaccard similarity.

Two codes co-occur in a unit when each has at least one match in it. For codes a and b, with A and B
the sets of units where each occurs: ``count = |A ∩ B|`` (the diagonal holds |A|) and
``jaccard = |A ∩ B| / |A ∪ B|``. Units without any code do not change either number, so units.csv
(coded units only) is enough.

The unit may be coarser than the run's (a sentence run counted by paragraph or by document): the unit
ids ``doc:para:sent`` are cut back to ``doc:para`` or ``doc`` and a code is present when any of the
smaller units has it. It cannot be finer: that needs a new run.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from coding.errors import InputError
from coding.records import UNIT_KINDS, UnitKind
from coding.stats import RunTables

_DEPTH = {"document": 0, "paragraph": 1, "sentence": 2}  # how many parts a unit id has after the doc_id


@dataclass(frozen=True)
class Cooccurrence:
    """Co-occurrence of the codes of a run at one unit level.

    ``counts`` and ``jaccard`` are code × code (index and columns: code ids); ``pairs`` has one row per
    pair of distinct codes, most frequent first; ``codes`` has each code's label, occurrences and units.
    """

    unit: UnitKind
    run_unit: UnitKind
    units: int
    codes: pd.DataFrame
    counts: pd.DataFrame
    jaccard: pd.DataFrame
    pairs: pd.DataFrame

    def tables(self) -> dict[str, pd.DataFrame]:
        """The CSV files to write, by file name (matrices with the code as the first column)."""
        return {
            f"cooccurrence_{self.unit}.csv": self.counts.rename_axis("code").reset_index(),
            f"jaccard_{self.unit}.csv": self.jaccard.rename_axis("code").reset_index(),
            f"cooccurrence_pairs_{self.unit}.csv": self.pairs,
        }

    def describe(self) -> str:
        """One line: the units counted and the most frequent pair."""
        aggregated = f" (the run's {self.run_unit} units combined)" if self.unit != self.run_unit else ""
        text = f"{self.units} coded {self.unit} units{aggregated}, {len(self.codes)} codes"
        linked = self.pairs[self.pairs["units"] > 0]
        if len(linked):
            top = linked.iloc[0]
            text += (f"; {len(linked)} pairs co-occur, most often {top['code_a']} + {top['code_b']} "
                     f"({top['units']} units, Jaccard {top['jaccard']:.2f})")
        return text + "."


def unit_presence(run: RunTables, unit: UnitKind | None = None) -> pd.DataFrame:
    """Occurrences of each code per unit at the level ``unit`` (default: the run's), one row per unit
    with at least one code (index: unit id; columns: code ids).

    Raises:
        InputError: ``unit`` is not a unit kind, or is finer than the run's unit.
    """
    unit = unit or run.unit
    if unit not in UNIT_KINDS:
        raise InputError(f"'{unit}' is not a coding unit", hint=f"use one of: {', '.join(UNIT_KINDS)}")
    if _DEPTH[unit] > _DEPTH[run.unit]:
        raise InputError(f"the run was coded by {run.unit}, so it cannot be counted by {unit}", path=run.path,
                         hint=f"re-run 'coding code CORPUS --codebook FILE --unit {unit} --out RUN_DIR', "
                              f"or use --unit {run.unit} or a coarser unit")
    table = run.units
    # Cut the part after the doc_id, so a doc_id containing ':' stays whole.
    rest = [uid[len(doc) + 1:].split(":") if uid != doc else [] for uid, doc in
            zip(table["unit_id"], table["doc_id"], strict=True)]
    ids = [":".join([doc, *parts[:_DEPTH[unit]]]) for doc, parts in zip(table["doc_id"], rest, strict=True)]
    counts = table[list(run.codes)].groupby(pd.Index(ids, name="unit_id"), sort=False).sum()
    return counts[counts.to_numpy().any(axis=1)]


def cooccurrence(run: RunTables, unit: UnitKind | None = None) -> Cooccurrence:
    """Count, for each pair of codes, the units where both occur, and their Jaccard similarity.

    Args:
        run: a run folder read with ``coding.stats.read_run``.
        unit: the unit to count in; coarser than the run's unit combines its units (default: the run's).
    """
    counts = unit_presence(run, unit)
    present = (counts > 0).astype(int)
    codes = list(run.codes)
    both = present.T.to_numpy() @ present.to_numpy()
    alone = np.diag(both)
    union = alone[:, None] + alone[None, :] - both
    jaccard = np.divide(both, union, out=np.zeros(both.shape), where=union > 0).round(4)
    pairs = [{"code_a": a, "code_b": b, "units": int(both[i, j]), "units_a": int(alone[i]),
              "units_b": int(alone[j]), "jaccard": float(jaccard[i, j])}
             for i, a in enumerate(codes) for j, b in enumerate(codes) if i < j]
    pair_table = pd.DataFrame(pairs, columns=["code_a", "code_b", "units", "units_a", "units_b", "jaccard"])
    pair_table = pair_table.sort_values(["units", "jaccard"], ascending=False, kind="stable")
    pair_table = pair_table.reset_index(drop=True)
    summary = pd.DataFrame({"code": codes, "label": [run.label(c) for c in codes],
                            "occurrences": [int(counts[c].sum()) for c in codes],
                            "units": [int(n) for n in alone]})
    index = pd.Index(codes, name=None)
    return Cooccurrence(unit=unit or run.unit, run_unit=run.unit, units=len(counts), codes=summary,
                        counts=pd.DataFrame(both.astype(int), index=index, columns=codes),
                        jaccard=pd.DataFrame(jaccard, index=index, columns=codes), pairs=pair_table)
