"""PDF files via pypdf: the text layer, with paragraphs rebuilt from line positions."""

from __future__ import annotations

import io
import math
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from statistics import median

from pypdf import PasswordType, PdfReader
from pypdf.errors import DependencyError

from coding.errors import ReaderError
from coding.i18n import N_, _
from coding.readers._common import finish, guarded, join_paragraphs, load_bytes, wrong_format_hint

_CORRUPT_HINT = N_("open it in a PDF viewer and save (or print) it again as PDF")
_SENTENCE_END = re.compile(r"[.!?…:;][»\"”’)]*$")
_HYPHENS = ("-", "\u00ad", "\u2010")
_BULLET = re.compile(r"^(?:[•◦▪●■►]\s|\d{1,2}[.)]\s+[A-ZА-ЯЁӘҒҚҢӨҰҮҺІ])")
# Running heads and feet: a bare page number, "- 3 -", "3 / 12", "Page 3 of 12", "Стр. 3", "3-бет".
_PAGE_NUMBER = re.compile(
    r"^[-–—\s]*(?:(?:page|p\.|стр\.?|страница|бет)\s*)?(?:\d{1,4}|[ivxlc]{1,6})(?:\s*(?:/|of|из)\s*\d{1,4})?"
    r"(?:\s*-?\s*(?:бет|б\.))?[-–—\s]*$",
    re.IGNORECASE,
)


@dataclass
class _Line:
    """One text line of a page: x where it starts; y and font size of its longest fragment (None: unknown)."""

    text: str
    x: float | None = None
    y: float | None = None
    size: float | None = None
    _longest: int = 0
    _unknown: bool = False


def _position(cm: list[float], tm: list[float], font_size: float) -> tuple[float, float, float] | None:
    """Page coordinates and rendered font size of text drawn with matrices ``tm`` x ``cm``."""
    try:
        x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
        y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
        scale = math.hypot(tm[2] * cm[0] + tm[3] * cm[2], tm[2] * cm[1] + tm[3] * cm[3])
        size = float(font_size) * scale
    except (TypeError, ValueError, IndexError):
        return None
    if not all(math.isfinite(value) for value in (x, y, size)) or size <= 0:
        return None
    return x, y, size


def _page_lines(page) -> list[_Line]:
    """The page's non-empty text lines in content order, with their positions where known."""
    lines: list[_Line] = []
    current = _Line("")

    def visit(text: str, cm, tm, font, font_size) -> None:
        nonlocal current
        for index, part in enumerate(text.split("\n")):
            if index:
                lines.append(current)
                current = _Line("")
            visible = len(part.strip())
            # A fragment's matrices say where its first part starts, not where later lines do;
            # the longest fragment gives the line's baseline and size (a bullet's font may differ).
            where = _position(cm, tm, font_size) if visible and index == 0 else None
            if visible and not where:
                current._unknown = True
            elif where and not current._unknown:
                if current.x is None:
                    current.x = where[0]
                if visible > current._longest:
                    current.y, current.size, current._longest = where[1], where[2], visible
            current.text += part

    page.extract_text(visitor_text=visit)
    lines.append(current)
    result = []
    for line in lines:
        if line.text.strip():
            if line._unknown:
                line.x = line.y = line.size = None
            line.text = line.text.strip()
            result.append(line)
    return result


def _drop_running_lines(pages: list[list[_Line]]) -> None:
    """Remove page numbers and running heads/feet (first or last two lines repeated on most pages)."""
    if len(pages) < 2:
        return
    edges = [page[:2] + page[-2:] for page in pages]
    key = {id(line): re.sub(r"\d+", "#", " ".join(line.text.lower().split())) for e in edges for line in e}
    counts = Counter(k for edge in edges for k in {key[id(line)] for line in edge})
    repeated = {k for k, n in counts.items() if n >= min(3, len(pages))}
    for index, page in enumerate(pages):
        running = {
            id(line) for line in edges[index] if key[id(line)] in repeated or _PAGE_NUMBER.match(line.text)
        }
        page[:] = [line for line in page if id(line) not in running]


def _page_breaks(lines: list[_Line], typical_length: float) -> list[bool]:
    """For each line, whether it starts a new paragraph (the first line of a page: True)."""
    if not lines:
        return []
    gaps = [
        prev.y - line.y
        for prev, line in zip(lines, lines[1:], strict=False)
        if prev.y is not None and line.y is not None and line.size and 0 < prev.y - line.y < 3 * line.size
    ]
    spacing = median(gaps) if gaps else None
    starts = Counter(round(line.x) for line in lines if line.x is not None)
    margin = starts.most_common(1)[0][0] if starts else None
    breaks = [True]
    for prev, line in zip(lines, lines[1:], strict=False):
        ended = bool(_SENTENCE_END.search(prev.text))
        # A sentence running on in lower case is one paragraph whatever the layout (a new column,
        # a figure in between); only a bullet starts a new one then.
        if line.text[:1].islower() and not ended:
            breaks.append(bool(_BULLET.match(line.text)))
            continue
        new = bool(_BULLET.match(line.text)) or len(prev.text) < 0.6 * typical_length
        if prev.y is not None and line.y is not None and prev.size and line.size:
            gap = prev.y - line.y
            size = line.size
            new = new or gap <= 0 or abs(prev.size - size) > 0.15 * size  # new column/block, heading
            new = new or (spacing is not None and gap > 1.3 * spacing + 1)  # extra space between blocks
            indented = prev.x is not None and line.x is not None and line.x - prev.x > 0.5 * size
            new = new or (indented and ended and margin is not None and line.x > margin + 0.5 * size)
        breaks.append(new)
    return breaks


