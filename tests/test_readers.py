"""Tests of coding.readers: every format, every encoding, every error, on fixtures built in tmp_path."""

from __future__ import annotations

import codecs
import random
import zipfile
from pathlib import Path

import pytest
from fixtures_readers import (
    DEJAVU,
    DOCX_TEXT,
    EN,
    KK,
    ODT_TEXT,
    PDF_LINES,
    PDF_TEXT,
    RU,
    rtf_escape,
    write_docx,
    write_encrypted_pdf,
    write_odt,
    write_pdf,
    write_scanned_pdf,
)
from hypothesis import given, settings
from hypothesis import strategies as st

from coding.errors import ReaderError
from coding.readers import READERS, decode_bytes, read_document, supported
from coding.readers._common import join_paragraphs
from coding.readers.text import plausibility

RU_LONG = (
    "Торговля детьми остаётся серьёзной проблемой для всего региона. "
    "Эксперты призывают усилить контроль на границе. Правительство готовит новый закон."
)
RU_SHORT = "Суд вынес приговор по делу"
RU_SHORT_2 = "Дети нуждаются в нашей защите"
FR = "Café au lait, naïve résumé."


def write(tmp_path: Path, name: str, data: bytes | str) -> Path:
    path = tmp_path / name
    if isinstance(data, str):
        path.write_text(data, encoding="utf-8", newline="")
    else:
        path.write_bytes(data)
    return path


def read_error(path: Path) -> ReaderError:
    with pytest.raises(ReaderError) as caught:
        read_document(path)
    error = caught.value
    assert error.path == str(path)
    assert error.hint
    return error


# --- the registry -------------------------------------------------------------------------------


def test_readers_registry_has_exactly_the_documented_extensions():
    assert sorted(READERS) == [".docx", ".htm", ".html", ".md", ".odt", ".pdf", ".rtf", ".txt"]


@pytest.mark.parametrize(
    ("name", "expected"),
    [("a.txt", True), ("A.DOCX", True), ("b.Pdf", True), ("c.htm", True), ("d.md", True),
     ("e.rtf", True), ("f.odt", True), ("g.doc", False), ("h.xlsx", False), ("noext", False)],
)  # fmt: skip
def test_supported(name, expected):
    assert supported(Path(name)) is expected


# --- plain text: encodings ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("encoded", "expected"),
    [
        pytest.param(RU_LONG.encode("utf-8"), RU_LONG, id="utf-8"),
        pytest.param(KK.encode("utf-8"), KK, id="utf-8-kazakh"),
        pytest.param(RU_LONG.encode("utf-8-sig"), RU_LONG, id="utf-8-sig"),
        pytest.param(codecs.BOM_UTF16_LE + RU_LONG.encode("utf-16-le"), RU_LONG, id="utf-16-le-bom"),
        pytest.param(codecs.BOM_UTF16_BE + RU_LONG.encode("utf-16-be"), RU_LONG, id="utf-16-be-bom"),
        pytest.param(codecs.BOM_UTF16_LE + KK.encode("utf-16-le"), KK, id="utf-16-le-bom-kazakh"),
        pytest.param(RU_LONG.encode("utf-16-le"), RU_LONG, id="utf-16-le-no-bom"),
        pytest.param(EN.encode("utf-16-be"), EN, id="utf-16-be-no-bom-ascii"),
        pytest.param(RU_LONG.encode("cp1251"), RU_LONG, id="cp1251"),
        pytest.param(RU_LONG.encode("koi8_r"), RU_LONG, id="koi8-r"),
        pytest.param(RU_SHORT.encode("cp1251"), RU_SHORT, id="cp1251-short"),
        pytest.param(RU_SHORT.encode("koi8_r"), RU_SHORT, id="koi8-r-short"),
        pytest.param(RU_SHORT_2.encode("cp1251"), RU_SHORT_2, id="cp1251-short-2"),
        pytest.param(RU_SHORT_2.encode("koi8_r"), RU_SHORT_2, id="koi8-r-short-2"),
        pytest.param(RU_SHORT.upper().encode("cp1251"), RU_SHORT.upper(), id="cp1251-capitals"),
        pytest.param(RU_SHORT.upper().encode("koi8_r"), RU_SHORT.upper(), id="koi8-r-capitals"),
        pytest.param(f"{RU} «Цитата» — №5".encode("cp1251"), f"{RU} «Цитата» — №5", id="cp1251-punctuation"),
        pytest.param(KK.encode("kz1048"), KK, id="kz1048-kazakh"),
        pytest.param(FR.encode("cp1252"), FR, id="cp1252"),
        pytest.param(EN.encode("ascii"), EN, id="ascii"),
    ],
)
def test_decode_bytes_detects_the_encoding(encoded, expected):
    assert decode_bytes(encoded, "x.txt") == expected


