"""Spreadsheet cells as text: what a researcher typed, whatever type Excel stored it as."""

from __future__ import annotations

from datetime import date


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
