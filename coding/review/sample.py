"""The units a human reviews: a run's units (matched or not) with the machine's decisions, and a stratified
random sample of them.

A run's CSVs list only the units with a match, so every unit is rebuilt from the corpus and the unit kind
recorded in ``run.json``, after checking that no document changed since the run (SHA-256). Documents are
read one at a time (``run_documents``) and the units go to the run's ``review.sqlite`` once, where their
positions in text order make the population. Sampling draws the same number of units from each stratum —
one per code (or per document) plus one for the units with no match, so misses can be found — rarest
stratum first, with ``random.Random(seed)``. A stratum is a sorted array of positions (the units with no
match: every position but the coded ones), never a list of units, so a sample of 200 from tens of millions
of units holds the coded units' positions and the 200 units drawn.
"""

from __future__ import annotations

import hashlib
import json
import math
import random
from bisect import bisect_right
from collections.abc import Callable, Collection, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, overload

import numpy as np
import pandas as pd

from coding.codebook import Codebook, load_codebook
from coding.errors import InputError
from coding.i18n import _
from coding.records import Document, Unit, UnitKind
from coding.run_folder import check_run_files

if TYPE_CHECKING:
    from coding.review.store import ReviewStore

SampleBy = Literal["code", "document"]
NO_MATCH = "(no match)"


@dataclass(frozen=True)
class RunInfo:
    """A coding run's folder as the review sees it: provenance, codebook, and a fingerprint of its units
    (unit kind + every document's SHA-256), which stays the same when the run is redone with another
    codebook, so human decisions can be compared with a refined codebook's results."""

    run_dir: Path
    provenance: dict[str, Any] = field(hash=False, compare=False)
    unit: UnitKind
    codebook: Codebook = field(hash=False, compare=False)
    fingerprint: str = ""


def recorded_path(value: str, run_dir: Path) -> Path | None:
    """A path recorded in run.json (often relative to where the run was started), if it can be found."""
    path = Path(value)
    candidates = [path] if path.is_absolute() else [path, run_dir / path, run_dir.parent / path]
    return next((c for c in candidates if c.exists()), None)


