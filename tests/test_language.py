from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

import pytest

from coding.language import detect_language, dominant_language
from tests.conftest import REPO, shared

SENTENCES = [
    ("Бала саудасының алдын алу — басты міндет.", "kk"),
    ("Бекболат амандасты.", "kk"),  # no Kazakh letter: decided by the -ды past ending
    ("Торговля детьми остаётся серьёзной проблемой.", "ru"),
    ("Child trafficking remains a serious crime.", "en"),
    ("Qazaqstan Respýblıkasy balalar quqyqtary", "other"),  # Kazakh in Latin script is not English
    ("12345 — 678", "other"),
]


@pytest.mark.parametrize(("text", "expected"), SENTENCES)
def test_detect_language(text: str, expected: str) -> None:
    assert detect_language(text) == expected


def test_dominant_language_weighs_words() -> None:
    assert dominant_language([("kk", 120), ("ru", 40), ("kk", 10)]) == "kk"
    assert dominant_language([]) == "other"


def test_accuracy_on_ud_sentences() -> None:
    """The sentences of the shared UD treebanks are labelled by their language."""
    shared("ud_kazakh_ktb")
    sys.path.insert(0, str(REPO / "benchmarks"))
    from language_eval import SETS, sentences

    total = right = 0
    for name, gold in SETS.items():
        folder = Path(shared(name))
        texts = sentences(folder)
        right += Counter(detect_language(t) for t in texts)[gold]
        total += len(texts)
    assert right / total >= 0.97
