"""The outputs of `code_corpus` on the hand-checked small corpus: columns and numbers."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from coding.codebook import load_codebook
from coding.corpus import load_corpus
from coding.errors import CorpusError, InputError, OutputError
from coding.exports.atomic import check_output_dir
from coding.runs import code_corpus


@pytest.fixture
def run(small_corpus: Path, codebook_file: Path):
    return code_corpus(load_corpus(small_corpus), load_codebook(codebook_file), "sentence")


def write_run(small_corpus: Path, codebook_file: Path, out: Path, force: bool = False):
    check_output_dir(out, force=force, protected=(small_corpus,))
    return code_corpus(small_corpus, load_codebook(codebook_file), "sentence", out=out)


def test_segments_are_the_hand_checked_ones(run, small_corpus: Path) -> None:
    found = sorted(zip(run.segments["doc_id"], run.segments["code"], run.segments["surface"], strict=True))
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
    documents = {d.doc_id: d for d in load_corpus(small_corpus).documents}
    for match in run.segments.itertuples():
        assert documents[match.doc_id].text[match.start:match.end] == match.surface


def test_frequencies(run) -> None:
    table = run.frequencies.set_index("code")
    words = run.counts["words"]
    assert table.loc["child_trafficking", "occurrences"] == 5
    assert table.loc["child_trafficking", "documents"] == 3
    assert table.loc["child_trafficking", "units"] == 5
    assert table.loc["child_trafficking", "per_1000_words"] == round(5000 / words, 4)
    by_type = run.frequencies_by("source_type").set_index(["code", "source_type"])
    assert by_type.loc[("child_trafficking", "media"), "occurrences"] == 4
    assert by_type.loc[("child_trafficking", "official"), "occurrences"] == 1
    assert by_type["occurrences"].sum() == len(run.segments)
    with pytest.raises(InputError, match="no column 'outlet'"):
        run.frequencies_by("outlet")


def test_written_files(run, small_corpus: Path, codebook_file: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    written = write_run(small_corpus, codebook_file, out)
    segments = pd.read_csv(out / "segments.csv", encoding="utf-8-sig")
    assert len(written.segments) == len(segments)  # read from the folder
    assert list(segments.columns[:10]) == ["doc_id", "lang", "unit", "unit_id", "code", "term", "surface",
                                           "start", "end", "context"]
    assert {"source_type", "outlet", "date", "region"} <= set(segments.columns)
    assert len(segments) == len(run.segments)
    units = pd.read_csv(out / "units.csv", encoding="utf-8-sig")
    assert units["child_trafficking"].sum() == 5 and (units[["child_trafficking", "crime", "protection"]]
                                                      .sum(axis=1) > 0).all()
    freq = pd.read_csv(out / "frequencies.csv", encoding="utf-8-sig")
    assert freq["occurrences"].sum() == len(segments)
    by_lang = pd.read_csv(out / "frequencies_by_language.csv", encoding="utf-8-sig")
    assert set(by_lang["lang"]) == {"kk", "ru", "en"}
    provenance = json.loads((out / "run.json").read_text(encoding="utf-8"))
    assert provenance["codebook"]["sha256"] == load_codebook(codebook_file).sha256
    assert len(provenance["corpus"]["documents"]) == 4
    files = provenance.pop("files")  # the sizes and SHA-256 of the files written (none in memory)
    assert set(files) == {path.name for path in out.iterdir()} - {"run.json"}
    assert provenance == {**run.provenance, "started": provenance["started"],
                          "duration_seconds": provenance["duration_seconds"]}
    assert provenance["counts"]["segments"] == len(segments)
    assert not list(out.glob(".*"))  # no temporary file is left behind


def test_in_memory_tables_equal_the_written_files(run, small_corpus: Path, codebook_file: Path,
                                                  tmp_path: Path) -> None:
    write_run(small_corpus, codebook_file, tmp_path / "out")
    for name, table in run.tables.items():
        written = pd.read_csv(tmp_path / "out" / name, encoding="utf-8-sig", keep_default_na=False)
        expected = pd.read_csv(io.StringIO(table.to_csv(index=False)), keep_default_na=False)
        pd.testing.assert_frame_equal(written, expected, check_dtype=False)


def test_existing_folder_needs_force(small_corpus: Path, codebook_file: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    write_run(small_corpus, codebook_file, out)
    with pytest.raises(OutputError, match="already exists"):
        write_run(small_corpus, codebook_file, out)
    write_run(small_corpus, codebook_file, out, force=True)


def test_output_inside_the_corpus_is_refused(small_corpus: Path, codebook_file: Path) -> None:
    with pytest.raises(OutputError, match="never written to"):
        write_run(small_corpus, codebook_file, small_corpus / "results", force=True)


def test_a_failed_run_leaves_no_file_behind(codebook_file: Path, tmp_path: Path) -> None:
    root = tmp_path / "c"
    root.mkdir()
    (root / "broken.pdf").write_bytes(b"not a pdf")
    out = tmp_path / "out"
    with pytest.raises(CorpusError, match="no documents found"):
        code_corpus(root, load_codebook(codebook_file), out=out)
    assert not out.exists() or not list(out.iterdir())


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
    assert list(by_document.units["unit_id"]) == ["mixed"]
    assert by_document.units.loc[0, "child_trafficking"] == 2
    assert sorted(by_document.segments["surface"]) == ["Бала саудасы", "Торговля детьми"]
    assert set(by_document.segments["unit_id"]) == {"mixed"}
    assert by_paragraph.units["child_trafficking"].sum() == 2
    assert by_document.counts["words"] == by_paragraph.counts["words"]


VOCABULARY = ["бала", "балалар", "саудасы", "саудасына", "қылмыс", "қылмыстық", "құқық", "қорғау", "органдары",
              "торговля", "детьми", "защита", "child", "trafficking", "crime", "protection", "және", "the"]


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.lists(st.sampled_from(VOCABULARY), min_size=1, max_size=30), min_size=1, max_size=4),
       st.sampled_from(["sentence", "paragraph", "document"]))
def test_frequencies_equal_the_segment_rows(tmp_path_factory, codebook_file: Path, paragraphs, unit: str) -> None:
    root = tmp_path_factory.mktemp("corpus")
    (root / "doc.txt").write_text("\n\n".join(" ".join(words) + "." for words in paragraphs), encoding="utf-8")
    book = load_codebook(codebook_file)
    run = code_corpus(load_corpus(root), book, unit)  # type: ignore[arg-type]
    table = run.frequencies
    segments = run.segments
    assert table["occurrences"].sum() == len(segments) == run.counts["segments"]
    for code in book.codes:
        assert table.set_index("code").loc[code.id, "units"] == segments[segments["code"] == code.id][
            "unit_id"].nunique()
    codes = [c.id for c in book.codes]
    assert run.units[codes].to_numpy().sum() == len(segments)


@pytest.mark.parametrize("context", [200, 0])
def test_document_units_keep_their_text_once_and_segments_a_bounded_context(tmp_path: Path, codebook_file: Path,
                                                                            context: int) -> None:
    # A 400 KB document unit with hundreds of matches once made a segments.csv of its text times the matches.
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    filler = ("Бүгін ауа райы жылы болды, адамдар саябақта серуендеді. " * 40).strip()
    text = "\n\n".join(f"Бала саудасы туралы {n}-хабар. {filler}" for n in range(150))
    (corpus / "long.txt").write_text(text, encoding="utf-8")
    out = tmp_path / "run"
    code_corpus(corpus, load_codebook(codebook_file), unit="document", out=out, context=context)
    segments = pd.read_csv(out / "segments.csv", encoding="utf-8-sig", keep_default_na=False)
    units = pd.read_csv(out / "units.csv", encoding="utf-8-sig", keep_default_na=False)
    assert len(segments) == 150 and len(units) == 1
    assert units["unit_text"][0] == text.strip()
    widest = 2 * context + segments["surface"].str.len().max() + 4  # and "… " / " …"
    assert segments["context"].str.len().max() <= widest
    assert all(surface in context_text for surface, context_text in zip(segments["surface"], segments["context"],
                                                                       strict=True))
    assert (out / "segments.csv").stat().st_size < len(text.encode("utf-8"))


def test_a_short_sentence_is_its_own_context(run) -> None:
    segments = run.segments
    assert (segments["unit"] == "sentence").all()
    assert all(surface in context for surface, context in zip(segments["surface"], segments["context"], strict=True))
    assert not segments["context"].str.contains("…", regex=False).any()


TONE_YAML = "tone:\n  positive: {kk: [көмек]}\n  negative: {kk: [ауыр], ru: [проблема]}\n"


def test_tone_csv_gives_every_unit_its_tone(small_corpus: Path, tmp_path: Path) -> None:
    from tests.conftest import CODEBOOK_YAML

    (tmp_path / "tone.yaml").write_text(CODEBOOK_YAML + TONE_YAML, encoding="utf-8")
    book = load_codebook(tmp_path / "tone.yaml")
    written = code_corpus(small_corpus, book, "sentence", out=tmp_path / "out", tone_csv=True)
    tone = pd.read_csv(tmp_path / "out" / "tone.csv", encoding="utf-8-sig", keep_default_na=False)
    assert list(tone.columns) == ["doc_id", "unit_id", "lang", "tone", "tone_score", "tone_evidence"]
    assert len(tone) == written.counts["units"] == tone["unit_id"].nunique()
    units = pd.read_csv(tmp_path / "out" / "units.csv", encoding="utf-8-sig", keep_default_na=False)
    both = units.merge(tone, on="unit_id", suffixes=("", "_all"))
    assert len(both) == len(units) and (both["tone"] == both["tone_all"]).all()
    assert (both["tone_evidence"] == both["tone_evidence_all"]).all()
    uncoded = tone[~tone["unit_id"].isin(units["unit_id"])]
    assert set(uncoded["tone"]) == {"neutral", "positive"}
    # «Жәбірленушілерге көмек көрсетілді.» has no code, and its tone is kept all the same
    assert uncoded[uncoded["tone"] == "positive"][["doc_id", "tone_score", "tone_evidence"]].values.tolist() == \
        [["k2", 1, "+көмек"]]
    assert json.loads((tmp_path / "out" / "run.json").read_text(encoding="utf-8"))["options"]["tone_csv"] is True
    memory = code_corpus(small_corpus, book, "sentence", tone_csv=True)
    expected = pd.read_csv(io.StringIO(memory.tables["tone.csv"].to_csv(index=False)), keep_default_na=False)
    pd.testing.assert_frame_equal(tone, expected, check_dtype=False)
    assert "tone.csv" not in code_corpus(small_corpus, book, "sentence").tables


def test_tone_csv_needs_tone_rules(small_corpus: Path, codebook_file: Path, tmp_path: Path) -> None:
    with pytest.raises(InputError, match="the codebook has no 'tone:' section"):
        code_corpus(small_corpus, load_codebook(codebook_file), "sentence", out=tmp_path / "out", tone_csv=True)


@pytest.fixture
def mixed_corpus(tmp_path: Path) -> Path:
    """A document with a Cyrillic and a Latin Kazakh paragraph, one with a Russian quotation, one English."""
    root = tmp_path / "mixed"
    root.mkdir()
    (root / "scripts.txt").write_text(
        "Балалар саудасына қарсы күрес жалғасуда. Полиция бірнеше қылмысты ашты.\n\n"
        "Balalar saýdasyna qarsy kúres jalǵasýda. Polıtsııa birneshe qylmysty ashty.\n", encoding="utf-8")
    (root / "quote.txt").write_text(
        "Министр баспасөз мәслихатында бала саудасы туралы айтты. «Торговля детьми остаётся серьёзной "
        "проблемой для всех регионов», – деді ол.\n", encoding="utf-8")
    (root / "english.txt").write_text(
        "The men at the bar said the bala was born on a kun day, far from any child trafficking.\n",
        encoding="utf-8")
    return root


@pytest.mark.parametrize("unit", ["sentence", "paragraph", "document"])
def test_mixed_scripts_and_languages(mixed_corpus: Path, codebook_file: Path, unit: str) -> None:
    """One Cyrillic term codes both scripts, the Russian quotation is coded with the Russian term, offsets
    and surfaces are the document's own text, and the tables say which languages each unit mixes."""
    run = code_corpus(load_corpus(mixed_corpus), load_codebook(codebook_file), unit)  # type: ignore[arg-type]
    documents = {d.doc_id: d for d in load_corpus(mixed_corpus).documents}
    found = sorted(zip(run.segments["doc_id"], run.segments["lang"], run.segments["surface"], strict=True))
    assert [f for f in found if f[0] != "english"] == [
        ("quote", "kk", "бала саудасы"), ("quote", "ru", "Торговля детьми"),
        ("scripts", "kk", "Balalar saýdasyna"), ("scripts", "kk", "qylmysty"),
        ("scripts", "kk", "Балалар саудасына"), ("scripts", "kk", "қылмысты")]
    assert [f for f in found if f[0] == "english"] == [("english", "en", "child trafficking")]
    for match in run.segments.itertuples():
        assert documents[match.doc_id].text[match.start:match.end] == match.surface
    docs = run.documents.set_index("doc_id")
    assert docs.loc["scripts", ["lang", "langs"]].tolist() == ["kk", "kk"]
    assert sorted(docs.loc["scripts", "script"].split(",")) == ["Cyrl", "Latn"]  # the longer text first
    assert docs.loc["quote", ["lang", "langs", "script"]].tolist() == ["kk", "kk,ru", "Cyrl"]
    units = run.units.set_index("unit_id")
    if unit == "paragraph":
        assert units.loc["scripts:2", ["lang", "script"]].tolist() == ["kk", "Latn"]
        assert units.loc["quote:1", ["lang", "langs"]].tolist() == ["kk", "kk,ru"]
    if unit == "sentence":
        assert units.loc["quote:1:2", ["lang", "langs"]].tolist() == ["ru", "ru,kk"]
    by_lang = run.frequencies_by("lang").set_index(["code", "lang"])
    measures = ["occurrences", "documents_with_lang_units", "units"]
    assert by_lang.loc[("child_trafficking", "ru"), measures].tolist() == [1, 1, 1]
    assert by_lang.loc[("child_trafficking", "kk"), measures[:2]].tolist() == [3, 2]
    assert "documents_with_lang_units" in run.tables["frequencies_by_language.csv"].columns


