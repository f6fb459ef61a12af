"""Document readers: raw text of .txt/.md/.docx/.pdf/.html/.htm/.odt/.rtf files.

Every reader returns the text with paragraphs separated by one blank line ("\\n\\n") and never a
blank line inside a paragraph; it raises ReaderError (never a library exception) naming the file,
the reason and what to do. No Unicode normalisation happens here.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from pathlib import Path

from coding.errors import ReaderError
from coding.i18n import _
from coding.readers._common import read_regular_file
from coding.readers.text import decode_bytes, read_text


def _imported_on_use(module: str, function: str) -> Callable[[Path], str]:
    """The reader ``function`` of ``coding.readers.<module>``, imported at its first file: the PDF, HTML
    and Office libraries take half a second to import, which a corpus of .txt files never needs."""
    def read(path: Path) -> str:
        reader: Callable[[Path], str] = getattr(importlib.import_module(f"coding.readers.{module}"), function)
        return reader(path)

    read.__name__ = read.__qualname__ = function
    return read


READERS: dict[str, Callable[[Path], str]] = {
    ".txt": read_text,
    ".md": read_text,
    ".docx": _imported_on_use("docx", "read_docx"),
    ".pdf": _imported_on_use("pdf", "read_pdf"),
    ".html": _imported_on_use("html", "read_html"),
    ".htm": _imported_on_use("html", "read_html"),
    ".odt": _imported_on_use("odt", "read_odt"),
    ".rtf": _imported_on_use("rtf", "read_rtf"),
}

__all__ = ["READERS", "decode_bytes", "read_document", "read_regular_file", "supported"]


def supported(path: Path) -> bool:
    """Whether ``path`` has an extension a reader handles (case-insensitive)."""
    return Path(path).suffix.lower() in READERS


def read_document(path: Path) -> str:
    """Raw text of one file, paragraphs separated by one blank line ("\\n\\n"); raises ReaderError.

    Args:
        path: the document; its extension picks the reader.

    Returns:
        The extracted text (not normalised).
    """
    path = Path(path)
    reader = READERS.get(path.suffix.lower())
    if reader is None:
        kinds = ", ".join(sorted(READERS))
        what = (_("has an unsupported file type '{suffix}'").format(suffix=path.suffix) if path.suffix
                else _("has no file extension"))
        raise ReaderError(what, path=path, hint=_("convert it to one of {kinds}").format(kinds=kinds))
    return reader(path)
