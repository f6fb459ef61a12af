"""How groups of documents (source types, languages, any metadata column) differ in their use of each
code, and in the tone and directions of their units.

For each code the test is a chi-square test of independence on a 2 × k table: for each of the k groups,
[occurrences of the code, words − occurrences]. It asks whether the code's rate per word differs between
groups, treating every word as one observation; ``adjusted residuals`` (Haberman's standardized residuals
of the occurrences row) show which group over- (> 1.96) or under-uses (< −1.96) the code. Pearson's
chi-square is used without Yates' correction, so the statistic, Cramér's V and the residuals agree. When
an expected count is below 5 the chi-square p-value is unreliable: a 2 × 2 table gets Fisher's exact test
instead; a 2 × k table (k > 2) is flagged. Words are not independent observations (a code's mentions
cluster in documents), so with thousands of words small differences come out significant: read Cramér's V
as the size of a difference and the p-values as a screen, not a verdict.

Group sizes come from documents.csv (every document's words and units, coded or not), the tone of all
units from its shares (share × units is exact for any run under 10,000 units per document); directions
come from units.csv — counted in one pass over its chunks — and so cover the coded units (every unit that
has directions, unless the run used ``--directions all``).
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd
from scipy.stats import chi2_contingency, fisher_exact
from scipy.stats.contingency import association

from coding.errors import InputError
from coding.i18n import _
from coding.stats import RunTables

TONES: tuple[str, ...] = ("negative", "neutral", "positive")
NO_GROUP = "(none)"
RESIDUAL_CUTOFF = 1.96  # |z| beyond which a cell differs from independence at the 5 % level
TEST_COLUMNS: tuple[str, ...] = ("code", "label", "occurrences", "groups", "chi2", "dof", "p_chi2",
                                 "cramers_v", "min_expected", "p_fisher", "test", "p_value", "reliable",
                                 "note")


@dataclass(frozen=True, eq=False)  # it holds arrays, which do not compare to one bool
class ChiSquare:
    """A chi-square test of independence on an r × c table of counts.

    ``p_value`` is the one to read: Fisher's exact p for a 2 × 2 table with an expected count < 5,
    otherwise the chi-square p. ``reliable`` is False when an expected count < 5 leaves only the
    chi-square p (tables larger than 2 × 2), or when nothing could be tested.
    """

    chi2: float
    dof: int
    p_chi2: float
    cramers_v: float
    expected: np.ndarray
    residuals: np.ndarray
    min_expected: float
    p_fisher: float
    test: str
    p_value: float
    reliable: bool
    note: str


def adjusted_residuals(observed: np.ndarray, expected: np.ndarray) -> np.ndarray:
    """Haberman's adjusted (standardized) residuals: (O − E) / sqrt(E (1 − row/N) (1 − column/N));
    each is approximately standard normal under independence."""
    total = observed.sum()
    rows = observed.sum(axis=1, keepdims=True) / total
    columns = observed.sum(axis=0, keepdims=True) / total
    return (observed - expected) / np.sqrt(expected * (1 - rows) * (1 - columns))


def chi_square_test(table: Any) -> ChiSquare:
    """Pearson's chi-square test of independence (no continuity correction) with Cramér's V, adjusted
    residuals and, for a 2 × 2 table with an expected count below 5, Fisher's exact test.

    A table with an empty row or column, or fewer than two rows or columns, is not tested: the
    numbers are NaN and ``note`` says why.

    >>> round(chi_square_test([[10, 20], [20, 10]]).chi2, 4)
    6.6667
    """
    observed = np.asarray(table, dtype=float)
    if observed.ndim != 2 or min(observed.shape) < 2:
        return _untested(observed.shape, "fewer than two groups or categories")
    if (observed.sum(axis=0) == 0).any() or (observed.sum(axis=1) == 0).any():
        return _untested(observed.shape, "a group or category has no observations")
    chi2, p_chi2, dof, expected = chi2_contingency(observed, correction=False)
    v = float(association(observed.astype(np.int64), method="cramer", correction=False))
    min_expected = float(expected.min())
    p_fisher, test, p_value, reliable, note = math.nan, "chi-square", float(p_chi2), True, ""
    if min_expected < 5 and observed.shape == (2, 2):
        p_fisher = float(fisher_exact(observed.astype(np.int64)).pvalue)
        test, p_value, note = "fisher", p_fisher, "expected count < 5: Fisher's exact test used"
    elif min_expected < 5:
        reliable = False
        note = "expected count < 5 in a table larger than 2 × 2: the chi-square p-value is unreliable"
    residuals = adjusted_residuals(observed, expected)
    return ChiSquare(float(chi2), int(dof), float(p_chi2), v, expected, residuals, min_expected, p_fisher,
                     test, p_value, reliable, note)


def _untested(shape: tuple[int, ...], note: str) -> ChiSquare:
    nan = np.full(shape, np.nan)
    return ChiSquare(math.nan, 0, math.nan, math.nan, nan, nan, math.nan, math.nan, "none", math.nan, False,
                     note)


@dataclass(frozen=True)
class Comparison:
    """The comparison of groups of a run: ``frequencies`` (one row per code and group), ``tests`` (one row
    per code, then one for tone), ``tone`` and ``directions`` (groups × categories, units counted)."""

    by: str
    groups: tuple[str, ...]
    frequencies: pd.DataFrame
    tests: pd.DataFrame
    tone: pd.DataFrame
    directions: pd.DataFrame

    def tables(self) -> dict[str, pd.DataFrame]:
        """The CSV files to write, by file name."""
        tables = {f"compare_{self.by}_codes.csv": self.frequencies,
                  f"compare_{self.by}_tests.csv": self.tests}
        if len(self.tone):
            tables[f"compare_{self.by}_tone.csv"] = self.tone
        if len(self.directions):
            tables[f"compare_{self.by}_directions.csv"] = self.directions
        return tables

    def per_1000_words(self) -> pd.DataFrame:
        """Codes × groups: occurrences per 1,000 words (code as the first column)."""
        table = self.frequencies.pivot(index="code", columns=self.by, values="per_1000_words")
        order = list(dict.fromkeys(self.frequencies["code"]))
        table = table.reindex(index=order, columns=list(self.groups))
        table.columns.name = None
        return table.reset_index()

    def describe(self) -> str:
        """One line: the groups, and the codes whose use differs at p < 0.05."""
        codes = self.tests[self.tests["code"].isin(self.frequencies["code"])]
        significant = codes[codes["p_value"] < 0.05]
        differ = significant["code"].tolist()
        unreliable = int((~significant["reliable"]).sum())
        flagged = int((~codes["reliable"] & codes["p_value"].notna()).sum())
        text = _("Compared {groups} groups of {by} ({names}) on {codes} codes: {differ} differ at p < 0.05").format(
            groups=len(self.groups), by=self.by, names=", ".join(self.groups), codes=len(codes), differ=len(differ))
        if differ:
            text += f" ({', '.join(differ)}"
            if unreliable:  # the table marks these unreliable: the count must not read as a finding
                text += _("; {unreliable} of them with expected counts below 5: read with care").format(
                    unreliable=unreliable)
            text += ")"
        if flagged:
            text += _("; {flagged} flagged unreliable (expected counts < 5)").format(flagged=flagged)
        return text + "."


def _group_of(run: RunTables, by: str) -> pd.Series:
    """Each document's group, by doc_id; ``year`` is the date's first four characters unless the
    manifest has a column of that name."""
    documents = run.documents
    if by == "year" and "year" not in documents.columns and "date" in documents.columns:
        documents = documents.assign(year=documents["date"].str.strip().str[:4])
    if by not in documents.columns or by in run.codes:
        usable = [c for c in documents.columns if c not in {"doc_id", "title", "url", "words", "units",
                                                             "coded_units", "segments", "dominant_direction",
                                                             "tone_score", *run.codes}
                  and not c.startswith("share_")]
        year = ["year"] if "date" in usable else []
        raise InputError(_("documents.csv has no column '{by}' to compare groups by").format(by=by), path=run.path,
                         hint=_("use one of: {choices}").format(choices=', '.join([*usable, *year])))
    values = documents[by].str.strip().replace("", NO_GROUP)
    return pd.Series(values.to_numpy(), index=documents["doc_id"])


def _code_rows(run: RunTables, by: str, groups: list[str], words: pd.Series,
               counts: pd.DataFrame) -> tuple[list[dict], list[dict]]:
    rows, tests = [], []
    testable = [g for g in groups if words[g] > 0]
    for code in run.codes:
        occurrences, total = counts[code], int(counts[code].sum())
        table = np.array([[occurrences[g] for g in testable], [words[g] - occurrences[g] for g in testable]])
        result = chi_square_test(table)
        residual = dict(zip(testable, result.residuals[0], strict=True))
        expected = dict(zip(testable, result.expected[0], strict=True))
        for group in groups:
            z = residual.get(group, math.nan)
            use = "over" if z > RESIDUAL_CUTOFF else "under" if z < -RESIDUAL_CUTOFF else ""
            rows.append({
                "code": code, "label": run.label(code), by: group, "occurrences": int(occurrences[group]),
                "words": int(words[group]),
                "per_1000_words": round(1000 * occurrences[group] / words[group], 4) if words[group] else 0.0,
                "share_pct": round(100 * occurrences[group] / total, 2) if total else 0.0,
                "expected": round(float(expected.get(group, math.nan)), 4),
                "adjusted_residual": round(float(z), 4), "use": use,
            })
        note = "the code does not occur" if total == 0 else result.note
        tests.append(_test_row(code, run.label(code), total, len(testable), result, note))
    return rows, tests


def _test_row(code: str, label: str, occurrences: int, groups: int, result: ChiSquare, note: str) -> dict:
    return {
        "code": code, "label": label, "occurrences": occurrences, "groups": groups,
        "chi2": round(result.chi2, 4), "dof": result.dof if result.test != "none" else None,
        "p_chi2": result.p_chi2, "cramers_v": round(result.cramers_v, 4),
        "min_expected": round(result.min_expected, 4),
        "p_fisher": result.p_fisher, "test": result.test, "p_value": result.p_value,
        "reliable": result.reliable, "note": note,
    }


def _tone_table(run: RunTables, by: str, group_of: pd.Series, groups: list[str]) -> pd.DataFrame:
    documents = run.documents
    shares = [f"share_{t}" for t in TONES]
    if not set(shares) <= set(documents.columns):
        return pd.DataFrame()
    units = documents["units"].astype(float)
    counts = pd.DataFrame({t: (pd.to_numeric(documents[f"share_{t}"], errors="coerce").fillna(0) * units)
                           .round().astype(int) for t in TONES})
    if not counts.to_numpy().any():  # the codebook has no tone lexicon
        return pd.DataFrame()
    counts[by] = documents["doc_id"].map(group_of).to_numpy()
    table = counts.groupby(by)[list(TONES)].sum().reindex(groups, fill_value=0)
    table["units"] = table[list(TONES)].sum(axis=1)
    for tone in TONES:
        table[f"pct_{tone}"] = (100 * table[tone] / table["units"].where(table["units"] > 0)).round(2)
    return table.reset_index()


def _direction_table(run: RunTables, by: str, group_of: pd.Series, groups: list[str]) -> pd.DataFrame:
    if "directions" not in run.unit_columns:
        return pd.DataFrame()
    # One pass over units.csv: (group, direction) pairs and coded units per group are counted per chunk.
    pairs: Counter[tuple[str, str]] = Counter()
    coded: Counter[str] = Counter()
    for chunk in run.iter_units(["doc_id", "directions"]):
        mapped = chunk["doc_id"].map(group_of)
        coded.update(mapped.dropna().value_counts().to_dict())
        frame = pd.DataFrame({by: mapped.fillna(NO_GROUP).to_numpy(),
                              "direction": chunk["directions"].str.split(";").to_numpy()}).explode("direction")
        frame = frame[frame["direction"].notna() & (frame["direction"] != "")]
        pairs.update(frame.groupby([by, "direction"]).size().to_dict())
    if not pairs:
        return pd.DataFrame()
    found: Counter[str] = Counter()
    for (_code, direction), count in pairs.items():
        found[direction] += count
    order = sorted((d for d in found if d != "unspecified"), key=lambda d: (-found[d], d))
    order += ["unspecified"] if "unspecified" in found else []
    table = pd.DataFrame([[pairs.get((g, d), 0) for d in order] for g in groups], index=pd.Index(groups, name=by),
                         columns=order, dtype="int64")
    table["coded_units"] = [coded.get(g, 0) for g in groups]
    for direction in order:
        # Shares of coded units; a unit may carry several directions, so a row can sum above 100.
        coded_units = table["coded_units"].where(table["coded_units"] > 0)
        table[f"pct_{direction}"] = (100 * table[direction] / coded_units).round(2)
    table.columns.name = None
    return table.rename_axis(by).reset_index()


def compare_groups(run: RunTables, by: str = "source_type") -> Comparison:
    """Compare the groups of documents given by the metadata column ``by``: for each code, occurrences,
    words and occurrences per 1,000 words per group; a chi-square test of independence on the 2 × k table
    [occurrences, words − occurrences] per group, with its p-value, Cramér's V and adjusted residuals;
    Fisher's exact test for a 2 × 2 table with an expected count < 5 (larger tables are flagged
    unreliable); the tone of all units and the directions of coded units per group, with a chi-square
    test of tone × group. Documents with a blank ``by`` form the group ``(none)``; ``by="year"`` groups by
    the year of the documents' dates.

    Raises:
        InputError: documents.csv has no column ``by``.
    """
    group_of = _group_of(run, by)
    documents = run.documents.assign(_group=run.documents["doc_id"].map(group_of).to_numpy())
    groups = sorted(documents["_group"].unique(), key=lambda g: (g == NO_GROUP, g))
    sums = documents.groupby("_group")[["words", *run.codes]].sum().reindex(groups, fill_value=0)
    rows, tests = _code_rows(run, by, groups, sums["words"], sums)
    tone = _tone_table(run, by, group_of, groups)
    if len(tone):
        counted = tone[tone["units"] > 0]
        result = chi_square_test(counted[list(TONES)].to_numpy())
        tests.append(_test_row("(tone)", f"tone × {by} (all units)", int(tone["units"].sum()), len(counted),
                               result, result.note))
    frequencies = pd.DataFrame(rows, columns=["code", "label", by, "occurrences", "words", "per_1000_words",
                                              "share_pct", "expected", "adjusted_residual", "use"])
    tests_table = pd.DataFrame(tests, columns=list(TEST_COLUMNS)).astype({"dof": "Int64"})
    return Comparison(by=by, groups=tuple(groups), frequencies=frequencies, tests=tests_table, tone=tone,
                      directions=_direction_table(run, by, group_of, groups))
