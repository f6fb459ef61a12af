"""How text fits in a spreadsheet cell: the font every workbook names, and the row heights that show
every wrapped line (Excel and LibreOffice do not grow a row for wrapped text written by a program)."""

from __future__ import annotations

import math
import textwrap
from typing import Any

# Fonts name their face: a Font without one falls back to a serif face in LibreOffice.
FONT_NAME = "Calibri"
MAX_ROW_HEIGHT = 409  # points: the most Excel allows
LINE_HEIGHT = 15  # points per line of 11-pt text
BOLD_WIDTH = 1.15  # bold text is about this much wider
# Of a column N characters wide, the characters of text a line holds: less than N, as Cyrillic letters are
# wider than the digit a column width counts, and wider still in the face LibreOffice shows for Calibri
# where Calibri is not installed (measured in tests/test_review.py through a PDF of the review workbook).
LINE_FILL = 0.85
# Points of one character of 11-pt bold text turned 90°, with the substitutes LibreOffice uses for Calibri
# (DejaVu Sans is the widest): the height a rotated header needs.
ROTATED_CHAR = 8.0


def wrapped_lines(text: str, width: float) -> int:
    """The lines ``text`` takes in a column ``width`` characters wide, counted as a word wrap would.

    >>> wrapped_lines("бала саудасы", 80), wrapped_lines("a b c d", 4)
    (1, 4)
    """
    room = max(int(width * LINE_FILL) - 1, 1)
    return sum(max(1, len(textwrap.wrap(line, room, break_long_words=True))) for line in text.splitlines() or [""])


def row_height(lines: int) -> float | None:
    """The height of a row of 11-pt text with ``lines`` wrapped lines (None: the default height)."""
    return min(MAX_ROW_HEIGHT, LINE_HEIGHT * lines) if lines > 1 else None


def rotated_height(texts: list[str]) -> float:
    """The height of a header row whose cells are turned 90°, to show the longest of ``texts`` whole."""
    longest = max((len(text) for text in texts), default=0)
    return min(MAX_ROW_HEIGHT, max(LINE_HEIGHT * 2, math.ceil(longest * ROTATED_CHAR) + 12))


def append_row(ws: Any, cells: list[Any], row: int, height: float | None) -> None:
    """Append row ``row`` (its number) to a write-only sheet, ``height`` points tall (None: the default);
    the height is kept only while the row is written, so memory does not grow with the rows."""
    if height:
        ws.row_dimensions[row].height = height
    ws.append(cells)
    if height:
        del ws.row_dimensions[row]
