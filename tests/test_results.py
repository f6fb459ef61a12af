"""Reading a run folder back (coding.results) and the tables derived from it for the exports."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pandas as pd
import pytest

from coding.codebook import load_codebook
from coding.errors import CodebookError, CorpusError, InputError, OutputError
from coding.results import (
    CAPTIONS,
    caption,
    corpus_totals,
    group_totals,
    load_results,
    tone_table,
    year_table,
)
from coding.runs import code_corpus
from tests.conftest import CODEBOOK_YAML, small_corpus

# The shared test codebook plus what the exports show beyond frequencies: a code that overlaps another
# («Бала» inside «Бала саудасы»), a colour, directions and tone rules.
EXPORT_CODEBOOK_YAML = CODEBOOK_YAML + """\
  - id: child
    label: {kk: Бала, ru: Ребёнок, en: Child}
    group: people
    color: "#8c564b"
    terms:
      kk: [бала]
      ru: [ребенок]
      en: [child]
directions:
  - id: legal
    label: {kk: Құқықтық, ru: Правовое, en: Legal}
    terms:
      kk: [кодекс]
      ru: [случай]
      en: [crime]
tone:
  negative:
    kk: [ауыр]
    ru: [проблема]
    en: [serious]
  positive:
    kk: [көмек]
    en: [protection]
