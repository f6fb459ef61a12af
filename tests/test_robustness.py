"""Regression tests of issue 16: bad input never crashes, hangs, eats memory or leaks into outputs.

Each test is named for the failure it guards against; the CLI tests assert one ``Error:`` line, exit status
2 and no traceback.
"""

from __future__ import annotations

import csv
import json
import os
from pathlib import Path

import pytest

from coding.cli import cli

TANGUT = "\U00017000"


def _one_error_line(result) -> str:
    """The CLI's single error line (and no traceback), for failing commands."""
    assert result.exit_code == 2, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert "Traceback" not in result.output
    lines = result.stderr.splitlines()
    assert lines and lines[0].startswith("Error: "), result.stderr
    return lines[0]


# --- No traceback, ever ---------------------------------------------------------------------------------

def test_tangut_letter_in_russian_text_keys_to_itself(runner, small_corpus: Path, codebook_file: Path,
                                                      tmp_path: Path) -> None:
    from coding.lemmas import lemma_candidates, lemma_key

    assert lemma_key(f"{TANGUT}людьми", "ru") == f"{TANGUT}людьми"
    assert lemma_candidates("торговли", "ru") == ("торговля",)
    with (small_corpus / "media" / "ru1.txt").open("a", encoding="utf-8") as handle:
        handle.write(f"\nТорговля {TANGUT}детьми и {TANGUT} остаются проблемой в стране.\n")
    result = runner.invoke(cli, ["code", str(small_corpus), "--codebook", str(codebook_file),
                                 "--out", str(tmp_path / "run"), "--jobs", "1", "--no-cache"])
    assert result.exit_code == 0, result.output
    result = runner.invoke(cli, ["kwic", str(small_corpus), "торговля", "--lang", "ru", "--no-cache"])
    assert result.exit_code == 0 and f"{TANGUT}детьми" in result.output
    result = runner.invoke(cli, ["explain", f"{TANGUT}", "--lang", "ru"])
    assert result.exit_code == 0 and f"key: {TANGUT}" in result.output


def test_file_name_not_utf8_is_escaped_in_every_output(runner, small_corpus: Path, codebook_file: Path,
                                                       tmp_path: Path) -> None:
    (small_corpus / "manifest.csv").unlink()
    name = os.fsdecode(b"\x8f\xe0\xa8\xac\xa5\xe0.txt")  # cp866 bytes, as a Windows zip leaves them
    try:
        (small_corpus / name).write_text("Торговля детьми остаётся проблемой в стране.\n", encoding="utf-8")
    except (OSError, UnicodeError):
        pytest.skip("this file system refuses names that are not UTF-8")
    out = tmp_path / "run"
    result = runner.invoke(cli, ["code", str(small_corpus), "--codebook", str(codebook_file), "--out", str(out),
                                 "--jobs", "1", "--no-cache", "--xlsx", str(tmp_path / "r.xlsx")])
    assert result.exit_code == 0, result.output
    with (out / "documents.csv").open(encoding="utf-8-sig") as handle:
        ids = {row["doc_id"] for row in csv.DictReader(handle)}
    assert "\\x8f\u0a2c\\xa5\\xe0" in ids
    assert json.dumps("\\x8f\u0a2c\\xa5\\xe0.txt", ensure_ascii=False) in (out / "run.json").read_text("utf-8")
    info = runner.invoke(cli, ["corpus", "info", str(small_corpus), "--json"])
    assert info.exit_code == 0, info.output
    assert "\\x8f\u0a2c\\xa5\\xe0.txt" in {d["file"] for d in json.loads(info.stdout)["documents"]}
    for command in (["export", str(out), "--qdpx", str(tmp_path / "p.qdpx")],
                    ["review", "export", str(out), "--out", str(tmp_path / "review.xlsx")]):
        result = runner.invoke(cli, command)
        assert result.exit_code == 0, result.output


def _corpus_with_manifest(root: Path, manifest: str | bytes, files: dict[str, str] | None = None) -> Path:
    root.mkdir(parents=True, exist_ok=True)
    for name, text in (files or {"a.txt": "Торговля детьми остаётся проблемой в стране."}).items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, encoding="utf-8")
    data = manifest.encode("utf-8") if isinstance(manifest, str) else manifest
    (root / "manifest.csv").write_bytes(data)
    return root


def _check_lines(runner, root: Path) -> list[str]:
    result = runner.invoke(cli, ["corpus", "check", str(root)])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.stdout.splitlines()


def test_manifest_with_cr_only_line_endings_is_read(runner, tmp_path: Path) -> None:
    root = _corpus_with_manifest(tmp_path / "c", "file,doc_id\ra.txt,x1\r")
    assert _check_lines(runner, root) == ["No problems found."]


