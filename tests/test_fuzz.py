"""Fuzzing every input: mutated and truncated codebooks (YAML and every import format), manifests,
documents of every format, review workbooks and ``stats series`` tables. Each property asserts that only
the package's own exceptions escape, that nothing reaches standard output, and that nothing is written
outside the output folder.

``make test`` runs a fast profile (a few hundred examples per input, a fixed seed); ``make fuzz`` sets
``CODING_FUZZ_EXAMPLES`` (100,000 by default) and shares it among the properties by their weight.
"""

from __future__ import annotations

import contextlib
import io
import os
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from coding.errors import CodingError
from tests.conftest import CODEBOOK_YAML, REPO

FUZZ_TOTAL = int(os.environ.get("CODING_FUZZ_EXAMPLES", "0"))
# Share of the long run per property (they sum to 1), and the examples of the fast profile.
WEIGHTS = {"codebook": 0.15, "imports": 0.1, "manifest": 0.2, "documents": 0.3, "review": 0.1, "series": 0.15}
FAST = {"codebook": 300, "imports": 200, "manifest": 300, "documents": 300, "review": 100, "series": 300}


def fuzz_settings(name: str) -> settings:
    examples = max(1, int(FUZZ_TOTAL * WEIGHTS[name])) if FUZZ_TOTAL else FAST[name]
    return settings(max_examples=examples, deadline=None, database=None, derandomize=not FUZZ_TOTAL,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                                           HealthCheck.function_scoped_fixture])


# --- Mutations --------------------------------------------------------------------------------------------

NASTY = [b"\x00", b"\xff\xfe", b"\r", b"\n\n", b'"', b"'", b"&", b"*", b"---", b"\x1b", b"=", b"\xd0", b"\xe2\x80",
         "\U00017000".encode(), b"<", b"</", b"]]>", b"{", b"}", b"\\", b":", b"- ", b"  ", b"\t", b"%", b"../"]


@st.composite
def mutated(draw: st.DrawFn, data: bytes) -> bytes:
    """``data`` after a few byte-level edits: flips, deletions, insertions (of random or nasty bytes),
    duplicated ranges and a truncation."""
    out = bytearray(data)
    for _ in range(draw(st.integers(1, 6))):
        kind = draw(st.sampled_from(["flip", "delete", "insert", "nasty", "duplicate", "truncate"]))
        at = draw(st.integers(0, max(len(out) - 1, 0)))
        if kind == "flip" and out:
            out[at] ^= draw(st.integers(1, 255))
        elif kind == "delete":
            del out[at:at + draw(st.integers(1, 64))]
        elif kind == "insert":
            out[at:at] = draw(st.binary(min_size=1, max_size=32))
        elif kind == "nasty":
            out[at:at] = draw(st.sampled_from(NASTY)) * draw(st.integers(1, 8))
        elif kind == "duplicate":
            out[at:at] = out[at:at + draw(st.integers(1, 256))] * draw(st.integers(1, 4))
        elif kind == "truncate":
            out = out[:at]
    return bytes(out)


@st.composite
def mutated_package(draw: st.DrawFn, data: bytes) -> bytes:
    """A zip package (docx, odt, xlsx) with one XML member mutated and the zip rebuilt (deep), or the zip's
    own bytes mutated (shallow)."""
    if draw(st.booleans()):
        return draw(mutated(data))
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        members = [(info, package.read(info)) for info in package.infolist()]
    xml = [index for index, (info, _) in enumerate(members) if info.filename.endswith(".xml")]
    chosen = draw(st.sampled_from(xml))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as out:
        for index, (info, body) in enumerate(members):
            out.writestr(info, draw(mutated(body)) if index == chosen else body)
    return buffer.getvalue()


def _only_ours(call: Callable[[], object], capsys: pytest.CaptureFixture[str]) -> None:
    """Run ``call``: it may succeed or raise a CodingError, nothing else; it prints nothing to stdout."""
    capsys.readouterr()
    with contextlib.suppress(CodingError):
        call()
    assert capsys.readouterr().out == ""


def _unchanged(folder: Path) -> Callable[[], None]:
    """A check that nothing in ``folder`` was created, removed or changed since now."""
    before = {path: path.stat().st_mtime_ns for path in folder.rglob("*")}

    def check() -> None:
        assert {path: path.stat().st_mtime_ns for path in folder.rglob("*")} == before

    return check


# --- Codebooks --------------------------------------------------------------------------------------------

