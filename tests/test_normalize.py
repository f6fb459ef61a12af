from __future__ import annotations

import re
import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from coding.normalize import fix_lookalikes, normalize_paragraph, normalize_text, paragraph_spans

LOOKALIKES = [
    ("қылмыc", "қылмыс"),          # Latin c at the end
    ("iшкi", "ішкі"),              # Latin i for Kazakh і
    ("бaлa", "бала"),              # Latin a
    ("Kазақстан", "Казақстан"),    # Latin K at the start
    ("Kazakhstan", "Kazakhstan"),  # an all-Latin word stays Latin
    ("2019", "2019"),
]


@pytest.mark.parametrize(("text", "expected"), LOOKALIKES)
def test_lookalikes_become_cyrillic_inside_cyrillic_words(text: str, expected: str) -> None:
    assert fix_lookalikes(text) == expected


def test_whitespace_collapses_inside_paragraphs_and_breaks_are_kept() -> None:
    raw = "  Бірінші\tжол\nжалғасы.  \r\n\r\n\r\nЕкінші\u00a0абзац.\n"
    assert normalize_text(raw) == "Бірінші жол жалғасы.\n\nЕкінші абзац."


def test_lines_without_blank_lines_are_paragraphs_when_they_end_sentences() -> None:
    raw = "Бірінші абзац.\nЕкінші абзац.\nҮшінші абзац."
    assert normalize_text(raw).split("\n\n") == ["Бірінші абзац.", "Екінші абзац.", "Үшінші абзац."]


def test_hard_wrapped_prose_stays_one_paragraph() -> None:
    raw = "Бұл мәтін жолдарға\nбөлініп жазылған, бірақ\nбір абзац болып қалады."
    assert normalize_text(raw) == "Бұл мәтін жолдарға бөлініп жазылған, бірақ бір абзац болып қалады."


def test_nfc_and_invisible_characters() -> None:
    decomposed = "и\u0306"  # и + combining breve = й
    assert normalize_text(f"кра{decomposed}\u00adний") == "крайний"


@given(st.lists(st.text(alphabet="абвәғқ .,\n", min_size=1), min_size=1))
def test_paragraph_spans_cover_the_paragraphs(parts: list[str]) -> None:
    text = normalize_text("\n\n".join(parts))
    spans = paragraph_spans(text)
    assert "\n\n".join(text[s:e] for s, e in spans) == text
    assert all(text[s:e].strip() == text[s:e] and text[s:e] for s, e in spans)


@given(st.text(alphabet="бала ca\t\n\r\u00a0\u2003\u3000\u00ad\u200b\u200d\ufeffи\u0306", max_size=40))
def test_paragraph_normalisation_reads_as_its_definition(text: str) -> None:
    # NFC, the invisible characters dropped, look-alikes fixed, every whitespace run one space, ends stripped.
    expected = re.sub("[\u00ad\u200b\u200c\u200d\u2060\ufeff]", "", unicodedata.normalize("NFC", text))
    expected = re.sub(r"\s+", " ", fix_lookalikes(expected)).strip()
    assert normalize_paragraph(text) == expected
