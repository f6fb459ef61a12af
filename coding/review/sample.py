"""The units a human reviews: a run's units (matched or not) with the machine's decisions, and a stratified
random sample of them.

A run's CSVs list only the units with a match, so every unit is rebuilt from the corpus and the unit kind
recorded in ``run.json``, after checking that no document changed since the run (SHA-256). Sampling draws
the same number of units from each stratum — one per code (or per document) plus one for the units with
no match, so misses can be found — rarest stratum first, with ``random.Random(seed)``.
"""

from __future__ import annotations

import hashlib
import json
import math
import random
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

import pandas as pd

from coding.codebook import Codebook, load_codebook
from coding.errors import InputError
from coding.records import Corpus, Unit, UnitKind

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


def _recorded(value: str, run_dir: Path) -> Path | None:
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
        raise InputError(f"'{run_dir}' is not a coding run (no readable run.json)",
                         hint="give the --out folder of 'coding code'") from None
    recorded = provenance.get("codebook", {})
    path = Path(codebook) if codebook else _recorded(recorded.get("path", ""), run_dir)
    if path is None or not path.is_file():
        raise InputError(f"cannot find the run's codebook '{recorded.get('path', '')}'", path=run_dir / "run.json",
                         hint="run the command from the folder where you ran 'coding code', or give --codebook")
    book = load_codebook(path)
    if recorded.get("sha256") and book.sha256 != recorded["sha256"]:
        raise InputError(f"the codebook '{path}' changed since the run", path=run_dir / "run.json",
                         hint=f"code the corpus again ('coding code ... --out {run_dir} --force') so the machine's "
                              "decisions match the codebook; the review decisions are kept")
    unit = provenance.get("options", {}).get("unit", "sentence")
    documents = sorted((d["doc_id"], d["sha256"]) for d in provenance.get("corpus", {}).get("documents", []))
    fingerprint = hashlib.sha256(json.dumps({"unit": unit, "documents": documents}).encode()).hexdigest()
    return RunInfo(run_dir=run_dir, provenance=provenance, unit=unit, codebook=book, fingerprint=fingerprint)


def load_run_corpus(info: RunInfo, *, corpus: str | Path | None = None) -> Corpus:
    """The run's corpus, reloaded, with only the run's documents; refuses a corpus that changed since.

    Raises:
        InputError: the corpus folder cannot be found, or a document is missing or changed (SHA-256).
    """
    from coding.corpus import load_corpus

    recorded = info.provenance.get("corpus", {})
    root = Path(corpus) if corpus else _recorded(recorded.get("root", ""), info.run_dir)
    if root is None or not root.is_dir():
        raise InputError(f"cannot find the run's corpus folder '{recorded.get('root', '')}'",
                         path=info.run_dir / "run.json",
                         hint="run the command from the folder where you ran 'coding code', or give --corpus")
    loaded = load_corpus(root)
    expected = {d["doc_id"]: d for d in recorded.get("documents", [])}
    found = {d.doc_id: d for d in loaded.documents}
    problems = []
    for doc_id, record in expected.items():
        if doc_id not in found:
            problems.append(InputError(f"document '{record['file']}' ({doc_id}) of the run is missing", path=root))
        elif found[doc_id].sha256 != record["sha256"]:
            problems.append(InputError(f"document '{record['file']}' ({doc_id}) changed since the run (SHA-256)",
                                       path=root))
    if problems:
        raise InputError(f"the corpus changed since the run ({len(problems)} documents)", path=root,
                         hint=f"code it again with 'coding code {root} ... --out {info.run_dir} --force'",
                         problems=problems)
    documents = tuple(d for d in loaded.documents if d.doc_id in expected)
    return Corpus(root=loaded.root, documents=documents, problems=loaded.problems,
                  metadata_columns=loaded.metadata_columns, manifest=loaded.manifest)