def _join(lines: list[str], text: str) -> list[str]:
    """Append a line to a paragraph's lines, mending a word hyphenated across the line break."""
    if lines and lines[-1].endswith(_HYPHENS) and len(lines[-1]) > 1 and lines[-1][-2].isalpha():
        if text[:1].islower():
            lines[-1] = lines[-1][:-1] + text
            return lines
    lines.append(text)
    return lines


def _paragraphs(pages: list[list[_Line]]) -> list[str]:
    lengths = sorted(len(line.text) for page in pages for line in page)
    typical = lengths[int(0.75 * (len(lengths) - 1))] if len(lengths) >= 3 else 0
    paragraphs: list[list[str]] = []
    for page in pages:
        for line, new in zip(page, _page_breaks(page, typical), strict=True):
            previous = paragraphs[-1][-1] if paragraphs else ""
            hyphenated = previous.endswith(_HYPHENS) and line.text[:1].islower()
            # A page's first line continues the last paragraph when it starts in lower case, or
            # when the previous page ended in a full line that did not end a sentence.
            continues = line is page[0] and (
                line.text[:1].islower()
                or (typical and len(previous) >= 0.8 * typical and not _SENTENCE_END.search(previous))
            )
            if paragraphs and (not new or hyphenated or continues):
                _join(paragraphs[-1], line.text)
            else:
                paragraphs.append([line.text])
    return ["\n".join(lines) for lines in paragraphs]


def _needs_crypto(path: Path, exc: DependencyError) -> ReaderError:
    return ReaderError(
        _("is encrypted with AES and cannot be decrypted without the 'cryptography' package ({exc})").format(exc=exc),
        path=path,
        hint=_("install it (pip install cryptography), or save an unprotected copy of the PDF"),
    )


def _open(data: bytes, path: Path) -> PdfReader:
    """Open a PDF, decrypting it with the empty password when it has only an owner password."""
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted and reader.decrypt("") == PasswordType.NOT_DECRYPTED:
            raise ReaderError(
                _("is password-protected"),
                path=path,
                hint=_("remove the password (open it with the password and save an unprotected copy)"),
            )
    except DependencyError as exc:
        raise _needs_crypto(path, exc) from exc
    except ReaderError:
        raise
    except Exception as exc:
        raise ReaderError(
            _("is not a valid PDF file (corrupt or not really a PDF): {exc}").format(exc=exc),
            path=path,
            hint=wrong_format_hint(data, ".pdf") or _(_CORRUPT_HINT),
        ) from exc
    return reader


@guarded(".pdf", _(_CORRUPT_HINT))
def read_pdf(path: Path) -> str:
    """Read a PDF's text layer.

    Paragraphs are rebuilt from line positions (extra vertical space, a change of font size, a
    first-line indent after a finished sentence, a short last line); page numbers and running
    heads are dropped; "сау-\\nдасы" is mended to "саудасы" when the next line starts in lower case.

    Args:
        path: the file.

    Returns:
        Its text, paragraphs separated by a blank line, lines inside a paragraph by "\\n".

    Raises:
        ReaderError: corrupt, password-protected, or no text layer (a scan).
    """
    data = load_bytes(path)
    reader = _open(data, path)
    if not reader.pages:
        raise ReaderError(_("is empty (the PDF has no pages)"), path=path, hint=_(_CORRUPT_HINT))
    pages = []
    for number, page in enumerate(reader.pages, start=1):
        try:
            pages.append(_page_lines(page))
        except DependencyError as exc:
            raise _needs_crypto(path, exc) from exc
        except Exception as exc:
            raise ReaderError(
                _("has a page that cannot be read (page {number}: {name}: {exc})").format(number=number,
                                                                                          name=type(exc).__name__,
                                                                                          exc=exc),
                path=path,
                hint=_(_CORRUPT_HINT),
            ) from exc
    if not any(pages):
        raise ReaderError(
            _("has no text layer (scanned image?)"),
            path=path,
            hint=_("run OCR on it first (e.g. ocrmypdf, or 'Recognize text' in a PDF editor)"),
        )
    _drop_running_lines(pages)
    return finish(join_paragraphs(_paragraphs(pages)), path)
