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
from coding.i18n import _

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
        raise error(_("it is packed in a way that cannot be read ({unsupported})").format(unsupported=unsupported),
                    path=path, hint=_("open it in Word/LibreOffice/Excel and save it again")) from None
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError):
        return  # not a zip (or unreadable): the format's reader says so in its own words
    for member in members:
        if member.compress_type not in _READABLE_COMPRESSION:
            raise error(_("its part '{name}' is packed with a method that cannot be read "
                          "(zip compression {method})").format(name=member.filename, method=member.compress_type),
                        path=path, hint=_("open it in Word/LibreOffice/Excel and save it again"))
    total = 0
    for member in members:
        total += member.file_size
        check_member(member, error, path=path)
        if total > MAX_TOTAL_BYTES:
            raise error(_("its parts would expand to more than {mb} MB; it is refused as a possible zip bomb")
                        .format(mb=MAX_TOTAL_BYTES // 2**20), path=path,
                        hint=_("save it again without embedded media, or split it"))


def check_member(member: zipfile.ZipInfo, error: type[CodingError], *, path: Path | str | None) -> None:
    """Refuse one zip member that would expand beyond MAX_MEMBER_BYTES or MAX_RATIO (raises ``error``)."""
    ratio = member.file_size / max(member.compress_size, 1)
    if member.file_size > MAX_MEMBER_BYTES or (member.file_size > RATIO_FROM_BYTES and ratio > MAX_RATIO):
        raise error(_("its part '{name}' would expand to {mb:,.0f} MB ({ratio:,.0f} times its packed size), beyond "
                      "what a real document needs ({max_mb} MB, {max_ratio} times); it is refused as a possible zip "
                      "bomb").format(name=member.filename, mb=member.file_size / 2**20, ratio=ratio,
                                     max_mb=MAX_MEMBER_BYTES // 2**20, max_ratio=MAX_RATIO),
                    path=path, hint=_("open it in Word/LibreOffice/Excel and save it again, or split it"))
