"""Builders of small test documents (docx, odt, pdf, rtf) for tests/test_readers.py."""

from __future__ import annotations

from pathlib import Path

import docx
from docx.oxml import parse_xml
from odf.opendocument import OpenDocumentText
from odf.table import Table, TableCell, TableColumn, TableRow
from odf.text import H, LineBreak, List, ListItem, Note, NoteBody, NoteCitation, P, S, Span, Tab
from pypdf import PdfReader, PdfWriter
from reportlab.lib.pagesizes import A4
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas

KK = "Бала саудасының алдын алу — басты міндет."
RU = "Торговля детьми остаётся серьёзной проблемой."
EN = "Child trafficking remains a serious problem."
DEJAVU = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")

_W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
_MC = 'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"'
_V = 'xmlns:v="urn:schemas-microsoft-com:vml"'


def _text_box(text: str) -> str:
    return f"<w:txbxContent><w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:txbxContent>"


def write_docx(path: Path) -> Path:
    """A .docx with a heading, runs, a line break, a tab, revisions, a text box, tables and a header."""
    document = docx.Document()
    document.sections[0].header.paragraphs[0].text = "Колонтитул"
    document.add_heading("Бала құқықтары", level=1)
    paragraph = document.add_paragraph("Бала саудасының ")
    paragraph.add_run("алдын алу").bold = True
    paragraph.add_run(" — басты міндет.")
    document.add_paragraph("")
    document.add_paragraph("   ")
    broken = document.add_paragraph("Торговля детьми")
    broken.add_run().add_break()
    broken.add_run("остаётся\tпроблемой.")
    revised = document.add_paragraph("Мәтін ")
    revised._p.append(parse_xml(f'<w:ins {_W} w:id="1" w:author="a"><w:r><w:t>қосылды</w:t></w:r></w:ins>'))
    deleted = '<w:r><w:delText>өшірілді</w:delText></w:r>'
    revised._p.append(parse_xml(f'<w:del {_W} w:id="2" w:author="a">{deleted}</w:del>'))
    boxed = document.add_paragraph("Сурет астында.")
    # Word writes a text box twice: DrawingML in mc:Choice, VML in mc:Fallback; it must come out once.
    box = _text_box("Мәтін терезесі")
    boxed._p.append(
        parse_xml(
            f"<w:r {_W} {_MC} {_V}><mc:AlternateContent>"
            f'<mc:Choice Requires="wps"><w:drawing>{box}</w:drawing></mc:Choice>'
            f"<mc:Fallback><w:pict><v:shape><v:textbox>{box}</v:textbox></v:shape></w:pict></mc:Fallback>"
            "</mc:AlternateContent></w:r>"
        )
    )
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text = "Ұяшық 1"
    table.cell(0, 1).text = "Ұяшық 2"
    table.cell(1, 0).text = "Бірінші жол"
    table.cell(1, 0).add_paragraph("Екінші жол")
    table.cell(1, 1).add_table(rows=1, cols=1).cell(0, 0).text = "Ішкі кесте"
    document.add_paragraph(RU)
    document.save(str(path))
    return path


DOCX_TEXT = "\n\n".join(
    [
        "Бала құқықтары",
        "Бала саудасының алдын алу — басты міндет.",
        "Торговля детьми\nостаётся\tпроблемой.",
        "Мәтін қосылды",
        "Сурет астында.",
        "Мәтін терезесі",
        "Ұяшық 1",
        "Ұяшық 2",
        "Бірінші жол",
        "Екінші жол",
        "Ішкі кесте",
        RU,
    ]
)


def write_odt(path: Path) -> Path:
    """An .odt with a heading, spans, text:s, a tab, a line break, a footnote, a list and a table."""
    document = OpenDocumentText()
    document.text.addElement(H(outlinelevel=1, text="Бала құқықтары"))
    paragraph = P()
    paragraph.addText("Бала ")
    paragraph.addElement(Span(text="саудасының"))
    paragraph.addElement(S(c=3))
    paragraph.addText("алдын")
    paragraph.addElement(Tab())
    paragraph.addText("алу")
    paragraph.addElement(LineBreak())
    paragraph.addText("— басты міндет.")
    note = Note(noteclass="footnote")
    note.addElement(NoteCitation(text="1"))
    body = NoteBody()
    body.addElement(P(text="Сілтеме мәтіні."))
    note.addElement(body)
    paragraph.addElement(note)
    document.text.addElement(paragraph)
    document.text.addElement(P(text=""))
    items = List()
    for text in ("Бірінші", "Екінші"):
        item = ListItem()
        item.addElement(P(text=text))
        items.addElement(item)
    document.text.addElement(items)
    table = Table(name="T")
    table.addElement(TableColumn(numbercolumnsrepeated=2))
    row = TableRow()
    for text in ("Ұяшық 1", "Ұяшық 2"):
        cell = TableCell()
        cell.addElement(P(text=text))
        row.addElement(cell)
    table.addElement(row)
    document.text.addElement(table)
    document.text.addElement(P(text=RU))
    document.save(str(path))
    return path


