from __future__ import annotations

from pathlib import Path

import pytest

from coding.corpus import check_corpus, load_corpus
from coding.errors import CorpusError
from coding.manifest import check_date


def write_corpus(root: Path, manifest: str, files: dict[str, str], name: str = "manifest.csv") -> Path:
    root.mkdir(parents=True, exist_ok=True)
    for relative, text in files.items():
        (root / relative).parent.mkdir(parents=True, exist_ok=True)
        (root / relative).write_text(text, encoding="utf-8")
    (root / name).write_text(manifest, encoding="utf-8")
    return root


DATES = [("2019-05-17", True), ("2019-05", True), ("2019", True), ("2019-13-01", False), ("2019-02-30", False),
         ("17.05.2019", False), ("last year", False), ("19", False)]


@pytest.mark.parametrize(("value", "ok"), DATES)
def test_check_date(value: str, ok: bool) -> None:
    assert check_date(value) is ok


def test_manifest_metadata_reaches_documents(small_corpus: Path) -> None:
    corpus = load_corpus(small_corpus)
    docs = {d.doc_id: d for d in corpus.documents}
    assert sorted(docs) == ["e1", "k1", "k2", "r1"]
    assert docs["k1"].metadata["source_type"] == "media"
    assert docs["k1"].metadata["region"] == "Алматы"
    assert docs["r1"].date == "2020" and docs["r1"].year == "2020"
    assert docs["k2"].lang == "kk"  # empty language in the manifest: detected
    assert corpus.metadata_columns == ("source_type", "outlet", "date", "url", "region")


def test_files_not_in_the_manifest_still_load(small_corpus: Path) -> None:
    (small_corpus / "extra note.txt").write_text("Қосымша мәтін бала саудасы туралы.", encoding="utf-8")
    corpus = load_corpus(small_corpus)
    assert "extra note" in {d.doc_id for d in corpus.documents}


def test_problems_name_row_and_column(tmp_path: Path) -> None:
    root = write_corpus(
        tmp_path / "c",
        "file,doc_id,date,language\n"
        "a.txt,d1,2019-01-01,kk\n"
        "missing.txt,d2,2019,kk\n"
        "b.txt,d1,2019,kk\n"
        "c.txt,d3,2019-02-30,kk\n"
        "d.txt,d4,2020,de\n",
        {"a.txt": "Бір.", "b.txt": "Екі.", "c.txt": "Үш.", "d.txt": "Төрт."},
    )
    manifest = root / "manifest.csv"
    problems = [str(p) for p in check_corpus(root)]
    assert problems == [
        f"{manifest}:3: row 3, column 'file': the file 'missing.txt' does not exist in {root}; "
        "correct the path (relative to the corpus folder) or remove the row",
        f"{manifest}:4: row 4, column 'doc_id': the doc_id 'd1' is used twice (first on row 2); "
        "give every document its own doc_id",
        f"{manifest}:5: row 5, column 'date': '2019-02-30' is not a date; "
        "write it as YYYY-MM-DD, YYYY-MM or YYYY (e.g. 2019-05-17)",
        f"{manifest}:6: row 6, column 'language': 'de' is not a language of this toolkit; "
        "use one of: kk, ru, en, or leave it empty to detect it",
    ]
    with pytest.raises(CorpusError) as raised:
        load_corpus(root)
    assert "the manifest has 4 problem(s)" in str(raised.value)
    assert len(raised.value.problems) == 4


def test_manifest_without_file_column(tmp_path: Path) -> None:
    root = write_corpus(tmp_path / "c", "name,date\na.txt,2019\n", {"a.txt": "Бір."})
    with pytest.raises(Exception, match="has no 'file' column"):
        load_corpus(root)


def test_semicolon_manifest_from_excel(tmp_path: Path) -> None:
    root = write_corpus(tmp_path / "c", "file;doc_id;source_type\na.txt;x1;media\n", {"a.txt": "Бала саудасы."})
    assert load_corpus(root).documents[0].doc_id == "x1"


def test_xlsx_manifest(tmp_path: Path) -> None:
    from openpyxl import Workbook

    root = tmp_path / "c"
    root.mkdir()
    (root / "a.txt").write_text("Бала саудасы туралы мақала.", encoding="utf-8")
    book = Workbook()
    book.active.append(["file", "doc_id", "date", "source_type"])
    book.active.append(["a.txt", "x1", 2019, "official"])
    book.save(root / "manifest.xlsx")
    doc = load_corpus(root).documents[0]
    assert (doc.doc_id, doc.date, doc.source_type) == ("x1", "2019", "official")


def test_bad_file_is_reported_and_others_load(tmp_path: Path) -> None:
    root = tmp_path / "c"
    root.mkdir()
    (root / "good.txt").write_text("Бала саудасы — қылмыс.", encoding="utf-8")
    (root / "broken.docx").write_bytes(b"this is not a zip")
    (root / "empty.txt").write_bytes(b"")
    corpus = load_corpus(root)
    assert [d.doc_id for d in corpus.documents] == ["good"]
    assert sorted(Path(str(p).split(":")[0]).name for p in corpus.problems) == ["broken.docx", "empty.txt"]
    with pytest.raises(CorpusError, match="could not be read"):
        load_corpus(root, strict=True)


def test_loading_never_writes_to_the_corpus(small_corpus: Path) -> None:
    before = {p: p.stat().st_mtime_ns for p in small_corpus.rglob("*")}
    load_corpus(small_corpus)
    assert {p: p.stat().st_mtime_ns for p in small_corpus.rglob("*")} == before


def test_mixed_document_gets_russian_paragraphs(tmp_path: Path) -> None:
    root = tmp_path / "c"
    root.mkdir()
    (root / "mixed.txt").write_text(
        "Бала саудасы мәселесі биыл да өзекті болып қала береді.\n\n"
        "«Торговля детьми остаётся серьёзной проблемой для всего региона», — сказал эксперт.\n\n"
        "Сарапшының айтуынша, жәбірленушілерге көмек жеткіліксіз.\n",
        encoding="utf-8",
    )
    doc = load_corpus(root).documents[0]
    assert doc.lang == "kk"
    assert [p.lang for p in doc.paragraphs] == ["kk", "ru", "kk"]


def test_missing_folder(tmp_path: Path) -> None:
    with pytest.raises(CorpusError, match="does not exist"):
        load_corpus(tmp_path / "nowhere")
