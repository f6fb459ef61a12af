"""A run folder is all or nothing: written whole into a hidden sibling folder and swapped in at the end,
with each file's size and SHA-256 recorded in ``run.json`` and checked by every command that reads it.

- ``coding code --out reports/run`` writes into ``reports/.run.partial-…``; only a finished run is renamed
  to ``reports/run``. Over an earlier run (``--force``) the earlier folder is renamed aside first
  (``reports/.run.replaced-…``), the new one put in its place, and the files the user added to the old
  folder (anything that is not a file a run writes) moved into the new one.
- A run killed on the way leaves at most such a hidden sibling; the next run to the same folder clears it
  (``recover``): an unfinished new run is deleted, an interrupted swap completed.
- ``check_run_files`` refuses a folder whose files do not match its ``run.json``: a file changed, cut or
  taken from another run.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import uuid
from collections.abc import Collection, Mapping
from pathlib import Path
from typing import Any

from coding.errors import InputError
from coding.i18n import _

PARTIAL = ".partial-"
REPLACED = ".replaced-"
_READ_BYTES = 1 << 20


def staging_folder(out: Path) -> Path:
    """A new hidden folder beside ``out`` that a run is written into."""
    return out.parent / f".{out.name}{PARTIAL}{uuid.uuid4().hex[:12]}"


def recover(out: Path, run_files: Collection[str]) -> None:
    """Clear what interrupted runs left beside ``out`` (see the module's docstring)."""
    if not out.parent.is_dir():
        return
    for leftover in sorted(out.parent.glob(f".{out.name}{REPLACED}*")):
        if not out.exists():
            os.replace(leftover, out)  # the swap stopped between its two renames: the earlier run is back
            continue
        _move_user_files(leftover, out, run_files)
        shutil.rmtree(leftover, ignore_errors=True)
    for leftover in out.parent.glob(f".{out.name}{PARTIAL}*"):
        shutil.rmtree(leftover, ignore_errors=True)


def swap_in(staging: Path, out: Path, run_files: Collection[str]) -> None:
    """Put the finished run of ``staging`` at ``out``, keeping the user's own files of an earlier ``out``."""
    if out.is_dir() and not any(out.iterdir()):
        out.rmdir()
    if not out.exists():
        os.replace(staging, out)
        return
    replaced = out.parent / f".{out.name}{REPLACED}{uuid.uuid4().hex[:12]}"
    os.replace(out, replaced)
    os.replace(staging, out)
    _move_user_files(replaced, out, run_files)
    shutil.rmtree(replaced, ignore_errors=True)


def _move_user_files(source: Path, target: Path, run_files: Collection[str]) -> None:
    for entry in source.iterdir():
        temporary = entry.name.startswith(".") and entry.name.endswith(".tmp")  # of a run of an older version
        if entry.name in run_files or temporary or (target / entry.name).exists():
            continue
        os.replace(entry, target / entry.name)


def file_record(path: Path) -> dict[str, Any]:
    """``{"bytes": …, "sha256": …}`` of a file, read in blocks."""
    return {"bytes": path.stat().st_size, "sha256": file_sha256(path)}


def file_sha256(path: Path) -> str:
    """The SHA-256 of a file, read in blocks."""
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        while block := handle.read(_READ_BYTES):
            digest.update(block)
    return digest.hexdigest()


def check_run_files(run_dir: Path, provenance: Mapping[str, Any], hint: str) -> None:
    """Raise InputError when a file listed in ``run.json`` is missing, or its size or SHA-256 differs.
    A run folder written before the files were recorded has no ``files`` entry and is not checked."""
    files = provenance.get("files")
    if not isinstance(files, Mapping):
        return
    for name, expected in files.items():
        path = run_dir / name
        if not path.is_file():
            raise InputError(_("{name} is missing from the run folder").format(name=name), path=path, hint=hint)
        size = path.stat().st_size
        if not isinstance(expected, Mapping) or expected.get("bytes") != size or \
                file_sha256(path) != expected.get("sha256"):
            raise InputError(_("{name} is not the file this run wrote (its size or SHA-256 differs from "
                             "run.json): the folder mixes runs or a file was changed").format(name=name), path=path,
                             hint=hint)
