"""Statistics on official figures and on coding runs.

- ``series``: dynamics of a periods × series table (changes, growth indices, average growth, shares);
- ``compare``: code frequencies per group of documents with chi-square tests, residuals and Cramér's V;
- ``cooccur``: code × code co-occurrence within units and Jaccard similarity;
- ``charts`` (matplotlib) and ``workbook`` (openpyxl, native Excel charts) draw and write them.

This module holds what ``compare`` and ``cooccur`` share: reading a run folder written by
``coding code`` (its CSV files and ``run.json``). Reading the CSVs rather than re-coding the corpus
keeps the statistics reproducible from the published results alone, even when the corpus has moved.
documents.csv (one row per document) is read whole; units.csv, which grows with the corpus, is read in
chunks (``RunTables.iter_units``), and the statistics are sums over those chunks.
The public functions of the submodules are importable from here; they load on first use, so
``import coding.stats`` does not pull in scipy or matplotlib.
"""

from __future__ import annotations

import importlib
import json
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from coding.errors import InputError
from coding.i18n import N_, _
from coding.records import UNIT_KINDS, UnitKind

_EXPORTS = {
    "read_series": "series", "series_dynamics": "series", "SeriesDynamics": "series",
    "compare_groups": "compare", "chi_square_test": "compare", "adjusted_residuals": "compare",
    "Comparison": "compare", "ChiSquare": "compare",
    "cooccurrence": "cooccur", "unit_presence": "cooccur", "Cooccurrence": "cooccur",
    "series_charts": "charts", "cooccurrence_charts": "charts", "cooccurrence_svg": "charts",
    "write_series_workbook": "workbook", "write_comparison_workbook": "workbook",
    "write_cooccurrence_workbook": "workbook",
}
__all__ = ["RunTables", "read_run", "write_tables", *_EXPORTS]


def __getattr__(name: str) -> Any:
    if name in _EXPORTS:
        return getattr(importlib.import_module(f"coding.stats.{_EXPORTS[name]}"), name)
    raise AttributeError(f"module 'coding.stats' has no attribute '{name}'")


RUN_HINT = N_("give the folder written by 'coding code CORPUS --codebook FILE --out RUN_DIR'")


@dataclass(frozen=True)
class RunTables:
    """The parts of a run folder the statistics use.

    ``documents`` is documents.csv with every cell a string except ``words``, ``units`` and the code
    count columns (integers); units.csv is read in chunks by ``iter_units``; ``codes`` are the code ids
    in codebook order.
    """

    path: Path
    unit: UnitKind
    codes: tuple[str, ...]
    labels: Mapping[str, str]
    documents: pd.DataFrame
    corpus_root: str | None = None
    options: Mapping[str, Any] = field(default_factory=dict)
    unit_columns: tuple[str, ...] = ()

    def label(self, code: str) -> str:
        """The code's label in the run's label language, or its id when the run has none."""
        return self.labels.get(code) or code

    def iter_units(self, columns: Sequence[str] | None = None, *,
                   chunksize: int | None = None) -> Iterator[pd.DataFrame]:
        """units.csv in chunks of ``chunksize`` rows (default ``coding.results.CHUNK_ROWS``): every cell a
        string except ``words`` and the code counts (integers); ``columns`` picks columns, and one the
        file lacks comes as empty strings.

        Raises:
            InputError: a count is not a whole number (naming its row and column).
        """
        from coding.results import read_chunks

        path = self.path / "units.csv"
        counted = [c for c in ("words", *self.codes) if columns is None or c in columns]
        for chunk in read_chunks(path, columns, chunksize=chunksize):
            yield _integers(chunk, counted, path)


def _read_table(path: Path) -> pd.DataFrame:
    if not path.is_file():
        raise InputError(_("'{name}' is missing from the run folder").format(name=path.name), path=path.parent,
                         hint=_(RUN_HINT))
    # Strings throughout, so ids such as '001' and blank metadata survive the round trip.
    return pd.read_csv(path, encoding="utf-8-sig", dtype=str, keep_default_na=False)


def _integers(table: pd.DataFrame, columns: list[str], path: Path) -> pd.DataFrame:
    table = table.copy()
    for column in columns:
        numbers = pd.to_numeric(table[column], errors="coerce")
        bad = numbers.isna() | (numbers % 1 != 0)
        if bad.any():
            position = int(bad.to_numpy().nonzero()[0][0])
            # The index numbers the file's rows from 0 (chunks keep counting), under one header line.
            row = int(table.index[position])
            raise InputError(_("row {value}, column '{column}': '{iloc}' is not a whole "
                             "number").format(value=row + 2, column=column, iloc=table[column].iloc[position]),
                             path=path, hint=_("re-run 'coding code' to write the file again"))
        table[column] = numbers.astype(int)
    return table