@fuzz_settings("codebook")
@given(text=mutated(CODEBOOK_YAML.encode("utf-8") + b"tone:\n  window: 3\n  positive: {kk: [\xd0\xb6\xd0\xb0\xd2\x9b"
                                                     b"\xd1\x81\xd1\x8b]}\n"))
def test_fuzz_codebook_parser(text: bytes, capsys) -> None:
    from coding.codebook import parse_codebook

    decoded = text.decode("utf-8", errors="replace")
    _only_ours(lambda: parse_codebook(decoded, "fuzz.yaml"), capsys)


IMPORT_FORMATS = {"qdc": ".qdc", "liwc": ".dic", "wordstat": ".cat", "quanteda-yaml": ".yml", "xlsx": ".xlsx"}


@pytest.fixture(scope="module")
def exported_codebooks(tmp_path_factory) -> tuple[Path, dict[str, bytes]]:
    from coding.codebook import parse_codebook
    from coding.interchange import export_codebook

    folder = tmp_path_factory.mktemp("fuzz-imports")
    book = parse_codebook(CODEBOOK_YAML)
    samples = {}
    for name, suffix in IMPORT_FORMATS.items():
        export_codebook(book, name, folder / f"book{suffix}", lang=None if name in ("qdc", "xlsx") else "ru")
        samples[name] = (folder / f"book{suffix}").read_bytes()
    return folder, samples


@fuzz_settings("imports")
@given(data=st.data(), name=st.sampled_from(sorted(IMPORT_FORMATS)))
def test_fuzz_codebook_imports(data: st.DataObject, name: str, exported_codebooks, capsys) -> None:
    from coding.interchange import import_codebook

    folder, samples = exported_codebooks
    path = folder / f"fuzzed{IMPORT_FORMATS[name]}"
    path.write_bytes(data.draw(mutated_package(samples[name]) if name == "xlsx" else mutated(samples[name])))
    _only_ours(lambda: import_codebook(path, name, lang="ru"), capsys)


# --- Manifests --------------------------------------------------------------------------------------------

CELLS = st.one_of(
    st.sampled_from(["a.txt", "sub/b.txt", "../a.txt", "/etc/passwd", "sub/../a.txt", "README.txt", ".h.txt",
                     "x.doc", "", "2019-05-17", "2019", "kk", "ru", "de", "=1+1", "d1", "d1", "a b", "x" * 300]),
    st.text(max_size=40),
)


@st.composite
def manifests(draw: st.DrawFn) -> bytes:
    header = draw(st.lists(st.sampled_from(["file", "doc_id", "title", "date", "language", "source_type", "x"]),
                           min_size=1, max_size=7))
    rows = draw(st.lists(st.lists(CELLS, max_size=len(header) + 1), max_size=8))
    delimiter = draw(st.sampled_from([",", ";", "\t"]))
    newline = draw(st.sampled_from(["\n", "\r\n", "\r"]))
    text = newline.join(delimiter.join(row) for row in [header, *rows]) + newline
    data = text.encode(draw(st.sampled_from(["utf-8", "utf-8-sig", "cp1251"])), errors="replace")
    return draw(mutated(data)) if draw(st.booleans()) else data