def test_decode_bytes_keeps_mostly_utf8_with_a_stray_cp1251_word():
    data = (RU_LONG + " ").encode("utf-8") + "Привет".encode("cp1251") + " мир.".encode()
    assert decode_bytes(data) == RU_LONG + " Привет мир."


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "cp1251", "koi8_r"])
def test_read_text_in_each_encoding_with_crlf_paragraphs(tmp_path, encoding):
    text = f"{RU_LONG}\r\n\r\n{RU_SHORT}.\r\nВторая строка абзаца.\r\n"
    path = write(tmp_path, "doc.txt", text.encode(encoding))
    assert read_document(path) == f"{RU_LONG}\n\n{RU_SHORT}.\nВторая строка абзаца."


def test_plausibility_prefers_the_right_reading():
    data = RU_LONG.encode("cp1251")
    assert plausibility(data.decode("cp1251")) > plausibility(data.decode("koi8_r"))
    assert plausibility(EN) == 0


# --- the paragraph contract -----------------------------------------------------------------------

_PIECES = st.text(alphabet="абвәқңxyz. \t\n\r\xa0\u2028", max_size=40)


@settings(max_examples=200, deadline=None)
@given(st.lists(_PIECES, max_size=6))
def test_join_paragraphs_keeps_the_contract(paragraphs):
    text = join_paragraphs(paragraphs)
    assert text == text.strip()
    assert "\n\n\n" not in text and "\r" not in text
    for block in text.split("\n\n") if text else []:
        assert block and all(line and line == line.strip() for line in block.split("\n"))
    assert "".join(text.split()) == "".join("".join(paragraphs).split())


@settings(max_examples=50, deadline=None)
@given(_PIECES, st.sampled_from(["utf-8", "utf-8-sig", "utf-16"]))
def test_unicode_text_round_trips(tmp_path_factory, text, encoding):
    path = tmp_path_factory.mktemp("rt") / "doc.txt"
    path.write_bytes(text.encode(encoding))
    try:
        read = read_document(path)
    except ReaderError as error:
        assert "is empty" in error.message and not text.strip()
    else:
        assert "".join(read.split()) == "".join(text.split())


# --- plain text and Markdown: paragraphs ---------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(f"{KK}\n\n{RU}", f"{KK}\n\n{RU}", id="blank-line"),
        pytest.param(f"\n\n  {KK}  \n \t \n\n\n{RU}\n\n", f"{KK}\n\n{RU}", id="whitespace-lines"),
        pytest.param(f"{KK}\nекінші жол\n\n{RU}", f"{KK}\nекінші жол\n\n{RU}", id="lines-inside"),
        pytest.param(f"{KK}\n{RU}\n{EN}\n", f"{KK}\n\n{RU}\n\n{EN}", id="one-paragraph-per-line"),
        pytest.param(f"{KK}\r{RU}", f"{KK}\n\n{RU}", id="old-mac-cr"),
    ],
)
def test_read_text_paragraphs(tmp_path, text, expected):
    assert read_document(write(tmp_path, "doc.txt", text)) == expected


def test_read_markdown_drops_heading_markers_and_splits_blocks(tmp_path):
    source = (
        "# Бала құқықтары #\n"
        f"{KK}\nекінші жол.\n\n"
        "- бірінші\n- екінші\n  жалғасы\n\n"
        "---\n"
        "## Кіші тақырып\n"
        "```\nкод  жолы\n```\n"
    )
    expected = (
        f"Бала құқықтары\n\n{KK}\nекінші жол.\n\n- бірінші\n\n- екінші\nжалғасы\n\nКіші тақырып\n\nкод  жолы"
    )
    assert read_document(write(tmp_path, "doc.md", source)) == expected


# --- docx ---------------------------------------------------------------------------------------