def test_manifest_field_over_128_kib_is_one_error_with_its_line(runner, tmp_path: Path) -> None:
    root = _corpus_with_manifest(tmp_path / "c", "file,doc_id,title\na.txt,x1,\"" + "a" * 140_000 + "\n")
    result = runner.invoke(cli, ["corpus", "info", str(root)])
    assert _one_error_line(result).startswith(f"Error: {root / 'manifest.csv'}:2: line 2 cannot be read as CSV")


def test_manifest_path_over_255_characters_is_a_row_problem(runner, tmp_path: Path) -> None:
    root = _corpus_with_manifest(tmp_path / "c", "file,doc_id\n" + "b" * 300 + ".txt,x1\na.txt,x2\n")
    lines = _check_lines(runner, root)
    assert len(lines) == 1 and lines[0].startswith(f"{root / 'manifest.csv'}:2: row 2, column 'file': the path ")
    assert "File name too long" in lines[0]


def _damaged_xlsx(source: Path, target: Path, member: str, how: str) -> Path:
    """A copy of a workbook with one member's XML cut in half ('xml') or its compressed bytes garbled ('zlib')."""
    import zipfile

    with zipfile.ZipFile(source) as package, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as out:
        for info in package.infolist():
            data = package.read(info)
            if info.filename == member and how == "xml":
                data = data[: len(data) // 2]
            out.writestr(info, data)
    if how == "zlib":
        raw = bytearray(target.read_bytes())
        with zipfile.ZipFile(target) as package:
            info = package.getinfo(member)
        start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra)
        for offset in range(start + 2, start + min(info.compress_size, 40)):
            raw[offset] ^= 0x5A
        target.write_bytes(bytes(raw))
    return target


@pytest.mark.parametrize("how", ["xml", "zlib"])
def test_damaged_sheet_xml_in_manifest_xlsx_is_one_error(runner, tmp_path: Path, how: str) -> None:
    from openpyxl import Workbook

    root = tmp_path / "c"
    _corpus_with_manifest(root, "").joinpath("manifest.csv").unlink()
    book = Workbook()
    for row in [["file", "doc_id", "title"], *[["a.txt", f"x{i}", "Т" * 200] for i in range(200)]]:
        book.active.append(row)
    book.save(tmp_path / "good.xlsx")
    _damaged_xlsx(tmp_path / "good.xlsx", root / "manifest.xlsx", "xl/worksheets/sheet1.xml", how)
    line = _one_error_line(runner.invoke(cli, ["corpus", "info", str(root)]))
    assert line.startswith(f"Error: {root / 'manifest.xlsx'}") and "cannot read the manifest workbook" in line


@pytest.mark.parametrize("how", ["xml", "zlib"])
def test_damaged_review_workbook_is_one_error(runner, small_corpus: Path, codebook_file: Path, tmp_path: Path,
                                              how: str) -> None:
    out = tmp_path / "run"
    assert runner.invoke(cli, ["code", str(small_corpus), "--codebook", str(codebook_file), "--out", str(out),
                               "--jobs", "1", "--no-cache"]).exit_code == 0
    assert runner.invoke(cli, ["review", "export", str(out), "--out", str(tmp_path / "r.xlsx")]).exit_code == 0
    damaged = _damaged_xlsx(tmp_path / "r.xlsx", tmp_path / "damaged.xlsx", "xl/worksheets/sheet1.xml", how)
    result = runner.invoke(cli, ["review", "import", str(damaged), "--run", str(out), "--coder", "ann"])
    line = _one_error_line(result)
    assert line.startswith(f"Error: {damaged}: ") and "damaged" in line


@pytest.mark.parametrize("how", ["xml", "zlib"])
def test_damaged_codebook_workbook_import_is_one_error(runner, codebook_file: Path, tmp_path: Path,
                                                      how: str) -> None:
    book = tmp_path / "book.xlsx"
    assert runner.invoke(cli, ["codebook", "export", str(codebook_file), "--to", "xlsx", "--out",
                               str(book)]).exit_code == 0
    damaged = _damaged_xlsx(book, tmp_path / "damaged.xlsx", "xl/worksheets/sheet1.xml", how)
    result = runner.invoke(cli, ["codebook", "import", str(damaged), "--from", "xlsx", "--out",
                                 str(tmp_path / "back.yaml")])
    assert _one_error_line(result).startswith(f"Error: {damaged}")


