"""Limits on zip-based files (.docx, .odt, .xlsx): a small file must not expand into gigabytes.

The parsers behind the readers hold a whole XML member in memory, several times over (odfpy builds a
Python object per node), so a zip bomb — a 3 MB .docx that inflates to gigabytes — is refused before any
member is opened, from the sizes in the zip's directory. Python's zipfile never inflates a member past
the size the directory declares, so a lying directory only makes the read fail.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

from coding.errors import CodingError

# A 1,000-page book is about 30 MB of document.xml; a worksheet of 100,000 rows about 40 MB.
MAX_MEMBER_BYTES = 100 * 2**20
MAX_TOTAL_BYTES = 500 * 2**20
# Office XML compresses 5 to 30 times; a bomb compresses hundreds to millions of times.
MAX_RATIO = 200
# Small members may compress well (a blank sheet): the ratio is checked above this size only.
RATIO_FROM_BYTES = 2**20
# What zipfile can inflate without optional modules: stored and deflated (every office program writes these).
_READABLE_COMPRESSION = frozenset({zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED, zipfile.ZIP_BZIP2, zipfile.ZIP_LZMA})


def check_zip(source: Path | bytes, error: type[CodingError], *, path: Path | str | None = None) -> None:
    """Refuse a zip whose members would expand beyond the limits above (raises ``error``).

    Args:
        source: the file, or its bytes already read.
        error: the exception type to raise (ReaderError for documents, ManifestError...).
        path: the file's name for the message (default: ``source`` when it is a path).

    A file that is not a zip is left to the format's own reader, which says so in its words.
    """
    if path is None and not isinstance(source, bytes):
        path = source
    try:
        with zipfile.ZipFile(io.BytesIO(source) if isinstance(source, bytes) else source) as package:
            members = package.infolist()
    except NotImplementedError as unsupported:  # a zip version or compression method zipfile cannot read
        raise error(f"it is packed in a way that cannot be read ({unsupported})", path=path,
                    hint="open it in Word/LibreOffice/Excel and save it again") from None
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError):
        return  # not a zip (or unreadable): the format's reader says so in its own words
    for member in members:
        if member.compress_type not in _READABLE_COMPRESSION:
            raise error(f"its part '{member.filename}' is packed with a method that cannot be read "
                        f"(zip compression {member.compress_type})", path=path,
                        hint="open it in Word/LibreOffice/Excel and save it again")
    total = 0
    for member in members:
        total += member.file_size
        check_member(member, error, path=path)
        if total > MAX_TOTAL_BYTES:
            raise error(f"its parts would expand to more than {MAX_TOTAL_BYTES // 2**20} MB; it is refused as a "
                        "possible zip bomb", path=path, hint="save it again without embedded media, or split it")


def check_member(member: zipfile.ZipInfo, error: type[CodingError], *, path: Path | str | None) -> None:
    """Refuse one zip member that would expand beyond MAX_MEMBER_BYTES or MAX_RATIO (raises ``error``)."""
    ratio = member.file_size / max(member.compress_size, 1)
    if member.file_size > MAX_MEMBER_BYTES or (member.file_size > RATIO_FROM_BYTES and ratio > MAX_RATIO):
        raise error(f"its part '{member.filename}' would expand to {member.file_size / 2**20:,.0f} MB "
                    f"({ratio:,.0f} times its packed size), beyond what a real document needs "
                    f"({MAX_MEMBER_BYTES // 2**20} MB, {MAX_RATIO} times); it is refused as a possible zip bomb",
                    path=path, hint="open it in Word/LibreOffice/Excel and save it again, or split it")
