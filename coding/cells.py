"""Spreadsheet cells as text: what a researcher typed, whatever type Excel stored it as."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any


def cell_text(value: object) -> str:
    """A cell's value as stripped text: "" for empty, ``2019`` for 2019.0, ``2019-05-17`` for a date.

    >>> cell_text(2019.0), cell_text(None), cell_text(" қылмыс ")
    ('2019', '', 'қылмыс')
    """
    if value is None:
        return ""
    if isinstance(value, date):
        return value.isoformat()[:10]
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def keep_text(cell: Any) -> Any:
    """Store a text cell as text: openpyxl turns any string that starts with '=' into a formula, so a
    doc_id, a title or a term like ``=1+1`` would be run by Excel (and break the review import).
    Returns the cell.

    ``+``, ``-`` and ``@`` need nothing: a cell typed as text in the file stays text in Excel.
    """
    if isinstance(cell.value, str) and cell.value.startswith("=") and cell.data_type == "f":
        cell.data_type = "s"
    return cell


def text_row(sheet: Any, values: Iterable[object]) -> list[object]:
    """``values`` ready for ``sheet.append``: strings that would become formulas go as text cells.

    Works for normal and write-only worksheets alike.
    """
    from openpyxl.cell import WriteOnlyCell

    return [keep_text(WriteOnlyCell(sheet, value)) if isinstance(value, str) and value.startswith("=") else value
            for value in values]


def keep_sheets_text(book: Any) -> None:
    """``keep_text`` over every cell of a (normal, not write-only) workbook, e.g. one pandas wrote."""
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                keep_text(cell)
