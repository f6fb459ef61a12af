from __future__ import annotations

from pathlib import Path

import pytest

from coding.corpus import load_corpus
from coding.errors import InputError
from coding.units import split_units


def test_unit_ids_and_offsets(small_corpus: Path) -> None:
    corpus = load_corpus(small_corpus)
    doc = next(d for d in corpus.documents if d.doc_id == "k1")
    sentences = [u for u in split_units([doc], "sentence")]
    assert [u.unit_id for u in sentences] == ["k1:1:1", "k1:2:1", "k1:2:2", "k1:3:1"]
    assert all(doc.text[u.start:u.end] == u.text for u in sentences)
    assert [u.unit_id for u in split_units([doc], "paragraph")] == ["k1:1", "k1:2", "k1:3"]
    assert [u.unit_id for u in split_units([doc], "document")] == ["k1"]


def test_unknown_unit(small_corpus: Path) -> None:
    with pytest.raises(InputError, match="'page' is not a coding unit"):
        split_units(load_corpus(small_corpus), "page")  # type: ignore[arg-type]
