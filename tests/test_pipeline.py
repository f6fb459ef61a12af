"""The one pipeline: lazy reading, batches, engines (byte-identical outputs) and the analysis cache."""

from __future__ import annotations

import json
import shutil
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

import coding.corpus
import coding.matcher
import coding.versions
from coding import batches
from coding.codebook import load_codebook
from coding.corpus import open_corpus
from coding.engines import Engine
from coding.errors import InputError
from coding.records import Document, Paragraph
from coding.runs import code_corpus
from coding.sinks import MemorySink

REPO = Path(__file__).resolve().parents[1]
SAMPLE = REPO / "corpus"
BOOK = REPO / "codebooks" / "child_trafficking.yaml"
TIMESTAMPS = ("started", "duration_seconds")


def run_files(out: Path, leave_out: tuple[str, ...] = ()) -> dict[str, bytes]:
    """Every file of a run folder but ``leave_out``, run.json without its timestamps."""
    files = {p.name: p.read_bytes() for p in sorted(out.iterdir()) if p.name not in ("run.json", *leave_out)}
    provenance = json.loads((out / "run.json").read_text(encoding="utf-8"))
    provenance["files"] = {k: v for k, v in provenance["files"].items() if k not in leave_out}
    files["run.json"] = json.dumps({k: v for k, v in provenance.items() if k not in TIMESTAMPS}).encode()
    return files


@pytest.fixture(scope="module")
def reference(tmp_path_factory) -> dict[str, bytes]:
    out = tmp_path_factory.mktemp("ref") / "run"
    code_corpus(SAMPLE, load_codebook(BOOK), out=out)
    return run_files(out)


