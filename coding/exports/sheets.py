"""Plain tables for a researcher's spreadsheet: one sheet per table (bold header, frozen first row, a
filter on every column, widths fitted to the text), or CSV (UTF-8 with BOM). Written atomically."""

from __future__ import annotations

import csv
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from coding.errors import InputError
from coding.exports.atomic import atomic_path, atomic_text
from coding.exports.layout import FONT_NAME
from coding.i18n import _

TABLE_SUFFIXES: tuple[str, ...] = (".xlsx", ".csv")
MAX_WIDTH = 60  # characters: longer cells wrap


def check_table_file(out: Path) -> None:
    """Refuse an output name that is neither .xlsx nor .csv (raises InputError), before any work."""
    if out.suffix.lower() not in TABLE_SUFFIXES:
        raise InputError(_("cannot write a table to '{name}'").format(name=out.name),
                         hint=_("name the file .xlsx or .csv"))


def write_tables(tables: Mapping[str, Sequence[Mapping[str, Any]]], out: Path,
                 columns: Mapping[str, Sequence[str]]) -> None:
    """Write each table (name → rows) to ``out``: a sheet per table in ``.xlsx``; in ``.csv`` one file,
    the tables one after the other with a first column ``table`` naming each row's table (columns that
    a table lacks stay empty), so the file still sorts and filters as one table."""
    check_table_file(out)
    if out.suffix.lower() == ".csv":
        _write_csv(tables, out, columns)
    else:
        _write_xlsx(tables, out, columns)


def _write_csv(tables: Mapping[str, Sequence[Mapping[str, Any]]], out: Path,
               columns: Mapping[str, Sequence[str]]) -> None:
    union: list[str] = []
    for name in tables:
        union.extend(c for c in columns[name] if c not in union)
    with_name = len(tables) > 1
    with atomic_text(out, newline="") as handle:
        handle.write("\ufeff")
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow((["table"] if with_name else []) + union)
        for name, rows in tables.items():
            for row in rows:
                writer.writerow(([name] if with_name else []) + [row.get(c, "") for c in union])


def _write_xlsx(tables: Mapping[str, Sequence[Mapping[str, Any]]], out: Path,
                columns: Mapping[str, Sequence[str]]) -> None:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    book = Workbook()
    book.remove(book.active)
    for name, rows in tables.items():
        sheet = book.create_sheet(name[:31])
        header = list(columns[name])
        sheet.append(header)
        for cell in sheet[1]:
            cell.font = Font(name=FONT_NAME, bold=True)
        widths = [len(h) for h in header]
        for row in rows:
            values = [row.get(c, "") for c in header]
            sheet.append(values)
            for i, value in enumerate(values):
                widths[i] = max(widths[i], min(len(str(value)), MAX_WIDTH))
        for i, width in enumerate(widths, start=1):
            sheet.column_dimensions[get_column_letter(i)].width = width + 2
            if width >= MAX_WIDTH:
                for (cell,) in sheet.iter_rows(min_row=2, min_col=i, max_col=i):
                    cell.alignment = Alignment(wrap_text=True, vertical="top")
        sheet.freeze_panes = "A2"
        if rows:
            sheet.auto_filter.ref = f"A1:{get_column_letter(len(header))}{len(rows) + 1}"
    with atomic_path(out) as temporary:
        book.save(temporary)
