"""Dynamics of yearly figures: a table of periods × series (e.g. registered cases under Articles 128
and 135 of the Criminal Code per year) → changes, growth indices, average growth and shares.

Definitions (y_t is a series' value in period t, y_0 its first value, n the number of periods):

- absolute change (chain): y_t − y_{t−1};
- percent change (chain): (y_t − y_{t−1}) / y_{t−1} × 100;
- chain growth index: y_t / y_{t−1} × 100 (a percentage: 100 = no change);
- base growth index: y_t / y_0 × 100, the first period being the base (a percentage);
- average annual growth rate: ((y_last / y_0) ^ (1 / (n − 1)) − 1) × 100, the geometric mean of the chain
  indices minus 100;
- share: y_t / (sum of all series in period t) × 100.

A ratio with a zero denominator is left empty rather than shown as infinite.
"""

from __future__ import annotations

import csv
import io
import math
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd

from coding.errors import InputError
from coding.i18n import _
from coding.zips import check_zip

DYNAMICS_COLUMNS: tuple[str, ...] = ("series", "value", "abs_change", "pct_change", "chain_index_pct",
                                     "base_index_pct", "share_pct")
SUMMARY_COLUMNS: tuple[str, ...] = ("series", "first_period", "last_period", "periods", "first_value",
                                    "last_value", "total", "mean", "abs_change", "avg_abs_change",
                                    "base_index_pct", "avg_growth_rate_pct")

_WHOLE = re.compile(r"[+-]?\d+")
# Thousands separators people type in Kazakh and Russian spreadsheets: spaces, no-break spaces.
_SPACES = re.compile(r"[\s\u00a0\u202f]+")
# Periods are years (or other whole numbers): 0 to 9999. Counts up to a trillion stay exact in pandas and
# SQLite; a 20-digit figure is a typo. A gap of more periods than MAX_GAP is a typo, not missing years.
MAX_PERIOD = 9999
MAX_COUNT = 10**12
MAX_GAP = 100


@dataclass(frozen=True)
class SeriesDynamics:
    """The indicators of every series: ``values`` (periods × series, as read), ``dynamics`` (one row per
    period and series: the period, named as in the input, then ``DYNAMICS_COLUMNS``) and ``summary`` (one
    row per series)."""

    name: str
    values: pd.DataFrame
    dynamics: pd.DataFrame
    summary: pd.DataFrame

    @property
    def period_column(self) -> str:
        """The name of the first column of the input (e.g. ``year``)."""
        return _period_name(self.values)

    def wide(self, column: str) -> pd.DataFrame:
        """One indicator as a periods × series table (period as the first column)."""
        table = self.dynamics.pivot(index=self.period_column, columns="series", values=column)
        table = table.reindex(columns=list(self.values.columns))
        table.columns.name = None
        return table.reset_index()

    def tables(self) -> dict[str, pd.DataFrame]:
        """The CSV files to write, by file name."""
        return {f"{self.name}_dynamics.csv": self.dynamics, f"{self.name}_summary.csv": self.summary}

    def describe(self) -> str:
        """One line: the periods and each series' first → last value and average annual growth."""
        periods = self.values.index
        parts = []
        for row in self.summary.itertuples(index=False):
            rate = _("n/a") if pd.isna(row.avg_growth_rate_pct) else f"{row.avg_growth_rate_pct:+.2f} %"
            parts.append(_("{series} {first} → {last} (average annual growth {rate})")
                         .format(series=row.series, first=row.first_value, last=row.last_value, rate=rate))
        return _("{series} series over {periods} periods ({first}–{last}): {parts}.").format(
            series=len(self.values.columns), periods=len(periods), first=periods[0], last=periods[-1],
            parts="; ".join(parts))


def _cell_text(value: Any) -> str:
    return "" if value is None else str(value).strip()


