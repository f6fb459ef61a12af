"""Excel workbooks of the statistics (openpyxl) with native charts that reference the cells, so a
researcher can restyle them or copy them into a report, and the numbers behind each chart stay visible.
"""

from __future__ import annotations

import math
from pathlib import Path
from typing import Any

import pandas as pd
from openpyxl import Workbook
from openpyxl.chart import BarChart, LineChart, Reference
from openpyxl.formatting.rule import ColorScaleRule
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from coding.cells import text_row
from coding.errors import InputError
from coding.exports.atomic import atomic_path
from coding.exports.layout import FONT_NAME
from coding.i18n import _
from coding.stats.compare import Comparison
from coding.stats.cooccur import Cooccurrence
from coding.stats.series import SeriesDynamics

TOP_PAIRS = 15  # pairs in the co-occurrence bar chart; more are unreadable


def _cell(value: Any) -> Any:
    if value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value)):
        return None
    return value.item() if hasattr(value, "item") else value


def _sheet(book: Workbook, title: str, table: pd.DataFrame) -> Worksheet:
    """A sheet holding ``table`` (bold header, frozen first row, columns wide enough)."""
    sheet = book.create_sheet(title[:31])
    sheet.append(text_row(sheet, [str(c) for c in table.columns]))
    for row in table.itertuples(index=False):
        sheet.append(text_row(sheet, [_cell(v) for v in row]))
    for cell in sheet[1]:
        cell.font = Font(name=FONT_NAME, bold=True)
    sheet.freeze_panes = "A2"
    for number, column in enumerate(table.columns, start=1):
        longest = max([len(str(column)), *(len(str(v)) for v in table.iloc[:, number - 1].head(200))])
        sheet.column_dimensions[get_column_letter(number)].width = min(max(longest + 2, 8), 50)
    return sheet


def _save(book: Workbook, path: str | Path) -> Path:
    path = Path(path)
    if path.suffix.lower() != ".xlsx":
        raise InputError(_("'{path}' does not end in .xlsx").format(path=path),
                         hint=_("give a file name such as reports/stats.xlsx"))
    del book[book.sheetnames[0]]  # the empty sheet every new Workbook starts with
    with atomic_path(path) as temporary:
        book.save(temporary)
    return path


def _bar_or_line(chart: BarChart | LineChart, sheet: Worksheet, rows: int, columns: int, title: str,
                 x_title: str, y_title: str) -> BarChart | LineChart:
    """Point ``chart`` at a block of ``sheet``: categories in column A, one series per further column."""
    chart.title, chart.x_axis.title, chart.y_axis.title = title, x_title, y_title
    chart.add_data(Reference(sheet, min_col=2, max_col=columns, min_row=1, max_row=rows + 1),
                   titles_from_data=True)
    chart.set_categories(Reference(sheet, min_col=1, min_row=2, max_row=rows + 1))
    # Recent Excel hides axes whose 'delete' flag openpyxl leaves unset.
    chart.x_axis.delete = False
    chart.y_axis.delete = False
    chart.width, chart.height = 18, 9
    return chart


def write_series_workbook(result: SeriesDynamics, path: str | Path) -> Path:
    """Write sheets ``values`` (periods × series, with a line chart), ``pct_change`` (with a bar chart),
    ``dynamics`` and ``summary`` to ``path`` (atomically); returns the path.

    Raises:
        InputError: ``path`` does not end in .xlsx.
    """
    book = Workbook()
    values = _sheet(book, "values", result.values.reset_index())
    periods, columns = len(result.values), len(result.values.columns) + 1
    line = _bar_or_line(LineChart(), values, periods, columns, _("Values by period"), result.period_column,
                        _("value"))
    for plotted in line.series:
        plotted.smooth = False  # a smoothed curve would invent values between the years
        plotted.marker.symbol = "circle"
    values.add_chart(line, f"{get_column_letter(columns + 2)}2")
    change = _sheet(book, "pct_change", result.wide("pct_change"))
    bars = _bar_or_line(BarChart(), change, periods, columns, _("Percent change on the previous period"),
                        result.period_column, "%")
    change.add_chart(bars, f"{get_column_letter(columns + 2)}2")
    _sheet(book, "dynamics", result.dynamics)
    _sheet(book, "summary", result.summary)
    return _save(book, path)


