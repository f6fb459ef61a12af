"""Sinks: where the rows of a run go as batches finish, and where its summary tables go at the end.

``FolderSink`` appends rows to the CSV files of a run folder (and Parquet files, on request) as they come
and writes the summary tables and ``run.json`` last; every file is written under a temporary name and
renamed only when the whole run succeeded, so a failed run leaves no half file behind. ``MemorySink``
keeps the rows as DataFrames, for small corpora in a notebook. Both receive the same rows in the same
order from ``coding.runs``, so a run in memory and a run on disk cannot disagree.

CSV files are UTF-8 with a byte-order mark, so Excel opens Kazakh and Russian text correctly when a
researcher double-clicks them; pandas and R read them as plain UTF-8.
"""

from __future__ import annotations

import csv
import json
import os
from collections.abc import Sequence
from contextlib import ExitStack
from pathlib import Path
from typing import IO, Any, Protocol

import pandas as pd

from coding.errors import InputError
from coding.exports.atomic import atomic_path
from coding.tables import CROSSTABS, FREQUENCY_FILES, Layout

STREAMED: tuple[str, ...] = ("segments.csv", "units.csv", "documents.csv", "tone.csv")
PARQUET: dict[str, str] = {"segments.csv": "segments.parquet", "units.csv": "units.parquet"}
# Every file a run may write.
RUN_FILES: tuple[str, ...] = (*STREAMED, *FREQUENCY_FILES.values(), *CROSSTABS, *PARQUET.values(), "run.json")


class Sink(Protocol):
    """What ``coding.runs.code_corpus`` writes to."""

    def begin(self, layout: Layout) -> None: ...

    def rows(self, name: str, rows: Sequence[Sequence[Any]]) -> None: ...

    def provenance(self, entries: Sequence[dict[str, str]]) -> None: ...

    def table(self, name: str, columns: Sequence[str], rows: Sequence[Sequence[Any]]) -> None: ...

    def finish(self, provenance: dict[str, Any]) -> None: ...

    def abort(self) -> None: ...


def _columns(layout: Layout) -> dict[str, list[str]]:
    columns = {"segments.csv": layout.segment_columns, "units.csv": layout.unit_columns,
               "documents.csv": layout.document_columns}
    if layout.tone_csv:
        columns["tone.csv"] = layout.tone_columns
    return columns


def _open_csv(handle: IO[str]) -> Any:
    handle.write("\ufeff")
    return csv.writer(handle, lineterminator="\n")


