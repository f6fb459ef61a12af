"""Which codes occur together: code × code co-occurrence within units, and Jaccard similarity.

Two codes co-occur in a unit when each has at least one match in it. For codes a and b, with A and B
the sets of units where each occurs: ``count = |A ∩ B|`` (the diagonal holds |A|) and
``jaccard = |A ∩ B| / |A ∪ B|``. Units without any code do not change either number, so units.csv
(coded units only) is enough.

The unit may be coarser than the run's (a sentence run counted by paragraph or by document): the unit
ids ``doc:para:sent`` are cut back to ``doc:para`` or ``doc`` and a code is present when any of the
smaller units has it. It cannot be finer: that needs a new run.

units.csv is read in chunks and the counts are sums over chunks (``presence_chunks``). A coarser unit is
combined from consecutive rows, as ``coding code`` writes units in text order: the rows of one paragraph
or document are never apart, and a unit that spans two chunks is carried over whole into the next one.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import numpy as np
import pandas as pd

from coding.errors import InputError
from coding.i18n import _
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
        aggregated = (_(" (the run's {unit} units combined)").format(unit=self.run_unit)
                      if self.unit != self.run_unit else "")
        text = _("{units} coded {unit} units{aggregated}, {codes} codes").format(
            units=self.units, unit=self.unit, aggregated=aggregated, codes=len(self.codes))
        linked = self.pairs[self.pairs["units"] > 0]
        if len(linked):
            top = linked.iloc[0]
            text += _("; {pairs} pairs co-occur, most often {first} + {second} ({units} units, Jaccard "
                      "{jaccard:.2f})").format(pairs=len(linked), first=top["code_a"], second=top["code_b"],
                                               units=top["units"], jaccard=top["jaccard"])
        return text + "."


def _check_unit(run: RunTables, unit: UnitKind | None) -> UnitKind:
    unit = unit or run.unit
    if unit not in UNIT_KINDS:
        raise InputError(_("'{unit}' is not a coding unit").format(unit=unit),
                         hint=_("use one of: {choices}").format(choices=', '.join(UNIT_KINDS)))
    if _DEPTH[unit] > _DEPTH[run.unit]:
        raise InputError(_("the run was coded by {unit}, so it cannot be counted by {unit2}").format(unit=run.unit,
                                                                                                     unit2=unit),
                                                                                                     path=run.path,
                         hint=_("re-run 'coding code CORPUS --codebook FILE --unit {unit} --out RUN_DIR', "
                              "or use --unit {unit2} or a coarser unit").format(unit=unit, unit2=run.unit))
    return unit


def _coarse_ids(table: pd.DataFrame, depth: int) -> list[str]:
    # Cut the part after the doc_id, so a doc_id containing ':' stays whole.
    rest = [uid[len(doc) + 1:].split(":") if uid != doc else [] for uid, doc in
            zip(table["unit_id"], table["doc_id"], strict=True)]
    return [":".join([doc, *parts[:depth]]) for doc, parts in zip(table["doc_id"], rest, strict=True)]


class _TextOrder:
    """Checks that the units come in text order: a document, and a unit within it, never comes back once
    another has begun. It keeps one id per document and the ids of the current document's units."""

    def __init__(self, run: RunTables) -> None:
        self.path = run.path / "units.csv"
        self.documents: set[str] = set()
        self.current: str | None = None
        self.units: set[str] = set()

    def see(self, unit_id: str, doc_id: str) -> None:
        if doc_id != self.current:
            if doc_id in self.documents:
                raise self.error()
            if self.current is not None:
                self.documents.add(self.current)
            self.current, self.units = doc_id, set()
        if unit_id in self.units:
            raise self.error()
        self.units.add(unit_id)

    def error(self) -> InputError:
        return InputError(_("units.csv is not in text order: the rows of one unit are apart"), path=self.path,
                          hint=_("re-run 'coding code' to write the file again"))