ODT_TEXT = "\n\n".join(
    [
        "Бала құқықтары",
        "Бала саудасының   алдын\tалу\n— басты міндет.",
        "Бірінші",
        "Екінші",
        "Ұяшық 1",
        "Ұяшық 2",
        RU,
    ]
)


def _register_dejavu() -> str:
    if "DejaVuSans" not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont("DejaVuSans", str(DEJAVU)))
    return "DejaVuSans"


# (page, x, y, font size, text): two pages, a heading, a hyphenated word, a paragraph gap, a
# first-line indent, a paragraph running over the page break and page numbers at the foot.
PDF_LINES = [
    (1, 72, 780, 16, "Бала құқықтары"),
    (1, 72, 750, 11, "Бала саудасының алдын алу — басты міндет. Бұл мәселе"),
    (1, 72, 736, 11, "бүкіл аймақ үшін өзекті, сондықтан мемлекет сау-"),
    (1, 72, 722, 11, "дасына қарсы күресті күшейтуде."),
    (1, 72, 698, 11, "Торговля детьми остаётся серьёзной проблемой для"),
    (1, 72, 684, 11, "всего региона, и эксперты призывают усилить контроль"),
    (1, 72, 670, 11, "на границе."),
    (1, 96, 656, 11, "Правительство готовит новый закон о защите детей и"),
    (1, 72, 642, 11, "намерено принять его до конца года, как сообщают"),
    (1, 297, 40, 9, "1"),
    (2, 72, 780, 11, "источники в министерстве."),
    (2, 96, 766, 11, "Қоғам бұл бастаманы толығымен қолдайды."),
    (2, 297, 40, 9, "2"),
]
PDF_TEXT = "\n\n".join(
    [
        "Бала құқықтары",
        "Бала саудасының алдын алу — басты міндет. Бұл мәселе\n"
        "бүкіл аймақ үшін өзекті, сондықтан мемлекет саудасына қарсы күресті күшейтуде.",
        "Торговля детьми остаётся серьёзной проблемой для\n"
        "всего региона, и эксперты призывают усилить контроль\nна границе.",
        "Правительство готовит новый закон о защите детей и\n"
        "намерено принять его до конца года, как сообщают\nисточники в министерстве.",
        "Қоғам бұл бастаманы толығымен қолдайды.",
    ]
)


def write_pdf(path: Path, lines: list[tuple[int, float, float, float, str]], font: str = "Helvetica") -> Path:
    """A PDF drawing each (page, x, y, size, text) line; font "DejaVuSans" embeds a Cyrillic TTF."""
    if font == "DejaVuSans":
        _register_dejavu()
    pdf = canvas.Canvas(str(path), pagesize=A4)
    page = 1
    for number, x, y, size, text in sorted(lines, key=lambda line: line[0]):
        while number > page:
            pdf.showPage()
            page += 1
        pdf.setFont(font, size)
        pdf.drawString(x, y, text)
    pdf.save()
    return path


def write_scanned_pdf(path: Path) -> Path:
    """A PDF with a drawing and no text, like a scan."""
    pdf = canvas.Canvas(str(path), pagesize=A4)
    pdf.rect(72, 400, 300, 200, fill=1)
    pdf.save()
    return path


def write_encrypted_pdf(path: Path, user_password: str, algorithm: str = "RC4-128") -> Path:
    """A Latin-text PDF encrypted with a user password ("" = owner password only).

    RC4 needs no extra library; "AES-256" needs the 'cryptography' package.
    """
    plain = write_pdf(path.with_name(path.stem + "-plain.pdf"), [(1, 72, 750, 12, EN)])
    writer = PdfWriter(clone_from=PdfReader(plain))
    writer.encrypt(user_password=user_password, owner_password="owner", algorithm=algorithm)
    with path.open("wb") as handle:
        writer.write(handle)
    return path


def rtf_escape(text: str, code_page: str = "cp1251") -> str:
    """RTF body text: \\'xx for characters in the code page, \\uN? for the others (Kazakh letters)."""
    out = []
    for char in text:
        if char in "\\{}":
            out.append("\\" + char)
        elif ord(char) < 128:
            out.append(char)
        else:
            try:
                out.append("".join(f"\\'{byte:02x}" for byte in char.encode(code_page)))
            except UnicodeEncodeError:
                out.append(f"\\u{ord(char)}?")
    return "".join(out)
