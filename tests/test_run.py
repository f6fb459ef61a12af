"""The outputs of `code_corpus` on the hand-checked small corpus: columns and numbers."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from coding.codebook import load_codebook
from coding.corpus import load_corpus
from coding.errors import OutputError
from coding.exports.csv import write_run
from coding.runs import code_corpus
from coding.tables import frequency_table, segments_table


@pytest.fixture
def run(small_corpus: Path, codebook_file: Path):
    return code_corpus(load_corpus(small_corpus), load_codebook(codebook_file), "sentence")


def test_segments_are_the_hand_checked_ones(run) -> None:
    found = sorted((m.doc_id, m.code, m.surface) for m in run.matches)
    assert found == [
        ("e1", "child_trafficking", "Child trafficking"),
        ("e1", "crime", "crime"),
        ("e1", "protection", "protection"),
        ("k1", "child_trafficking", "Бала саудасы"),
        ("k1", "child_trafficking", "Балалар саудасына"),
        ("k1", "crime", "қылмыс"),
        ("k1", "protection", "қорғау"),      # құқықтарын қорғау; «Құқық қорғау органдары» is excluded
        ("r1", "child_trafficking", "Торговля детьми"),
        ("r1", "child_trafficking", "торговли детьми"),
        ("r1", "protection", "защиту"),
    ]
    for match in run.matches:
        doc = next(d for d in run.corpus.documents if d.doc_id == match.doc_id)
        assert doc.text[match.start:match.end] == match.surface


def test_frequencies(run) -> None:
    table = frequency_table(run).set_index("code")
    words = sum(c.words for c in run.codings)
    assert table.loc["child_trafficking", "occurrences"] == 5
    assert table.loc["child_trafficking", "documents"] == 3
    assert table.loc["child_trafficking", "units"] == 5
    assert table.loc["child_trafficking", "per_1000_words"] == round(5000 / words, 4)
    by_type = frequency_table(run, "source_type").set_index(["code", "source_type"])
    assert by_type.loc[("child_trafficking", "media"), "occurrences"] == 4
    assert by_type.loc[("child_trafficking", "official"), "occurrences"] == 1
    assert by_type["occurrences"].sum() == len(run.matches)


def test_written_files(run, tmp_path: Path) -> None:
    out = tmp_path / "out"
    write_run(run, out)
    segments = pd.read_csv(out / "segments.csv", encoding="utf-8-sig")
    assert list(segments.columns[:10]) == ["doc_id", "lang", "unit", "unit_id", "code", "term", "surface",
                                           "start", "end", "unit_text"]
    assert {"source_type", "outlet", "date", "region"} <= set(segments.columns)
    assert len(segments) == len(run.matches)
    units = pd.read_csv(out / "units.csv", encoding="utf-8-sig")
    assert units["child_trafficking"].sum() == 5 and (units[["child_trafficking", "crime", "protection"]]
                                                      .sum(axis=1) > 0).all()
    freq = pd.read_csv(out / "frequencies.csv", encoding="utf-8-sig")
    assert freq["occurrences"].sum() == len(segments)
    by_lang = pd.read_csv(out / "frequencies_by_language.csv", encoding="utf-8-sig")
    assert set(by_lang["lang"]) == {"kk", "ru", "en"}
    provenance = json.loads((out / "run.json").read_text(encoding="utf-8"))
    assert provenance["codebook"]["sha256"] == run.codebook.sha256
    assert len(provenance["corpus"]["documents"]) == 4
    assert provenance["counts"]["segments"] == len(segments)
    assert not list(out.glob(".*tmp"))


def test_existing_folder_needs_force(run, tmp_path: Path) -> None:
    out = tmp_path / "out"
    write_run(run, out)
    with pytest.raises(OutputError, match="already exists"):
        write_run(run, out)
    write_run(run, out, force=True)


def test_output_inside_the_corpus_is_refused(run, small_corpus: Path) -> None:
    with pytest.raises(OutputError, match="never written to"):
        write_run(run, small_corpus / "results", force=True)


def test_document_units_match_each_paragraph_in_its_own_language(tmp_path: Path, codebook_file: Path) -> None:
    root = tmp_path / "c"
    root.mkdir()
    (root / "mixed.txt").write_text(
        "Бала саудасы мәселесі биыл да өзекті болып қала береді, деп жазады сарапшылар.\n\n"
        "«Торговля детьми остаётся серьёзной проблемой для всего региона», — сказал эксперт.\n",
        encoding="utf-8",
    )
    book = load_codebook(codebook_file)
    by_document = code_corpus(load_corpus(root), book, "document")
    by_paragraph = code_corpus(load_corpus(root), book, "paragraph")
    assert [c.unit.unit_id for c in by_document.codings] == ["mixed"]
    assert by_document.codings[0].counts == {"child_trafficking": 2}
    assert sorted(m.surface for m in by_document.matches) == ["Бала саудасы", "Торговля детьми"]
    assert {m.unit_id for m in by_document.matches} == {"mixed"}
    assert sum(c.counts.get("child_trafficking", 0) for c in by_paragraph.codings) == 2
    assert by_document.codings[0].words == sum(c.words for c in by_paragraph.codings)


VOCABULARY = ["бала", "балалар", "саудасы", "саудасына", "қылмыс", "қылмыстық", "құқық", "қорғау", "органдары",
              "торговля", "детьми", "защита", "child", "trafficking", "crime", "protection", "және", "the"]


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.lists(st.sampled_from(VOCABULARY), min_size=1, max_size=30), min_size=1, max_size=4),
       st.sampled_from(["sentence", "paragraph", "document"]))
def test_frequencies_equal_the_segment_rows(tmp_path_factory, codebook_file: Path, paragraphs, unit: str) -> None:
    root = tmp_path_factory.mktemp("corpus")
    (root / "doc.txt").write_text("\n\n".join(" ".join(words) + "." for words in paragraphs), encoding="utf-8")
    run = code_corpus(load_corpus(root), load_codebook(codebook_file), unit)  # type: ignore[arg-type]
    table = frequency_table(run)
    assert table["occurrences"].sum() == len(segments_table(run)) == len(run.matches)
    for code in run.codebook.codes:
        assert table.set_index("code").loc[code.id, "units"] == len({m.unit_id for m in run.matches
                                                                    if m.code == code.id})
    assert sum(sum(c.counts.values()) for c in run.codings) == len(run.matches)