def test_read_docx_body_tables_revisions_and_text_boxes(tmp_path):
    assert read_document(write_docx(tmp_path / "doc.docx")) == DOCX_TEXT


def test_read_docx_skips_the_header(tmp_path):
    assert "Колонтитул" not in read_document(write_docx(tmp_path / "doc.docx"))


# --- odt ----------------------------------------------------------------------------------------


def test_read_odt_spaces_tabs_breaks_lists_tables_without_footnotes(tmp_path):
    assert read_document(write_odt(tmp_path / "doc.odt")) == ODT_TEXT


# --- pdf ----------------------------------------------------------------------------------------


@pytest.mark.skipif(not DEJAVU.exists(), reason="DejaVuSans.ttf (a font with Cyrillic) is not installed")
def test_read_pdf_cyrillic_paragraphs_hyphens_and_page_numbers(tmp_path):
    path = write_pdf(tmp_path / "doc.pdf", PDF_LINES, font="DejaVuSans")
    assert read_document(path) == PDF_TEXT


def test_read_pdf_latin_builtin_font(tmp_path):
    lines = [
        (1, 72, 750, 12, EN),
        (1, 72, 736, 12, "Prevention is the main task of the"),
        (1, 72, 722, 12, "state and of society."),
        (1, 72, 690, 12, "A new law is being prepared."),
    ]
    expected = f"{EN}\nPrevention is the main task of the\nstate and of society.\n\n{lines[3][4]}"
    assert read_document(write_pdf(tmp_path / "doc.pdf", lines)) == expected


def test_read_pdf_running_heads_page_numbers_headings_bullets_and_page_breaks(tmp_path):
    head, body = "Annual report 2024", "The programme reached every district of the region and"
    lines = []
    for page in (1, 2, 3):
        lines += [(page, 72, 800, 9, head), (page, 260, 40, 9, f"Page {page} of 3")]
    lines += [
        (1, 72, 760, 16, "Introduction"),
        (1, 72, 730, 12, body),
        (1, 72, 716, 12, "trained teachers, social workers and police officers in"),
        (2, 72, 760, 12, "Every school received a guide on how to spot the signs."),
        (2, 72, 746, 12, "1. First item"),
        (2, 72, 732, 12, "2. Second item"),
        (3, 72, 760, 16, "Conclusion"),
        (3, 72, 730, 12, "The work goes on."),
    ]
    expected = (
        f"Introduction\n\n{body}\ntrained teachers, social workers and police officers in\n"
        "Every school received a guide on how to spot the signs.\n\n1. First item\n\n2. Second item\n\n"
        "Conclusion\n\nThe work goes on."
    )
    assert read_document(write_pdf(tmp_path / "doc.pdf", lines)) == expected


def test_read_pdf_with_only_an_owner_password(tmp_path):
    assert read_document(write_encrypted_pdf(tmp_path / "doc.pdf", user_password="")) == EN


@pytest.mark.parametrize(("user_password", "expected"), [("", EN), ("secret", None)])
def test_read_aes_encrypted_pdf(tmp_path, user_password, expected):
    pytest.importorskip("cryptography")
    path = write_encrypted_pdf(tmp_path / "aes.pdf", user_password=user_password, algorithm="AES-256")
    if expected is None:
        assert read_error(path).message == "is password-protected"
    else:
        assert read_document(path) == expected


def test_aes_pdf_without_cryptography_package(tmp_path, monkeypatch):
    from pypdf.errors import DependencyError

    import coding.readers.pdf as pdf_module

    def missing_crypto(stream):
        raise DependencyError("cryptography is required for AES algorithm")

    monkeypatch.setattr(pdf_module, "PdfReader", missing_crypto)
    path = write_pdf(tmp_path / "aes.pdf", [(1, 72, 750, 12, EN)])
    error = read_error(path)
    assert "encrypted with AES" in error.message and "cryptography is required" in error.message
    assert "pip install cryptography" in error.hint


# --- html ---------------------------------------------------------------------------------------

