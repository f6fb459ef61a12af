"""Helpers shared by the readers: loading a file's bytes, joining paragraphs, wrapping library errors."""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterable
from pathlib import Path

from coding.errors import ReaderError

Reader = Callable[[Path], str]

# An encrypted Office file (and an old binary .doc) is an OLE compound file, not a zip.
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"

# Line separators other than "\n" that splitlines() would honour; turned into "\n" so that the
# paragraph contract ("\n\n" between paragraphs, never inside) holds for any downstream splitter.
_LINE_BREAKS = re.compile(r"\r\n?|[\v\f\x1c-\x1e\x85\u2028]")
# C0 controls (bar tab and newline) and DEL never carry text; PDFs and Word files leak them.
_CONTROLS = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")


def load_bytes(path: Path) -> bytes:
    """Read a whole file, turning OS problems and a 0-byte file into ReaderError.

    Args:
        path: the file to read.

    Returns:
        Its bytes (never empty).
    """
    try:
        data = path.read_bytes()
    except FileNotFoundError as exc:
        raise ReaderError("does not exist", path=path, hint="check the path and the file name") from exc
    except IsADirectoryError as exc:
        raise ReaderError("is a folder, not a file", path=path, hint="give the path of a document") from exc
    except PermissionError as exc:
        raise ReaderError(
            "cannot be opened (permission denied)", path=path, hint="check the file's permissions"
        ) from exc
    except OSError as exc:
        raise ReaderError(f"cannot be read ({exc})", path=path, hint="check the file is readable") from exc
    if not data:
        raise ReaderError(
            "is empty (0 bytes)",
            path=path,
            hint="the file has no content; check that it was saved or copied correctly",
        )
    return data


def join_paragraphs(paragraphs: Iterable[str]) -> str:
    """Join paragraph texts with one blank line between them.

    Lines inside a paragraph are kept (stripped); a whitespace-only line inside a paragraph splits
    it in two, so the result never has a blank line inside a paragraph. Empty paragraphs are dropped.

    Args:
        paragraphs: paragraph texts in document order.

    Returns:
        The text, paragraphs separated by "\\n\\n", no leading or trailing blank lines.
    """
    blocks: list[str] = []
    for paragraph in paragraphs:
        text = _CONTROLS.sub("", _LINE_BREAKS.sub("\n", paragraph).replace("\u2029", "\n\n"))
        lines: list[str] = []
        for line in text.split("\n"):
            line = line.strip()
            if line:
                lines.append(line)
            elif lines:
                blocks.append("\n".join(lines))
                lines = []
        if lines:
            blocks.append("\n".join(lines))
    return "\n\n".join(blocks)


def finish(text: str, path: Path) -> str:
    """Return the extracted text, or raise "is empty" when it holds nothing but whitespace."""
    if not text.strip():
        raise ReaderError(
            "is empty (no text found in it)", path=path, hint="check that it is the right file"
        )
    return text


def sniff(data: bytes) -> str | None:
    """Name the real format of a file from its first bytes: ".pdf", ".rtf", ".html", "zip", "ole" or None."""
    head = data[:1024].lstrip()
    lowered = head[:512].lower()
    if data.startswith(OLE_MAGIC):
        return "ole"
    if data.startswith(b"PK\x03\x04"):
        return "zip"
    if head.startswith(b"%PDF") or b"%PDF-" in data[:1024]:
        return ".pdf"
    if head.startswith(b"{\\rtf"):
        return ".rtf"
    if lowered.startswith((b"<!doctype html", b"<html")) or b"<html" in lowered:
        return ".html"
    return None


def wrong_format_hint(data: bytes, expected: str) -> str | None:
    """A hint when the content is really another supported format than the extension says."""
    real = sniff(data)
    if real in (".pdf", ".rtf", ".html") and real != expected:
        return f"it is really a {real} file: rename it to {real}"
    return None


def guarded(kind: str, hint: str) -> Callable[[Reader], Reader]:
    """Decorate a reader so that no library exception escapes it; each becomes a ReaderError.

    Args:
        kind: the format's name for the message, e.g. ".docx".
        hint: what the user can do about an unreadable file of this kind.

    Returns:
        A decorator for a ``reader(path) -> str`` function.
    """

    def decorate(reader: Reader) -> Reader:
        @functools.wraps(reader)
        def wrapper(path: Path) -> str:
            path = Path(path)
            try:
                return reader(path)
            except ReaderError:
                raise
            except Exception as exc:  # the parsers raise anything at all on damaged input
                raise ReaderError(
                    f"could not be read as a {kind} file ({type(exc).__name__}: {exc})", path=path, hint=hint
                ) from exc

        return wrapper

    return decorate
