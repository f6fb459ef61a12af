"""Inter-coder agreement: percent agreement, Cohen's κ, Fleiss' κ and Krippendorff's α over a units × coders
matrix, and the machine's precision, recall and F1 against each human coder and against their majority.

Every statistic takes a matrix with one row per unit and one column per coder, holding numeric category
codes, with NaN where a coder did not code a unit. How each statistic treats missing values:

- percent agreement and Fleiss' κ use the units that at least two coders coded, each unit weighted by its
  own number of coder pairs (Fleiss' P_i with the unit's own n_i — for complete data this is Fleiss 1971);
- Cohen's κ uses the units both coders of the pair coded;
- Krippendorff's α (the ``krippendorff`` package) uses every pairable value, as Krippendorff defines it.

A statistic that is undefined (no pairable unit, or every value identical so chance agreement is 1) is NaN.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

import krippendorff
import numpy as np
import numpy.typing as npt
import pandas as pd

from coding.errors import InputError
from coding.i18n import _

Level = Literal["nominal", "ordinal"]
MACHINE = "machine"
MAJORITY = "majority"


def _matrix(matrix: npt.ArrayLike) -> np.ndarray:
    values = np.asarray(matrix, dtype=float)
    if values.ndim != 2:
        raise ValueError("an agreement matrix has one row per unit and one column per coder")
    return values


def _counts(matrix: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Units × categories counts (n_ij) and the categories, for the units at least two coders coded."""
    present = ~np.isnan(matrix)
    pairable = matrix[present.sum(axis=1) >= 2]
    categories = np.unique(pairable[~np.isnan(pairable)])
    counts = (pairable[..., np.newaxis] == categories).sum(axis=1)
    return counts, categories


def pairable_units(matrix: npt.ArrayLike) -> int:
    """How many units at least two coders coded."""
    values = _matrix(matrix)
    return int(((~np.isnan(values)).sum(axis=1) >= 2).sum())


def percent_agreement(matrix: npt.ArrayLike) -> float:
    """Share of agreeing coder pairs per unit, averaged over the units at least two coders coded.

    >>> percent_agreement([[1, 1], [0, 1], [0, 0], [1, float("nan")]])
    0.6666666666666666
    """
    counts, _ = _counts(_matrix(matrix))
    if not len(counts):
        return math.nan
    n = counts.sum(axis=1)
    return float(np.mean(((counts * (counts - 1)).sum(axis=1)) / (n * (n - 1))))


def fleiss_kappa_counts(counts: npt.ArrayLike) -> float:
    """Fleiss' κ from a units × categories table of how many coders put each unit in each category.

    Units may have different numbers of coders (each unit's agreement uses its own n_i); units with fewer
    than two are skipped. With every unit coded by the same number of coders this is Fleiss (1971).
    """
    table = np.asarray(counts, dtype=float)
    n = table.sum(axis=1)
    table, n = table[n >= 2], n[n >= 2]
    if not len(table):
        return math.nan
    p_unit = ((table * (table - 1)).sum(axis=1)) / (n * (n - 1))
    p_category = table.sum(axis=0) / n.sum()
    expected = float((p_category ** 2).sum())
    if math.isclose(expected, 1.0):
        return math.nan
    return (float(p_unit.mean()) - expected) / (1 - expected)


def fleiss_kappa(matrix: npt.ArrayLike) -> float:
    """Fleiss' κ over a units × coders matrix (NaN = not coded)."""
    counts, _ = _counts(_matrix(matrix))
    return fleiss_kappa_counts(counts) if len(counts) else math.nan


def cohen_kappa(first: npt.ArrayLike, second: npt.ArrayLike) -> float:
    """Cohen's κ of two coders over the units both coded.

    >>> round(cohen_kappa([1] * 25 + [0] * 25, [1] * 20 + [0] * 5 + [1] * 10 + [0] * 15), 3)
    0.4
    """
    a, b = np.asarray(first, dtype=float), np.asarray(second, dtype=float)
    both = ~np.isnan(a) & ~np.isnan(b)
    a, b = a[both], b[both]
    if not len(a):
        return math.nan
    observed = float((a == b).mean())
    categories = np.union1d(a, b)
    expected = float(sum((a == c).mean() * (b == c).mean() for c in categories))
    if math.isclose(expected, 1.0):
        return math.nan
    return (observed - expected) / (1 - expected)