def read_run(run_dir: str | Path) -> RunTables:
    """Read a run folder: ``run.json`` (the coding unit), documents.csv, the header of units.csv (its rows
    are read in chunks by ``RunTables.iter_units``) and the code labels of frequencies.csv.

    Raises:
        InputError: the folder or one of its files is missing or not as ``coding code`` writes it.
    """
    from coding.results import csv_header
    from coding.run_folder import check_run_files

    folder = Path(run_dir)
    if not folder.is_dir():
        raise InputError(_("the run folder '{folder}' does not exist or is not a folder").format(folder=folder),
                         hint=_(RUN_HINT))
    provenance_path = folder / "run.json"
    if not provenance_path.is_file():
        raise InputError(_("'run.json' is missing from the run folder"), path=folder, hint=_(RUN_HINT))
    try:
        provenance = json.loads(provenance_path.read_text(encoding="utf-8"))
        options = dict(provenance.get("options") or {})
    except (json.JSONDecodeError, AttributeError, TypeError) as error:
        raise InputError(_("run.json is not a coding run's provenance ({error})").format(error=error),
                         path=provenance_path,
                         hint=_(RUN_HINT)) from error
    check_run_files(folder, provenance, _(RUN_HINT))
    unit = options.get("unit")
    if unit not in UNIT_KINDS:
        raise InputError(_("run.json gives no coding unit (options.unit is {unit!r})").format(unit=unit),
                         path=provenance_path,
                         hint=_("options.unit must be one of: {UNIT_KINDS}").format(UNIT_KINDS=', '.join(UNIT_KINDS)))
    documents = _read_table(folder / "documents.csv")
    columns = list(documents.columns)
    if not {"segments", "dominant_direction", "words", "units", "doc_id"} <= set(columns):
        raise InputError(_("documents.csv lacks the columns 'coding code' writes (doc_id, words, units, "
                         "segments, …, dominant_direction)"), path=folder / "documents.csv", hint=_(RUN_HINT))
    # documents.csv puts the code counts between 'segments' and 'dominant_direction', in codebook order.
    codes = tuple(columns[columns.index("segments") + 1:columns.index("dominant_direction")])
    if not (folder / "units.csv").is_file():
        raise InputError(_("'units.csv' is missing from the run folder"), path=folder, hint=_(RUN_HINT))
    unit_columns = csv_header(folder / "units.csv")
    missing = [c for c in ("doc_id", "unit_id", "words", *codes) if c not in unit_columns]
    if missing:
        raise InputError(_("units.csv lacks the column(s) {missing} of documents.csv")
                         .format(missing=', '.join(missing)),
                         path=folder / "units.csv",
                         hint=_("re-run 'coding code' so both files come from one run"))
    labels: dict[str, str] = {}
    frequencies = folder / "frequencies.csv"
    if frequencies.is_file():
        table = _read_table(frequencies)
        if {"code", "label"} <= set(table.columns):
            labels = dict(zip(table["code"], table["label"], strict=True))
    corpus = provenance.get("corpus") or {}
    return RunTables(
        path=folder, unit=unit, codes=codes, labels=labels,
        documents=_integers(documents, ["words", "units", *codes], folder / "documents.csv"),
        corpus_root=corpus.get("root") if isinstance(corpus, dict) else None, options=options,
        unit_columns=tuple(unit_columns),
    )


def write_tables(tables: Mapping[str, pd.DataFrame], out: str | Path,
                 protected: tuple[Path, ...] = ()) -> list[Path]:
    """Write each table as ``out/NAME`` (CSV, UTF-8 with BOM, atomically); returns the paths.

    Raises:
        OutputError: ``out`` is a file, or lies inside one of the ``protected`` folders (the corpus).
    """
    from coding.exports.atomic import check_output_dir
    from coding.exports.csv import write_csv

    folder = Path(out)
    # Existing results of other commands may share the folder, so only our own files are replaced.
    check_output_dir(folder, force=True, protected=protected)
    written = []
    for name, table in tables.items():
        write_csv(table, folder / name)
        written.append(folder / name)
    return written
