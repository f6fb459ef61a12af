"""OpenDocument .odt files: text:p and text:h in order, with spaces, tabs and line breaks."""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Iterator
from pathlib import Path
from xml.parsers import expat

from odf.element import Node
from odf.namespaces import DRAWNS, OFFICENS, TEXTNS
from odf.opendocument import load

from coding.errors import ReaderError
from coding.i18n import N_, _
from coding.readers._common import OLE_MAGIC, finish, guarded, join_paragraphs, load_bytes, wrong_format_hint
from coding.zips import check_zip

_PARAGRAPHS = {(TEXTNS, "p"), (TEXTNS, "h")}
# Deleted text of tracked changes, indexes (a table of contents repeats the headings),
# footnotes, comments and embedded binaries are not part of the running text.
_SKIP = {
    (TEXTNS, "tracked-changes"), (TEXTNS, "table-of-content"), (TEXTNS, "illustration-index"),
    (TEXTNS, "table-index"), (TEXTNS, "object-index"), (TEXTNS, "user-index"),
    (TEXTNS, "alphabetical-index"), (TEXTNS, "bibliography"), (TEXTNS, "note"),
    (OFFICENS, "annotation"), (OFFICENS, "binary-data"), (TEXTNS, "ruby-text"),
}  # fmt: skip
# ODF collapses runs of XML white space to one space, like HTML; text:s, text:tab and
# text:line-break carry the significant ones.
_XML_SPACE = re.compile(r"[ \t\r\n]+")
_CORRUPT_HINT = N_("open it in LibreOffice/Word and save it again as .odt")


def _paragraph_text(paragraph, boxes: list) -> str:
    """Text of one text:p / text:h; frames and shapes holding paragraphs go to ``boxes``."""
    parts: list[str] = []

    def walk(element) -> None:
        for child in element.childNodes:
            if child.nodeType == Node.TEXT_NODE:
                parts.append(_XML_SPACE.sub(" ", child.data))
                continue
            if child.nodeType != Node.ELEMENT_NODE or child.qname in _SKIP:
                continue
            namespace, name = child.qname
            if (namespace, name) == (TEXTNS, "s"):
                parts.append(" " * int(child.attributes.get((TEXTNS, "c"), 1) or 1))
            elif (namespace, name) == (TEXTNS, "tab"):
                parts.append("\t")
            elif (namespace, name) == (TEXTNS, "line-break"):
                parts.append("\n")
            elif namespace == DRAWNS and name in ("frame", "g", "a"):
                walk(child)
            elif namespace == DRAWNS:
                boxes.append(child)  # text box or shape: its own paragraphs follow this one
            else:
                walk(child)

    walk(paragraph)
    return "".join(parts)


def _blocks(element) -> Iterator[str]:
    """Paragraph texts under a container (office:text, list, table, section, text box)."""
    for child in element.childNodes:
        if child.nodeType != Node.ELEMENT_NODE or child.qname in _SKIP:
            continue
        if child.qname in _PARAGRAPHS:
            boxes: list = []
            yield _paragraph_text(child, boxes)
            for box in boxes:
                yield from _blocks(box)
        else:
            yield from _blocks(child)


def _check_package(data: bytes, path: Path) -> None:
    """Raise a clear ReaderError for a file that is not an unencrypted ODF zip."""
    if data.startswith(OLE_MAGIC):
        raise ReaderError(
            _("is an old binary Word .doc file or a password-protected Office file (not an .odt)"),
            path=path,
            hint=_("open it in LibreOffice/Word, remove the password if it has one, and save it as .odt"),
        )
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            names = set(package.namelist())
            manifest = package.read("META-INF/manifest.xml") if "META-INF/manifest.xml" in names else b""
            if "content.xml" not in names:
                raise ReaderError(
                    _("is not a valid .odt file (corrupt or not really an OpenDocument text): no content.xml"),
                    path=path,
                    hint=_(_CORRUPT_HINT),
                )
    except zipfile.BadZipFile as exc:
        raise ReaderError(
            _("is not a valid .odt file (corrupt or not really an OpenDocument text): {exc}").format(exc=exc),
            path=path,
            hint=wrong_format_hint(data, ".odt") or _(_CORRUPT_HINT),
        ) from exc
    if b"encryption-data" in manifest:
        raise ReaderError(
            _("is password-protected"),
            path=path,
            hint=_("open it in LibreOffice with the password and save an unprotected copy"),
        )


def _check_xml(data: bytes, path: Path) -> None:
    """Raise a ReaderError for a damaged content.xml: odfpy keeps what it parsed before the damage (a
    truncated file loads as a third of its text) and prints the whole XML to standard output."""
    parser = expat.ParserCreate()
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as package, package.open("content.xml") as content:
            while chunk := content.read(1 << 20):
                parser.Parse(chunk, False)
            parser.Parse(b"", True)
    except expat.ExpatError as exc:
        raise ReaderError(_("is damaged: its text (content.xml) is broken XML at line {lineno} "
                          "({ErrorString}), so part of the text would be lost").format(lineno=exc.lineno,
                                                                                       ErrorString=expat.ErrorString(exc.code)),
                          path=path, hint=_(_CORRUPT_HINT)) from None


@guarded(".odt", _(_CORRUPT_HINT))
def read_odt(path: Path) -> str:
    """Read an .odt file's body text (headings, paragraphs, lists, tables, text boxes).

    Args:
        path: the file.

    Returns:
        Its text, one paragraph per text:p / text:h, separated by a blank line.
    """
    data = load_bytes(path)
    check_zip(data, ReaderError, path=path)
    _check_package(data, path)
    _check_xml(data, path)
    document = load(io.BytesIO(data))
    return finish(join_paragraphs(_blocks(document.text)), path)
