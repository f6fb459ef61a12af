"""The CSV results of a run and its ``run.json``.

CSV files are UTF-8 with a byte-order mark, so Excel opens Kazakh and Russian text correctly when a
researcher double-clicks them; pandas and R read them as plain UTF-8.
"""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd

from coding.exports.atomic import atomic_text, check_output_dir
from coding.runs import Run
from coding.tables import coding_table, crosstab, document_table, frequency_table, segments_table, unit_frame


def write_csv(table: pd.DataFrame, path: Path) -> None:
    """Write one table atomically as CSV (UTF-8 with BOM)."""
    with atomic_text(path, newline="") as handle:
        handle.write("\ufeff")
        table.to_csv(handle, index=False, lineterminator="\n")


def write_run(run: Run, out: str | Path, *, force: bool = False, label_lang: str = "kk") -> list[Path]:
    """Write segments.csv, units.csv, frequencies*.csv, documents.csv, crosstab_*.csv (when the codebook
    has directions / tone) and run.json into ``out``; returns the paths.

    Raises:
        OutputError: ``out`` exists (without ``force``) or lies inside the corpus folder.
    """
    out = Path(out)
    check_output_dir(out, force=force, protected=(Path(run.corpus.root),))
    units = unit_frame(run)
    tables = {
        "segments.csv": segments_table(run),
        "units.csv": coding_table(run),
        "frequencies.csv": frequency_table(run, label_lang=label_lang, units=units),
        "frequencies_by_source_type.csv": frequency_table(run, "source_type", label_lang=label_lang, units=units),
        "frequencies_by_language.csv": frequency_table(run, "lang", label_lang=label_lang, units=units),
        "documents.csv": document_table(run),
    }
    if run.codebook.directions:
        tables["crosstab_code_direction.csv"] = crosstab(run, "code", "direction")
    if run.codebook.tone:
        tables["crosstab_code_tone.csv"] = crosstab(run, "code", "tone")
        tables["crosstab_source_type_tone.csv"] = crosstab(run, "source_type", "tone")
    written = []
    for name, table in tables.items():
        write_csv(table, out / name)
        written.append(out / name)
    with atomic_text(out / "run.json") as handle:
        json.dump(run.provenance(), handle, ensure_ascii=False, indent=2)
    written.append(out / "run.json")
    return written
