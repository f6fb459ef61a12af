"""The package's exceptions: one family, each able to say what, where and what to do."""

from __future__ import annotations

import errno
from pathlib import Path

from coding.i18n import N_, _


class CodingError(Exception):
    """Base of every error the toolkit raises on purpose.

    Args:
        message: what is wrong, in a researcher's words.
        path: the file it concerns, if any.
        line: the 1-based line in that file, if known.
        hint: what to do about it.
        problems: the individual problems when one error stands for several (each a CodingError).

    ``str(error)`` gives one line: ``path:line: message; hint``.
    """

    def __init__(
        self,
        message: str,
        *,
        path: str | Path | None = None,
        line: int | None = None,
        hint: str | None = None,
        problems: list[CodingError] | None = None,
    ) -> None:
        self.message = message
        self.problems = list(problems or [])
        # A file name that is not UTF-8 keeps its bytes as \x escapes, so the message can be printed and saved.
        self.path = (str(path).encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
                     if path is not None else None)
        self.line = line
        self.hint = hint
        super().__init__(self.__str__())

    def __str__(self) -> str:
        where = ""
        if self.path is not None:
            where = f"{self.path}:{self.line}: " if self.line is not None else f"{self.path}: "
        text = f"{where}{self.message}"
        if self.hint:
            text += f"; {self.hint}"
        return text


class ReaderError(CodingError):
    """A document file could not be read (corrupt, empty, encrypted, unknown encoding)."""


class ManifestError(CodingError):
    """The corpus manifest has a problem (missing file, bad date, duplicate id...)."""


class CorpusError(CodingError):
    """The corpus as a whole cannot be used (no folder, no documents, problems under --strict)."""


class CodebookError(CodingError):
    """The codebook file is invalid; ``problems`` holds every problem found, not just the first."""


class OutputError(CodingError):
    """An output cannot be written (exists without --force, not writable...)."""


class InputError(CodingError):
    """A command's input (term, option value, data table) is not usable."""


_OS_HINTS = {
    errno.ENAMETOOLONG: N_("choose a shorter path (most systems allow 255 characters per name)"),
    errno.ENOSPC: N_("free some disk space, or write to another disk"),
    errno.EACCES: N_("check the permissions, or choose another folder"),
    errno.EPERM: N_("check the permissions, or choose another folder"),
    errno.EROFS: N_("the disk is read-only; choose another folder"),
    errno.ENOENT: N_("check the path"),
    errno.ENOTDIR: N_("a part of the path is a file, not a folder; check the path"),
    errno.EISDIR: N_("the path is a folder; give a file name"),
}


def describe_os_error(error: OSError) -> str:
    """One line for an error the operating system raised: the file, what is wrong, what to do.

    >>> describe_os_error(OSError(errno.ENOSPC, "No space left on device", "reports/run"))
    'reports/run: No space left on device; free some disk space, or write to another disk'
    """
    where = error.filename if error.filename is not None else ""
    if isinstance(where, bytes):
        where = where.decode("utf-8", "backslashreplace")
    where = str(where).encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
    if len(where) > 120:
        where = f"{where[:60]}…{where[-40:]}"
    what = error.strerror or str(error)
    hint = _(_OS_HINTS.get(error.errno or 0, N_("check the path and try again")))
    return f"{where + ': ' if where else ''}{what}; {hint}"
