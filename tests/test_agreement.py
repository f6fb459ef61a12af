"""Agreement statistics against published worked examples.

Sources of the expected values:
- Krippendorff, K. (2011). Computing Krippendorff's Alpha-Reliability. Annenberg School for Communication,
  University of Pennsylvania. Example A (two observers, binary, 10 units): α = 0.095. Example C (four
  observers, 12 units, values 1–5, missing data): nominal α = 0.743, ordinal α = 0.815, interval α = 0.849.
- The ``krippendorff`` package's own tests (tests/test_krippendorff.py in pln-fing-udelar/fast-krippendorff):
  the 3 coders × 15 units example, nominal α = 0.691358.
- Fleiss, J. L. (1971), as worked in Wikipedia's "Fleiss' kappa" article: 10 subjects, 14 raters,
  5 categories; P̄ = 0.378, P̄e = 0.213, κ = 0.210.
- Cohen's κ, the worked 2×2 example of Wikipedia's "Cohen's kappa" article (50 grant proposals, two readers:
  20 yes/yes, 5 yes/no, 10 no/yes, 15 no/no): p_o = 0.7, p_e = 0.5, κ = 0.4.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from coding.agreement import (
    Variable,
    agreement_report,
    cohen_kappa,
    fleiss_kappa,
    fleiss_kappa_counts,
    krippendorff_alpha,
    majority,
    pairable_units,
    percent_agreement,
    precision_recall_f1,
    write_agreement,
)

nan = math.nan
# Krippendorff (2011), example C: rows are observers A–D, columns units 1–12.
KRIPPENDORFF_C = np.array([
    [1, 2, 3, 3, 2, 1, 4, 1, 2, nan, nan, nan],
    [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, nan, 3],
    [nan, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, nan],
    [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, nan],
]).T  # fmt: skip
# Krippendorff (2011), example A: observers A and B, ten units.
KRIPPENDORFF_A = np.array([[0, 1, 0, 0, 0, 0, 0, 0, 1, 0], [1, 1, 1, 0, 0, 1, 0, 0, 0, 0]]).T
# krippendorff package tests: three coders, fifteen units.
PACKAGE_NOMINAL = np.array([
    [nan, nan, nan, nan, nan, 3, 4, 1, 2, 1, 1, 3, 3, nan, 3],
    [1, nan, 2, 1, 3, 3, 4, 3, nan, nan, nan, nan, nan, nan, nan],
    [nan, nan, 2, 1, 3, 4, 4, nan, 2, 1, 1, 3, 3, nan, 4],
]).T  # fmt: skip
# Fleiss (1971) as worked on Wikipedia: n_ij, 10 subjects × 5 categories, 14 raters each.
FLEISS_WIKIPEDIA = [
    [0, 0, 0, 0, 14], [0, 2, 6, 4, 2], [0, 0, 3, 5, 6], [0, 3, 9, 2, 0], [2, 2, 8, 1, 1],
    [7, 7, 0, 0, 0], [3, 2, 6, 3, 0], [2, 5, 3, 2, 2], [6, 5, 2, 1, 0], [0, 2, 2, 3, 7],
]  # fmt: skip
# Cohen's kappa, Wikipedia's worked example: reader A and reader B on 50 proposals (1 = yes).
COHEN_A = [1] * 25 + [0] * 25
COHEN_B = [1] * 20 + [0] * 5 + [1] * 10 + [0] * 15

ALPHA_CASES = [
    (KRIPPENDORFF_C, "nominal", 0.743),
    (KRIPPENDORFF_C, "ordinal", 0.815),
    (KRIPPENDORFF_A, "nominal", 0.095),
    (PACKAGE_NOMINAL, "nominal", 0.691),
]


@pytest.mark.parametrize(("matrix", "level", "expected"), ALPHA_CASES)
def test_krippendorff_alpha_matches_published_examples(matrix, level, expected) -> None:
    assert round(krippendorff_alpha(matrix, level), 3) == expected


def test_krippendorff_interval_example_through_the_package() -> None:
    import krippendorff

    # our wrapper only offers nominal and ordinal; the package's interval value still checks the data
    assert round(krippendorff.alpha(KRIPPENDORFF_C.T, level_of_measurement="interval"), 3) == 0.849


def test_fleiss_kappa_wikipedia_example() -> None:
    assert round(fleiss_kappa_counts(FLEISS_WIKIPEDIA), 3) == 0.210
    # the same data as a units × raters matrix: who rated what does not matter to Fleiss' κ
    matrix = np.array([[j for j, n in enumerate(row) for _ in range(n)] for row in FLEISS_WIKIPEDIA], dtype=float)
    assert round(fleiss_kappa(matrix), 3) == 0.210
    assert round(percent_agreement(matrix), 3) == 0.378


def test_cohen_kappa_wikipedia_two_by_two() -> None:
    assert round(cohen_kappa(COHEN_A, COHEN_B), 3) == 0.4
    assert percent_agreement(np.array([COHEN_A, COHEN_B]).T) == pytest.approx(0.7)


def test_cohen_kappa_uses_units_both_coded() -> None:
    assert cohen_kappa([1, 0, nan, 1], [1, 0, 1, nan]) == 1.0
    assert math.isnan(cohen_kappa([nan, 1], [1, nan]))


def test_undefined_statistics_are_nan() -> None:
    same = np.array([[1, 1], [1, 1], [1, 1]], dtype=float)
    assert percent_agreement(same) == 1.0
    assert math.isnan(cohen_kappa(same[:, 0], same[:, 1]))
    assert math.isnan(fleiss_kappa(same))
    assert math.isnan(krippendorff_alpha(same))
    lonely = np.array([[1, nan], [nan, 0]])
    assert pairable_units(lonely) == 0 and math.isnan(krippendorff_alpha(lonely))


def test_majority_and_scores() -> None:
    humans = np.array([[1, 1, 0], [0, 1, nan], [0, 0, 0], [nan, nan, nan]], dtype=float)
    assert majority(humans)[0] == 1 and np.isnan(majority(humans)[1]) and majority(humans)[2] == 0
    scores = precision_recall_f1([1, 1, 0, 0, 1], [1, 0, 1, 0, nan])
    assert (scores.units, scores.tp, scores.fp, scores.fn, scores.tn) == (4, 1, 1, 1, 1)
    assert scores.precision == 0.5 and scores.recall == 0.5 and scores.f1 == 0.5


def _variable(name: str, rows: list[list[float]], coders: list[str]) -> Variable:
    frame = pd.DataFrame(rows, columns=coders, index=[f"u{i}" for i in range(len(rows))], dtype=float)
    return Variable(name, "code", "nominal", frame, {"0": 0.0, "1": 1.0})


def test_report_tables(tmp_path) -> None:
    variable = _variable("crime", [[1, 1, 1], [0, 1, 0], [0, 0, 1], [1, 1, nan]], ["a", "b", "machine"])
    report = agreement_report([variable], machine="machine")
    row = report.summary.iloc[0]
    assert (row["variable"], row["coders"], row["units"]) == ("crime", 3, 4)
    assert list(report.pairs[["coder_a", "coder_b"]].itertuples(index=False, name=None)) == [
        ("a", "b"), ("a", "machine"), ("b", "machine")]
    assert list(report.machine["reference"]) == ["a", "b", "majority"]
    against_a = report.machine.iloc[0]
    assert (against_a["tp"], against_a["fp"], against_a["fn"], against_a["tn"]) == (1, 1, 0, 1)
    written = write_agreement(report, tmp_path / "agreement.csv")
    assert [p.name for p in written] == ["agreement.csv", "agreement_pairs.csv", "agreement_machine.csv"]
    xlsx = write_agreement(report, tmp_path / "agreement.xlsx")[0]
    assert pd.read_excel(xlsx, sheet_name="Machine")["reference"].tolist() == ["a", "b", "majority"]
