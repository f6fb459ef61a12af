"""CSV tables written whole (the rows of a run are streamed by ``coding.sinks``).

CSV files are UTF-8 with a byte-order mark, so Excel opens Kazakh and Russian text correctly when a
researcher double-clicks them; pandas and R read them as plain UTF-8.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from coding.exports.atomic import atomic_text


def write_csv(table: pd.DataFrame, path: Path) -> None:
    """Write one table atomically as CSV (UTF-8 with BOM)."""
    with atomic_text(path, newline="") as handle:
        handle.write("\ufeff")
        table.to_csv(handle, index=False, lineterminator="\n")