def write_comparison_workbook(result: Comparison, path: str | Path) -> Path:
    """Write sheets ``per_1000_words`` (codes × groups, with a bar chart), ``codes``, ``tests``, ``tone``
    (with a stacked bar chart of the tone shares) and ``directions`` to ``path`` (atomically)."""
    book = Workbook()
    table = result.per_1000_words()
    rates = _sheet(book, "per_1000_words", table)
    chart = _bar_or_line(BarChart(), rates, len(table), len(result.groups) + 1,
                         _("Occurrences per 1,000 words by {by}").format(by=result.by), _("code"),
                         _("per 1,000 words"))
    rates.add_chart(chart, f"{get_column_letter(len(result.groups) + 3)}2")
    _sheet(book, "codes", result.frequencies)
    _sheet(book, "tests", result.tests)
    if len(result.tone):
        shares = ["pct_negative", "pct_neutral", "pct_positive"]
        columns = [result.by, *shares, "negative", "neutral", "positive", "units"]
        tone = _sheet(book, "tone", result.tone[columns])
        stacked = _bar_or_line(BarChart(), tone, len(result.tone), 4,
                               _("Tone of the units by {by}").format(by=result.by), result.by, _("% of units"))
        stacked.type, stacked.grouping, stacked.overlap = "bar", "percentStacked", 100
        tone.add_chart(stacked, "J2")
    if len(result.directions):
        _sheet(book, "directions", result.directions)
    return _save(book, path)


def _off_diagonal(n: int, top: int = 2, left: int = 2) -> str:
    """The cells of an n × n block whose first cell is at row ``top``, column ``left`` (default B2), without
    its diagonal, as space-separated ranges."""
    ranges = []
    for i in range(n):
        column = get_column_letter(left + i)
        if i > 0:
            ranges.append(f"{column}{top}:{column}{top + i - 1}")
        if i < n - 1:
            ranges.append(f"{column}{top + i + 1}:{column}{top + n - 1}")
    return " ".join(ranges)


def shade_matrix(sheet: Worksheet, n: int, top: int = 2, left: int = 2) -> None:
    """Colour the code × code block of ``sheet`` whose first cell is at (``top``, ``left``) as a heat map.

    The diagonal (a code with itself) would dominate the scale, so it is left out and greyed.
    """
    if n < 2:
        return
    sheet.conditional_formatting.add(_off_diagonal(n, top, left), ColorScaleRule(
        start_type="min", start_color="FFFFFF", end_type="max", end_color="2F75B5"))
    for i in range(n):
        sheet.cell(row=top + i, column=left + i).fill = PatternFill("solid", fgColor="D9D9D9")


def write_cooccurrence_workbook(result: Cooccurrence, path: str | Path) -> Path:
    """Write sheets ``cooccurrence`` and ``jaccard`` (code × code, coloured as a heat map), ``pairs`` (with a
    bar chart of the most frequent pairs) and ``codes`` to ``path`` (atomically)."""
    book = Workbook()
    n = len(result.counts)
    for title, matrix in (("cooccurrence", result.counts), ("jaccard", result.jaccard)):
        shade_matrix(_sheet(book, title, matrix.rename_axis("code").reset_index()), n)
    top = result.pairs.head(TOP_PAIRS)
    pairs = _sheet(book, "pairs", top.assign(pair=top["code_a"] + " + " + top["code_b"])
                   [["pair", "units", "jaccard", "code_a", "code_b", "units_a", "units_b"]])
    if len(top):
        chart = _bar_or_line(BarChart(), pairs, len(top), 2,
                             _("Most frequent pairs ({unit} units)").format(unit=result.unit), _("pair"),
                             _("units with both codes"))
        chart.type = "bar"
        chart.y_axis.scaling.orientation = "minMax"
        chart.x_axis.scaling.orientation = "maxMin"  # most frequent pair on top
        pairs.add_chart(chart, "I2")
    _sheet(book, "all_pairs", result.pairs)
    _sheet(book, "codes", result.codes)
    return _save(book, path)