def test_lemmas_of_a_cp1251_file(runner, tmp_path: Path) -> None:
    words = tmp_path / "words.txt"
    words.write_bytes("торговля\nдетьми\n".encode("cp1251"))
    result = runner.invoke(cli, ["lemmas", str(words), "--lang", "ru"])
    assert result.exit_code == 0 and result.output == "торговля\tторговля\nдетьми\tребенок\n"


def test_output_paths_longer_than_the_system_allows(runner, small_corpus: Path, codebook_file: Path,
                                                    tmp_path: Path) -> None:
    long = "x" * 300
    for option in (["--out", str(tmp_path / long)],
                   ["--out", str(tmp_path / "run"), "--xlsx", str(tmp_path / f"{long}.xlsx")]):
        result = runner.invoke(cli, ["code", str(small_corpus), "--codebook", str(codebook_file), *option,
                                     "--jobs", "1", "--no-cache"])
        assert "more than the system allows" in _one_error_line(result)
    assert not (tmp_path / "run").exists()  # refused before any work


def test_lexicon_file_path_longer_than_the_system_allows(runner, tmp_path: Path) -> None:
    from tests.conftest import CODEBOOK_YAML

    book = tmp_path / "book.yaml"
    book.write_text(CODEBOOK_YAML + f"tone:\n  lexicon_file: {'x' * 300}.csv\n", encoding="utf-8")
    line = _one_error_line(runner.invoke(cli, ["codebook", "check", str(book)]))
    assert line.startswith(f"Error: {book}:") and "tone lexicon path cannot be used" in line


def test_codebook_with_a_nul_byte_names_its_line(runner, tmp_path: Path) -> None:
    book = tmp_path / "book.yaml"
    book.write_text("codebook: x\nversion: '1'\ncodes:\n  - id: a\x00b\n", encoding="utf-8")
    result = runner.invoke(cli, ["codebook", "check", str(book)])
    assert result.stderr == (f"Error: {book}:4: YAML syntax error: the character U+0000 is not allowed in YAML; "
                             "delete it (it is invisible in most editors; retype the line)\n")


def test_os_errors_are_one_line() -> None:
    import errno

    from coding.errors import describe_os_error

    assert describe_os_error(OSError(errno.ENOSPC, "No space left on device", "/r/run")) == (
        "/r/run: No space left on device; free some disk space, or write to another disk")


# --- Silent loss and injection ----------------------------------------------------------------------------

def _formulas(path: Path) -> int:
    """How many cells of a workbook Excel would run as formulas."""
    import re
    import zipfile

    with zipfile.ZipFile(path) as package:
        return sum(len(re.findall(rb"<f[ >]", package.read(name))) for name in package.namelist()
                   if name.startswith("xl/worksheets/"))


def test_text_starting_with_equals_is_never_a_formula_in_our_workbooks(runner, tmp_path: Path) -> None:
    from coding.review import import_reviews

    root = _corpus_with_manifest(
        tmp_path / "c", "file,doc_id,title,source_type\na.txt,=1+1,=SUM(1),=media\nb.txt,@x,+t,-o\n",
        {"a.txt": "Торговля детьми остаётся проблемой в стране.",
         "b.txt": "Торговля детьми и преступление в городе растут."})
    book = tmp_path / "book.yaml"
    from tests.conftest import CODEBOOK_YAML

    book.write_text(CODEBOOK_YAML, encoding="utf-8")
    run = tmp_path / "run"
    written = {name: tmp_path / name for name in ("res.xlsx", "rev.xlsx", "kwic.xlsx", "cmp.xlsx", "co.xlsx")}
    for command in (["code", str(root), "--codebook", str(book), "--out", str(run), "--jobs", "1", "--no-cache",
                     "--xlsx", str(written["res.xlsx"])],
                    ["review", "export", str(run), "--out", str(written["rev.xlsx"])],
                    ["kwic", str(root), "торговля", "--lang", "ru", "--no-cache", "--out", str(written["kwic.xlsx"])],
                    ["stats", "compare", str(run), "--xlsx", str(written["cmp.xlsx"])],
                    ["stats", "cooccur", str(run), "--xlsx", str(written["co.xlsx"])]):
        result = runner.invoke(cli, command)
        assert result.exit_code == 0, (command, result.output)
    assert {name: _formulas(path) for name, path in written.items()} == dict.fromkeys(written, 0)
    from openpyxl import load_workbook

    values = {cell for row in load_workbook(written["kwic.xlsx"]).active.iter_rows(values_only=True) for cell in row}
    assert "=1+1" in values
    imported = import_reviews(run, [written["rev.xlsx"]], coder="ann")  # the review reads its doc_ids back
    assert imported[0].units == 2