PAGE = """<!DOCTYPE html>
<html><head><meta charset="{charset}"><title>Жаңалықтар</title>
<style>p {{ color: red }}</style><script>var x = "скрипт";</script></head>
<body>
<header><a href="/">Басты бет</a><nav><ul><li>Жаңалықтар</li><li>Байланыс</li></ul></nav></header>
<div class="menu">Мәзір</div>
<main>
<article>
  <header><h1>Бала   саудасы</h1></header>
  <p>Бала саудасының алдын алу —
     <b>басты</b> міндет.</p>
  <p>Торговля детьми<br>остаётся серьёзной проблемой.</p>
  <ul><li>Бірінші</li><li>Екінші</li></ul>
  <blockquote>Дәйексөз</blockquote>
  <table><tr><td>Ұяшық 1</td><td>Ұяшық 2</td></tr></table>
  <div style="display: none">Жасырын</div><div hidden>Жасырын</div>
  <!-- пікір -->
  <form><label>Іздеу</label><input value="x"></form>
  <footer>Тегтер</footer>
</article>
<aside>Ұқсас жаңалықтар</aside>
</main>
<footer>© 2024</footer><noscript>JavaScript</noscript>
</body></html>"""
PAGE_TEXT = (
    "Бала саудасы\n\nБала саудасының алдын алу — басты міндет.\n\n"
    "Торговля детьми\nостаётся серьёзной проблемой.\n\nБірінші\n\nЕкінші\n\nДәйексөз\n\nҰяшық 1\n\nҰяшық 2"
)


@pytest.mark.parametrize("suffix", [".html", ".htm"])
def test_read_html_main_text_only(tmp_path, suffix):
    path = write(tmp_path, "page" + suffix, PAGE.format(charset="utf-8").encode("utf-8"))
    assert read_document(path) == PAGE_TEXT


@pytest.mark.parametrize(
    ("declaration", "encoding"),
    [
        ('<meta charset="windows-1251">', "cp1251"),
        ('<meta http-equiv="Content-Type" content="text/html; charset=koi8-r">', "koi8_r"),
        ("", "cp1251"),  # no declaration: detected
        ('<meta charset="windows-1251">', "utf-8"),  # re-saved as UTF-8, old <meta> kept
        ('<meta charset="utf-8">', "cp1251"),  # wrong declaration: detected
    ],
)
def test_read_html_charsets(tmp_path, declaration, encoding):
    html = f"<html><head>{declaration}</head><body><p>{RU_LONG}</p><p>{RU_SHORT}</p></body></html>"
    path = write(tmp_path, "page.html", html.encode(encoding))
    assert read_document(path) == f"{RU_LONG}\n\n{RU_SHORT}"


def test_read_xhtml_with_xml_declaration(tmp_path):
    html = f'<?xml version="1.0" encoding="windows-1251"?>\n<html><body><p>{RU}</p></body></html>'
    assert read_document(write(tmp_path, "page.html", html.encode("cp1251"))) == RU


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        pytest.param(
            f"<div>Кіріспе<p>{KK}</p>қорытынды <i>сөз</i></div>",
            f"Кіріспе\n\n{KK}\n\nқорытынды сөз",
            id="div-text",
        ),
        pytest.param(
            f"<main><p>{RU}</p></main><div>Жарнама</div>", RU, id="main-without-article"
        ),
        pytest.param(
            f"<article><p>{RU_LONG}</p><p>{KK}</p></article><article><p>Қысқа хабар</p></article>",
            f"{RU_LONG}\n\n{KK}",
            id="teaser-articles-dropped",
        ),
        pytest.param(
            f"<aside><article><p>{RU_LONG} {RU_LONG}</p></article></aside><article><p>{KK}</p></article>",
            KK,
            id="article-in-aside-ignored",
        ),
        pytest.param(
            f"<nav id='nav'>Мәзір</nav><div class='sidebar'>Бүйір</div><p>{RU}</p><pre>a  b\n\nc</pre>",
            f"{RU}\n\na  b\n\nc",
            id="no-main-no-article",
        ),
    ],
)
def test_read_html_structure(tmp_path, body, expected):
    path = write(tmp_path, "page.html", f"<html><body>{body}</body></html>")
    assert read_document(path) == expected


# --- rtf ----------------------------------------------------------------------------------------


def test_read_rtf_handwritten_cp1251_escapes(tmp_path):
    source = (
        r"{\rtf1\ansi\ansicpg1251\deff0{\fonttbl{\f0\fswiss Arial;}}"
        r"\f0\fs24 \'cf\'f0\'e8\'e2\'e5\'f2, \'ec\'e8\'f0!\par}"
    )
    assert read_document(write(tmp_path, "doc.rtf", source)) == "Привет, мир!"


