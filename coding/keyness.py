"""Association statistics for ranking words: keyness (log-likelihood G², Hardie's log ratio) and
collocation strength (log-Dice, mutual information), each from plain frequencies.

No scipy: the p-value of G² is the chi-square survival function for one degree of freedom,
``erfc(sqrt(G² / 2))``.
"""

from __future__ import annotations

import math

# Hardie (2014): a zero frequency is replaced by 0.5 so that the log ratio of a word absent from the
# reference corpus stays finite (and stays comparable between words).
ZERO_FREQUENCY = 0.5


def log_likelihood(a: int, b: int, c: int, d: int) -> float:
    """The log-likelihood G² of a word seen ``a`` times in a target of ``c`` words and ``b`` times in a
    reference of ``d`` words: the G-test of the 2 × 2 table (this word, other words) × (target,
    reference), all four cells — the statistic ``scipy.stats.chi2_contingency(..., lambda_="log-likelihood")``
    gives. (Rayson's keyness calculator keeps the two cells of the word only; it differs a little.)

    >>> round(log_likelihood(10, 10, 1000, 9000), 3)
    20.504
    """
    total = c + d
    if total == 0 or a + b == 0 or c == 0 or d == 0:
        return 0.0
    word, other = a + b, total - a - b
    cells = ((a, c * word), (c - a, c * other), (b, d * word), (d - b, d * other))
    return 2.0 * sum(observed * math.log(observed * total / margin) for observed, margin in cells if observed)


def chi2_p_value(statistic: float) -> float:
    """The p-value of a chi-square statistic with one degree of freedom (for G²).

    >>> round(chi2_p_value(3.841), 3)
    0.05
    """
    return math.erfc(math.sqrt(max(statistic, 0.0) / 2.0))


def log_ratio(a: int, b: int, c: int, d: int) -> float:
    """Hardie's log ratio: log2 of the word's relative frequency in the target over that in the
    reference (a zero frequency counts as 0.5). 1 means twice as frequent, 3 eight times.

    >>> log_ratio(10, 10, 1000, 9000)
    3.169925001442312
    """
    if c == 0 or d == 0:
        return 0.0
    return math.log2(((a or ZERO_FREQUENCY) / c) / ((b or ZERO_FREQUENCY) / d))


def log_dice(together: int, node: int, collocate: int) -> float:
    """Rychlý's log-Dice: 14 + log2(2·f(xy) / (f(x) + f(y))); at most 14, independent of corpus size.

    >>> log_dice(10, 20, 20)
    13.0
    """
    if together == 0 or node + collocate == 0:
        return float("-inf")
    return 14.0 + math.log2(2.0 * together / (node + collocate))


def mutual_information(together: int, node: int, collocate: int, words: int, span: int) -> float:
    """Mutual information of a collocate in a window: log2(observed / expected), the expected count
    being f(node) · f(collocate) · span / N, with ``span`` the words of the window (both sides).

    >>> mutual_information(10, 20, 50, 10_000, 10)
    3.321928094887362
    """
    expected = node * collocate * span / words if words else 0.0
    if together == 0 or expected == 0:
        return float("-inf")
    return math.log2(together / expected)
