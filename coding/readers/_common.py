"""Helpers shared by the readers: loading a file's bytes, joining paragraphs, wrapping library errors."""

from __future__ import annotations

import contextlib
import errno
import functools
import io
import logging
import os
import re
import stat
import sys
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from coding.errors import ReaderError
from coding.i18n import _

Reader = Callable[[Path], str]

# An encrypted Office file (and an old binary .doc) is an OLE compound file, not a zip.
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"

# Line separators other than "\n" that splitlines() would honour; turned into "\n" so that the
# paragraph contract ("\n\n" between paragraphs, never inside) holds for any downstream splitter.
_LINE_BREAKS = re.compile(r"\r\n?|[\v\f\x1c-\x1e\x85\u2028]")
# C0 controls (bar tab and newline) and DEL never carry text; PDFs and Word files leak them.
_CONTROLS = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")


def read_regular_file(path: Path) -> bytes:
    """A regular file's bytes; a dangling link, a link loop, a FIFO or a device is a ReaderError that
    says what it is (reading a FIFO would wait for ever)."""
    try:
        info = path.stat()
    except FileNotFoundError:
        if path.is_symlink():
            raise ReaderError(_("is a link to '{target}', which does not exist").format(target=os.readlink(path)),
                              path=path,
                              hint=_("copy the document itself into the corpus, or remove the link")) from None
        raise ReaderError(_("does not exist"), path=path, hint=_("check the path and the file name")) from None
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise ReaderError(_("is a link that leads back to itself (a link loop)"), path=path,
                              hint=_("remove the link, or make it point to the document")) from None
        raise ReaderError(_("cannot be read ({value})").format(value=exc.strerror or exc), path=path,
                          hint=_("check the file's permissions")) from None
    if not stat.S_ISREG(info.st_mode):
        what = _("a named pipe (FIFO)") if stat.S_ISFIFO(info.st_mode) else _("a folder") if stat.S_ISDIR(
            info.st_mode) else _("not a regular file (a device or socket)")
        raise ReaderError(_("is {what}, not a document").format(what=what), path=path,
                          hint=_("remove it from the corpus folder, or rename it so it does not look like a document"))
    try:
        return path.read_bytes()
    except OSError as exc:
        raise ReaderError(_("cannot be read ({value})").format(value=exc.strerror or exc), path=path,
                          hint=_("check the file's permissions")) from None


def load_bytes(path: Path) -> bytes:
    """Read a whole file, turning OS problems and a 0-byte file into ReaderError.

    Args:
        path: the file to read.

    Returns:
        Its bytes (never empty).
    """
    try:
        data = read_regular_file(path)
    except ReaderError as exc:
        if Path(path).is_dir():
            raise ReaderError(_("is a folder, not a file"), path=path, hint=_("give the path of a document")) from None
        if "Permission denied" in exc.message:
            raise ReaderError(_("cannot be opened (permission denied)"), path=path,
                              hint=_("check the file's permissions")) from None
        raise
    if not data:
        raise ReaderError(
            _("is empty (0 bytes)"),
            path=path,
            hint=_("the file has no content; check that it was saved or copied correctly"),
        )
    return data


# A paragraph longer than this (a whole book on one line) is cut into pieces at sentence ends or spaces, so
# that language detection, sentence splitting and matching work on bounded pieces. Real paragraphs are
# rarely over 5,000 characters.
MAX_PARAGRAPH_CHARS = 50_000


def _pieces(block: str) -> Iterator[str]:
    """``block`` cut before MAX_PARAGRAPH_CHARS at the last sentence end (else space) of each piece."""
    start = 0
    while len(block) - start > MAX_PARAGRAPH_CHARS:
        window = block[start:start + MAX_PARAGRAPH_CHARS]
        cut = max(window.rfind(". "), window.rfind("! "), window.rfind("? "), window.rfind("… "))
        if cut < MAX_PARAGRAPH_CHARS // 2:
            cut = max(window.rfind(" "), window.rfind("\n"))
        cut = cut + 1 if cut > 0 else MAX_PARAGRAPH_CHARS
        yield block[start:start + cut].strip()
        start += cut
    yield block[start:].strip()


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
    return "\n\n".join(piece for block in blocks for piece in (_pieces(block) if len(block) > MAX_PARAGRAPH_CHARS
                                                                 else (block,)) if piece)


def finish(text: str, path: Path) -> str:
    """Return the extracted text, or raise "is empty" when it holds nothing but whitespace."""
    if not text.strip():
        raise ReaderError(
            _("is empty (no text found in it)"), path=path, hint=_("check that it is the right file")
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


# Libraries that log warnings about a file they read without saying which file.
_LIBRARY_LOGGERS = ("pypdf",)


class _NamedWarnings(logging.Handler):
    """Writes a library's warning about a file as one line on stderr that names the file."""

    def __init__(self, path: Path) -> None:
        super().__init__(logging.WARNING)
        self.path = path

    def emit(self, record: logging.LogRecord) -> None:
        message = " ".join(record.getMessage().split())
        print(_("Warning: {ReaderError} ({name})").format(ReaderError=ReaderError(message, path=self.path),
                                                          name=record.name), file=sys.stderr)


@contextlib.contextmanager
def _quiet_libraries(path: Path) -> Iterator[None]:
    """While one file is read: what a parser prints (odfpy prints a whole damaged XML) never reaches our
    standard output, which 'corpus info --json' writes to, and a library's warning names the file."""
    handler = _NamedWarnings(path)
    loggers = [logging.getLogger(name) for name in _LIBRARY_LOGGERS]
    kept = [(logger.propagate, logger.handlers[:]) for logger in loggers]
    for logger in loggers:
        logger.handlers, logger.propagate = [handler], False
    try:
        with contextlib.redirect_stdout(io.StringIO()):
            yield
    finally:
        for logger, (propagate, handlers) in zip(loggers, kept, strict=True):
            logger.handlers, logger.propagate = handlers, propagate


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
                with _quiet_libraries(path):
                    return reader(path)
            except ReaderError:
                raise
            except Exception as exc:  # the parsers raise anything at all on damaged input
                raise ReaderError(
                    _("could not be read as a {kind} file ({name}: {exc})").format(kind=kind, name=type(exc).__name__,
                                                                                   exc=exc), path=path, hint=hint
                ) from exc

        return wrapper

    return decorate
