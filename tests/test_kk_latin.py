from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from coding.lang.kk.latin import is_latin, latin_alphabet, to_cyrillic, to_latin
from coding.words import WORD_RE
from tests.conftest import shared

# (Latin, alphabet, Cyrillic): the same words in each spelling.
TRANSLITERATIONS = [
    ("Būryñğy", "2021", "бұрыңғы"),
    ("bır", "2021", "бір"),
    ("üiıne", "2021", "үйіне"),
    ("söilesıp", "2021", "сөйлесіп"),
    ("Işkı", "2021", "ішкі"),  # I is the capital of ı (і) in 2021
    ("İnternet", "2021", "интернет"),  # İ the capital of i (и)
    ("şaharynyñ", "2021", "шахарының"),
    ("saiasi", "2021", "саяси"),
    ("iağni", "2021", "яғни"),
    ("saýdasyna", "2018", "саудасына"),
    ("jáne", "2018", "және"),
    ("boıynsha", "2018", "бойынша"),
    ("Respýblıkasy", "2018", "республикасы"),
    ("qylmys", "2018", "қылмыс"),
    ("úshin", "2018", "үшін"),
    ("shyndyq", "2018", "шындық"),
    ("zhane", "informal", "және"),  # a listed word (its ә is written a)
    ("balalardyn", "informal", "балалардың"),  # the genitive's ң typed n
    ("kopshilik", "informal", "көпшілік"),  # o and u read with vowel harmony
    ("otken", "informal", "өткен"),
    ("qorgau", "informal", "қоргау"),  # g for ғ is lost: an informal limit
    ("bag'a", "informal", "баға"),
    ("sog’ys", "informal", "соғыс"),
    ("boyynsha", "informal", "бойынша"),
    ("zhumys", "informal", "жұмыс"),
]


@pytest.mark.parametrize(("latin", "alphabet", "cyrillic"), TRANSLITERATIONS)
def test_to_cyrillic(latin: str, alphabet: str, cyrillic: str) -> None:
    assert to_cyrillic(latin, alphabet) == cyrillic  # type: ignore[arg-type]
    assert to_cyrillic(latin) == cyrillic or latin_alphabet(latin) != alphabet  # guessed alike from its marks


ALPHABETS = [
    ("Būl mağan kelgen bala", "2021"),
    ("bır", "2021"),  # ı alone: the current alphabet
    ("Bul másele boıynsha", "2018"),
    ("boıynsha shyndyq", "2018"),  # ı with sh: 2018
    ("balalar qyzy zhane", "informal"),
    ("İnternet", "2021"),
]


@pytest.mark.parametrize(("text", "alphabet"), ALPHABETS)
def test_latin_alphabet(text: str, alphabet: str) -> None:
    assert latin_alphabet(text) == alphabet


def test_is_latin() -> None:
    assert [is_latin(w) for w in ("saýdasyna", "Qazaqstan", "сауда", "2018", "COVID-19", "g'")] == [
        True, True, False, False, True, True]


def test_word_re_keeps_every_latin_kazakh_letter_and_the_apostrophe() -> None:
    text = "Äğıñöşūüç áǵńóúý bag'a sog’ys İnternet"
    assert WORD_RE.findall(text) == ["Äğıñöşūüç", "áǵńóúý", "bag'a", "sog’ys", "İnternet"]


def test_to_latin() -> None:
    assert to_latin("Бұл мәселе бойынша") == "būl mäsele boiynşa"
    assert to_latin("Бұл мәселе бойынша", "2018") == "bul másele boıynsha"
    assert to_latin("Бұл мәселе бойынша", "informal") == "bul masele boiynsha"


# Native Kazakh letters whose spelling goes back unambiguously (и/й, я/ю, ц, х/һ are left out: й and и
# share a letter, and х and һ are both h).
NATIVE = "аәбгғдежзкқлмнңоөпрстуұүфшыі"


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=NATIVE, min_size=1, max_size=12), st.sampled_from(["2021", "2018"]))
def test_official_alphabets_round_trip(word: str, alphabet: str) -> None:
    assert to_cyrillic(to_latin(word, alphabet), alphabet) == word  # type: ignore[arg-type]


def test_round_trip_on_kazakh_news() -> None:
    """KazNERD's words, written in each spelling and read back: loans with ц, э, ё are what is lost."""
    path = Path(shared("kaznerd_valid")) / "kaznerd_valid_sentences.txt"
    words = [w.lower().replace("ё", "е") for line in path.read_text(encoding="utf-8").splitlines()
             for w in WORD_RE.findall(line) if not w.isdigit()]
    for alphabet, floor in (("2021", 0.97), ("2018", 0.97), ("informal", 0.78)):
        same = sum(to_cyrillic(to_latin(w, alphabet), alphabet) == w for w in words)  # type: ignore[arg-type]
        assert same / len(words) >= floor, alphabet


def test_lemma_keys_of_latin_words_are_the_cyrillic_ones() -> None:
    """`coding lemmas`, explain and the codebook checks key a Latin Kazakh word as its Cyrillic form."""
    from coding.lemmas import lemma_key

    assert [lemma_key(w, "kk") for w in ("saýdasyna", "Qazaqstannyñ", "balalarğa")] == ["сауда", "қазақстан", "бала"]
    assert lemma_key("balalar", "en") == "balalar"  # only Kazakh is transliterated
