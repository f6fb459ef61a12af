"""Keyness and collocation statistics against worked examples computed by hand."""

from __future__ import annotations

import math

import pytest

from coding.keyness import chi2_p_value, log_dice, log_likelihood, log_ratio, mutual_information


def test_g2_of_a_worked_2_by_2_table() -> None:
    # a = 10 of c = 1000 words in the target, b = 10 of d = 9000 in the reference.
    # Observed 10, 990 | 10, 8990; expected 2, 998 | 18, 8982 (row total × column total / 10000).
    # G² = 2 [10 ln 5 + 990 ln(990/998) + 10 ln(10/18) + 8990 ln(8990/8982)]
    #    = 2 [16.0944 − 7.9678 − 5.8779 + 8.0035] = 2 × 10.2522 = 20.504
    assert log_likelihood(10, 10, 1000, 9000) == pytest.approx(20.504, abs=1e-3)
    # The chi-square (1 df) survival function at 20.504: erfc(√10.252) = 5.95e-6.
    assert chi2_p_value(20.504) == pytest.approx(5.95e-6, rel=1e-2)


def test_g2_of_a_word_absent_from_the_reference() -> None:
    # a = 5 of 100, b = 0 of 100: expected 2.5, 97.5 | 2.5, 97.5; the b cell is 0 and drops out.
    # G² = 2 [5 ln 2 + 95 ln(95/97.5) + 100 ln(100/97.5)] = 2 [3.4657 − 2.4677 + 2.5318] = 7.0596
    assert log_likelihood(5, 0, 100, 100) == pytest.approx(7.0596, abs=1e-3)


def test_p_values_at_the_usual_critical_values() -> None:
    assert chi2_p_value(3.841) == pytest.approx(0.05, abs=1e-4)
    assert chi2_p_value(6.635) == pytest.approx(0.01, abs=1e-4)
    assert chi2_p_value(10.828) == pytest.approx(0.001, abs=1e-5)
    assert chi2_p_value(0.0) == 1.0


def test_g2_is_zero_when_the_word_is_as_frequent_everywhere() -> None:
    assert log_likelihood(10, 90, 1000, 9000) == pytest.approx(0.0, abs=1e-9)


def test_log_ratio() -> None:
    assert log_ratio(10, 10, 1000, 9000) == pytest.approx(math.log2(9))  # (10/1000) / (10/9000) = 9
    assert log_ratio(5, 0, 100, 100) == pytest.approx(math.log2(10))  # a zero counts as 0.5: 5 / 0.5
    assert log_ratio(1, 2, 100, 100) == pytest.approx(-1.0)


def test_log_dice_and_mutual_information() -> None:
    assert log_dice(10, 20, 20) == pytest.approx(13.0)  # 14 + log2(20 / 40)
    assert log_dice(5, 5, 5) == pytest.approx(14.0)  # the maximum: always together
    # Expected in a 10-word window: 20 × 50 × 10 / 10000 = 1; observed 10.
    assert mutual_information(10, 20, 50, 10_000, 10) == pytest.approx(math.log2(10))
    assert log_dice(0, 5, 5) == float("-inf")