def krippendorff_alpha(matrix: npt.ArrayLike, level: Level = "nominal",
                       domain: Sequence[float] | None = None) -> float:
    """Krippendorff's α of a units × coders matrix (NaN = not coded), by the ``krippendorff`` package.

    ``domain`` lists the possible values in order (needed for ``ordinal`` when some are unused).
    """
    values = _matrix(matrix)
    if pairable_units(values) == 0:
        return math.nan
    try:
        with np.errstate(divide="ignore", invalid="ignore"):
            result = krippendorff.alpha(reliability_data=values.T, level_of_measurement=level,
                                        value_domain=list(domain) if domain is not None else None)
    except ValueError:  # one value in the whole domain: agreement by chance is certain, α undefined
        return math.nan
    return float(result) if np.isfinite(result) else math.nan


def majority(matrix: npt.ArrayLike) -> np.ndarray:
    """Per unit, the value more than half of the coders who coded it gave; NaN for ties and uncoded units."""
    values = _matrix(matrix)
    result = np.full(len(values), np.nan)
    for row, unit in enumerate(values):
        given = unit[~np.isnan(unit)]
        if not len(given):
            continue
        found, counts = np.unique(given, return_counts=True)
        if counts.max() * 2 > len(given):
            result[row] = found[counts.argmax()]
    return result


@dataclass(frozen=True)
class Scores:
    """The machine's decisions (1 = code applies) against a reference coder's, on the units both coded."""

    units: int
    tp: int
    fp: int
    fn: int
    tn: int

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else math.nan

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else math.nan

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        if math.isnan(p) or math.isnan(r):
            return math.nan
        return 2 * p * r / (p + r) if p + r else 0.0


def precision_recall_f1(predicted: npt.ArrayLike, reference: npt.ArrayLike) -> Scores:
    """Binary precision/recall/F1 of ``predicted`` against ``reference`` (0/1, NaN = not coded)."""
    p, r = np.asarray(predicted, dtype=float), np.asarray(reference, dtype=float)
    both = ~np.isnan(p) & ~np.isnan(r)
    p, r = p[both] == 1, r[both] == 1
    return Scores(units=int(both.sum()), tp=int((p & r).sum()), fp=int((p & ~r).sum()),
                  fn=int((~p & r).sum()), tn=int((~p & ~r).sum()))


@dataclass(frozen=True)
class Variable:
    """One thing coders decided on each unit: a code (0/1), the tone or the direction.

    ``matrix`` has one row per unit (index: unit id) and one column per coder; ``domain`` maps each
    category to the number the statistics use (ordered for an ordinal variable).
    """

    name: str
    kind: Literal["code", "codes", "tone", "direction"]
    level: Level
    matrix: pd.DataFrame
    domain: Mapping[str, float] | None = None


@dataclass(frozen=True)
class AgreementReport:
    """Three tables: ``summary`` (per variable), ``pairs`` (per coder pair) and ``machine`` (precision,
    recall and F1 of the machine per code, against each human and their majority)."""

    summary: pd.DataFrame
    pairs: pd.DataFrame
    machine: pd.DataFrame


SUMMARY_COLUMNS = ("variable", "kind", "level", "coders", "units", "percent_agreement", "cohen_kappa",
                   "fleiss_kappa", "krippendorff_alpha")
PAIR_COLUMNS = ("variable", "coder_a", "coder_b", "units", "percent_agreement", "cohen_kappa")
MACHINE_COLUMNS = ("variable", "reference", "units", "tp", "fp", "fn", "tn", "precision", "recall", "f1")