@pytest.mark.parametrize(
    "header",
    [
        pytest.param(r"\ansi\ansicpg1251\deff0{\fonttbl{\f0\fnil\fcharset204 Times New Roman;}}", id="1251"),
        pytest.param(r"\ansi\deff0{\fonttbl{\f0\froman\fcharset204 Times New Roman;}}", id="fcharset204"),
        # Writers that declare Western fonts yet escape cp1251 bytes: the cp1251 reading wins.
        pytest.param(r"\ansi\ansicpg1252\deff0{\fonttbl{\f0\fnil\fcharset0 Arial;}}", id="mislabelled-1252"),
        pytest.param(r"\ansi\ansicpg1251\deff0{\fonttbl{\f0\fnil\fcharset0 Arial;}}", id="1251-fcharset0"),
    ],
)
def test_read_rtf_cp1251_unicode_paragraphs_lines_and_tables(tmp_path, header):
    """Cyrillic as \\'xx cp1251 escapes, Kazakh letters as \\uN escapes."""
    code_page = "cp1251"
    body = (
        rtf_escape(RU_LONG, code_page) + r"\par "
        + rtf_escape(KK, code_page) + r"\line " + rtf_escape("екінші жол", code_page) + r"\par\pard "
        + r"{\field{\*\fldinst{HYPERLINK \"https://example.org\"}}{\fldrslt{"
        + rtf_escape("сілтеме", code_page) + r"}}}\par "
        + r"\trowd\cellx2000\cellx4000 " + rtf_escape("Ұяшық 1", code_page) + r"\cell "
        + rtf_escape("Ұяшық 2", code_page) + r"\cell\row "
    )  # fmt: skip
    source = "{\\rtf1" + header + "\\f0\\fs24 " + body + "}"
    expected = f"{RU_LONG}\n\n{KK}\nекінші жол\n\nсілтеме\n\nҰяшық 1\n\nҰяшық 2"
    assert read_document(write(tmp_path, "doc.rtf", source)) == expected


def test_read_rtf_keeps_western_accents(tmp_path):
    source = r"{\rtf1\ansi\ansicpg1252{\fonttbl{\f0\fcharset0 Arial;}}\f0 Caf\'e9 na\'efve r\'e9sum\'e9.\par}"
    assert read_document(write(tmp_path, "doc.rtf", source)) == "Café naïve résumé."


# --- errors -------------------------------------------------------------------------------------


@pytest.mark.parametrize("suffix", sorted(READERS))
def test_zero_byte_file_is_empty(tmp_path, suffix):
    error = read_error(write(tmp_path, "empty" + suffix, b""))
    assert "is empty" in error.message


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("blank.txt", " \r\n\t\n  \n"),
        ("blank.md", "#\n\n---\n"),
        ("blank.html", "<html><body><script>x()</script><p> </p></body></html>"),
        ("blank.rtf", r"{\rtf1\ansi{\fonttbl{\f0 Arial;}}\par\par}"),
    ],
)
def test_whitespace_only_text_is_empty(tmp_path, name, data):
    assert "is empty" in read_error(write(tmp_path, name, data)).message


def test_docx_with_only_empty_paragraphs_is_empty(tmp_path):
    import docx

    document = docx.Document()
    document.add_paragraph("  ")
    document.save(str(tmp_path / "blank.docx"))
    assert "is empty" in read_error(tmp_path / "blank.docx").message


def test_corrupt_docx(tmp_path):
    error = read_error(write(tmp_path, "bad.docx", b"this is not a zip file at all"))
    assert error.message.startswith("is not a valid .docx file (corrupt or not really a Word document): ")
    assert "File is not a zip file" in error.message  # the library's own words are kept
    assert error.hint == "open it in Word/LibreOffice and save it again as .docx"
    assert str(error).startswith(f"{tmp_path / 'bad.docx'}: is not a valid .docx file")


def test_zip_that_is_not_a_word_document(tmp_path):
    path = tmp_path / "other.docx"
    with zipfile.ZipFile(path, "w") as package:
        package.writestr("hello.txt", "hi")
    assert "is not a valid .docx file" in read_error(path).message


def test_rtf_saved_as_docx_gets_a_rename_hint(tmp_path):
    error = read_error(write(tmp_path, "letter.docx", r"{\rtf1\ansi Hello\par}"))
    assert error.hint == "it is really a .rtf file: rename it to .rtf"


