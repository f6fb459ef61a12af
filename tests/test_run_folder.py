"""A run folder is all or nothing: swapped in whole, checked against run.json by every reader."""

from __future__ import annotations

import errno
import json
import shutil
from pathlib import Path

import pytest

from coding import sinks
from coding.codebook import load_codebook
from coding.errors import InputError, OutputError
from coding.results import load_results
from coding.run_folder import check_run_files, recover
from coding.runs import code_corpus
from coding.stats import read_run

REPO = Path(__file__).resolve().parents[1]
SAMPLE = REPO / "corpus"
BOOK = REPO / "codebooks" / "child_trafficking.yaml"


def snapshot(folder: Path) -> dict[str, bytes]:
    return {path.name: path.read_bytes() for path in sorted(folder.iterdir())}


def hidden_siblings(out: Path) -> list[str]:
    return sorted(path.name for path in out.parent.glob(f".{out.name}*"))


@pytest.fixture(scope="module")
def earlier(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("earlier") / "run"
    code_corpus(SAMPLE, load_codebook(BOOK), out=out)
    return out


def copy_of(run: Path, tmp_path: Path) -> Path:
    out = tmp_path / "run"
    shutil.copytree(run, out)
    return out


def test_run_json_records_every_file_and_the_readers_accept_it(earlier: Path) -> None:
    provenance = json.loads((earlier / "run.json").read_text(encoding="utf-8"))
    assert set(provenance["files"]) == {p.name for p in earlier.iterdir()} - {"run.json"}
    assert all(len(record["sha256"]) == 64 and record["bytes"] > 0 for record in provenance["files"].values())
    load_results(earlier)
    read_run(earlier)
    assert not hidden_siblings(earlier)


@pytest.mark.parametrize("name", ["frequencies.csv", "segments.csv", "units.csv"])
def test_a_changed_file_is_refused_by_every_reader(earlier: Path, tmp_path: Path, name: str) -> None:
    out = copy_of(earlier, tmp_path)
    data = bytearray((out / name).read_bytes())
    data[-3] = ord("9") if data[-3] != ord("9") else ord("8")  # same size, other bytes
    (out / name).write_bytes(bytes(data))
    for read in (load_results, read_run):
        with pytest.raises(InputError, match=f"{name} is not the file this run wrote"):
            read(out)


def test_a_file_from_another_run_is_refused(earlier: Path, tmp_path: Path) -> None:
    other = tmp_path / "other"
    code_corpus(SAMPLE, load_codebook(BOOK), unit="paragraph", out=other)
    out = copy_of(earlier, tmp_path)
    shutil.copy(other / "segments.csv", out / "segments.csv")
    with pytest.raises(InputError, match="the folder mixes runs"):
        load_results(out)
    (out / "segments.csv").unlink()
    with pytest.raises(InputError, match="segments.csv is missing"):
        check_run_files(out, json.loads((out / "run.json").read_text(encoding="utf-8")), "run it again")


def test_a_failed_run_over_an_earlier_one_leaves_the_earlier_one_whole(earlier: Path, tmp_path: Path,
                                                                       monkeypatch) -> None:
    out = copy_of(earlier, tmp_path)
    (out / "notes.txt").write_text("my notes", encoding="utf-8")
    before = snapshot(out)

    def fail(*_args, **_kwargs):
        raise RuntimeError("killed half way")

    monkeypatch.setattr(sinks, "swap_in", fail)  # everything is written; the swap never happens
    with pytest.raises(RuntimeError):
        code_corpus(SAMPLE, load_codebook(BOOK), unit="paragraph", out=out)
    assert snapshot(out) == before
    assert not hidden_siblings(out)


def test_a_new_run_replaces_every_run_file_and_keeps_the_users_files(earlier: Path, tmp_path: Path) -> None:
    out = copy_of(earlier, tmp_path)
    (out / "notes.txt").write_text("my notes", encoding="utf-8")
    (out / "segments.parquet").write_bytes(b"an earlier run's parquet file")  # this run writes none
    code_corpus(SAMPLE, load_codebook(BOOK), unit="paragraph", out=out)
    assert (out / "notes.txt").read_text(encoding="utf-8") == "my notes"
    assert not (out / "segments.parquet").exists()
    assert json.loads((out / "run.json").read_text(encoding="utf-8"))["options"]["unit"] == "paragraph"
    load_results(out)
    assert not hidden_siblings(out)


def test_a_full_disk_is_one_error_and_leaves_no_folder(tmp_path: Path, monkeypatch) -> None:
    out = tmp_path / "run"
    real_open = open

    def open_that_fills_the_disk(file, mode="r", *args, **kwargs):
        handle = real_open(file, mode, *args, **kwargs)
        if "w" in mode and Path(file).name == "units.csv":
            def write(_text):
                raise OSError(errno.ENOSPC, "No space left on device")
            handle.write = write
        return handle

    monkeypatch.setattr("builtins.open", open_that_fills_the_disk)
    with pytest.raises(OutputError, match=r"could not be written .*No space left on device"):
        code_corpus(SAMPLE, load_codebook(BOOK), out=out)
    monkeypatch.undo()
    assert not out.exists() and not hidden_siblings(out)


def test_leftovers_of_a_killed_run_are_cleared_by_the_next(earlier: Path, tmp_path: Path) -> None:
    out = copy_of(earlier, tmp_path)
    partial = tmp_path / ".run.partial-0123456789ab"
    partial.mkdir()
    (partial / "segments.csv").write_text("half", encoding="utf-8")
    code_corpus(SAMPLE, load_codebook(BOOK), out=out)
    assert not partial.exists()
    load_results(out)


def test_a_swap_killed_between_its_renames_is_undone(earlier: Path, tmp_path: Path) -> None:
    # The earlier run was renamed aside, the new one not yet put in place: the earlier run comes back.
    aside = tmp_path / ".run.replaced-0123456789ab"
    shutil.copytree(earlier, aside)
    out = tmp_path / "run"
    recover(out, sinks.RUN_FILES)
    assert snapshot(out) == snapshot(earlier) and not hidden_siblings(out)
    # The new run was put in place but the user's files were still in the earlier one: they move over.
    shutil.copytree(earlier, aside)
    (aside / "notes.txt").write_text("my notes", encoding="utf-8")
    recover(out, sinks.RUN_FILES)
    assert (out / "notes.txt").read_text(encoding="utf-8") == "my notes" and not hidden_siblings(out)


def test_run_json_records_the_manifest_and_the_analysis_versions(earlier: Path) -> None:
    provenance = json.loads((earlier / "run.json").read_text(encoding="utf-8"))
    assert len(provenance["corpus"]["manifest_sha256"]) == 64
    analysis = provenance["analysis"]
    russian = analysis["analyzers"]["ru"]
    assert russian.startswith("a1+pymorphy3=") and "+pymorphy3-dicts-ru=" in russian
    assert set(analysis["packages"]) == {"pymorphy3", "pymorphy3-dicts-ru", "lemminflect", "spacy", "qaznltk"}


def test_export_warns_when_the_corpus_changed_since_the_run(tmp_path: Path, runner) -> None:
    from coding.cli import cli

    corpus = tmp_path / "corpus"
    shutil.copytree(SAMPLE, corpus)
    out = tmp_path / "run"
    code_corpus(corpus, load_codebook(BOOK), out=out)
    clean = runner.invoke(cli, ["export", str(out), "--xlsx", str(tmp_path / "a.xlsx")])
    assert clean.exit_code == 0 and "Warning" not in clean.stderr
    manifest = corpus / "manifest.csv"
    manifest.write_text(manifest.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    changed = next(corpus.glob("media/*.txt"))
    changed.write_text(changed.read_text(encoding="utf-8") + "\nЖаңа сөйлем.\n", encoding="utf-8")
    warned = runner.invoke(cli, ["export", str(out), "--xlsx", str(tmp_path / "b.xlsx")])
    assert warned.exit_code == 0, warned.stderr
    lines = [line for line in warned.stderr.splitlines() if line.startswith("Warning:")]
    assert lines[0] == ("Warning: the manifest changed since the run (its SHA-256 differs): the tables keep the "
                        "metadata it had then")
    assert lines[1].startswith("Warning: 1 document(s) of the run changed since it ran (first: 'media/")


def test_review_export_refuses_a_folder_that_does_not_match_its_run_json(earlier: Path, tmp_path: Path) -> None:
    from coding.review.sample import open_run

    out = copy_of(earlier, tmp_path)
    (out / "units.csv").write_text("doc_id,unit_id\n", encoding="utf-8")
    with pytest.raises(InputError, match="units.csv is not the file this run wrote"):
        open_run(out)
