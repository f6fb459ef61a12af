from __future__ import annotations

import re
import sys
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from coding.language import KAZAKH_ENDINGS, RUSSIAN_ENDINGS, detect_language, dominant_language, language_scores
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


# The endings as they were written when they were regular expressions anchored at the word's end.
ENDING_PATTERNS = [
    (KAZAKH_ENDINGS, r"(?:ды|ді|ты|ті|дың|тың|ның|ған|ген|қан|кен|ға|ге|қа|ке|дан|ден|тан|нан|нен|мен|бен|пен"
                     r"|лар|лер|дар|дер|тар|тер|ып|іп|уы|ын|сын|ды[қң]|ған|атын|етін|майды|мейді)$"),
    (RUSSIAN_ENDINGS, r"(?:ого|его|ому|ему|ыми|ими|ость|ости|ться|тся|ает|яет|ует|ение|ения|ании|ский|ская|ское"
                      r"|ской|ных|ным|ными|ется|ются|ешь|ишь|ал|ала|али|ило|ила|ыл|вать|ывать|ство|ства)$"),
]


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="адеиклмнопрстуыяғқіңсвьшгб", min_size=1, max_size=10))
def test_endings_read_as_the_anchored_patterns_did(word: str) -> None:
    for endings, pattern in ENDING_PATTERNS:
        assert word.endswith(endings) == bool(re.search(pattern, word))


def test_language_scores_count_each_kind_of_evidence() -> None:
    # және: a Kazakh letter (2.0) and word (1.0); амандасты: no Kazakh letter (ru 0.25) but the -ты past
    # ending (kk 0.6); это: Cyrillic without Kazakh letters (0.25) and a Russian word (1.0).
    assert language_scores("Және амандасты это") == {"kk": 2.0 + 1.0 + 0.6, "ru": 0.25 + 0.25 + 1.0, "en": 0.0}
