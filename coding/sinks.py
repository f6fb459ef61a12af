"""Sinks: where the rows of a run go as batches finish, and where its summary tables go at the end.

``FolderSink`` appends rows to the CSV files of a run folder (and Parquet files, on request) as they come
and writes the summary tables and ``run.json`` last, all in a hidden sibling folder that replaces the run
folder only when the whole run succeeded (``coding.run_folder``): a failed or killed run leaves no half
folder behind, and never a folder that mixes two runs. ``MemorySink``
keeps the rows as DataFrames, for small corpora in a notebook. Both receive the same rows in the same
order from ``coding.runs``, so a run in memory and a run on disk cannot disagree.

CSV files are UTF-8 with a byte-order mark, so Excel opens Kazakh and Russian text correctly when a
researcher double-clicks them; pandas and R read them as plain UTF-8.
"""

from __future__ import annotations

import csv
import json
import shutil
from collections.abc import Iterator, Sequence
from contextlib import ExitStack, contextmanager
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, Protocol

from coding.errors import InputError, OutputError
from coding.i18n import _
from coding.run_folder import file_record, recover, staging_folder, swap_in
from coding.tables import CROSSTABS, FREQUENCY_FILES, Layout

if TYPE_CHECKING:
    import pandas as pd

STREAMED: tuple[str, ...] = ("segments.csv", "units.csv", "documents.csv", "tone.csv")
PARQUET: dict[str, str] = {"segments.csv": "segments.parquet", "units.csv": "units.parquet"}
# Every file a run may write.
RUN_FILES: tuple[str, ...] = (*STREAMED, *FREQUENCY_FILES.values(), *CROSSTABS, *PARQUET.values(), "run.json")
DOCUMENTS_FILE = ".documents.jsonl"  # run.json's document list, while the run is written


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
    """Writes a run folder (see the module's docstring and ``coding.run_folder``)."""

    def __init__(self, out: str | Path, *, parquet: bool = False) -> None:
        self.out = Path(out).resolve()  # a link to a folder: the folder it points to is replaced
        self.parquet = parquet
        self._stack = ExitStack()
        self._writers: dict[str, Any] = {}
        self._parquet: dict[str, Any] = {}
        self._staging: Path | None = None

    @contextmanager
    def _writing(self) -> Iterator[None]:
        """A failed write (disk full, no permission) is one OutputError; the run is then aborted."""
        try:
            yield
        except OSError as error:
            reason = error.strerror or str(error)
            raise OutputError(_("the run could not be written to '{out}' ({reason})").format(out=self.out,
                                                                                             reason=reason),
                              hint=_("free some disk space, or choose a folder you can write to with --out")) from None

    def begin(self, layout: Layout) -> None:
        with self._writing():
            self.out.parent.mkdir(parents=True, exist_ok=True)
            recover(self.out, RUN_FILES)
            self._staging = staging_folder(self.out)
            self._staging.mkdir()
            for name, columns in _columns(layout).items():
                handle = self._stack.enter_context(open(self._staging / name, "w", encoding="utf-8", newline=""))
                writer = self._writers[name] = _open_csv(handle)
                writer.writerow(columns)
            self._documents = self._stack.enter_context(
                open(self._staging / DOCUMENTS_FILE, "w", encoding="utf-8"))
            if self.parquet:
                self._open_parquet(layout)

    def _open_parquet(self, layout: Layout) -> None:
        try:
            import pyarrow  # noqa: F401
        except ImportError:
            raise InputError(_("--parquet needs the package pyarrow"),
                             hint=_('install it with: pip install "coding[parquet]"')) from None
        from coding.exports.parquet import ParquetRows

        assert self._staging is not None
        for name, target in PARQUET.items():
            self._parquet[name] = self._stack.enter_context(
                ParquetRows(self._staging / target, _columns(layout)[name], layout))

    def rows(self, name: str, rows: Sequence[Sequence[Any]]) -> None:
        with self._writing():
            self._writers[name].writerows(rows)
            if name in self._parquet:
                self._parquet[name].write(rows)

    def provenance(self, entries: Sequence[dict[str, str]]) -> None:
        with self._writing():
            for entry in entries:
                self._documents.write(json.dumps(entry, ensure_ascii=False) + "\n")

    def table(self, name: str, columns: Sequence[str], rows: Sequence[Sequence[Any]]) -> None:
        assert self._staging is not None
        with self._writing(), open(self._staging / name, "w", encoding="utf-8", newline="") as handle:
            writer = _open_csv(handle)
            writer.writerow(columns)
            writer.writerows(rows)

    def finish(self, provenance: dict[str, Any]) -> None:
        """Close every file, record their sizes and SHA-256 in run.json (its document list streamed from a
        temporary file) and swap the finished folder in."""
        staging = self._staging
        assert staging is not None
        with self._writing():
            self._stack.close()
            documents_file = staging / DOCUMENTS_FILE
            provenance["files"] = {path.name: file_record(path) for path in sorted(staging.iterdir())
                                   if path.name != DOCUMENTS_FILE}
            with open(staging / "run.json", "w", encoding="utf-8") as handle:
                _write_run_json(handle, provenance, documents_file)
            documents_file.unlink()
            swap_in(staging, self.out, RUN_FILES)
        self._staging = None

    def abort(self) -> None:
        """Remove the unfinished run."""
        try:
            self._stack.close()
        except OSError:
            pass
        finally:
            if self._staging is not None:
                shutil.rmtree(self._staging, ignore_errors=True)
                self._staging = None


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
        import pandas as pd  # a run kept in memory only: a run written to a folder never imports pandas

        self.tables[name] = pd.DataFrame([list(r) for r in rows], columns=list(columns))

    def finish(self, provenance: dict[str, Any]) -> None:
        import pandas as pd

        for name, columns in self._columns.items():
            self.tables[name] = pd.DataFrame([list(r) for r in self._rows[name]], columns=columns)
        provenance["corpus"]["documents"] = self._documents
        self.provenance_json = provenance

    def abort(self) -> None:
        self._rows.clear()