@pytest.fixture(scope="module")
def manifest_corpus(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("fuzz-manifest")
    (root / "sub").mkdir()
    for name in ("a.txt", "sub/b.txt", "README.txt", "x.doc"):
        (root / name).write_text("Торговля детьми остаётся проблемой.", encoding="utf-8")
    return root


@fuzz_settings("manifest")
@given(data=manifests())
def test_fuzz_manifest_reader(data: bytes, manifest_corpus: Path, capsys) -> None:
    from coding.corpus import open_corpus

    (manifest_corpus / "manifest.csv").write_bytes(data)
    unchanged = _unchanged(manifest_corpus)
    _only_ours(lambda: open_corpus(manifest_corpus), capsys)
    unchanged()


# --- Documents of every format ----------------------------------------------------------------------------

def _samples(folder: Path) -> dict[str, bytes]:
    from tests.fixtures_readers import PDF_LINES, rtf_escape, write_pdf

    media = REPO / "corpus" / "media"
    samples = {
        ".docx": (media / "kk_2019_elordaainasy_01.docx").read_bytes(),
        ".odt": (media / "kk_2021_saryarkakhabarshysy_01.odt").read_bytes(),
        ".html": (media / "kk_2020_auylainasy_01.html").read_bytes(),
        ".txt": (media / "ru_2018_yuzhnymeridian_01.txt").read_bytes()[:4000],
        ".md": "# Заголовок\n\nТорговля детьми — *проблема*.\n\n- пункт\n".encode(),
        ".rtf": ("{\\rtf1\\ansi\\ansicpg1251 " + rtf_escape("Торговля детьми остаётся проблемой.")
                 + "\\par }").encode("ascii"),
    }
    samples[".pdf"] = write_pdf(folder / "sample.pdf", PDF_LINES[:4]).read_bytes()
    return samples


@pytest.fixture(scope="module")
def document_samples(tmp_path_factory) -> tuple[Path, dict[str, bytes]]:
    folder = tmp_path_factory.mktemp("fuzz-documents")
    return folder, _samples(folder)


@fuzz_settings("documents")
@given(data=st.data(), suffix=st.sampled_from([".docx", ".odt", ".html", ".txt", ".md", ".rtf", ".pdf"]))
def test_fuzz_document_readers(data: st.DataObject, suffix: str, document_samples, capsys) -> None:
    from coding.corpus import analyse_text
    from coding.readers import read_document

    folder, samples = document_samples
    sample = samples[suffix]
    zipped = suffix in (".docx", ".odt")
    body = data.draw(mutated_package(sample) if zipped else mutated(sample))
    path = folder / f"doc{suffix}"
    path.write_bytes(body)
    unchanged = _unchanged(folder)
    _only_ours(lambda: analyse_text(read_document(path)), capsys)
    unchanged()


# --- Review workbooks -------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def review_run(tmp_path_factory) -> tuple[Path, bytes]:
    from click.testing import CliRunner

    from coding.cli import cli

    folder = tmp_path_factory.mktemp("fuzz-review")
    corpus = folder / "corpus"
    corpus.mkdir()
    (corpus / "ru1.txt").write_text("Торговля детьми остаётся проблемой. Преступление раскрыто.\n",
                                    encoding="utf-8")
    (corpus / "en1.txt").write_text("Child trafficking remains a serious crime.\n", encoding="utf-8")
    book = folder / "book.yaml"
    book.write_text(CODEBOOK_YAML, encoding="utf-8")
    runner = CliRunner()
    run = folder / "run"
    assert runner.invoke(cli, ["code", str(corpus), "--codebook", str(book), "--out", str(run), "--jobs", "1",
                               "--no-cache"]).exit_code == 0
    sheet = folder / "review.xlsx"
    assert runner.invoke(cli, ["review", "export", str(run), "--out", str(sheet)]).exit_code == 0
    return run, sheet.read_bytes()


@fuzz_settings("review")
@given(data=st.data())
def test_fuzz_review_importer(data: st.DataObject, review_run, tmp_path_factory, capsys) -> None:
    from coding.codebook import parse_codebook
    from coding.review.importer import read_review

    run, sheet = review_run
    path = run.parent / "filled.xlsx"
    path.write_bytes(data.draw(mutated_package(sheet)))
    unchanged = _unchanged(run)
    book = parse_codebook(CODEBOOK_YAML)
    _only_ours(lambda: read_review(path, codebook=book, unit_texts={}), capsys)
    unchanged()


# --- stats series -----------------------------------------------------------------------------------------

NUMBERS = st.one_of(st.integers(-5, 3000).map(str), st.sampled_from(["", "²", "1 234", "1,5", "99999999999999999999",
                                                                     "20199999999", "n/a", "-0", "١٢", "1e3"]),
                    st.text(max_size=6))


@st.composite
def series_tables(draw: st.DrawFn) -> bytes:
    columns = draw(st.integers(1, 4))
    header = ["year", *(f"s{i}" for i in range(columns))]
    start = draw(st.integers(1990, 2030))
    rows = []
    for offset in range(draw(st.integers(0, 8))):
        period = str(start + offset) if draw(st.integers(0, 4)) else draw(NUMBERS)
        rows.append([period, *(draw(NUMBERS) for _ in range(columns))])
    text = "\n".join(",".join(row) for row in [header, *rows]) + "\n"
    data = text.encode("utf-8")
    return draw(mutated(data)) if draw(st.booleans()) else data


@fuzz_settings("series")
@given(data=series_tables())
def test_fuzz_stats_series(data: bytes, tmp_path_factory, capsys) -> None:
    from coding.stats import read_series, series_dynamics, write_tables

    folder = tmp_path_factory.mktemp("fuzz-series", numbered=True)
    path = folder / "table.csv"
    path.write_bytes(data)
    out = folder / "out"

    def run() -> None:
        result = series_dynamics(read_series(path), name="table")
        write_tables(result.tables(), out)

    _only_ours(run, capsys)
    assert {p.name for p in folder.iterdir()} <= {"table.csv", "out"}  # nothing beside the output folder