def _whole(value: Any) -> int | None:
    """The whole number a cell holds, or None; Excel stores typed whole numbers as floats sometimes."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        return int(value) if value.is_integer() else None
    text = _SPACES.sub("", _cell_text(value))
    return int(text) if _WHOLE.fullmatch(text) else None


def _rows_of(path: Path) -> tuple[list[list[Any]], str]:
    """The rows of a CSV or the first sheet of an xlsx file, and how to name a place in it."""
    suffix = path.suffix.lower()
    if not path.is_file():
        raise InputError(_("the file '{path}' does not exist").format(path=path),
                         hint=_("give a .csv or .xlsx table of periods × series"))
    if suffix == ".xlsx":
        from openpyxl import load_workbook

        check_zip(path, InputError)
        try:
            book = load_workbook(path, read_only=True, data_only=True)
            try:
                sheet = book.worksheets[0]
                rows = [list(row) for row in sheet.iter_rows(values_only=True)]
            finally:
                book.close()
        except Exception as error:  # openpyxl raises many kinds for a damaged file, some only while reading
            raise InputError(_("cannot read the workbook ({name}: {error})").format(name=type(error).__name__,
                                                                                    error=error), path=path,
                             hint=_("save it again from Excel as .xlsx, or export the sheet as CSV")) from None
        return rows, f"sheet '{sheet.title}', "
    if suffix != ".csv":
        raise InputError(_("'{value}' is not a table format this command reads").format(value=path.suffix or path.name),
                         path=path,
                         hint=_("give a .csv (UTF-8) or .xlsx file"))
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as error:
        raise InputError(_("the file is not UTF-8 text (byte {start})").format(start=error.start), path=path,
                         hint=_("save it as 'CSV UTF-8' in Excel, or give the .xlsx file")) from error
    header = text.splitlines()[0] if text else ""
    # Excel in a Russian or Kazakh locale writes ';' between cells.
    delimiter = max((",", ";", "\t"), key=header.count)
    reader = csv.reader(io.StringIO(text, newline=None), delimiter=delimiter)
    rows: list[list[Any]] = []
    try:
        rows.extend(reader)
    except csv.Error as error:
        raise InputError(_("row {line_num} cannot be read as CSV ({error})").format(line_num=reader.line_num,
                                                                                    error=error), path=path,
                         hint=_("a quote (\") opened and never closed makes one cell of the rest of the file; "
                              "close it")) from None
    return rows, ""


def read_series(path: str | Path) -> pd.DataFrame:
    """Read a table of periods × series: the first row names the columns, the first column holds the
    periods (whole numbers such as years, consecutive once sorted), every other column a series of whole
    numbers ≥ 0.

    Returns a DataFrame indexed by period (named after the first column), one int column per series.

    Raises:
        InputError: naming the row and column of the first cell that is not usable: an empty or
            non-numeric cell, a negative count, a repeated period, a missing period, a nameless column.

    >>> read_series("corpus/statistics/article_135_cases.csv").loc[2020, "article_135"]
    21
    """
    path = Path(path)
    raw, sheet = _rows_of(path)
    rows = [(number, row) for number, row in enumerate(raw, start=1) if any(_cell_text(c) for c in row)]
    if not rows:
        raise InputError(_("the table is empty"), path=path, hint=_("write a header row such as 'year,cases', "
                         "then one row per period"))
    header_line, header = rows[0]
    names = [_cell_text(c) for c in header]
    while names and not names[-1]:
        names.pop()

    def fail(line: int, column: str | None, message: str, hint: str) -> InputError:
        where = f"{sheet}row {line}" + (f", column '{column}'" if column is not None else "")
        return InputError(f"{where}: {message}", path=path, hint=hint)

    for index, name in enumerate(names, start=1):
        if not name:
            raise fail(header_line, None, _("column {index} has no name").format(index=index),
                       _("give every column a name in the first row"))
        if names.index(name) != index - 1:
            raise fail(header_line, None, _("the column name '{name}' appears twice").format(name=name),
                       _("give each series its own name"))
    if len(names) < 2:
        raise fail(header_line, None, _("the table needs a period column and at least one series column"),
                   _("write e.g. 'year,article_135' in the first row"))
    period_name, series_names = names[0], names[1:]
    periods: dict[int, int] = {}
    data: list[list[int]] = []
    for line, row in rows[1:]:
        extra = [c for c in row[len(names):] if _cell_text(c)]
        if extra:
            raise fail(line, None, _("the row has {value} cells but the header names "
                       "{n_names} columns").format(value=len(names) + len(extra), n_names=len(names)),
                       _("remove the extra cells or name their column in the first row"))
        cells = list(row[:len(names)]) + [None] * (len(names) - len(row))
        period = _whole(cells[0])
        if period is None or not 0 <= period <= MAX_PERIOD:
            raise fail(line, period_name, _("'{_cell_text}' is not a period").format(_cell_text=_cell_text(cells[0])),
                       _("write the period as a whole number from 0 to {MAX_PERIOD}, such as the year 2019")
                       .format(MAX_PERIOD=MAX_PERIOD))
        if period in periods:
            raise fail(line, period_name,
                       _("the period {period} appears again (first in row {periods})").format(period=period,
                                                                                              periods=periods[period]),
                       _("keep one row per period"))
        periods[period] = line
        values = []
        for name, cell in zip(series_names, cells[1:], strict=True):
            text = _cell_text(cell)
            value = _whole(cell)
            if not text:
                # Leaving the row out is no way out: a period missing between others is an error too.
                raise fail(line, name, _("the cell is empty"), _("write the whole number of cases (0 if there were "
                           "none); every period from the first to the last needs its figure"))
            if value is None:
                problem = _("is not a number") if _not_numeric(text) else _("is not a whole number")
                raise fail(line, name, f"'{text}' {problem}", _("write the count as a whole number, e.g. 12"))
            if value < 0:
                raise fail(line, name, _("{value} is negative").format(value=value),
                           _("counts cannot be below 0; correct the figure"))
            if value > MAX_COUNT:
                raise fail(line, name, _("{value} is larger than {MAX_COUNT:,}").format(value=value,
                                                                                        MAX_COUNT=MAX_COUNT),
                           _("check the figure for a typo (extra digits)"))
            values.append(value)
        data.append([period, *values])
    if len(data) < 2:
        raise InputError(_("the table has {n_data} period(s)").format(n_data=len(data)), path=path,
                         hint=_("give at least two periods to compute changes"))
    table = pd.DataFrame(data, columns=[period_name, *series_names]).sort_values(period_name)
    ordered = table[period_name].tolist()
    for before, after in zip(ordered, ordered[1:], strict=False):
        if after - before > MAX_GAP:
            raise fail(periods[after], period_name, _("{after} follows {before}, {value:,} periods "
                       "later").format(after=after, before=before, value=after - before - 1),
                       _("check the period for a typo"))
        if after - before > 1:
            missing = ", ".join(str(p) for p in range(before + 1, after))
            raise fail(periods[after], period_name, _("{after} follows {before}; the period(s) {missing} are "
                       "missing").format(after=after, before=before, missing=missing),
                       _("add a row for each missing period (0 if there were no cases)"))
    return table.set_index(period_name)


def _not_numeric(text: str) -> bool:
    try:
        float(_SPACES.sub("", text).replace(",", "."))
    except ValueError:
        return True
    return False


def _period_name(values: pd.DataFrame) -> str:
    name = str(values.index.name or "period")
    return "period" if name in DYNAMICS_COLUMNS else name


def _ratio(numerator: float, denominator: float, scale: float = 100.0) -> float:
    return round(scale * numerator / denominator, 4) if denominator else math.nan


def series_dynamics(values: pd.DataFrame, name: str = "series") -> SeriesDynamics:
    """Compute the indicators of every series of a table from ``read_series``.

    Args:
        values: periods (index, consecutive) × series (int columns).
        name: the prefix of the output file names, usually the input file's stem.

    >>> table = pd.DataFrame({"cases": [9, 6]}, index=pd.Index([2018, 2019], name="year"))
    >>> series_dynamics(table).dynamics["pct_change"].tolist()[1]
    -33.3333
    """
    totals = values.sum(axis=1)
    period_name = _period_name(values)
    rows = []
    summary = []
    periods = list(values.index)
    for series in values.columns:
        column = values[series]
        first = int(column.iloc[0])
        previous = None
        for period, value in column.items():
            value = int(value)
            rows.append({
                period_name: period, "series": series, "value": value,
                "abs_change": math.nan if previous is None else value - previous,
                "pct_change": math.nan if previous is None else _ratio(value - previous, previous),
                "chain_index_pct": math.nan if previous is None else _ratio(value, previous),
                "base_index_pct": _ratio(value, first),
                "share_pct": _ratio(value, int(totals[period])),
            })
            previous = value
        last, steps = int(column.iloc[-1]), len(column) - 1
        growth = round(100 * ((last / first) ** (1 / steps) - 1), 4) if first else math.nan
        summary.append({
            "series": series, "first_period": periods[0], "last_period": periods[-1], "periods": len(column),
            "first_value": first, "last_value": last, "total": int(column.sum()),
            "mean": round(float(column.mean()), 4), "abs_change": last - first,
            "avg_abs_change": round((last - first) / steps, 4), "base_index_pct": _ratio(last, first),
            "avg_growth_rate_pct": growth,
        })
    dynamics = pd.DataFrame(rows, columns=[period_name, *DYNAMICS_COLUMNS])
    # Keep the change column integral where it is defined; pandas would otherwise make it float.
    dynamics["abs_change"] = dynamics["abs_change"].astype("Int64")
    return SeriesDynamics(name=name, values=values, dynamics=dynamics,
                          summary=pd.DataFrame(summary, columns=list(SUMMARY_COLUMNS)))