def test_manifest_rows_outside_the_corpus_are_refused_without_looking(runner, tmp_path: Path) -> None:
    outside = tmp_path / "secret.txt"
    outside.write_text("x", encoding="utf-8")
    root = _corpus_with_manifest(tmp_path / "c", f"file,doc_id\n../secret.txt,x1\n{outside},x2\n../nothing.txt,x3\n"
                                                 "a.txt,x4\n")
    lines = _check_lines(runner, root)
    assert [line.split(": ", 2)[1] for line in lines] == ["row 2, column 'file'", "row 3, column 'file'",
                                                         "row 4, column 'file'"]
    assert all("is outside the corpus folder" in line for line in lines)  # same words, existing or not


def test_manifest_rows_the_loader_would_skip_are_reported(runner, tmp_path: Path) -> None:
    root = _corpus_with_manifest(tmp_path / "c", "file,doc_id\na.txt,x1\nREADME.txt,x2\nold.doc,x3\n.note.txt,x4\n",
                                 {"a.txt": "Торговля детьми.", "README.txt": "о корпусе", "old.doc": "x",
                                  ".note.txt": "скрытый"})
    lines = _check_lines(runner, root)
    assert [line.split(": ")[1] for line in lines] == ["row 3, column 'file'", "row 4, column 'file'",
                                                      "row 5, column 'file'"]
    assert "'.doc' is not a supported format" in lines[1] and "hidden" in lines[2]


def test_manifest_unbalanced_quote_hiding_rows_is_reported(runner, tmp_path: Path) -> None:
    root = _corpus_with_manifest(tmp_path / "c", 'file,doc_id,title\na.txt,x1,"Title\nb.txt,x2,Other\n',
                                 {"a.txt": "Торговля детьми.", "b.txt": "Защита детей."})
    lines = _check_lines(runner, root)
    assert lines[0].startswith(f"{root / 'manifest.csv'}:2: row 2: a quote (\") opened on this line closes only on "
                               "line 3")


def test_manifest_dot_dot_path_matches_its_file(tmp_path: Path) -> None:
    from coding.corpus import load_corpus

    root = _corpus_with_manifest(tmp_path / "c", "file,doc_id,title\nmedia/../media/x.txt,x1,Т\n",
                                 {"media/x.txt": "Торговля детьми остаётся проблемой."})
    assert [(d.doc_id, d.title) for d in load_corpus(root).documents] == [("x1", "Т")]


def test_manifest_duplicated_column_is_reported_and_the_first_copy_kept(tmp_path: Path) -> None:
    from coding.manifest import load_manifest

    root = _corpus_with_manifest(tmp_path / "c", "file,title,doc_id,title\na.txt,Т,x1,\n")
    manifest, problems = load_manifest(root / "manifest.csv", root)
    assert [str(p).split(": ", 1)[1] for p in problems] == [
        "the column 'title' appears twice (columns 2 and 4); rename or remove one of them; only the first is read"]
    assert manifest.rows["a.txt"].values["title"] == "Т"


def test_duplicate_doc_id_is_reported_when_its_first_row_has_another_error(tmp_path: Path) -> None:
    from coding.manifest import load_manifest

    root = _corpus_with_manifest(tmp_path / "c", "file,doc_id,date\na.txt,x1,2019-13-45\nb.txt,x1,2019\n",
                                 {"a.txt": "Торговля.", "b.txt": "Защита."})
    _, problems = load_manifest(root / "manifest.csv", root)
    assert [p.line for p in problems] == [2, 3] and "used twice (first on row 2)" in str(problems[1])


def test_document_without_a_manifest_row_is_a_warning(runner, small_corpus: Path) -> None:
    (small_corpus / "extra.txt").write_text("Торговля детьми остаётся проблемой.", encoding="utf-8")
    result = runner.invoke(cli, ["corpus", "info", str(small_corpus), "--strict"])
    assert result.exit_code == 0, result.output
    assert (f"Warning: {small_corpus / 'manifest.csv'}: 1 document(s) have no row in the manifest and are coded "
            "without metadata (doc_id from the file name): extra.txt") in result.stderr


def test_control_character_in_doc_id_is_refused_with_its_row(tmp_path: Path) -> None:
    from coding.manifest import load_manifest

    root = _corpus_with_manifest(tmp_path / "c", "file,doc_id,title\na.txt,x\x071,T\x01\n")
    _, problems = load_manifest(root / "manifest.csv", root)
    assert [(p.line, p.message) for p in problems] == [
        (2, "row 2, column 'doc_id': holds the invisible control character U+0007"),
        (2, "row 2, column 'title': holds the invisible control character U+0001")]