def test_corpus_info_counts_documents_both_ways(runner, mixed_corpus: Path) -> None:
    from coding.cli import cli

    result = runner.invoke(cli, ["corpus", "info", str(mixed_corpus), "--json"])
    assert result.exit_code == 0, result.output
    by_language = {row["language"]: row for row in json.loads(result.output)["by_language"]}
    assert (by_language["ru"]["documents"], by_language["ru"]["documents_with_lang_units"]) == (0, 1)
    assert (by_language["kk"]["documents"], by_language["kk"]["documents_with_lang_units"]) == (2, 2)
    assert (by_language["all"]["documents"], by_language["all"]["documents_with_lang_units"]) == (3, 3)


def test_kwic_finds_a_quotation_in_its_own_language(mixed_corpus: Path, codebook_file: Path) -> None:
    from coding.kwic import kwic_rows

    corpus, book = load_corpus(mixed_corpus), load_codebook(codebook_file)
    russian = list(kwic_rows(corpus, book.codes, unit="paragraph", lang="ru"))
    assert [(row["unit_id"], row["match"]) for row in russian] == [("quote:1", "Торговля детьми")]
    kazakh = list(kwic_rows(corpus, book.codes, unit="paragraph", lang="kk"))
    assert {row["match"] for row in kazakh} == {"бала саудасы", "Balalar saýdasyna", "qylmysty", "Балалар саудасына",
                                                "қылмысты"}
