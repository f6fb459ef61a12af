"""A run as a REFI-QDA project: the zip's layout, the schema, character positions, codebook and reviewers."""

from __future__ import annotations

import dataclasses
import shutil
import zipfile
from pathlib import Path

import pandas as pd
import pytest
from lxml import etree

from coding.codebook import load_codebook
from coding.errors import InputError
from coding.exports.palette import code_colors
from coding.interchange.qdpx import MACHINE_USER, read_qdpx_codebook, write_qdpx
from coding.interchange.yaml_writer import comparable
from coding.review import export_review, import_reviews
from tests.conftest import SHARED_DATA
from tests.test_results import forget_file_records
from tests.test_review import fill, make_run

NS = {"q": "urn:QDA-XML:project:1.0"}


@pytest.fixture(scope="module")
def template(tmp_path_factory) -> Path:
    return make_run(tmp_path_factory.mktemp("qdpx"))


@pytest.fixture
def run(template: Path, tmp_path: Path) -> Path:
    return Path(shutil.copytree(template, tmp_path / "run"))


def project(path: Path) -> tuple[etree._Element, zipfile.ZipFile]:
    archive = zipfile.ZipFile(path)
    return etree.fromstring(archive.read("project.qde")), archive


def test_layout_and_schema(run: Path, tmp_path: Path) -> None:
    path = write_qdpx(run, tmp_path / "run.qdpx")
    root, archive = project(path)
    sources = root.findall("q:Sources/q:TextSource", NS)
    assert sorted(archive.namelist()) == sorted(
        ["project.qde", *(f"sources/{s.get('guid')}.txt" for s in sources)])
    assert [s.get("name") for s in sources] == ["en1", "kk1"]  # document ids: no folder, no extension
    assert all(s.get("plainTextPath") == f"internal://{s.get('guid')}.txt" for s in sources)
    schema_path = SHARED_DATA / "refi_qda" / "Project-mrt2019.xsd"
    if not schema_path.is_file():
        pytest.skip(f"{schema_path} is absent")
    schema = etree.XMLSchema(etree.parse(str(schema_path)))
    assert schema.validate(root), schema.error_log


def test_selections_are_code_point_positions_in_the_source_text(run: Path, tmp_path: Path) -> None:
    root, archive = project(write_qdpx(run, tmp_path / "run.qdpx"))
    segments = pd.read_csv(run / "segments.csv", encoding="utf-8-sig")
    machine = root.find(f"q:Users/q:User[@name='{MACHINE_USER}']", NS).get("guid")
    directions = {c.get("guid") for c in root.iterfind(".//q:Code[@name='Directions']/q:Code", NS)}
    found = []
    for source in root.findall("q:Sources/q:TextSource", NS):
        text = archive.read(f"sources/{source.get('guid')}.txt").decode("utf-8")
        for selection in source.findall("q:PlainTextSelection", NS):
            start, end = int(selection.get("startPosition")), int(selection.get("endPosition"))
            targets = {ref.get("targetGUID") for ref in selection.iterfind("q:Coding/q:CodeRef", NS)}
            if selection.get("creatingUser") == machine and not targets & directions:
                assert selection.get("name") == text[start:end]
                found.append((source.get("name"), start, end, text[start:end]))
    expected = list(segments[["doc_id", "start", "end", "surface"]].itertuples(index=False, name=None))
    assert sorted(found) == sorted(expected)
    kazakh = [f for f in found if f[3] == "Бала саудасы"]
    # a code point is not a byte: the same text in UTF-8 bytes would put the second word elsewhere
    assert kazakh == [("kk1", 0, 12, "Бала саудасы")] and len("Бала саудасы".encode()) == 23