def test_a_process_pool_writes_the_same_bytes(reference, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr(batches, "BATCH_DOCUMENTS", 2)  # many batches, so the order of merging is tested
    code_corpus(SAMPLE, load_codebook(BOOK), out=tmp_path / "run", engine=Engine("local", jobs=2))
    assert run_files(tmp_path / "run") == reference


def test_worker_processes_start_before_the_corpus_is_opened(tmp_path: Path, monkeypatch) -> None:
    # Forked after the manifest is read, every worker would hold a copy of it (1.3 KB a document).
    import multiprocessing

    import coding.runs

    alive: list[int] = []
    opened = coding.runs._input

    def opening(corpus):
        alive.append(len(multiprocessing.active_children()))
        return opened(corpus)

    monkeypatch.setattr(coding.runs, "_input", opening)
    code_corpus(SAMPLE, load_codebook(BOOK), out=tmp_path / "run", engine=Engine("local", jobs=2))
    assert alive == [2]


def test_a_dask_cluster_writes_the_same_bytes(reference, tmp_path: Path) -> None:
    pytest.importorskip("distributed")
    code_corpus(SAMPLE, load_codebook(BOOK), out=tmp_path / "run", engine=Engine("dask", jobs=2),
                cache=tmp_path / "cache")
    assert run_files(tmp_path / "run") == reference


@pytest.mark.parametrize("size", [1, 3, 1000])
def test_the_batch_size_changes_nothing(reference, tmp_path: Path, monkeypatch, size: int) -> None:
    monkeypatch.setattr(batches, "BATCH_DOCUMENTS", size)
    code_corpus(SAMPLE, load_codebook(BOOK), out=tmp_path / "run")
    assert run_files(tmp_path / "run") == reference


def test_bad_engine_options_are_errors() -> None:
    with pytest.raises(InputError, match="not an engine"):
        Engine("spark")  # type: ignore[arg-type]
    with pytest.raises(InputError, match="positive whole number"):
        Engine("local", jobs=0)


class CountingSink(MemorySink):
    """A memory sink that counts the documents it has received."""

    def __init__(self) -> None:
        super().__init__()
        self.received = 0

    def rows(self, name, rows) -> None:
        if name == "documents.csv":
            self.received += len(rows)
        super().rows(name, rows)


@pytest.mark.parametrize("jobs", [1, 2])
def test_documents_are_read_lazily(jobs: int) -> None:
    sink = CountingSink()
    limit = batches.BATCH_DOCUMENTS * (1 + (2 * jobs if jobs > 1 else 0))

    def documents() -> Iterator[Document]:
        for number in range(10_000):
            # A generator read ahead by more than the batches in flight fails here.
            assert number - sink.received <= limit, f"read {number} documents, coded {sink.received}"
            text = "Бала саудасы — ауыр қылмыс." if number % 2 else "Торговля детьми — тяжкое преступление."
            lang = "ru" if number % 2 == 0 else "kk"
            yield Document(f"d{number}", f"d{number}.txt", text, lang,  # type: ignore[arg-type]
                           (Paragraph(1, 0, len(text), lang),), "")  # type: ignore[arg-type]

    run = code_corpus(documents(), load_codebook(BOOK), sink=sink, engine=Engine("local", jobs=jobs))
    assert run.counts["documents"] == sink.received == 10_000
    assert sink.tables["frequencies.csv"].set_index("code").loc["child_trafficking", "occurrences"] == 10_000


def test_open_corpus_reads_no_document_until_asked(monkeypatch) -> None:
    calls: list[Path] = []
    monkeypatch.setattr(coding.corpus, "read_document", lambda path: calls.append(path) or "Мәтін.")
    source = open_corpus(SAMPLE)
    sources = list(source.sources())
    assert len(sources) == 21 and not calls
    first = next(source.documents())
    assert first.doc_id == sources[0].doc_id and len(calls) == 1


# The analysis cache.


def code(out: Path, cache: Path, corpus: Path = SAMPLE) -> None:
    if out.exists():
        shutil.rmtree(out)
    code_corpus(corpus, load_codebook(BOOK), out=out, cache=cache)


def counting_analyses(monkeypatch) -> list[int]:
    calls: list[int] = []
    real = coding.corpus.analyse_text

    def counted(*args, **kwargs):
        calls.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr(coding.corpus, "analyse_text", counted)
    return calls


def test_a_second_run_reads_the_cache(reference, tmp_path: Path, monkeypatch) -> None:
    code(tmp_path / "run", tmp_path / "cache")
    analyses = counting_analyses(monkeypatch)
    coding.matcher._CACHES.clear()
    monkeypatch.setattr(coding.matcher, "lemma_candidates", lambda *_: pytest.fail("a cached word was analysed"))
    code(tmp_path / "run", tmp_path / "cache")
    assert not analyses
    assert run_files(tmp_path / "run") == reference


def counting_cuts(monkeypatch) -> list[int]:
    """Count the units cut into words (not read from the cache)."""
    calls: list[int] = []
    real = batches.unit_words

    def counted(unit):  # noqa: ANN001, ANN202
        calls.append(1)
        return real(unit)

    monkeypatch.setattr(batches, "unit_words", counted)
    return calls


def stored_unit_words(cache: Path) -> list[list[list[str] | None]]:
    from coding.cache import decode_unit_words

    db = sqlite3.connect(cache / "analysis.sqlite")
    try:
        return [decode_unit_words(digest, data) for digest, data in db.execute("SELECT digest, data FROM unit_words")]
    finally:
        db.close()


@pytest.mark.parametrize("unit", ["sentence", "paragraph", "document"])
def test_a_second_run_reads_the_units_words_from_the_cache(tmp_path: Path, monkeypatch, unit: str) -> None:
    # Only a unit that mixes languages (cut run by run) is cut again; the runs are those of no cache.
    book = load_codebook(BOOK)
    code_corpus(SAMPLE, book, unit, out=tmp_path / "fresh")  # type: ignore[arg-type]
    code_corpus(SAMPLE, book, unit, out=tmp_path / "first", cache=tmp_path / "cache")  # type: ignore[arg-type]
    stored = stored_unit_words(tmp_path / "cache")
    assert len(stored) == 21 and all(entry is not None for entry in stored)
    mixed = sum(words is None for entry in stored for words in entry)  # type: ignore[union-attr]
    assert sum(len(entry) for entry in stored) > 2 * mixed  # type: ignore[arg-type]
    cuts = counting_cuts(monkeypatch)
    code_corpus(SAMPLE, book, unit, out=tmp_path / "cached", cache=tmp_path / "cache")  # type: ignore[arg-type]
    assert len(cuts) == mixed
    assert run_files(tmp_path / "cached", ("run.json",)) == run_files(tmp_path / "fresh", ("run.json",))


def test_a_damaged_units_words_entry_is_cut_again(reference, tmp_path: Path, monkeypatch) -> None:
    code(tmp_path / "run", tmp_path / "cache")
    db = sqlite3.connect(tmp_path / "cache" / "analysis.sqlite")
    key, data = db.execute("SELECT key, data FROM unit_words LIMIT 1").fetchone()
    db.execute("UPDATE unit_words SET data = ? WHERE key = ?", (data[:-3] + b"xyz", key))
    db.commit()
    db.close()
    cuts = counting_cuts(monkeypatch)
    code(tmp_path / "run", tmp_path / "cache")
    assert cuts
    assert run_files(tmp_path / "run") == reference


def test_other_code_cuts_the_units_again(tmp_path: Path, monkeypatch) -> None:
    # The units' words are what this code's word pattern makes of them: another release cuts them anew and
    # drops the entries of the old one.
    import coding.cache

    code(tmp_path / "run", tmp_path / "cache")
    monkeypatch.setattr(coding.cache, "code_digest", lambda: "0" * 32)
    cuts = counting_cuts(monkeypatch)
    code(tmp_path / "run", tmp_path / "cache")
    assert len(cuts) == sum(len(entry) for entry in stored_unit_words(tmp_path / "cache"))  # type: ignore[arg-type]
    db = sqlite3.connect(tmp_path / "cache" / "analysis.sqlite")
    assert {key[-32:] for (key,) in db.execute("SELECT key FROM unit_words")} == {"0" * 32}
    db.close()


def test_a_changed_document_is_analysed_again(tmp_path: Path, monkeypatch) -> None:
    corpus = tmp_path / "corpus"
    shutil.copytree(SAMPLE, corpus)
    code(tmp_path / "run", tmp_path / "cache", corpus)
    path = corpus / "media" / "kk_2018_dalazharshysy_01.txt"
    path.write_text(path.read_text(encoding="utf-8") + "\n\nБала саудасы туралы жаңа абзац.\n", encoding="utf-8")
    analyses = counting_analyses(monkeypatch)
    code(tmp_path / "run", tmp_path / "cache", corpus)
    assert len(analyses) == 1


def test_a_new_version_invalidates_the_cache(tmp_path: Path, monkeypatch) -> None:
    code(tmp_path / "run", tmp_path / "cache")
    monkeypatch.setattr(coding.versions, "SENTENCES_VERSION", coding.versions.SENTENCES_VERSION + 1)
    analyses = counting_analyses(monkeypatch)
    code(tmp_path / "run", tmp_path / "cache")
    assert len(analyses) == 21
    db = sqlite3.connect(tmp_path / "cache" / "analysis.sqlite")
    assert {v for (v,) in db.execute("SELECT DISTINCT version FROM documents")} == {
        coding.versions.document_version()}  # the stale entries are gone


def test_a_truncated_cache_file_is_recomputed(reference, tmp_path: Path, monkeypatch) -> None:
    code(tmp_path / "run", tmp_path / "cache")
    database = tmp_path / "cache" / "analysis.sqlite"
    for suffix in ("-wal", "-shm"):
        Path(f"{database}{suffix}").unlink(missing_ok=True)
    data = database.read_bytes()
    database.write_bytes(data[: len(data) // 3])
    analyses = counting_analyses(monkeypatch)
    code(tmp_path / "run", tmp_path / "cache")
    assert len(analyses) == 21
    assert run_files(tmp_path / "run") == reference
    analyses.clear()
    code(tmp_path / "run", tmp_path / "cache")  # and the rebuilt cache works
    assert not analyses


def test_a_damaged_cache_entry_is_never_trusted(reference, tmp_path: Path, monkeypatch) -> None:
    code(tmp_path / "run", tmp_path / "cache")
    db = sqlite3.connect(tmp_path / "cache" / "analysis.sqlite")
    key, data = db.execute("SELECT key, data FROM documents LIMIT 1").fetchone()
    damaged = bytearray(data)
    damaged[len(damaged) // 2] ^= 0xFF
    db.execute("UPDATE documents SET data = ? WHERE key = ?", (bytes(damaged), key))
    db.commit()
    db.close()
    analyses = counting_analyses(monkeypatch)
    code(tmp_path / "run", tmp_path / "cache")
    assert len(analyses) == 1
    assert run_files(tmp_path / "run") == reference


def test_the_cache_is_never_inside_the_corpus(tmp_path: Path) -> None:
    from coding.errors import OutputError

    corpus = tmp_path / "corpus"
    shutil.copytree(SAMPLE, corpus)
    with pytest.raises(OutputError, match="inside the corpus folder"):
        code(tmp_path / "run", corpus / ".cache", corpus)


# The command line.


def test_cli_code_with_jobs_cache_and_parquet(runner, reference, tmp_path: Path) -> None:
    from coding.cli import cli

    out = tmp_path / "run"
    args = ["code", str(SAMPLE), "--codebook", str(BOOK), "--out", str(out), "--jobs", "2",
            "--cache", str(tmp_path / "cache"), "--parquet"]
    result = runner.invoke(cli, args)
    assert result.exit_code == 0, result.output + result.stderr
    assert result.output.startswith("Coded 21 documents, 531 sentence units")
    parquet = ("segments.parquet", "units.parquet")
    assert run_files(out, leave_out=parquet) == reference
    assert all((out / name).stat().st_size for name in parquet)
    import pandas as pd

    for name in ("segments", "units"):
        from_csv = pd.read_csv(out / f"{name}.csv", encoding="utf-8-sig", keep_default_na=False)
        from_parquet = pd.read_parquet(out / f"{name}.parquet")
        assert list(from_parquet.columns) == list(from_csv.columns)
        assert from_parquet.astype(str).equals(from_csv.astype(str))
    info = runner.invoke(cli, ["cache", "info", "--cache", str(tmp_path / "cache")])
    assert info.exit_code == 0 and ", 21 documents, " in info.output
    cleared = runner.invoke(cli, ["cache", "clear", "--cache", str(tmp_path / "cache")])
    assert cleared.exit_code == 0 and "21 documents" in cleared.output
    assert ", 0 documents, 0 word types" in runner.invoke(cli, ["cache", "info", "--cache",
                                                                str(tmp_path / "cache")]).output


def test_cli_scheduler_needs_the_dask_engine(runner, tmp_path: Path) -> None:
    from coding.cli import cli

    result = runner.invoke(cli, ["code", str(SAMPLE), "--codebook", str(BOOK), "--out", str(tmp_path / "r"),
                                 "--scheduler", "tcp://127.0.0.1:8786"])
    assert result.exit_code == 2
    assert result.stderr == "Error: --scheduler goes with --engine dask; add --engine dask, or drop --scheduler\n"


def test_cli_unreachable_scheduler_is_one_line(runner, tmp_path: Path, monkeypatch) -> None:
    pytest.importorskip("distributed")
    from coding import engines
    from coding.cli import cli

    monkeypatch.setattr(engines, "CONNECT_TIMEOUT", "2s")
    result = runner.invoke(cli, ["code", str(SAMPLE), "--codebook", str(BOOK), "--out", str(tmp_path / "r"),
                                 "--engine", "dask", "--scheduler", "tcp://127.0.0.1:1", "--no-cache"])
    assert result.exit_code == 2, result.output
    assert result.stderr.startswith("Error: cannot reach the Dask scheduler at tcp://127.0.0.1:1")
    assert len(result.stderr.splitlines()) == 1
    assert not (tmp_path / "r").exists() or not list((tmp_path / "r").iterdir())


def test_kwic_sheet_is_cut_at_the_row_limit(tmp_path: Path, monkeypatch) -> None:
    from openpyxl import load_workbook

    from coding import kwic

    monkeypatch.setattr(kwic, "MAX_SHEET_ROWS", 6)
    rows = [{"doc_id": "d", "unit_id": f"d:1:{i}", "lang": "kk", "code": "term", "term": "бала",
             "left": "", "match": "бала", "right": "", "start": i, "end": i + 4} for i in range(10)]
    assert kwic.write_kwic(iter(rows), tmp_path / "k.xlsx") == 10
    sheet = load_workbook(tmp_path / "k.xlsx")["KWIC"]
    values = [row[0] for row in sheet.iter_rows(values_only=True)]
    assert len(values) == 6 and values[0] == "doc_id"
    assert values[-1].startswith("6 more lines do not fit in a sheet of 6 rows")
    assert kwic.write_kwic(iter(rows), tmp_path / "k.csv") == 10


def test_sources_name_their_corpus_by_an_absolute_path(monkeypatch) -> None:
    # A Dask worker on another machine, or in another working folder, must find the files.
    monkeypatch.chdir(REPO)
    source = next(open_corpus("corpus").sources())
    assert Path(source.root).is_absolute() and source.path.is_file()


def test_force_removes_the_files_an_earlier_run_wrote_and_this_one_does_not(tmp_path: Path) -> None:
    out = tmp_path / "run"
    code_corpus(SAMPLE, load_codebook(BOOK), out=out, parquet=True)
    (out / "notes.txt").write_text("mine", encoding="utf-8")
    code_corpus(SAMPLE, load_codebook(BOOK), out=out)
    assert not (out / "segments.parquet").exists() and (out / "notes.txt").read_text(encoding="utf-8") == "mine"


def test_word_analyses_are_read_in_chunks(tmp_path: Path) -> None:
    from coding.cache import AnalysisCache

    cache = AnalysisCache(tmp_path / "cache")
    stored = {f"сөз{i}": (f"сөз{i}", "сөз") for i in range(1234)}
    cache.store([], {"kk": stored})
    wanted = [*stored, "жоқ1", "жоқ2"]
    assert cache.words_many("kk", wanted) == stored
    assert cache.words_many("ru", wanted) == {}
    assert cache.words("kk", "сөз7") == ("сөз7", "сөз") and cache.words("kk", "жоқ1") is None


@pytest.mark.parametrize("directions_for", ["coded", "all"])
def test_units_without_an_opening_word_are_coded_as_the_matchers_would_code_them(directions_for: str) -> None:
    from coding.codings import code_units
    from coding.matcher import Matcher, unit_words
    from coding.tone import tone_scorer
    from coding.units import document_units

    book = load_codebook(BOOK)
    codes, directions, tone = Matcher(book.codes), Matcher(book.directions), tone_scorer(book)
    order = tuple(d.id for d in book.directions)
    silent = 0
    for document in open_corpus(SAMPLE).documents():
        units = list(document_units(document, "sentence"))
        analysed = {unit.unit_id: unit_words(unit) for unit in units}
        for words in analysed.values():
            for matcher in (codes, directions, tone):
                matcher.learn(words.types, words.lang)
        matches = [m for unit in units for m in codes.match_unit(unit)]
        asked = code_units(units, matches, directions=directions, direction_order=order, tone=tone,
                           directions_for=directions_for)
        fast = code_units(units, matches, directions=directions, direction_order=order, tone=tone,
                          directions_for=directions_for, analysed=analysed, learned=True)
        assert fast == asked
        silent += sum(1 for words in analysed.values()
                      if directions.openers(words.lang).isdisjoint(words.lowered)
                      and tone.openers(words.lang).isdisjoint(words.lowered))
    assert silent > 100  # the fast path is taken


@pytest.mark.parametrize("jobs", [1, 2])
def test_forgetting_word_types_to_bound_memory_changes_nothing(reference, tmp_path: Path, monkeypatch,
                                                               jobs: int) -> None:
    forgotten = []
    real = batches._Compiled.forget

    def counted(self) -> None:
        forgotten.append(1)
        real(self)

    monkeypatch.setattr(batches, "MAX_TYPES_HELD", 50)  # forget every few documents
    monkeypatch.setattr(batches._Compiled, "forget", counted)
    code(tmp_path / "cold", tmp_path / "cache")
    assert run_files(tmp_path / "cold") == reference and forgotten
    code_corpus(SAMPLE, load_codebook(BOOK), out=tmp_path / "cached", cache=tmp_path / "cache",
                engine=Engine("local", jobs=jobs))
    assert run_files(tmp_path / "cached") == reference


def test_the_cache_keeps_scripts_and_language_runs() -> None:
    from coding.cache import decode_analysis, encode_analysis
    from coding.corpus import analyse_text

    analysis = analyse_text("Balalar saýdasyna qarsy kúres jalǵasýda.\n\nМинистр сөйледі. «Торговля детьми "
                            "остаётся серьёзной проблемой», – деді ол.")
    assert analysis[2][0].script == "Latn" and [run[2] for run in analysis[2][1].runs] == ["kk", "ru", "kk"]
    assert decode_analysis(*encode_analysis(*analysis)) == analysis


def scored_units(monkeypatch) -> list[int]:
    """Count the units whose tone is scored (not read from the cache)."""
    import coding.tone

    calls: list[int] = []
    real = coding.tone.ToneScorer.score

    def counted(self, *args, **kwargs):  # noqa: ANN001, ANN202
        calls.append(1)
        return real(self, *args, **kwargs)

    monkeypatch.setattr(coding.tone.ToneScorer, "score", counted)
    return calls


def test_a_codebook_edit_reads_the_tones_from_the_cache(reference, tmp_path: Path, monkeypatch) -> None:
    """The tone of a unit depends on the tone rules only: after an edit of the codes it is read back, and
    the run is the same as one that scores every tone; an edit of the tone rules scores them again."""
    code(tmp_path / "run", tmp_path / "cache")
    edited = tmp_path / "book.yaml"
    edited.write_text(BOOK.read_text(encoding="utf-8").replace("kk: [бала саудасы,", "kk: [бала сатушы, бала саудасы,"),
                      encoding="utf-8")
    assert edited.read_text(encoding="utf-8") != BOOK.read_text(encoding="utf-8")
    fresh = tmp_path / "fresh"
    code_corpus(SAMPLE, load_codebook(edited), out=fresh)  # no cache: every tone scored
    scored = scored_units(monkeypatch)
    code_corpus(SAMPLE, load_codebook(edited), out=tmp_path / "cached", cache=tmp_path / "cache")
    assert not scored
    assert run_files(tmp_path / "cached", ("run.json",)) == run_files(fresh, ("run.json",))
    retoned = tmp_path / "retoned.yaml"
    retoned.write_text(edited.read_text(encoding="utf-8").replace("window: 3", "window: 4"), encoding="utf-8")
    assert retoned.read_text(encoding="utf-8") != edited.read_text(encoding="utf-8")
    code_corpus(SAMPLE, load_codebook(retoned), out=tmp_path / "retoned", cache=tmp_path / "cache")
    assert scored


def test_tones_read_for_some_documents_and_scored_for_others(tmp_path: Path, monkeypatch) -> None:
    # The tone matcher learns no word types from a document whose tones are read from the cache: the later
    # documents it scores must still find their polar words, whichever document brought them first.
    code(tmp_path / "run", tmp_path / "cache")
    documents = json.loads((tmp_path / "run" / "run.json").read_text(encoding="utf-8"))["corpus"]["documents"]
    db = sqlite3.connect(tmp_path / "cache" / "analysis.sqlite")
    db.execute("DELETE FROM tones WHERE substr(key, 1, 64) != ?", (documents[0]["sha256"],))
    db.commit()
    assert db.execute("SELECT count(*) FROM tones").fetchone()[0] == 1
    db.close()
    edited = tmp_path / "book.yaml"
    edited.write_text(BOOK.read_text(encoding="utf-8").replace("kk: [бала саудасы,", "kk: [бала сатушы, бала саудасы,"),
                      encoding="utf-8")
    fresh = tmp_path / "fresh"
    code_corpus(SAMPLE, load_codebook(edited), out=fresh)
    monkeypatch.setattr(batches, "_COMPILED", {})  # matchers that learned nothing yet, as in a new process
    scored = scored_units(monkeypatch)
    code_corpus(SAMPLE, load_codebook(edited), out=tmp_path / "cached", cache=tmp_path / "cache")
    assert scored
    assert run_files(tmp_path / "cached", ("run.json",)) == run_files(fresh, ("run.json",))


def test_a_damaged_tone_entry_is_scored_again(reference, tmp_path: Path, monkeypatch) -> None:
    code(tmp_path / "run", tmp_path / "cache")
    db = sqlite3.connect(tmp_path / "cache" / "analysis.sqlite")
    assert db.execute("SELECT count(*) FROM tones").fetchone()[0] == 21
    key, data = db.execute("SELECT key, data FROM tones LIMIT 1").fetchone()
    db.execute("UPDATE tones SET data = ? WHERE key = ?", (data[:-3] + b"xyz", key))
    db.commit()
    db.close()
    scored = scored_units(monkeypatch)
    code(tmp_path / "run", tmp_path / "cache")
    assert scored
    assert run_files(tmp_path / "run") == reference


@pytest.mark.parametrize("terms", [["135 бап", "=2018 жылы"], ["* бап", "13* бап"]])
def test_numbers_are_matched_but_not_analysed_or_stored(tmp_path: Path, terms: list[str]) -> None:
    # A number is its own only candidate: a run neither analyses nor stores it, and its matchers learn numbers
    # only when a term starts with a gap or a prefix of digits. Either way the matches are those of a matcher
    # that looks at every word.
    import yaml

    from coding.codebook import parse_codebook
    from coding.corpus import load_corpus
    from coding.matcher import find_matches
    from coding.units import split_units

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text("Қылмыстық кодекстің 135 бабы бойынша 2018 жылы 12 іс қозғалды.\n\n"
                                  "Ал 2019 жылы 135-бап бойынша 7 іс, 136 бап бойынша 3 іс болды.", encoding="utf-8")
    book = parse_codebook(yaml.safe_dump({"codebook": "t", "codes": [{"id": "c", "terms": {"kk": terms}}]},
                                         allow_unicode=True))
    run = code_corpus(corpus, book, cache=tmp_path / "cache")
    expected = [(m.start, m.end) for m in find_matches(split_units(load_corpus(corpus)), book.codes)]
    assert expected and list(zip(run.segments["start"], run.segments["end"], strict=True)) == expected
    with sqlite3.connect(tmp_path / "cache" / "analysis.sqlite") as db:
        numbers = [word for (word,) in db.execute("SELECT word FROM words") if word.isdigit()]
    assert numbers == []