def test_links_loops_and_fifos_named_like_documents_are_reported(runner, tmp_path: Path) -> None:
    root = tmp_path / "c"
    root.mkdir()
    (root / "a.txt").write_text("Торговля детьми остаётся проблемой.", encoding="utf-8")
    try:
        os.symlink("nothing.txt", root / "dangling.txt")
        os.symlink("loop.txt", root / "loop.txt")
        os.mkfifo(root / "pipe.txt")
    except (OSError, AttributeError, NotImplementedError):
        pytest.skip("this system has no symbolic links or FIFOs")
    lines = _check_lines(runner, root)
    assert lines == [f"{root / 'dangling.txt'}: is a link to 'nothing.txt', which does not exist; copy the document "
                     "itself into the corpus, or remove the link",
                     f"{root / 'loop.txt'}: is a link that leads back to itself (a link loop); remove the link, or "
                     "make it point to the document",
                     f"{root / 'pipe.txt'}: is a named pipe (FIFO), not a document; remove it from the corpus "
                     "folder, or rename it so it does not look like a document"]


def test_the_corpus_listing_sorts_by_folder_and_leaves_out_what_is_not_coded(tmp_path: Path) -> None:
    from coding.corpus import corpus_names

    root = tmp_path / "c"
    for name in ("a/b.txt", "a-b.txt", "a/c/d.docx", "B.txt", ".hidden/x.txt", "a/.x.txt", "~$lock.docx",
                 "README.md", "readme2.txt", "a/README.txt", "notes.xyz", "noext", "x.", "manifest.csv",
                 "a/manifest.csv"):
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text("Бала саудасы.", encoding="utf-8")
    try:
        os.symlink(root / "a", root / "linked")  # a linked folder is not entered
        os.symlink("nothing.txt", root / "a" / "dangling.txt")  # a dangling link is listed (reading reports it)
    except (OSError, NotImplementedError):
        pytest.skip("this system has no symbolic links")
    # Part by part: "a/…" before "a-b.txt" although "-" sorts before "/" as text.
    assert corpus_names(root) == ["B.txt", "a/b.txt", "a/c/d.docx", "a/dangling.txt", "a-b.txt"]


def test_paragraphs_in_utf8_and_cp1251_in_one_file_are_each_decoded(tmp_path: Path) -> None:
    from coding.readers import read_document

    first = "Торговля детьми остаётся серьёзной проблемой для всего региона."
    second = "Правительство готовит новый закон о защите детей и намерено принять его."
    path = tmp_path / "mixed.txt"
    path.write_bytes(first.encode("utf-8") + b"\n\n" + (second + " " + second).encode("cp1251") + b"\n")
    assert read_document(path) == f"{first}\n\n{second} {second}"


