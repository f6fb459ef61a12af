"""Atomic writes: every output is written to a temporary file beside its target, then renamed, so a
crash never leaves a half-written file, and an output never lands inside the user's corpus."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO

from coding.errors import OutputError
from coding.i18n import _


def _umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current


@contextmanager
def atomic_path(target: Path) -> Iterator[Path]:
    """Yield a temporary path beside ``target``; on success it replaces ``target``."""
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    os.close(handle)
    try:
        yield Path(temporary)
        # mkstemp makes the file private (0600); an output should get the usual permissions.
        os.chmod(temporary, 0o666 & ~_umask())
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


@contextmanager
def atomic_text(target: Path, newline: str | None = None) -> Iterator[IO[str]]:
    """Open a temporary text file (UTF-8) that replaces ``target`` when the block ends without error."""
    with atomic_path(target) as temporary, open(temporary, "w", encoding="utf-8", newline=newline) as handle:
        yield handle


def is_inside(path: Path, folder: Path) -> bool:
    """Whether ``path`` is ``folder`` or lies anywhere under it (links resolved)."""
    path, folder = path.resolve(), folder.resolve()
    return path == folder or folder in path.parents


# The longest file or folder name (bytes) that Linux, macOS and Windows all accept.
NAME_MAX = 255


def check_output_name(out: Path) -> None:
    """Refuse a path with a name longer than the system allows, before any work (raises OutputError)."""
    for part in Path(out).parts:
        if len(part.encode("utf-8", "surrogateescape")) > NAME_MAX:
            raise OutputError(_("the name '{part}…' in the output path is {n_part} characters long, more "
                              "than the system allows").format(part=part[:40], n_part=len(part)),
                              hint=_("choose a name of at most {NAME_MAX} characters").format(NAME_MAX=NAME_MAX))


def check_output_file(out: Path, corpus_root: Path | None = None) -> None:
    """Refuse an output file whose name is too long or that lies inside the corpus folder, before any work
    (raises OutputError)."""
    check_output_name(out)
    if corpus_root is not None and corpus_root != Path() and is_inside(out, corpus_root):
        raise OutputError(_("'{out}' is inside the corpus folder '{corpus_root}', which is never written to")
                          .format(out=out, corpus_root=corpus_root),
                          hint=_("choose a path outside the corpus, e.g. reports/"))


def check_output_dir(out: Path, *, force: bool, protected: tuple[Path, ...] = ()) -> None:
    """Refuse an output folder that exists (unless ``force``), lies inside a protected folder or has a name
    longer than the system allows."""
    check_output_name(out)
    for folder in protected:
        folder = folder.resolve()
        if is_inside(out, folder):
            raise OutputError(_("the output folder '{out}' is inside '{folder}', which is never written to")
                              .format(out=out, folder=folder),
                              hint=_("choose an output folder outside the corpus, e.g. reports/run"))
    if out.exists() and not out.is_dir():
        raise OutputError(_("'{out}' exists and is not a folder").format(out=out), hint=_("choose another --out"))
    if out.is_dir() and any(out.iterdir()) and not force:
        raise OutputError(_("the output folder '{out}' already exists").format(out=out),
                          hint=_("choose another --out, or add --force to replace the results in it"))