def _round(value: float) -> float:
    return round(value, 4) if not math.isnan(value) else math.nan


def agreement_report(variables: Sequence[Variable], *, machine: str | None = None) -> AgreementReport:
    """Agreement statistics for each variable; the machine's scores when ``machine`` names its column.

    ``cohen_kappa`` in the summary is the mean over coder pairs (Light's κ when there are more than two).
    """
    summary, pairs, scores = [], [], []
    for variable in variables:
        matrix = variable.matrix.to_numpy(dtype=float)
        coders = list(variable.matrix.columns)
        pair_rows = []
        for a, b in itertools.combinations(range(len(coders)), 2):
            both = matrix[:, [a, b]]
            pair_rows.append({"variable": variable.name, "coder_a": coders[a], "coder_b": coders[b],
                              "units": pairable_units(both), "percent_agreement": _round(percent_agreement(both)),
                              "cohen_kappa": _round(cohen_kappa(both[:, 0], both[:, 1]))})
        kappas = [row["cohen_kappa"] for row in pair_rows if not math.isnan(row["cohen_kappa"])]
        domain = sorted(variable.domain.values()) if variable.domain else None
        summary.append({
            "variable": variable.name, "kind": variable.kind, "level": variable.level, "coders": len(coders),
            "units": pairable_units(matrix), "percent_agreement": _round(percent_agreement(matrix)),
            "cohen_kappa": _round(float(np.mean(kappas))) if kappas else math.nan,
            "fleiss_kappa": _round(fleiss_kappa(matrix)),
            "krippendorff_alpha": _round(krippendorff_alpha(matrix, variable.level, domain)),
        })
        pairs.extend(pair_rows)
        if machine and machine in coders and variable.kind in ("code", "codes"):
            humans = [c for c in coders if c != machine]
            predicted = variable.matrix[machine].to_numpy(dtype=float)
            references = {h: variable.matrix[h].to_numpy(dtype=float) for h in humans}
            if len(humans) > 1:
                references[MAJORITY] = majority(variable.matrix[humans].to_numpy(dtype=float))
            for name, reference in references.items():
                s = precision_recall_f1(predicted, reference)
                scores.append({"variable": variable.name, "reference": name, "units": s.units, "tp": s.tp,
                               "fp": s.fp, "fn": s.fn, "tn": s.tn, "precision": _round(s.precision),
                               "recall": _round(s.recall), "f1": _round(s.f1)})
    return AgreementReport(summary=pd.DataFrame(summary, columns=list(SUMMARY_COLUMNS)),
                           pairs=pd.DataFrame(pairs, columns=list(PAIR_COLUMNS)),
                           machine=pd.DataFrame(scores, columns=list(MACHINE_COLUMNS)))


def write_agreement(report: AgreementReport, path: str | Path) -> list[Path]:
    """Write the report as one workbook (.xlsx: sheets Agreement, Pairs, Machine) or as CSV files (.csv:
    ``FILE.csv``, ``FILE_pairs.csv``, ``FILE_machine.csv``); returns the paths written."""
    from coding.cells import keep_sheets_text
    from coding.exports.atomic import atomic_path
    from coding.exports.csv import write_csv

    path = Path(path)
    tables = {"Agreement": report.summary, "Pairs": report.pairs, "Machine": report.machine}
    if path.suffix.lower() == ".csv":
        written = []
        for name, table in tables.items():
            target = path if name == "Agreement" else path.with_name(f"{path.stem}_{name.lower()}.csv")
            write_csv(table, target)
            written.append(target)
        return written
    if path.suffix.lower() != ".xlsx":
        raise InputError(_("cannot write the agreement report as '{value}'").format(value=path.suffix or path.name),
                         hint=_("give --out FILE.xlsx or FILE.csv"))
    with atomic_path(path) as temporary:
        with pd.ExcelWriter(temporary, engine="openpyxl") as writer:
            for name, table in tables.items():
                table.to_excel(writer, sheet_name=name, index=False)
            keep_sheets_text(writer.book)
    return [path]
