"""Document readers: raw text of .txt/.md/.docx/.pdf/.html/.htm/.odt/.rtf files.

Every reader returns the text with paragraphs separated by one blank line ("\\n\\n") and never a
blank line inside a paragraph; it raises ReaderError (never a library exception) naming the file,
the reason and what to do. No Unicode normalisation happens here.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from coding.errors import ReaderError
from coding.i18n import _
from coding.readers._common import read_regular_file
from coding.readers.docx import read_docx
from coding.readers.html import read_html
from coding.readers.odt import read_odt
from coding.readers.pdf import read_pdf
from coding.readers.rtf import read_rtf
from coding.readers.text import decode_bytes, read_text

READERS: dict[str, Callable[[Path], str]] = {
    ".txt": read_text,
    ".md": read_text,
    ".docx": read_docx,
    ".pdf": read_pdf,
    ".html": read_html,
    ".htm": read_html,
    ".odt": read_odt,
    ".rtf": read_rtf,
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