class FolderSink:
    """Writes a run folder (see the module's docstring)."""

    def __init__(self, out: str | Path, *, parquet: bool = False) -> None:
        self.out = Path(out)
        self.parquet = parquet
        self._stack = ExitStack()
        self._writers: dict[str, Any] = {}
        self._parquet: dict[str, Any] = {}
        self._layout: Layout | None = None
        self._temporary: dict[str, Path] = {}

    def _temp(self, name: str) -> Path:
        path = self._stack.enter_context(atomic_path(self.out / name))
        self._temporary[name] = path
        return path

    def begin(self, layout: Layout) -> None:
        self._layout = layout
        self.out.mkdir(parents=True, exist_ok=True)
        for name, columns in _columns(layout).items():
            handle = self._stack.enter_context(open(self._temp(name), "w", encoding="utf-8", newline=""))
            writer = self._writers[name] = _open_csv(handle)
            writer.writerow(columns)
        self._provenance = self._stack.enter_context(
            open(self.out / f".run.json.{os.getpid()}.documents", "w", encoding="utf-8"))
        if self.parquet:
            self._open_parquet(layout)

    def _open_parquet(self, layout: Layout) -> None:
        try:
            import pyarrow  # noqa: F401
        except ImportError:
            raise InputError("--parquet needs the package pyarrow",
                             hint='install it with: pip install "coding[parquet]"') from None
        from coding.exports.parquet import ParquetRows

        for name, target in PARQUET.items():
            self._parquet[name] = self._stack.enter_context(
                ParquetRows(self._temp(target), _columns(layout)[name], layout))

    def rows(self, name: str, rows: Sequence[Sequence[Any]]) -> None:
        self._writers[name].writerows(rows)
        if name in self._parquet:
            self._parquet[name].write(rows)

    def provenance(self, entries: Sequence[dict[str, str]]) -> None:
        for entry in entries:
            self._provenance.write(json.dumps(entry, ensure_ascii=False) + "\n")

    def table(self, name: str, columns: Sequence[str], rows: Sequence[Sequence[Any]]) -> None:
        with open(self._temp(name), "w", encoding="utf-8", newline="") as handle:
            writer = _open_csv(handle)
            writer.writerow(columns)
            writer.writerows(rows)

    def finish(self, provenance: dict[str, Any]) -> None:
        """Write run.json (the document list streamed from its temporary file) and rename every file."""
        documents_file = Path(self._provenance.name)
        self._provenance.close()
        with open(self._temp("run.json"), "w", encoding="utf-8") as handle:
            _write_run_json(handle, provenance, documents_file)
        documents_file.unlink(missing_ok=True)
        self._stack.close()  # each atomic_path renames its temporary file into place
        # A file of an earlier run that this run did not write (--force) would not match run.json.
        for name in RUN_FILES:
            if name not in self._temporary:
                (self.out / name).unlink(missing_ok=True)

    def abort(self) -> None:
        """Remove every temporary file."""
        name = getattr(getattr(self, "_provenance", None), "name", None)
        try:
            self._stack.__exit__(RuntimeError, RuntimeError("run aborted"), None)
        finally:
            if name:
                Path(name).unlink(missing_ok=True)


def _write_run_json(handle: IO[str], provenance: dict[str, Any], documents_file: Path) -> None:
    """``json.dump(provenance, indent=2)`` with ``corpus.documents`` read line by line from a file."""
    text = json.dumps(provenance, ensure_ascii=False, indent=2)
    marker = '"documents": "__DOCUMENTS__"'
    before, after = text.split(marker)
    handle.write(before + '"documents": [')
    first = True
    with open(documents_file, encoding="utf-8") as lines:
        for line in lines:
            entry = json.dumps(json.loads(line), ensure_ascii=False, indent=2)
            handle.write(("\n" if first else ",\n") + _indent(entry, 6))
            first = False
    handle.write(("\n    ]" if not first else "]") + after)


def _indent(text: str, spaces: int) -> str:
    pad = " " * spaces
    return "\n".join(pad + line for line in text.splitlines())


class MemorySink:
    """Keeps a run's tables as DataFrames (``tables``) and its provenance (``provenance_json``)."""

    def __init__(self) -> None:
        self._rows: dict[str, list[Sequence[Any]]] = {name: [] for name in STREAMED}
        self._documents: list[dict[str, str]] = []
        self.tables: dict[str, pd.DataFrame] = {}
        self.provenance_json: dict[str, Any] = {}

    def begin(self, layout: Layout) -> None:
        self._columns = _columns(layout)

    def rows(self, name: str, rows: Sequence[Sequence[Any]]) -> None:
        self._rows[name].extend(rows)

    def provenance(self, entries: Sequence[dict[str, str]]) -> None:
        self._documents.extend(entries)

    def table(self, name: str, columns: Sequence[str], rows: Sequence[Sequence[Any]]) -> None:
        self.tables[name] = pd.DataFrame([list(r) for r in rows], columns=list(columns))

    def finish(self, provenance: dict[str, Any]) -> None:
        for name, columns in self._columns.items():
            self.tables[name] = pd.DataFrame([list(r) for r in self._rows[name]], columns=columns)
        provenance["corpus"]["documents"] = self._documents
        self.provenance_json = provenance

    def abort(self) -> None:
        self._rows.clear()
