"""Word .docx files: body paragraphs and table cells in document order (no headers/footers)."""

from __future__ import annotations

import io
from collections.abc import Iterator
from pathlib import Path

import docx

from coding.errors import ReaderError
from coding.i18n import N_, _
from coding.readers._common import OLE_MAGIC, finish, guarded, join_paragraphs, load_bytes, wrong_format_hint
from coding.zips import check_zip

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
_P, _T, _SDT = f"{_W}p", f"{_W}t", f"{_W}sdt"
_TEXT_BOX = f"{_W}txbxContent"
_INLINE = {f"{_W}tab": "\t", f"{_W}ptab": "\t", f"{_W}br": "\n", f"{_W}cr": "\n", f"{_W}noBreakHyphen": "-"}
# Deleted and moved-away revisions, field codes, properties; mc:Fallback repeats mc:Choice (text boxes).
_SKIP = {
    f"{_W}del", f"{_W}moveFrom", f"{_W}instrText", f"{_W}delText", f"{_W}rPr", f"{_W}pPr",
    f"{_W}sectPr", f"{_W}sdtPr", f"{_MC}Fallback",
}  # fmt: skip
_CORRUPT_HINT = N_("open it in Word/LibreOffice and save it again as .docx")


def _paragraph_text(paragraph, boxes: list) -> str:
    """Text of one w:p: runs, hyperlinks, tracked insertions, field results; text boxes go to ``boxes``."""
    parts: list[str] = []

    def walk(element) -> None:
        for child in element.iterchildren():
            tag = child.tag
            if tag == _T:
                parts.append(child.text or "")
            elif tag in _INLINE:
                parts.append(_INLINE[tag])
            elif tag == _TEXT_BOX:
                boxes.append(child)
            elif tag not in _SKIP:
                walk(child)

    walk(paragraph)
    return "".join(parts)


def _is_table_of_contents(sdt) -> bool:
    # Word's TOC repeats the headings; counting them twice would skew the coding.
    gallery = sdt.find(f"{_W}sdtPr/{_W}docPartObj/{_W}docPartGallery")
    return gallery is not None and gallery.get(f"{_W}val") == "Table of Contents"


def _blocks(element) -> Iterator[str]:
    """Paragraph texts under a block container (body, table, cell, content control, text box)."""
    for child in element.iterchildren():
        tag = child.tag
        if tag == _P:
            boxes: list = []
            yield _paragraph_text(child, boxes)
            for box in boxes:
                yield from _blocks(box)
        elif tag == _SDT and _is_table_of_contents(child):
            continue
        elif tag not in _SKIP:
            yield from _blocks(child)


@guarded(".docx", _(_CORRUPT_HINT))
def read_docx(path: Path) -> str:
    """Read a .docx file's main body: paragraphs and table cells in order, empty ones skipped.

    Args:
        path: the file.

    Returns:
        Its text, one paragraph (or table-cell paragraph) per block, blocks separated by a blank line.
    """
    data = load_bytes(path)
    check_zip(data, ReaderError, path=path)
    if data.startswith(OLE_MAGIC):
        raise ReaderError(
            _("is password-protected or an old binary .doc file (not a .docx)"),
            path=path,
            hint=_("open it in Word/LibreOffice, remove the password if it has one, and save it as .docx"),
        )
    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as exc:
        raise ReaderError(
            _("is not a valid .docx file (corrupt or not really a Word document): {exc}").format(exc=exc),
            path=path,
            hint=wrong_format_hint(data, ".docx") or _(_CORRUPT_HINT),
        ) from exc
    return finish(join_paragraphs(_blocks(document.element.body)), path)