@pytest.mark.parametrize("suffix", [".docx", ".odt"])
def test_ole_file_is_password_protected_or_old_doc(tmp_path, suffix):
    data = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504)
    error = read_error(write(tmp_path, "secret" + suffix, data))
    assert "password-protected" in error.message and ".doc" in error.message


def test_encrypted_odt(tmp_path):
    path = tmp_path / "secret.odt"
    with zipfile.ZipFile(path, "w") as package:
        package.writestr("mimetype", "application/vnd.oasis.opendocument.text")
        package.writestr("content.xml", b"\x8a\x01 encrypted bytes")
        package.writestr("META-INF/manifest.xml", "<manifest:encryption-data/>")
    assert read_error(path).message == "is password-protected"


def test_corrupt_odt(tmp_path):
    assert "is not a valid .odt file" in read_error(write(tmp_path, "bad.odt", b"garbage bytes")).message


def test_encrypted_pdf(tmp_path):
    error = read_error(write_encrypted_pdf(tmp_path / "secret.pdf", user_password="secret"))
    assert error.message == "is password-protected"
    assert "unprotected copy" in error.hint


def test_scanned_pdf_has_no_text_layer(tmp_path):
    error = read_error(write_scanned_pdf(tmp_path / "scan.pdf"))
    assert error.message == "has no text layer (scanned image?)"
    assert "OCR" in error.hint


def test_corrupt_pdf(tmp_path):
    assert "is not a valid PDF file" in read_error(write(tmp_path, "bad.pdf", b"%PDF-1.4 truncated")).message


def test_rtf_that_is_not_rtf(tmp_path):
    assert "is not a valid RTF file" in read_error(write(tmp_path, "bad.rtf", "plain text")).message


@pytest.mark.parametrize(
    ("name", "message"),
    [("table.xlsx", "has an unsupported file type '.xlsx'"), ("README", "has no file extension")],
)
def test_unsupported_extension(tmp_path, name, message):
    error = read_error(write(tmp_path, name, "text"))
    assert error.message == message
    assert ".docx" in error.hint


def test_missing_file(tmp_path):
    assert read_error(tmp_path / "missing.txt").message == "does not exist"


_RANDOM = random.Random(3)


@pytest.mark.parametrize(
    "data",
    [
        bytes(range(256)) * 4,
        b"\x89PNG\r\n\x1a\n" + bytes(100),
        bytes(_RANDOM.randrange(128, 256) for _ in range(300)),
    ],
    ids=["all-bytes", "png", "random-high-bytes"],
)
def test_undecodable_text(tmp_path, data):
    assert "is not readable text" in read_error(write(tmp_path, "binary.txt", data)).message


def test_pdf_saved_as_txt_is_named(tmp_path):
    error = read_error(write(tmp_path, "report.txt", b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n" + bytes(40)))
    assert error.message == "is not readable text (it looks like a .pdf file)"


def test_utf16_bom_with_broken_body(tmp_path):
    error = read_error(write(tmp_path, "broken.txt", codecs.BOM_UTF16_LE + b"\x00\xd8\x41"))
    assert "is not readable text" in error.message


def test_damaged_files_raise_reader_error_only(tmp_path):
    """Truncated or bit-flipped files of every binary format give text or a ReaderError, nothing else."""
    rng = random.Random(7)
    sources = {
        ".docx": write_docx(tmp_path / "src.docx").read_bytes(),
        ".odt": write_odt(tmp_path / "src.odt").read_bytes(),
        ".pdf": write_pdf(tmp_path / "src.pdf", [(1, 72, 750, 12, EN)]).read_bytes(),
        ".rtf": rf"{{\rtf1\ansi\ansicpg1251 {rtf_escape(RU)}\par}}".encode(),
        ".html": PAGE.format(charset="utf-8").encode(),
    }
    for suffix, data in sources.items():
        for index in range(12):
            damaged = bytearray(data[: rng.randrange(1, len(data))] if index % 2 else data)
            for _ in range(8):
                damaged[rng.randrange(len(damaged))] = rng.randrange(256)
            path = write(tmp_path, f"damaged{index}{suffix}", bytes(damaged))
            try:
                assert isinstance(read_document(path), str)
            except ReaderError as error:
                assert error.path == str(path)