def open_run(run_dir: str | Path, *, codebook: str | Path | None = None) -> RunInfo:
    """Read ``run.json`` and the run's codebook (checked against the SHA-256 recorded in the run).

    Raises:
        InputError: no run.json, or the codebook cannot be found or changed since the run.
    """
    run_dir = Path(run_dir)
    try:
        provenance = json.loads((run_dir / "run.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        raise InputError(_("'{run_dir}' is not a coding run (no readable run.json)").format(run_dir=run_dir),
                         hint=_("give the --out folder of 'coding code'")) from None
    if not isinstance(provenance, dict):
        raise InputError(_("'{run_dir}' is not a coding run (run.json is not a run's provenance)")
                         .format(run_dir=run_dir),
                         hint=_("give the --out folder of 'coding code'"))
    check_run_files(run_dir, provenance, f"code the corpus again ('coding code ... --out {run_dir} --force')")
    recorded = provenance.get("codebook", {})
    path = Path(codebook) if codebook else recorded_path(recorded.get("path", ""), run_dir)
    if path is None or not path.is_file():
        raise InputError(_("cannot find the run's codebook '{path}'").format(path=recorded.get('path', '')),
                         path=run_dir / "run.json",
                         hint=_("run the command from the folder where you ran 'coding code', or give --codebook"))
    book = load_codebook(path)
    if recorded.get("sha256") and book.sha256 != recorded["sha256"]:
        raise InputError(_("the codebook '{path}' changed since the run").format(path=path), path=run_dir / "run.json",
                         hint=_("code the corpus again ('coding code ... --out {run_dir} --force') so the machine's "
                              "decisions match the codebook; the review decisions are kept").format(run_dir=run_dir))
    unit = provenance.get("options", {}).get("unit", "sentence")
    documents = sorted((d["doc_id"], d["sha256"]) for d in provenance.get("corpus", {}).get("documents", []))
    fingerprint = hashlib.sha256(json.dumps({"unit": unit, "documents": documents}).encode()).hexdigest()
    return RunInfo(run_dir=run_dir, provenance=provenance, unit=unit, codebook=book, fingerprint=fingerprint)


def run_documents(info: RunInfo, *, corpus: str | Path | None = None,
                  only: Collection[str] | None = None) -> Iterator[Document]:
    """The run's documents (or those of ``only``), reloaded one at a time in corpus order, each checked
    against the SHA-256 recorded in the run. A changed document is not given; every changed or missing
    document is reported together once the others are read.

    Raises:
        InputError: the corpus folder cannot be found, or documents are missing or changed (``problems``
            lists them, in the order of run.json).
    """
    from coding.corpus import open_corpus

    recorded = info.provenance.get("corpus", {})
    root = Path(corpus) if corpus else recorded_path(recorded.get("root", ""), info.run_dir)
    if root is None or not root.is_dir():
        raise InputError(_("cannot find the run's corpus folder '{root}'").format(root=recorded.get('root', '')),
                         path=info.run_dir / "run.json",
                         hint=_("run the command from the folder where you ran 'coding code', or give --corpus"))
    source = open_corpus(root)
    source.check()
    expected = {d["doc_id"]: d for d in recorded.get("documents", []) if only is None or d["doc_id"] in only}
    found: dict[str, str] = {}
    for document in source.documents(only=set(expected)):
        found[document.doc_id] = document.sha256
        if document.sha256 == expected[document.doc_id]["sha256"]:
            yield document
    problems = []
    for doc_id, record in expected.items():
        if doc_id not in found:
            problems.append(InputError(_("document '{file}' ({doc_id}) of the run is missing")
                                       .format(file=record['file'], doc_id=doc_id), path=root))
        elif found[doc_id] != record["sha256"]:
            problems.append(InputError(_("document '{file}' ({doc_id}) changed since the run (SHA-256)")
                                       .format(file=record['file'], doc_id=doc_id),
                                       path=root))
    if problems:
        raise InputError(_("the corpus changed since the run ({n_problems} documents)")
                         .format(n_problems=len(problems)), path=root,
                         hint=_("code it again with 'coding code {root} ... --out {run_dir} --force'").format(root=root,
                                                                                                              run_dir=info.run_dir),
                         problems=problems)


def run_units(info: RunInfo, *, corpus: str | Path | None = None,
              only: Collection[str] | None = None) -> Iterator[Unit]:
    """Every unit of the run's documents (or of ``only``), in text order, rebuilt one document at a time
    (see ``run_documents``)."""
    from coding.units import document_units

    for document in run_documents(info, corpus=corpus, only=only):
        yield from document_units(document, info.unit)


@dataclass(frozen=True)
class MachineCoding:
    """The machine's decisions on one unit: code counts, the matched spans (document offsets) per code, the
    directions and the tone. Units without a match have no row in units.csv: their tone comes from the
    run's tone.csv (``coding code --tone-csv``), and without one they get ``MachineCoding()``: every code 0,
    directions and tone unknown."""

    counts: dict[str, int] = field(default_factory=dict, hash=False)
    spans: tuple[tuple[int, int, str, str], ...] = ()  # (start, end, code, surface)
    directions: tuple[str, ...] = ()
    tone: str = ""

    @property
    def codes(self) -> tuple[str, ...]:
        return tuple(code for code, count in self.counts.items() if count)


def _chunks(info: RunInfo, name: str, columns: Sequence[str]) -> Iterator[pd.DataFrame]:
    from coding.results import read_chunks

    path = info.run_dir / name
    if not path.is_file():
        raise InputError(_("cannot read '{path}'").format(path=path), hint=_("give the --out folder of 'coding code'"))
    return read_chunks(path, columns)


def _codings(units: pd.DataFrame, segments: pd.DataFrame, codes: Sequence[str]) -> dict[str, MachineCoding]:
    spans: dict[str, list[tuple[int, int, str, str]]] = {}
    for row in segments.itertuples(index=False):
        spans.setdefault(row.unit_id, []).append((int(row.start), int(row.end), row.code, row.surface))
    result = {}
    for row in units.to_dict("records"):
        counts = {code: int(row[code] or 0) for code in codes if code in row}
        directions = tuple(d for d in str(row.get("directions", "")).split(";") if d)
        result[row["unit_id"]] = MachineCoding(counts=counts, spans=tuple(spans.get(row["unit_id"], ())),
                                               directions=directions, tone=str(row.get("tone", "")))
    return result


def _unit_columns(info: RunInfo) -> list[str]:
    return ["doc_id", "unit_id", *(c.id for c in info.codebook.codes), "directions", "tone"]


SEGMENT_COLUMNS: tuple[str, ...] = ("doc_id", "unit_id", "start", "end", "code", "surface")


def machine_codings(info: RunInfo, only: Collection[str] | None = None) -> dict[str, MachineCoding]:
    """The machine's decisions per unit id, from the run's ``units.csv`` and ``segments.csv`` (read in
    chunks); with ``only``, just those units, so memory grows with them and not with the run."""
    codes = [c.id for c in info.codebook.codes]
    wanted = None if only is None else set(only)

    def kept(chunks: Iterator[pd.DataFrame]) -> pd.DataFrame:
        parts = [chunk if wanted is None else chunk[chunk["unit_id"].isin(wanted)] for chunk in chunks]
        return pd.concat(parts) if parts else pd.DataFrame()

    units = kept(_chunks(info, "units.csv", _unit_columns(info)))
    segments = kept(_chunks(info, "segments.csv", SEGMENT_COLUMNS))
    found = _codings(units, segments if len(segments) else pd.DataFrame(columns=list(SEGMENT_COLUMNS)),
                     codes) if len(units) else {}
    if (info.run_dir / "tone.csv").is_file():
        # tone.csv has every unit: the uncoded ones get their tone (and every code 0).
        tones = kept(_chunks(info, "tone.csv", ("unit_id", "tone")))
        for unit_id, tone in zip(tones.get("unit_id", ()), tones.get("tone", ()), strict=True):
            if unit_id not in found:
                found[unit_id] = MachineCoding(counts=dict.fromkeys(codes, 0), tone=tone)
    return found


def _consecutive(chunks: Iterator[pd.DataFrame], path: Path) -> Iterator[tuple[str, pd.DataFrame]]:
    """The rows of each document together, from a table written document by document (a document's rows
    may span two chunks); raises InputError when a document's rows are apart."""
    finished: set[str] = set()
    held: pd.DataFrame | None = None
    for chunk in chunks:
        frame = chunk if held is None else pd.concat([held, chunk])
        if not len(frame):
            continue
        groups = list(frame.groupby("doc_id", sort=False))
        if int((frame["doc_id"] != frame["doc_id"].shift()).sum()) != len(groups):
            raise _order_error(path)
        held = groups[-1][1]
        for doc_id, rows in groups[:-1]:
            if doc_id in finished:
                raise _order_error(path)
            finished.add(doc_id)
            yield str(doc_id), rows
    if held is not None:
        doc_id = str(held["doc_id"].iloc[0])
        if doc_id in finished:
            raise _order_error(path)
        yield doc_id, held


def _order_error(path: Path) -> InputError:
    return InputError(_("the rows of one document are apart (the file is not in corpus order)"), path=path,
                      hint=_("run 'coding code' again to rewrite the results"))


def machine_codings_by_document(info: RunInfo) -> Iterator[tuple[str, dict[str, MachineCoding]]]:
    """The machine's decisions per document, in the order of the run's CSV files (corpus order), one
    document's units at a time.

    Raises:
        InputError: units.csv and segments.csv do not list the documents in one order.
    """
    codes = [c.id for c in info.codebook.codes]
    units = _consecutive(_chunks(info, "units.csv", _unit_columns(info)), info.run_dir / "units.csv")
    segments = _consecutive(_chunks(info, "segments.csv", SEGMENT_COLUMNS), info.run_dir / "segments.csv")
    for doc_id, rows in units:
        found = next(segments, None)
        if found is None or found[0] != doc_id:
            raise InputError(_("segments.csv and units.csv list the documents in another order (at '{doc_id}')")
                             .format(doc_id=doc_id),
                             path=info.run_dir, hint=_("run 'coding code' again to rewrite the results"))
        yield doc_id, _codings(rows, found[1], codes)
    if next(segments, None) is not None:
        raise InputError(_("segments.csv has documents that units.csv lacks"), path=info.run_dir,
                         hint=_("run 'coding code' again to rewrite the results"))


@dataclass(frozen=True)
class SampledUnit:
    """A unit chosen for review and the stratum it was drawn from."""

    unit: Unit
    stratum: str


# Lazy sorted sequences of positions: a stratum of tens of millions of units is never a list.


def _nth_outside(i: int, excluded: Any, count: Callable[[Any, int], int]) -> int:
    """The ``i``-th (from 0) non-negative integer not in the sorted ``excluded``; ``count(excluded, j)``
    counts its members ≤ j."""
    low, high = i, i + len(excluded)
    while low < high:  # the least j with i + 1 integers outside ``excluded`` in [0, j]
        middle = (low + high) // 2
        if middle + 1 - count(excluded, middle) >= i + 1:
            high = middle
        else:
            low = middle + 1
    return low


def _count_array(values: np.ndarray, j: int) -> int:
    return int(np.searchsorted(values, j, side="right"))


def _count_list(values: list[int], j: int) -> int:
    return bisect_right(values, j)


class _Sorted(Sequence[int]):
    """A sorted sequence of distinct positions that ``random.Random.sample`` can draw from by index."""

    def _item(self, index: int) -> int:
        raise NotImplementedError

    def place(self, value: int) -> int | None:
        """The index of ``value`` in the sequence, or None when it is not a member."""
        raise NotImplementedError

    @overload
    def __getitem__(self, index: int) -> int: ...

    @overload
    def __getitem__(self, index: slice) -> list[int]: ...

    def __getitem__(self, index: int | slice) -> int | list[int]:
        if isinstance(index, slice):
            return [self._item(i) for i in range(*index.indices(len(self)))]
        if index < 0:
            index += len(self)
        if not 0 <= index < len(self):
            raise IndexError(index)
        return self._item(index)


class _Members(_Sorted):
    """The positions of a sorted array (a stratum's units)."""

    def __init__(self, positions: np.ndarray) -> None:
        self.positions = positions

    def __len__(self) -> int:
        return len(self.positions)

    def _item(self, index: int) -> int:
        return int(self.positions[index])

    def place(self, value: int) -> int | None:
        index = int(np.searchsorted(self.positions, value))
        return index if index < len(self.positions) and int(self.positions[index]) == value else None


class _Uncoded(_Sorted):
    """The positions 0 … total − 1 without the coded ones (a sorted array): the units with no match."""

    def __init__(self, total: int, coded: np.ndarray) -> None:
        self.total, self.coded = total, coded

    def __len__(self) -> int:
        return self.total - len(self.coded)

    def _item(self, index: int) -> int:
        return _nth_outside(index, self.coded, _count_array)

    def place(self, value: int) -> int | None:
        before = _count_array(self.coded, value)
        if not 0 <= value < self.total or (before and int(self.coded[before - 1]) == value):
            return None
        return value - before


class _Without(_Sorted):
    """A sorted sequence without some of its members (those already drawn), lazily."""

    def __init__(self, base: _Sorted | range, excluded: Iterable[int]) -> None:
        self.base = base
        places = (self._place(value) for value in excluded)
        self.excluded = sorted({p for p in places if p is not None})

    def _place(self, value: int) -> int | None:
        if isinstance(self.base, range):
            return value - self.base.start if value in self.base else None
        return self.base.place(value)

    def __len__(self) -> int:
        return len(self.base) - len(self.excluded)

    def _item(self, index: int) -> int:
        return int(self.base[_nth_outside(index, self.excluded, _count_list) if self.excluded else index])

    def place(self, value: int) -> int | None:  # not needed by the sampler
        raise NotImplementedError


@dataclass(frozen=True, eq=False)  # it holds arrays
class Population:
    """The units a sample is drawn from, by position in text order: ``total`` units, the ``coded`` positions
    (sorted), which codes each coded unit holds (``presence[i, j]``: position ``coded[i]`` holds code
    ``columns[j]``) and its document (``doc_names[doc_index[i]]``). Arrays, so that millions of coded units
    take a few bytes each."""

    total: int
    coded: np.ndarray
    presence: np.ndarray
    columns: tuple[str, ...]
    doc_index: np.ndarray
    doc_names: tuple[str, ...]

    def strata(self, by: SampleBy, code_order: Sequence[str]) -> dict[str, _Sorted]:
        """The non-empty strata in their order: the codes of ``code_order`` first (by code), then each
        stratum in text order of its first unit — documents (by document), other codes, and the units with
        no match."""
        fixed: dict[str, np.ndarray] = {}
        met: dict[str, tuple[int, int]] = {}  # where each other stratum begins
        found: dict[str, np.ndarray] = {}
        if by == "document":
            order = np.argsort(self.doc_index, kind="stable")
            names, starts = np.unique(self.doc_index[order], return_index=True)
            groups = np.split(self.coded[order], starts[1:]) if len(names) else []
            for name, members in zip(names.tolist(), groups, strict=True):
                found[self.doc_names[name]] = members
                met[self.doc_names[name]] = (int(members[0]), 0)
        else:
            for column, code in enumerate(self.columns):
                members = self.coded[self.presence[:, column]]
                if code in code_order:
                    fixed[code] = members
                elif len(members):
                    found[code] = members
                    met[code] = (int(members[0]), column)
        strata: dict[str, _Sorted] = {code: _Members(fixed[code]) for code in code_order
                                      if code in fixed and len(fixed[code])}
        if self.total > len(self.coded):
            met[NO_MATCH] = (_nth_outside(0, self.coded, _count_array), -1)
        for name in sorted(met, key=lambda n: met[n]):
            strata[name] = _Uncoded(self.total, self.coded) if name == NO_MATCH else _Members(found[name])
        return strata

    def first_stratum(self, strata: Sequence[str], by: SampleBy) -> Callable[[int], str]:
        """The first of ``strata`` (names, in order) that holds a position."""
        rank = {name: i for i, name in enumerate(strata)}

        def first(position: int) -> str:
            i = int(np.searchsorted(self.coded, position))
            if i >= len(self.coded) or int(self.coded[i]) != position:
                return NO_MATCH
            if by == "document":
                return self.doc_names[int(self.doc_index[i])]
            names = [c for c, held in zip(self.columns, self.presence[i].tolist(), strict=True) if held]
            return min(names, key=lambda n: rank.get(n, len(rank))) if names else NO_MATCH

        return first


def _population(total: int, positions: list[np.ndarray], presence: list[np.ndarray], columns: Sequence[str],
                documents: list[np.ndarray], doc_names: Sequence[str]) -> Population:
    coded = np.concatenate(positions) if positions else np.zeros(0, dtype=np.int64)
    order = np.argsort(coded, kind="stable")
    return Population(
        total=total, coded=coded[order],
        presence=(np.concatenate(presence) if presence else np.zeros((0, len(columns)), dtype=bool))[order],
        columns=tuple(columns), doc_index=(np.concatenate(documents) if documents
                                           else np.zeros(0, dtype=np.int32))[order],
        doc_names=tuple(doc_names))


def draw_sample(population: Population, *, size: int | None = None, seed: int = 0, by: SampleBy = "code",
                codes: Sequence[str] = ()) -> list[tuple[int, str]]:
    """The positions of a stratified random sample and the stratum each was drawn from, in text order
    (all positions when ``size`` is None or not smaller than the population); see ``sample_units``."""
    if by not in ("code", "document"):
        raise InputError(_("cannot sample by '{by}'").format(by=by), hint=_("use --by code or --by document"))
    strata = population.strata(by, codes)
    names = list(strata)
    first = population.first_stratum(names, by)
    if size is None or size >= population.total:
        return [(i, first(i)) for i in range(population.total)]
    if size < 1:
        raise InputError(_("a sample of {size} units is empty").format(size=size), hint=_("give --sample 1 or more"))
    rng = random.Random(seed)
    chosen: dict[int, str] = {}
    order = sorted(strata, key=lambda name: (len(strata[name]), names.index(name)))
    remaining = size
    for position, name in enumerate(order):
        available = _Without(strata[name], chosen)
        quota = min(len(available), math.ceil(remaining / (len(order) - position)))
        for index in rng.sample(available, quota):
            chosen[int(index)] = name
        remaining -= quota
    if remaining > 0:  # units shared between strata left some strata short: fill from any stratum
        rest = _Without(range(population.total), chosen)
        for index in rng.sample(rest, min(remaining, len(rest))):
            chosen[int(index)] = first(int(index))
    return sorted(chosen.items())


def population_of(units: Sequence[Unit], machine: dict[str, MachineCoding], codes: Sequence[str]) -> Population:
    """The population of a list of units with the machine's decisions (for ``sample_units``)."""
    coded = [(i, machine[u.unit_id].codes) for i, u in enumerate(units)
             if u.unit_id in machine and machine[u.unit_id].codes]
    # Codes outside ``codes`` follow, in the order they are met (which orders their strata).
    columns = list(dict.fromkeys([*codes, *(code for _, held in coded for code in held)]))
    names = list(dict.fromkeys(units[i].doc_id for i, _ in coded))
    where = {name: n for n, name in enumerate(names)}
    presence = np.array([[code in held for code in columns] for _, held in coded], dtype=bool).reshape(-1, len(columns))
    return _population(len(units), [np.array([i for i, _ in coded], dtype=np.int64)], [presence], columns,
                       [np.array([where[units[i].doc_id] for i, _ in coded], dtype=np.int32)], names)


def sample_units(units: Sequence[Unit], machine: dict[str, MachineCoding], *, size: int | None = None,
                 seed: int = 0, by: SampleBy = "code", codes: Sequence[str] = ()) -> list[SampledUnit]:
    """A stratified random sample of ``size`` units (all units when ``size`` is None), in text order.

    Strata: each code (``by="code"``, in ``codes`` order) or each document (``by="document"``), plus
    ``(no match)``. Each stratum gets an equal share, drawn rarest stratum first so a small stratum gives
    all it has and the rest goes to the larger ones; a unit with several codes counts for the first
    stratum that draws it. The same units, seed and size give the same sample.
    """
    drawn = draw_sample(population_of(units, machine, codes), size=size, seed=seed, by=by, codes=codes)
    return [SampledUnit(units[i], stratum) for i, stratum in drawn]


def store_units(store: ReviewStore, info: RunInfo, *, corpus: str | Path | None = None) -> None:
    """Keep every unit of the run in its review database (once), rebuilt from the corpus one document at
    a time; nothing is kept when a document changed since the run.

    Raises:
        InputError: the corpus cannot be found, or documents are missing or changed.
    """
    if not store.has_units():
        store.save_units(run_units(info, corpus=corpus))


def run_population(info: RunInfo, store: ReviewStore) -> Population:
    """The run's units as a population to sample: their number (from the review database) and the
    positions and codes of the coded ones (one pass over units.csv, kept as arrays).

    Raises:
        InputError: units.csv names a unit the review database does not know.
    """
    from coding.results import read_chunks

    codes = [c.id for c in info.codebook.codes]
    names: dict[str, int] = {}  # one entry per document
    positions, presence, documents = [], [], []
    path = info.run_dir / "units.csv"
    for chunk in read_chunks(path, ["doc_id", "unit_id", *codes], numeric=codes):
        held = chunk[codes].to_numpy() > 0
        chunk, held = chunk[held.any(axis=1)], held[held.any(axis=1)]
        where = store.positions(list(chunk["unit_id"]))
        unknown = [u for u in chunk["unit_id"] if u not in where]
        if unknown:
            raise InputError(_("unit '{unknown}' of units.csv is not among the run's units").format(unknown=unknown[0]),
                             path=path,
                             hint=_("the run was coded again since the review began: export into a new run "
                                  "folder, or move review.sqlite away"))
        positions.append(np.array([where[u] for u in chunk["unit_id"]], dtype=np.int64))
        presence.append(held)
        documents.append(np.array([names.setdefault(d, len(names)) for d in chunk["doc_id"]], dtype=np.int32))
    return _population(store.unit_count(), positions, presence, codes, documents, list(names))


def sampled_units(info: RunInfo, store: ReviewStore, drawn: Sequence[tuple[int, str]], *,
                  corpus: str | Path | None = None) -> list[SampledUnit]:
    """The units at the positions drawn, rebuilt from their documents only (each checked against the run)."""
    located = store.units_at([position for position, _ in drawn])
    wanted = {unit_id for unit_id, _ in located.values()}
    units = {u.unit_id: u for u in run_units(info, corpus=corpus, only={d for _, d in located.values()})
             if u.unit_id in wanted}
    missing = [p for p, _ in drawn if p not in located or located[p][0] not in units]
    if missing:
        name = located[missing[0]][0] if missing[0] in located else f"at position {missing[0]}"
        raise InputError(_("unit '{name}' of the review is not in the reloaded corpus").format(name=name),
                         path=info.run_dir / "review.sqlite",
                         hint=_("the corpus changed since the review began; restore it, or review a new run"))
    return [SampledUnit(units[located[position][0]], stratum) for position, stratum in drawn]
