"""Segments and units as Parquet files (pyarrow), for pandas, polars and DuckDB users.

Written batch by batch (one row group each) beside the CSV files, with the same columns: whole numbers as
64-bit integers, everything else as text.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from coding.tables import Layout

INTEGER_COLUMNS: frozenset[str] = frozenset({"start", "end", "tone_score", "words"})


class ParquetRows:
    """A Parquet file that takes rows (lists in ``columns`` order) as they come; a context manager."""

    def __init__(self, path: Path, columns: Sequence[str], layout: Layout) -> None:
        integers = INTEGER_COLUMNS | set(layout.codes)
        self.columns = list(columns)
        self.schema = pa.schema([(c, pa.int64() if c in integers else pa.string()) for c in self.columns])
        self.path = path
        self._writer: pq.ParquetWriter | None = None

    def __enter__(self) -> ParquetRows:
        self._writer = pq.ParquetWriter(self.path, self.schema, compression="zstd")
        return self

    def write(self, rows: Sequence[Sequence[Any]]) -> None:
        """Append rows as one row group."""
        if not rows or self._writer is None:
            return
        arrays = [pa.array([row[i] for row in rows], type=field.type) for i, field in enumerate(self.schema)]
        self._writer.write_table(pa.Table.from_arrays(arrays, schema=self.schema))

    def __exit__(self, *exc: object) -> None:
        if self._writer is not None:
            self._writer.close()