@dataclass(frozen=True)
class MachineCoding:
    """The machine's decisions on one unit: code counts, the matched spans (document offsets) per code, the
    directions and the tone. Units without a match have no row in the run and get ``MachineCoding()``:
    every code 0, directions and tone unknown."""

    counts: dict[str, int] = field(default_factory=dict, hash=False)
    spans: tuple[tuple[int, int, str, str], ...] = ()  # (start, end, code, surface)
    directions: tuple[str, ...] = ()
    tone: str = ""

    @property
    def codes(self) -> tuple[str, ...]:
        return tuple(code for code, count in self.counts.items() if count)


def _read_csv(path: Path) -> pd.DataFrame:
    try:
        return pd.read_csv(path, encoding="utf-8-sig", dtype=str, keep_default_na=False)
    except OSError:
        raise InputError(f"cannot read '{path}'", hint="give the --out folder of 'coding code'") from None


def machine_codings(info: RunInfo) -> dict[str, MachineCoding]:
    """The machine's decisions per unit id, from the run's ``units.csv`` and ``segments.csv``."""
    units = _read_csv(info.run_dir / "units.csv")
    segments = _read_csv(info.run_dir / "segments.csv")
    codes = [c.id for c in info.codebook.codes]
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


@dataclass(frozen=True)
class SampledUnit:
    """A unit chosen for review and the stratum it was drawn from."""

    unit: Unit
    stratum: str


def _strata(units: Sequence[Unit], machine: dict[str, MachineCoding], by: SampleBy,
            codes: Sequence[str]) -> dict[str, list[int]]:
    strata: dict[str, list[int]] = {}
    if by == "code":
        for code in codes:
            strata[code] = []
    for index, unit in enumerate(units):
        found = machine.get(unit.unit_id, MachineCoding()).codes
        if not found:
            strata.setdefault(NO_MATCH, []).append(index)
        elif by == "document":
            strata.setdefault(unit.doc_id, []).append(index)
        else:
            for code in found:
                strata.setdefault(code, []).append(index)
    strata.setdefault(NO_MATCH, [])
    return {name: members for name, members in strata.items() if members}


def sample_units(units: Sequence[Unit], machine: dict[str, MachineCoding], *, size: int | None = None,
                 seed: int = 0, by: SampleBy = "code", codes: Sequence[str] = ()) -> list[SampledUnit]:
    """A stratified random sample of ``size`` units (all units when ``size`` is None), in text order.

    Strata: each code (``by="code"``, in ``codes`` order) or each document (``by="document"``), plus
    ``(no match)``. Each stratum gets an equal share, drawn rarest stratum first so a small stratum gives
    all it has and the rest goes to the larger ones; a unit with several codes counts for the first
    stratum that draws it. The same units, seed and size give the same sample.
    """
    if by not in ("code", "document"):
        raise InputError(f"cannot sample by '{by}'", hint="use --by code or --by document")
    strata = _strata(units, machine, by, codes)
    first = {}
    for name, members in strata.items():
        for index in members:
            first.setdefault(index, name)
    if size is None or size >= len(units):
        return [SampledUnit(unit, first.get(i, NO_MATCH)) for i, unit in enumerate(units)]
    if size < 1:
        raise InputError(f"a sample of {size} units is empty", hint="give --sample 1 or more")
    rng = random.Random(seed)
    chosen: dict[int, str] = {}
    order = sorted(strata, key=lambda name: (len(strata[name]), list(strata).index(name)))
    remaining = size
    for position, name in enumerate(order):
        available = [i for i in strata[name] if i not in chosen]
        quota = min(len(available), math.ceil(remaining / (len(order) - position)))
        for index in rng.sample(available, quota):
            chosen[index] = name
        remaining -= quota
    if remaining > 0:  # units shared between strata left some strata short: fill from any stratum
        rest = [i for i in range(len(units)) if i not in chosen]
        for index in rng.sample(rest, min(remaining, len(rest))):
            chosen[index] = first.get(index, NO_MATCH)
    return [SampledUnit(units[i], chosen[i]) for i in sorted(chosen)]