"""


def make_run(corpus: Path, codebook_text: str, folder: Path) -> Path:
    """Code ``corpus`` with a codebook written into ``folder`` and write the run to ``folder/run``."""
    folder.mkdir(parents=True, exist_ok=True)
    book = folder / "export_codebook.yaml"
    book.write_text(codebook_text, encoding="utf-8")
    code_corpus(corpus, load_codebook(book), "sentence", out=folder / "run")
    return folder / "run"


def small_run(folder: Path, codebook_text: str = EXPORT_CODEBOOK_YAML,
              manifest_edits: dict[str, str] | None = None) -> Path:
    """The conftest's small corpus written under ``folder`` (with ``manifest_edits`` applied) and coded,
    for module-scoped fixtures: read-only tests share one run instead of coding the corpus each time."""
    corpus = small_corpus.__wrapped__(folder)  # the fixture's own body; fixtures are function-scoped
    manifest = corpus / "manifest.csv"
    text = manifest.read_text(encoding="utf-8")
    for old, new in (manifest_edits or {}).items():
        text = text.replace(old, new)
    manifest.write_text(text, encoding="utf-8")
    return make_run(corpus, codebook_text, folder / "results")


def read(run_dir: Path, name: str) -> pd.DataFrame:
    """A CSV of the run as a researcher would read it."""
    return pd.read_csv(run_dir / name, encoding="utf-8-sig", keep_default_na=False)


def forget_file_records(run_dir: Path) -> None:
    """Make a run folder look as if an earlier version wrote it: no sizes and SHA-256 in run.json."""
    provenance = json.loads((run_dir / "run.json").read_text(encoding="utf-8"))
    del provenance["files"]
    (run_dir / "run.json").write_text(json.dumps(provenance), encoding="utf-8")


@pytest.fixture
def run_dir(small_corpus: Path, tmp_path: Path) -> Path:
    return make_run(small_corpus, EXPORT_CODEBOOK_YAML, tmp_path / "results")


@pytest.fixture(scope="module")
def shared_run(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return small_run(tmp_path_factory.mktemp("shared"))


def test_load_results_reads_every_table(shared_run: Path) -> None:
    results = load_results(shared_run)
    assert results.codes == ["child_trafficking", "crime", "protection", "child"]
    segments = pd.concat(results.iter_segments())
    assert len(segments) == results.segment_count == len(read(shared_run, "segments.csv")) == 17
    assert results.coded_unit_count == len(read(shared_run, "units.csv"))
    assert segments["start"].dtype.kind == "i" and results.documents["words"].dtype.kind == "i"
    assert results.documents.loc[results.documents["doc_id"] == "r1", "date"].item() == "2020"  # not 2020.0
    assert set(results.crosstabs) == {"code_direction", "code_tone", "source_type_tone"}
    assert results.provenance["counts"]["segments"] == 17
    assert results.codebook.title == "Test codebook"
    assert results.label("child", "ru") == "Ребёнок"
    assert results.direction_label("unspecified", "en") == "Unspecified"


def test_not_a_run_folder(tmp_path: Path) -> None:
    folder = tmp_path / "nothing"
    with pytest.raises(InputError) as error:
        load_results(folder)
    assert str(error.value) == (f"{folder}: is not a run folder (it has no run.json); "
                                f"run 'coding code CORPUS --codebook FILE --out {folder}' first")


def test_a_missing_table_is_named(run_dir: Path) -> None:
    (run_dir / "documents.csv").unlink()
    with pytest.raises(InputError, match="documents.csv is missing from the run folder"):
        load_results(run_dir)


def test_a_changed_document_is_refused(run_dir: Path, small_corpus: Path) -> None:
    results = load_results(run_dir)
    path = small_corpus / "media" / "kk1.txt"
    path.write_text(path.read_text(encoding="utf-8") + "\nЖаңа сөйлем.\n", encoding="utf-8")
    with pytest.raises(CorpusError, match="the corpus changed since the run: 'media/kk1.txt'"):
        list(results.documents_in_run())


def test_a_changed_codebook_is_refused(run_dir: Path) -> None:
    book = run_dir.parent / "export_codebook.yaml"
    book.write_text(book.read_text(encoding="utf-8").replace("Test codebook", "Other"), encoding="utf-8")
    with pytest.raises(CodebookError, match="the codebook changed since the run"):
        load_results(run_dir).codebook  # noqa: B018


def test_relative_paths_resolve_from_the_folder_of_the_run(run_dir: Path, small_corpus: Path,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    # 'coding code corpus --codebook codebooks/x.yaml' records relative paths; the export may run elsewhere.
    provenance = json.loads((run_dir / "run.json").read_text(encoding="utf-8"))
    provenance["corpus"]["root"] = "corpus"
    provenance["codebook"]["path"] = "results/export_codebook.yaml"
    (run_dir / "run.json").write_text(json.dumps(provenance), encoding="utf-8")
    monkeypatch.chdir(run_dir)
    results = load_results(run_dir)
    assert results.corpus_root.resolve() == small_corpus.resolve()
    assert len(list(results.documents_in_run())) == 4 and results.codebook.title == "Test codebook"


def test_moved_corpus_can_be_given(run_dir: Path, small_corpus: Path, tmp_path: Path) -> None:
    moved = tmp_path / "moved"
    shutil.move(small_corpus, moved)
    with pytest.raises(CorpusError, match="pass its current location with --corpus DIR"):
        list(load_results(run_dir).documents_in_run())
    assert len(list(load_results(run_dir, corpus=moved).documents_in_run())) == 4


def test_outputs_inside_the_corpus_are_refused(shared_run: Path) -> None:
    results = load_results(shared_run)
    with pytest.raises(OutputError, match="never written to"):
        results.check_output(results.corpus_root / "media" / "report.html")
    results.check_output(shared_run / "report.html")  # beside the results is fine


def test_group_totals_count_documents_and_units_once(shared_run: Path) -> None:
    totals = group_totals(load_results(shared_run), "en")
    segments = read(shared_run, "segments.csv")
    frequencies = read(shared_run, "frequencies.csv")
    assert list(totals.index) == ["phenomenon", "(none)", "people", "All codes"]
    for name, group in (("phenomenon", "phenomenon"), ("(none)", ""), ("people", "people")):
        codes = set(frequencies.loc[frequencies["group"] == group, "code"])
        part = segments[segments["code"].isin(codes)]
        assert totals.loc[name, (0, "occurrences")] == len(part)
        assert totals.loc[name, (0, "documents")] == part["doc_id"].nunique()
        assert totals.loc[name, (0, "units")] == part["unit_id"].nunique()
    assert totals.loc["All codes", (0, "occurrences")] == len(segments)
    assert totals.loc["All codes", (0, "per_1000_words")] == round(1000 * len(segments) / 60, 4)


def test_year_table(shared_run: Path) -> None:
    years = year_table(load_results(shared_run))
    assert list(years["year"]) == [2019, 2020, 2021, 2022]
    documents = read(shared_run, "documents.csv")
    k1 = documents[documents["doc_id"] == "k1"].iloc[0]
    row = years[years["year"] == 2019].iloc[0]
    assert row["words"] == k1["words"] and row["child"] == k1["child"] == 3
    assert row["child:per_1000_words"] == round(1000 * 3 / k1["words"], 4)


def test_tone_totals_equal_the_units_of_each_code(shared_run: Path) -> None:
    tone = tone_table(load_results(shared_run)).set_index("code")
    units = read(shared_run, "frequencies.csv").set_index("code")["units"]
    assert (tone["total"] == units.reindex(tone.index)).all()


def test_corpus_totals_match_the_frequency_denominators(shared_run: Path) -> None:
    totals = corpus_totals(load_results(shared_run), "lang").set_index("value")
    by_language = read(shared_run, "frequencies_by_language.csv").groupby("lang")["words"].max()
    for lang, words in by_language.items():
        assert totals.loc[lang, "words"] == words
    assert totals.loc[totals["total"], "documents"].item() == 4


@pytest.mark.parametrize("lang", ["kk", "ru", "en"])
def test_every_caption_exists_in_every_language(lang: str) -> None:
    assert all(caption(key, lang).strip() for key in CAPTIONS)


@pytest.mark.parametrize("chunk_rows", [1, 2, 3])
def test_chunks_give_the_same_tables(shared_run: Path, monkeypatch: pytest.MonkeyPatch, chunk_rows: int) -> None:
    whole = load_results(shared_run)
    totals = {lang: group_totals(whole, lang) for lang in ("kk", "en")}
    by = {key: corpus_totals(whole, key) for key in ("source_type", "lang")}
    monkeypatch.setattr("coding.results.CHUNK_ROWS", chunk_rows)
    chunked = load_results(shared_run)
    assert max(len(chunk) for chunk in chunked.iter_segments()) == chunk_rows
    for lang, table in totals.items():
        pd.testing.assert_frame_equal(group_totals(chunked, lang), table)
    for key, table in by.items():
        pd.testing.assert_frame_equal(corpus_totals(chunked, key), table)  # type: ignore[arg-type]
    segments = pd.concat(chunked.iter_segments())
    expected = read(shared_run, "segments.csv")
    assert list(segments.index) == list(range(len(expected)))  # each row keeps its number in the file
    assert segments[["doc_id", "code", "start", "end"]].to_dict("records") == \
        expected[["doc_id", "code", "start", "end"]].to_dict("records")
    k1 = chunked.segments_of(["k1"], ["start"])
    assert list(k1.index) == list(expected.index[expected["doc_id"] == "k1"])
    assert list(k1.columns) == ["doc_id", "start"]


def test_counts_without_run_json_counts(run_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    provenance = json.loads((run_dir / "run.json").read_text(encoding="utf-8"))
    del provenance["counts"]
    (run_dir / "run.json").write_text(json.dumps(provenance), encoding="utf-8")
    monkeypatch.setattr("coding.results.CHUNK_ROWS", 2)
    results = load_results(run_dir)
    assert results.segment_count == len(read(run_dir, "segments.csv")) == 17
    assert results.coded_unit_count == len(read(run_dir, "units.csv"))


def test_a_bad_number_in_segments_csv_names_its_line(run_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = run_dir / "segments.csv"
    lines = path.read_text(encoding="utf-8-sig").splitlines()
    header = lines[0].split(",")
    cells = lines[5].split(",")
    cells[header.index("start")] = "x"
    lines[5] = ",".join(cells)
    path.write_text("\ufeff" + "\n".join(lines) + "\n", encoding="utf-8")
    forget_file_records(run_dir)  # else the changed file is refused before any row is read
    monkeypatch.setattr("coding.results.CHUNK_ROWS", 3)
    results = load_results(run_dir)  # the rows are read when asked for
    with pytest.raises(InputError, match=r"segments.csv:6: column 'start' holds a value that is not a number"):
        list(results.iter_segments())


def test_only_the_documents_asked_for_are_reloaded(run_dir: Path, small_corpus: Path) -> None:
    # A changed document that is not asked for does not matter; one that is, is refused.
    path = small_corpus / "media" / "ru1.txt"
    path.write_text("Другой текст.\n", encoding="utf-8")
    results = load_results(run_dir)
    assert [d.doc_id for d in results.documents_in_run(only={"k1", "e1"})] == ["k1", "e1"]
    with pytest.raises(CorpusError, match="'media/ru1.txt' differs"):
        list(results.documents_in_run(only={"r1"}))
    path.unlink()
    with pytest.raises(CorpusError, match=r"document 'r1' \(media/ru1.txt\) is gone"):
        list(results.documents_in_run())