def test_codebook_hierarchy_and_reading_it_back(run: Path, template: Path, tmp_path: Path) -> None:
    path = write_qdpx(run, tmp_path / "run.qdpx", label_lang="en")
    root, _ = project(path)
    top = root.findall("q:CodeBook/q:Codes/q:Code", NS)
    assert [(c.get("name"), c.get("isCodable")) for c in top] == [
        ("phenomenon", "false"), ("Crime", "true"), ("Protection", "true"), ("Directions", "false")]
    assert [c.get("name") for c in top[0].findall("q:Code", NS)] == ["Child trafficking"]
    imported = read_qdpx_codebook(path)
    book = load_codebook(template.parent / "codebook.yaml")
    palette = code_colors(book)  # the report's colours travel with the codes
    assert {c.get("name"): c.get("color") for c in root.iterfind(".//q:Code[@color]", NS)} == {
        entry.label_in("en"): palette[entry.id].upper() for entry in book.codes}
    coloured = tuple(dataclasses.replace(entry, color=palette[entry.id].upper()) for entry in book.codes)
    assert comparable(imported.codebook).codes == comparable(dataclasses.replace(book, codes=coloured)).codes
    assert comparable(imported.codebook).directions == comparable(book).directions
    variables = [v.get("name") for v in root.findall("q:Variables/q:Variable", NS)]
    assert variables == ["source_type", "date"]


def test_reviewers_are_users_with_their_codings(run: Path, tmp_path: Path) -> None:
    sheet = export_review(run, tmp_path / "review.xlsx").path
    import_reviews(run, [fill(sheet, tmp_path / "a.xlsx", {"G7": 1})], coder="aigerim")
    root, _ = project(write_qdpx(run, tmp_path / "run.qdpx"))
    users = {u.get("name"): u.get("guid") for u in root.findall("q:Users/q:User", NS)}
    assert list(users) == [MACHINE_USER, "aigerim"]
    by_aigerim = root.findall(f".//q:PlainTextSelection[@creatingUser='{users['aigerim']}']", NS)
    assert len(by_aigerim) == 6  # the units she marked with a code or a direction; kk1:2:2 now has crime
    root, _ = project(write_qdpx(run, tmp_path / "none.qdpx", coders=[]))
    assert [u.get("name") for u in root.findall("q:Users/q:User", NS)] == [MACHINE_USER]
    with pytest.raises(InputError, match="there is no coder 'boris'"):
        write_qdpx(run, tmp_path / "x.qdpx", coders=["boris"])


def test_chunks_give_the_same_project(run: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    whole = zipfile.ZipFile(write_qdpx(run, tmp_path / "whole.qdpx"))
    monkeypatch.setattr("coding.results.CHUNK_ROWS", 1)
    chunked = zipfile.ZipFile(write_qdpx(run, tmp_path / "chunked.qdpx"))
    assert sorted(chunked.namelist()) == sorted(whole.namelist())
    for name in whole.namelist():
        assert chunked.read(name) == whole.read(name), name


def test_codings_out_of_corpus_order_are_refused(run: Path, tmp_path: Path) -> None:
    # The project is written document by document, the machine's codings read beside the documents.
    for name in ("units.csv", "segments.csv"):
        table = pd.read_csv(run / name, encoding="utf-8-sig", dtype=str, keep_default_na=False)
        table.sort_values("doc_id", ascending=False, kind="stable").to_csv(run / name, index=False,
                                                                          encoding="utf-8-sig")
    forget_file_records(run)  # as a run of an earlier version: else the edited files are refused first
    with pytest.raises(InputError, match="out of the corpus order"):
        write_qdpx(run, tmp_path / "run.qdpx")
    assert not (tmp_path / "run.qdpx").exists()


def test_the_project_and_the_codebook_name_codes_in_the_same_language_by_default(runner, tmp_path: Path) -> None:
    # A QualCoder user who imports both must not get every code twice (once in kk, once in en).
    from coding.cli import cli

    repo = Path(__file__).resolve().parents[1]
    run = tmp_path / "run"
    book = repo / "codebooks" / "child_trafficking.yaml"
    assert runner.invoke(cli, ["code", str(repo / "corpus"), "--codebook", str(book), "--out", str(run)]).exit_code == 0
    assert runner.invoke(cli, ["export", str(run), "--qdpx", str(tmp_path / "p.qdpx")]).exit_code == 0
    assert runner.invoke(cli, ["codebook", "export", str(book), "--to", "qdc",
                               "--out", str(tmp_path / "b.qdc")]).exit_code == 0
    in_project = {c.get("name") for c in project(tmp_path / "p.qdpx")[0].iterfind(".//q:Code", NS)}
    in_codebook = {c.get("name") for c in etree.parse(str(tmp_path / "b.qdc")).getroot().iter()
                   if c.tag.endswith("}Code")}
    assert in_project == in_codebook and "Бала саудасы" in in_project