def presence_chunks(run: RunTables, unit: UnitKind | None = None) -> Iterator[pd.DataFrame]:
    """``unit_presence`` in chunks: each chunk holds whole units of the level ``unit``, one row per unit
    with at least one code, and no unit is in two chunks.

    Raises:
        InputError: ``unit`` is not a unit kind or is finer than the run's, or units.csv is not in text
            order (the rows of a coarser unit are apart).
    """
    unit = _check_unit(run, unit)
    codes = list(run.codes)
    order = _TextOrder(run)

    def complete(frame: pd.DataFrame) -> pd.DataFrame:
        ids = frame["_unit"]
        grouped = frame.groupby("_unit", sort=False)
        counts = grouped[codes].sum()
        if int((ids != ids.shift()).sum()) != len(counts):  # a unit's rows are apart within the chunk
            raise order.error()
        for unit_id, doc_id in zip(counts.index, grouped["doc_id"].first(), strict=True):
            order.see(unit_id, doc_id)
        counts.index.name = "unit_id"
        return counts[counts.to_numpy().any(axis=1)]

    held: pd.DataFrame | None = None  # the last unit of the previous chunk, summed into one row
    for chunk in run.iter_units(["doc_id", "unit_id", *codes]):
        frame = chunk[["doc_id", *codes]].assign(_unit=_coarse_ids(chunk, _DEPTH[unit]))
        if held is not None:
            frame = pd.concat([held, frame], ignore_index=True)
        if not len(frame):
            continue
        ids = frame["_unit"].to_numpy()
        other = np.nonzero(ids != ids[-1])[0]
        cut = int(other[-1]) + 1 if len(other) else 0
        # The last unit may go on in the next chunk: hold it back.
        tail = frame.iloc[cut:]
        held = pd.DataFrame([{"doc_id": tail["doc_id"].iloc[0], **tail[codes].sum().to_dict(), "_unit": ids[-1]}])
        if cut:
            yield complete(frame.iloc[:cut])
    if held is not None:
        yield complete(held)


def unit_presence(run: RunTables, unit: UnitKind | None = None) -> pd.DataFrame:
    """Occurrences of each code per unit at the level ``unit`` (default: the run's), one row per unit
    with at least one code (index: unit id; columns: code ids). It holds a row per coded unit: for a
    large run use ``presence_chunks``, as ``cooccurrence`` does.

    Raises:
        InputError: ``unit`` is not a unit kind, or is finer than the run's unit.
    """
    parts = list(presence_chunks(run, unit))
    if not parts:
        return pd.DataFrame(columns=list(run.codes), index=pd.Index([], name="unit_id"), dtype="int64")
    return pd.concat(parts)


def cooccurrence(run: RunTables, unit: UnitKind | None = None) -> Cooccurrence:
    """Count, for each pair of codes, the units where both occur, and their Jaccard similarity.

    Args:
        run: a run folder read with ``coding.stats.read_run``.
        unit: the unit to count in; coarser than the run's unit combines its units (default: the run's).
    """
    codes = list(run.codes)
    both = np.zeros((len(codes), len(codes)), dtype=np.int64)
    occurrences = np.zeros(len(codes), dtype=np.int64)
    units = 0
    for counts in presence_chunks(run, unit):
        present = (counts.to_numpy() > 0).astype(np.int64)
        both += present.T @ present
        occurrences += counts.to_numpy().sum(axis=0).astype(np.int64)
        units += len(counts)
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
                            "occurrences": [int(n) for n in occurrences],
                            "units": [int(n) for n in alone]})
    index = pd.Index(codes, name=None)
    return Cooccurrence(unit=unit or run.unit, run_unit=run.unit, units=units, codes=summary,
                        counts=pd.DataFrame(both.astype(int), index=index, columns=codes),
                        jaccard=pd.DataFrame(jaccard, index=index, columns=codes), pairs=pair_table)