def _truncated_odt(source: Path, target: Path) -> Path:
    import zipfile

    with zipfile.ZipFile(source) as package, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as out:
        for info in package.infolist():
            data = package.read(info)
            if info.filename == "content.xml":
                data = data[: data.rfind(b"</text:p>", 0, len(data) * 2 // 3) + len(b"</text:p>")]
            out.writestr(info, data)
    return target


def test_truncated_odt_is_a_reader_error_and_prints_nothing_to_stdout(runner, tmp_path: Path, capfd) -> None:
    from tests.conftest import REPO

    root = tmp_path / "c"
    root.mkdir()
    (root / "a.txt").write_text("Торговля детьми остаётся проблемой в стране.", encoding="utf-8")
    _truncated_odt(REPO / "corpus" / "media" / "kk_2021_saryarkakhabarshysy_01.odt", root / "t.odt")
    result = runner.invoke(cli, ["corpus", "info", str(root), "--json"])
    assert result.exit_code == 0, result.output
    assert [d["doc_id"] for d in json.loads(result.stdout)["documents"]] == ["a"]  # stdout is JSON alone
    assert f"Warning: {root / 't.odt'}: is damaged: its text (content.xml) is broken XML at line" in result.stderr
    assert "SAX" not in capfd.readouterr().out


def test_pdf_warning_names_its_file(tmp_path: Path, capfd) -> None:
    from coding.errors import ReaderError
    from coding.readers import read_document
    from tests.fixtures_readers import write_pdf

    path = write_pdf(tmp_path / "cut.pdf", [(1, 72, 700, 12, "Child trafficking remains a serious crime.")])
    data = path.read_bytes()
    path.write_bytes(data[: data.rfind(b"%%EOF")])
    try:
        read_document(path)
    except ReaderError:
        pass
    warnings = [line for line in capfd.readouterr().err.splitlines() if "EOF marker not found" in line]
    assert warnings == [f"Warning: {path}: EOF marker not found (pypdf._reader)"]


def test_codes_without_terms_in_a_corpus_language_are_not_measured_zeros(small_corpus: Path,
                                                                          tmp_path: Path) -> None:
    from coding.codebook import parse_codebook
    from coding.results import load_results
    from coding.runs import code_corpus
    from tests.conftest import CODEBOOK_YAML

    book = parse_codebook(CODEBOOK_YAML.replace("      en: [child trafficking]\n", ""))
    run = code_corpus(small_corpus, book, "sentence", out=tmp_path / "run")
    assert any("no 'en' terms for child_trafficking" in problem for problem in run.problems)
    with (tmp_path / "run" / "frequencies_by_language.csv").open(encoding="utf-8-sig") as handle:
        rows = {(row["code"], row["lang"]): row for row in csv.DictReader(handle)}
    assert rows[("child_trafficking", "en")]["occurrences"] == "" and rows[("child_trafficking", "en")]["words"]
    assert rows[("crime", "en")]["occurrences"] == "1"
    table = load_results(tmp_path / "run").frequencies_by_language
    cell = table[(table["code"] == "child_trafficking") & (table["lang"] == "en")]["occurrences"]
    assert cell.isna().all()


def test_control_character_in_a_file_name_is_escaped_for_review_and_qdpx(runner, small_corpus: Path,
                                                                         codebook_file: Path, tmp_path: Path) -> None:
    (small_corpus / "manifest.csv").unlink()
    try:
        (small_corpus / "bell\x07.txt").write_text("Торговля детьми остаётся проблемой.", encoding="utf-8")
    except OSError:
        pytest.skip("this file system refuses control characters in names")
    out = tmp_path / "run"
    assert runner.invoke(cli, ["code", str(small_corpus), "--codebook", str(codebook_file), "--out", str(out),
                               "--jobs", "1", "--no-cache"]).exit_code == 0
    with (out / "documents.csv").open(encoding="utf-8-sig") as handle:
        assert "bell\\x07" in {row["doc_id"] for row in csv.DictReader(handle)}
    for command in (["review", "export", str(out), "--out", str(tmp_path / "r.xlsx")],
                    ["export", str(out), "--qdpx", str(tmp_path / "p.qdpx")]):
        result = runner.invoke(cli, command)
        assert result.exit_code == 0, result.output


# --- Bounded resources ------------------------------------------------------------------------------------

def _bomb(source: Path, target: Path, member: str, size: int) -> Path:
    """A copy of a zip package whose ``member`` is padded with ``size`` bytes of spaces (they pack ~1000:1)."""
    import zipfile

    with zipfile.ZipFile(source) as package, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as out:
        for info in package.infolist():
            data = package.read(info)
            if info.filename == member:
                data = data + b" " * size  # white space after the root element is well-formed XML
            out.writestr(info, data)
    return target


@pytest.mark.parametrize(("name", "member"), [("kk_2019_elordaainasy_01.docx", "word/document.xml"),
                                              ("kk_2021_saryarkakhabarshysy_01.odt", "content.xml")])
def test_zip_bomb_document_is_refused_before_it_is_inflated(tmp_path: Path, name: str, member: str) -> None:
    from coding.errors import ReaderError
    from coding.readers import read_document
    from tests.conftest import REPO

    path = _bomb(REPO / "corpus" / "media" / name, tmp_path / name, member, 8 * 2**20)
    assert path.stat().st_size < 100_000
    with pytest.raises(ReaderError) as caught:
        read_document(path)
    assert str(caught.value).startswith(f"{path}: its part '{member}' would expand to 8 MB (")
    assert "possible zip bomb" in str(caught.value)


def test_zip_bomb_manifest_and_review_workbooks_are_refused(tmp_path: Path) -> None:
    from openpyxl import Workbook

    from coding.errors import InputError, ManifestError
    from coding.manifest import load_manifest
    from coding.review.importer import read_review
    from tests.conftest import CODEBOOK_YAML

    book = Workbook()
    book.active.append(["file", "doc_id"])
    book.save(tmp_path / "plain.xlsx")
    bomb = _bomb(tmp_path / "plain.xlsx", tmp_path / "manifest.xlsx", "xl/worksheets/sheet1.xml", 8 * 2**20)
    with pytest.raises(ManifestError, match="possible zip bomb"):
        load_manifest(bomb, tmp_path)
    from coding.codebook import parse_codebook

    with pytest.raises(InputError, match="possible zip bomb"):
        read_review(bomb, codebook=parse_codebook(CODEBOOK_YAML), unit_texts={})


BILLION_LAUGHS = "".join(
    f"l{level}: &l{level} [{', '.join([f'*l{level - 1}'] * 9) if level else ', '.join(['бала'] * 9)}]\n"
    for level in range(9))


@pytest.mark.parametrize(("yaml_text", "message"), [
    ("codebook: x\n" + BILLION_LAUGHS + "codes:\n  - id: a\n    terms: {kk: *l8}\n",
     ":2: the YAML expands to more than 500,000 values"),
    ("codebook: x\nkey: &k [a, b]\n*k : 1\n", ":2: a mapping key is a list or mapping (or an alias to one)"),
    ("codebook: " + "[" * 2000 + "]" * 2000 + "\n", ":1: the YAML is nested more than 40 levels deep"),
    ("codebook: x\n" + "".join("  " * i + "k:\n" for i in range(60)), ":42: the YAML is nested more than 40"),
])
def test_hostile_yaml_is_refused_with_its_line_at_once(tmp_path: Path, yaml_text: str, message: str) -> None:
    import time

    from coding.codebook import load_codebook
    from coding.errors import CodebookError

    path = tmp_path / "book.yaml"
    path.write_text(yaml_text, encoding="utf-8")
    began = time.perf_counter()
    with pytest.raises(CodebookError) as caught:
        load_codebook(path)
    assert time.perf_counter() - began < 5
    assert str(caught.value).startswith(f"{path}{message}")


def test_hostile_yaml_in_a_quanteda_dictionary_is_refused(tmp_path: Path) -> None:
    from coding.errors import InputError
    from coding.interchange import import_codebook

    path = tmp_path / "dict.yml"
    path.write_text(BILLION_LAUGHS, encoding="utf-8")
    with pytest.raises(InputError, match="expands to more than"):
        import_codebook(path, "quanteda-yaml", lang="ru")


@pytest.mark.parametrize("window", ["²", "99999999999999999999", "-1", "51"])
def test_tone_window_out_of_range_is_a_codebook_problem(window: str) -> None:
    from coding.codebook import parse_codebook
    from coding.errors import CodebookError
    from tests.conftest import CODEBOOK_YAML

    with pytest.raises(CodebookError) as caught:
        parse_codebook(CODEBOOK_YAML + f"tone:\n  window: '{window}'\n")
    assert "is not a whole number from 0 to 50" in str(caught.value)


@pytest.mark.parametrize(("table", "message"), [
    ("year,cases\n2018,9\n20199999999,6\n", "row 3, column 'year': '20199999999' is not a period"),
    ("year,cases\n2018,9\n2019,99999999999999999999\n", "is larger than 1,000,000,000,000"),
    ("year,cases\n1018,9\n2019,6\n", "2019 follows 1018, 1,000 periods later"),
    ("year,cases\n2018,9\n²,6\n", "'²' is not a period"),
    ("year,cases\r2018,9\r2019,6\r", None),
])
def test_series_numbers_are_bounded(tmp_path: Path, table: str, message: str | None) -> None:
    from coding.errors import InputError
    from coding.stats import read_series

    path = tmp_path / "s.csv"
    path.write_text(table, encoding="utf-8", newline="")
    if message is None:
        assert read_series(path)["cases"].tolist() == [9, 6]
        return
    with pytest.raises(InputError) as caught:
        read_series(path)
    assert message in str(caught.value)


def test_review_round_out_of_range_is_one_error(runner, small_corpus: Path, codebook_file: Path,
                                                tmp_path: Path) -> None:
    out = tmp_path / "run"
    assert runner.invoke(cli, ["code", str(small_corpus), "--codebook", str(codebook_file), "--out", str(out),
                               "--jobs", "1", "--no-cache"]).exit_code == 0
    result = runner.invoke(cli, ["agree", str(out), "--round", "99999999999999999999"])
    assert "round 99999999999999999999 is not a round" in _one_error_line(result)
    result = runner.invoke(cli, ["kwic", str(small_corpus), "торговля", "--lang", "ru", "--window", "99999999999"])
    assert result.exit_code == 2 and "0<=x<=1000" in result.stderr


def test_one_line_book_is_cut_into_bounded_paragraphs(tmp_path: Path) -> None:
    from coding.readers import read_document
    from coding.readers._common import MAX_PARAGRAPH_CHARS

    sentence = "Торговля детьми остаётся серьёзной проблемой для всего региона. "
    path = tmp_path / "one.txt"
    path.write_text(sentence * 5000, encoding="utf-8")
    paragraphs = read_document(path).split("\n\n")
    assert len(paragraphs) > 5 and max(map(len, paragraphs)) <= MAX_PARAGRAPH_CHARS
    assert all(p.endswith("региона.") for p in paragraphs)  # cut at sentence ends
    assert " ".join(paragraphs) == (sentence * 5000).strip()


# --- Nothing is written into the corpus -------------------------------------------------------------------

def test_every_writing_command_refuses_a_path_inside_the_corpus_before_any_work(
        runner, small_corpus: Path, codebook_file: Path, tmp_path: Path) -> None:
    run = tmp_path / "run"
    assert runner.invoke(cli, ["code", str(small_corpus), "--codebook", str(codebook_file), "--out", str(run),
                               "--jobs", "1", "--no-cache"]).exit_code == 0
    inside = small_corpus / "media"
    before = sorted(p.relative_to(small_corpus) for p in small_corpus.rglob("*"))
    commands = {
        "review export": ["review", "export", str(run), "--out", str(inside / "r.xlsx")],
        "kwic --out": ["kwic", str(small_corpus), "торговля", "--lang", "ru", "--no-cache", "--out",
                       str(inside / "k.csv")],
        "export --qdpx": ["export", str(run), "--qdpx", str(inside / "p.qdpx")],
        "export --xlsx after a good --html": ["export", str(run), "--html", str(tmp_path / "ok.html"), "--xlsx",
                                              str(inside / "x.xlsx")],
        "export --charts": ["export", str(run), "--charts", str(inside / "charts")],
        "stats compare --xlsx": ["stats", "compare", str(run), "--xlsx", str(inside / "c.xlsx")],
        "stats cooccur --charts": ["stats", "cooccur", str(run), "--charts", str(inside / "charts")],
        "stats cooccur --out": ["stats", "cooccur", str(run), "--out", str(inside / "tables")],
        "agree --out": ["agree", str(run), "--include-machine", "--out", str(inside / "a.xlsx")],
        "code --xlsx": ["code", str(small_corpus), "--codebook", str(codebook_file), "--out", str(tmp_path / "run2"),
                        "--jobs", "1", "--no-cache", "--xlsx", str(inside / "x.xlsx")],
    }
    for name, command in commands.items():
        result = runner.invoke(cli, command)
        line = _one_error_line(result)
        assert "is inside the corpus folder" in line, (name, line)
        assert not result.stdout, (name, result.stdout)  # refused before any work, nothing printed
    assert sorted(p.relative_to(small_corpus) for p in small_corpus.rglob("*")) == before
    assert not (tmp_path / "ok.html").exists() and not (tmp_path / "run2").exists()


def test_a_qdc_block_with_a_single_label_imports(tmp_path: Path) -> None:
    # Found by `make fuzz`: a [coding] block whose label is one string (not a mapping) raised AttributeError.
    from coding.interchange.qdc import read_qdc

    path = tmp_path / "book.qdc"
    path.write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n<CodeBook xmlns="urn:QDA-XML:codebook:1.0"><Codes>'
        '<Code guid="16BD8353-8765-57D3-9232-90205CA137EE" name="Child trafficking" isCodable="true">'
        "<Description>[coding]\nid: child_trafficking\nkind: code\nlabel: Бала саудасы\n"
        "terms:\n  kk: [бала саудасы]\n</Description></Code></Codes></CodeBook>\n", encoding="utf-8")
    code = read_qdc(path).codebook.codes[0]
    assert code.id == "child_trafficking" and code.label == {"kk": "Бала саудасы"}


def test_a_zip_of_an_unreadable_version_is_one_error(tmp_path: Path, small_corpus: Path, codebook_file: Path) -> None:
    # Found by `make fuzz`: a review workbook whose zip directory claims version 8.4 raised NotImplementedError.
    from coding.errors import CodingError
    from coding.review.importer import read_review
    from coding.zips import check_zip

    good = tmp_path / "good.xlsx"
    import openpyxl

    book = openpyxl.Workbook()
    book.active["A1"] = "unit_id"
    book.save(good)
    data = bytearray(good.read_bytes())
    directory = data.find(b"PK\x01\x02")
    data[directory + 6:directory + 8] = (84).to_bytes(2, "little")  # "version needed to extract": 8.4
    bad = tmp_path / "bad.xlsx"
    bad.write_bytes(bytes(data))
    with pytest.raises(CodingError, match=r"packed in a way that cannot be read \(zip file version 8.4\)"):
        check_zip(bad, CodingError)
    from coding.codebook import load_codebook

    with pytest.raises(CodingError, match="cannot be read"):
        read_review(bad, codebook=load_codebook(codebook_file), unit_texts={})
