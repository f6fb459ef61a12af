from __future__ import annotations

import re
import sys
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from coding.language import (
    KAZAKH_ENDINGS,
    RUSSIAN_ENDINGS,
    detect_language,
    dominant_language,
    identify_language,
    language_scores,
    second_language_evidence,
)
from tests.conftest import REPO, shared

SENTENCES = [
    ("Бала саудасының алдын алу — басты міндет.", "kk"),
    ("Бекболат амандасты.", "kk"),  # no Kazakh letter: decided by the -ды past ending
    ("Торговля детьми остаётся серьёзной проблемой.", "ru"),
    ("Child trafficking remains a serious crime.", "en"),
    ("Qazaqstan Respýblıkasy balalar quqyqtary", "kk"),  # Kazakh in Latin script is Kazakh, not English
    ("Türkiye ile ilişkiler güçlü olmaya devam ediyor mu acaba", "kk"),  # Turkish letters: read as Kazakh
    ("Lorem ipsum dolor sit amet consectetur", "other"),  # Latin text with no English word and no Kazakh cue
    ("12345 — 678", "other"),
]


@pytest.mark.parametrize(("text", "expected"), SENTENCES)
def test_detect_language(text: str, expected: str) -> None:
    assert detect_language(text) == expected


# Latin-script Kazakh in each alphabet, and English that holds words spelt like Kazakh ones.
LATIN_PARAGRAPHS = [
    ("Būl mäsele boiynşa jūmys jalğasady. Balalar saudasyna qarsy zañ qabyldandy.", ("kk", "Latn")),  # 2021
    ("Bul másele boıynsha jumys jalǵasady. Balalar saýdasyna qarsy zań qabyldandy.", ("kk", "Latn")),  # 2018
    ("Bul masele boyynsha zhumys zhalgasady, balalardyn quqyqtaryn qorgau kerek.", ("kk", "Latn")),  # ASCII
    ("Ukimet jane parlament balalar turaly zan qabyldady.", ("kk", "Latn")),  # informal, no mark
    ("The men at the bar said the bala was born on a kun day in Almaty.", ("en", "Latn")),
    ("Men and women from the bar association met in Qatar and Iraq to discuss the salary of judges.", ("en", "Latn")),
    ("Jane Olar and her men went to the bar in Astana for the conference.", ("en", "Latn")),
    ("Бала саудасына қарсы заң қабылданды.", ("kk", "Cyrl")),
    ("Закон о торговле детьми принят.", ("ru", "Cyrl")),
]


@pytest.mark.parametrize(("text", "expected"), LATIN_PARAGRAPHS)
def test_identify_language_and_script(text: str, expected: tuple[str, str]) -> None:
    assert identify_language(text) == expected


SECOND_LANGUAGE = [
    ("Министр сөйледі. «Торговля детьми остаётся проблемой», – деді ол.", "kk", "Cyrl", True),
    ("Министр баспасөз мәслихатында сөз сөйледі. Бұл мәселе бойынша жұмыс жалғасады.", "kk", "Cyrl", False),
    ("Министр выступил. «Бала саудасы — ауыр қылмыс», сказал он.", "ru", "Cyrl", True),
    ("Министр выступил на пресс-конференции в Астане.", "ru", "Cyrl", False),
    ("The minister spoke. Бала саудасы ауыр қылмыс.", "en", "Latn", True),
    ("Полиция Facebook желісінде хабарлады.", "kk", "Cyrl", False),  # one Latin name is no second language
    ("Министр айтты: Child trafficking remains a crime.", "kk", "Cyrl", True),
]


@pytest.mark.parametrize(("text", "lang", "script", "expected"), SECOND_LANGUAGE)
def test_second_language_evidence(text: str, lang: str, script: str, expected: bool) -> None:
    assert second_language_evidence(text, lang, script) is expected  # type: ignore[arg-type]


def test_no_second_language_evidence_in_most_kazakh_news() -> None:
    """The per-sentence pass stays rare: few Kazakh news sentences look like they hold Russian."""
    path = Path(shared("kaznerd_valid")) / "kaznerd_valid_sentences.txt"
    lines = path.read_text(encoding="utf-8").splitlines()
    flagged = sum(second_language_evidence(line, "kk", "Cyrl") for line in lines)
    assert flagged / len(lines) < 0.05


def test_latin_kazakh_news_is_kazakh() -> None:
    """KazNERD sentences written in each Latin spelling are identified as Kazakh in Latin script."""
    from coding.lang.kk.latin import to_latin

    path = Path(shared("kaznerd_valid")) / "kaznerd_valid_sentences.txt"
    lines = [line for line in path.read_text(encoding="utf-8").splitlines() if len(line.split()) >= 6][:2000]
    for alphabet, floor in (("2021", 0.97), ("2018", 0.97), ("informal", 0.80)):
        found = Counter(identify_language(to_latin(line, alphabet)) for line in lines)
        assert found[("kk", "Latn")] / len(lines) >= floor, (alphabet, found.most_common(3))


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
