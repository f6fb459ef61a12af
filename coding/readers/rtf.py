"""RTF files via striprtf: \\'xx escapes in the document's code page, \\uN escapes, \\par paragraphs."""

from __future__ import annotations

import codecs
import re
from pathlib import Path

from striprtf.striprtf import rtf_to_text

from coding.errors import ReaderError
from coding.i18n import N_, _
from coding.readers._common import finish, guarded, join_paragraphs, load_bytes, wrong_format_hint
from coding.readers.text import plausibility

_ANSICPG = re.compile(rb"\\ansicpg(\d+)")
_ANSICPG_TEXT = re.compile(r"\\ansicpg\d+")
# Code page -> RTF \fcharset number, for the code pages Kazakh/Russian/English files use.
_FCHARSET = {"cp1251": "204", "cp1252": "0"}
_CORRUPT_HINT = N_("open it in Word/LibreOffice and save it again as .rtf")
_LINE_SEPARATOR = "\u2028"


def _code_page(data: bytes) -> str:
    """The document's ANSI code page from \\ansicpgN (cp1252 when absent or unknown)."""
    match = _ANSICPG.search(data[:4096])
    if match:
        codec = f"cp{int(match.group(1))}"
        try:
            codecs.lookup(codec)
        except LookupError:
            return "cp1252"
        return codec
    return "cp1252"


def _prepare(source: str, code_page: str, western_fonts: bool) -> str:
    """Rewrite the RTF so that striprtf's output keeps paragraph and line structure.

    \\line becomes U+2028 (a line break inside the paragraph), each table cell ends a paragraph,
    hyperlink fields keep only their visible text; unless ``western_fonts``, fonts declared
    \\fcharset0 (Western) are taken to use ``code_page`` instead.
    """
    source = re.sub(r"\\line(?![a-zA-Z])\s?", r"{\\uc1\\u8232?}", source)
    source = re.sub(r"\\(?:nest)?cell(?![a-zA-Z])\s?", r"\\par ", source)
    source = re.sub(r"\\fldinst\{", r"\\fldinst {", source)  # striprtf would append "(url)"
    source = _ANSICPG_TEXT.sub(rf"\\ansicpg{code_page[2:]}", source, count=1)
    if not western_fonts and code_page in _FCHARSET:
        source = re.sub(r"\\fcharset0(?!\d)", rf"\\fcharset{_FCHARSET[code_page]}", source)
    return source


def _extract(source: str, code_page: str, western_fonts: bool) -> str:
    return rtf_to_text(_prepare(source, code_page, western_fonts), encoding=code_page, errors="replace")


@guarded(".rtf", _(_CORRUPT_HINT))
def read_rtf(path: Path) -> str:
    """Read an .rtf file.

    Cyrillic written as \\'xx escapes is decoded with the \\ansicpg code page (or the font's
    \\fcharset); when a file declares Western fonts but holds Cyrillic bytes, the cp1251 reading
    is used if it is the more plausible one.

    Args:
        path: the file.

    Returns:
        Its text, one paragraph per \\par (and per table cell), separated by a blank line.
    """
    data = load_bytes(path)
    if not data.lstrip().startswith(b"{\\rtf"):
        raise ReaderError(
            _("is not a valid RTF file (it does not start with '{\\rtf')"),
            path=path,
            hint=wrong_format_hint(data, ".rtf") or _(_CORRUPT_HINT),
        )
    code_page = _code_page(data)
    # RTF is 7-bit by design; raw 8-bit bytes, when a writer leaves them, are in the ANSI code page
    # (or UTF-8 from hand-made RTF: cp1251 text is practically never valid UTF-8).
    try:
        source = data.decode("utf-8")
    except UnicodeDecodeError:
        source = data.decode(code_page, errors="replace")
    text = _extract(source, code_page, western_fonts=True)
    if "\\'" in source:
        # Some writers declare Western fonts (or no code page) yet escape cp1251 bytes: try the
        # other readings and keep one only if it reads better.
        best = plausibility(text)
        for page in dict.fromkeys(page for page in (code_page, "cp1251") if page != "cp1252"):
            alternative = _extract(source, page, western_fonts=False)
            score = plausibility(alternative)
            if score > best:
                text, best = alternative, score
    paragraphs = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    return finish(join_paragraphs(p.replace(_LINE_SEPARATOR, "\n") for p in paragraphs), path)
