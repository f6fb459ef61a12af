"""The results workbook (openpyxl): summary, frequencies, documents, years, directions, tone, the
comparison of source types and the co-occurrence of codes (``coding.stats``, when the data allow them),
segments, codebook, and native Excel charts that reference the cells of those sheets.

Numbers are written as values, not formulas, so every viewer (Excel, LibreOffice, pandas, a co-author's
phone) shows them without recalculating, and each equals its CSV counterpart. Text never becomes a
formula (a term such as ``=құқық =қорғау`` stays text), and labels follow ``label_lang``.

The workbook is written in openpyxl's write-only mode, so memory does not grow with the run: the small
sheets (a row per code, year or group) are laid out in memory as before and copied in with their styles;
``By document`` and ``Segments`` are written row by row from the run's files, their column widths fitted to
the first ``WIDTH_SAMPLE_ROWS`` rows. A sheet holds at most ``MAX_SHEET_ROWS`` rows: a longer table is cut,
and a note above its header (and on ``Summary``) says how many rows were left out and which CSV file of
the run folder holds them all.
"""

from __future__ import annotations

import math
from collections.abc import Iterator, Sequence
from copy import copy
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pandas as pd
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE, Cell
from openpyxl.chart import BarChart, LineChart, Reference, Series
from openpyxl.chart.data_source import AxDataSource, NumRef, StrRef
from openpyxl.chart.series import SeriesLabel
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.cell_range import CellRange
from openpyxl.worksheet.worksheet import Worksheet

from coding.cells import keep_text
from coding.codebook import codebook_rows
from coding.errors import InputError
from coding.exports.atomic import atomic_path
from coding.exports.charts import chart_specs
from coding.exports.layout import BOLD_WIDTH, FONT_NAME, append_row, row_height, wrapped_lines
from coding.exports.palette import TONE_COLORS, code_colors, series_color
from coding.i18n import N_, _
from coding.results import (
    CHUNK_ROWS,
    MEASURES,
    REWRITE_HINT,
    TONES,
    Results,
    caption,
    check_label_lang,
    comparison_note,
    corpus_totals,
    count_text,
    dominant_directions,
    frequency_bands,
    group_label,
    group_totals,
    value_label,
    year_table,
)

if TYPE_CHECKING:
    from coding.stats.compare import Comparison
    from coding.stats.cooccur import Cooccurrence

# The sheets in their order, by their English names; the workbook names them in the interface language.
SHEETS: tuple[str, ...] = (N_("Summary"), N_("Frequencies"), N_("By document"), N_("By year"), N_("Directions"),
                           N_("Tone"), N_("Comparison"), N_("Co-occurrence"), N_("Segments"), N_("Codebook"),
                           N_("Charts"))
INTEGER = "#,##0"
RATE = "0.00"
SHARE = "0.0%"
SCORE = "+0;-0;0"
YEAR = "0"
STATISTIC = "0.00"
P_VALUE = '[<0.0001]"<0.0001";0.0000'
CRAMERS_V = "0.000"
RESIDUAL = "+0.00;-0.00;0.00"
JACCARD = "0.000"
OVER_FILL = PatternFill("solid", fgColor="F8D3C5")  # a code used more often than expected in a group
UNDER_FILL = PatternFill("solid", fgColor="CFE0F1")
EXCEL_TEXT_LIMIT = 32767  # characters in one cell
MAX_SHEET_ROWS = 1_048_576  # rows in one sheet, the header included; tests make it small
WIDTH_SAMPLE_ROWS = 2_000  # a streamed sheet's column widths are fitted to its first rows
# Excel keeps at most 65,530 hyperlinks in a sheet; openpyxl holds each one until the sheet is saved.
MAX_SHEET_LINKS = 65_530
HEADER_FONT = Font(name=FONT_NAME, size=11, bold=True)
HEADER_FILL = PatternFill("solid", fgColor="DDE4EE")
TITLE_FONT = Font(name=FONT_NAME, size=14, bold=True)
SECTION_FONT = Font(name=FONT_NAME, size=12, bold=True)
NOTE_FONT = Font(name=FONT_NAME, size=11, italic=True, color="555555")
LINK_FONT = Font(name=FONT_NAME, size=11, underline="single", color="0563C1")
CUT_FONT = Font(name=FONT_NAME, size=11, bold=True, color="C00000")  # a sheet cut at the row limit says so
THIN = Side(style="thin", color="9AA5B1")
HEADER_BORDER = Border(bottom=THIN)
TOP = Alignment(vertical="top")
WRAP = Alignment(vertical="top", wrap_text=True)
HEADER_ALIGN = Alignment(vertical="bottom", wrap_text=True)
BAND_ALIGN = Alignment(horizontal="center", vertical="bottom")
LEFT = Alignment(horizontal="left", vertical="top")
BAND_EDGE = Border(left=THIN)


@dataclass
class _Refs:
    """Where the charts' data landed: sheet, category rows and, per series, its title cell and column."""

    sheet: str
    label_col: int
    first_row: int
    last_row: int
    # (title row, title column, values column) per series
    series: list[tuple[int, int, int]] = field(default_factory=list)
    title_row: int = 0


def _plain(value: Any) -> Any:
    """A value openpyxl writes as is: numpy scalars unwrapped, NaN → empty, text cleaned and capped."""
    if value is None:
        return None
    if hasattr(value, "item") and not isinstance(value, str):
        value = value.item()
    if isinstance(value, float) and math.isnan(value):
        return None
    if isinstance(value, str):
        value = ILLEGAL_CHARACTERS_RE.sub("", value)
        if len(value) > EXCEL_TEXT_LIMIT:
            value = value[: EXCEL_TEXT_LIMIT - 1] + "…"
    return value


def _put(ws: Worksheet, row: int, column: int, value: Any, number_format: str | None = None, *,
         font: Font | None = None, alignment: Alignment | None = None) -> Cell:
    """Write one cell; text starting with '=' stays text (a codebook term or a manifest value is never a
    formula that Excel would run)."""
    cell = ws.cell(row=row, column=column)
    cell.value = _plain(value)
    keep_text(cell)
    if number_format and isinstance(cell.value, (int, float)):
        cell.number_format = number_format
    if font is not None:
        cell.font = font
    cell.alignment = alignment or TOP
    return cell


def _header_row(ws: Worksheet, row: int, headers: Sequence[str], first_column: int = 1) -> None:
    for offset, text in enumerate(headers):
        cell = _put(ws, row, first_column + offset, text, font=HEADER_FONT, alignment=HEADER_ALIGN)
        cell.fill = HEADER_FILL
        cell.border = HEADER_BORDER


def _band(ws: Worksheet, row: int, first: int, last: int, text: str) -> None:
    cell = _put(ws, row, first, text, font=HEADER_FONT, alignment=BAND_ALIGN)
    cell.border = BAND_EDGE
    for column in range(first, last + 1):
        ws.cell(row=row, column=column).fill = HEADER_FILL
    if last > first:
        ws.merge_cells(start_row=row, start_column=first, end_row=row, end_column=last)
    cell.fill = HEADER_FILL


def _merge_down(ws: Worksheet, column: int, text: str, top: int = 1) -> None:
    """A header cell spanning the band row and the measure row."""
    _header_row(ws, top + 1, [""], column)
    cell = _put(ws, top, column, text, font=HEADER_FONT, alignment=HEADER_ALIGN)
    cell.fill = HEADER_FILL
    ws.merge_cells(start_row=top, start_column=column, end_row=top + 1, end_column=column)


def _display_length(value: Any, number_format: str) -> int:
    if value is None:
        return 0
    if isinstance(value, bool):
        return 5
    if isinstance(value, int):
        return len(f"{value:,}")
    if isinstance(value, float):
        return len(f"{value * 100:.1f}%") if number_format == SHARE else len(f"{value:,.2f}")
    return max((len(line) for line in str(value).splitlines()), default=0)


def _fit(ws: Worksheet, caps: dict[int, int] | None = None, default_cap: int = 50,
         header_rows: Sequence[int] = ()) -> None:
    """Column widths that fit their content (within a cap: longer text wraps), then row heights that
    show every wrapped line. Header cells count up to 16 characters (their text wraps), a little wider
    as they are bold."""
    caps = caps or {}
    # A band title spans its columns: it must not widen the first of them; titles and notes overflow
    # into the empty cells beside them.
    merged = {cell for rng in ws.merged_cells.ranges if rng.max_col > rng.min_col for cell in rng.cells}
    widths: dict[int, float] = {}
    for row in ws.iter_rows():
        for cell in row:
            if cell.value is None or (cell.row, cell.column) in merged or _overflows(cell):
                continue
            length: float = _display_length(cell.value, cell.number_format)
            if cell.row in header_rows:
                length = max(len(word) for word in str(cell.value).split() or [""])
                length = min(max(length, min(len(str(cell.value)), 16)), 24) * BOLD_WIDTH
            widths[cell.column] = max(widths.get(cell.column, 0), length)
    for column, length in widths.items():
        cap = caps.get(column, default_cap)
        ws.column_dimensions[get_column_letter(column)].width = max(6, min(cap, math.ceil(length) + 2))
    for header_row in header_rows:
        for cell in ws[header_row]:
            below = ws.cell(row=header_row + 1, column=cell.column).value
            if isinstance(below, (int, float)) and not isinstance(below, bool):
                cell.alignment = Alignment(horizontal="right", vertical="bottom", wrap_text=True)
    for row in ws.iter_rows():
        lines = 1
        for cell in row:
            if not isinstance(cell.value, str) or not (cell.alignment and cell.alignment.wrap_text):
                continue
            if (cell.row, cell.column) in merged:
                continue
            width = ws.column_dimensions[get_column_letter(cell.column)].width or 10
            if cell.font and cell.font.b:
                width /= BOLD_WIDTH
            lines = max(lines, wrapped_lines(cell.value, width))
        if lines > 1:
            ws.row_dimensions[row[0].row].height = row_height(lines)


def _overflows(cell: Cell) -> bool:
    return cell.font in (TITLE_FONT, SECTION_FONT, NOTE_FONT, CUT_FONT)


def _title(ws: Worksheet, row: int, text: str, font: Font = SECTION_FONT) -> None:
    _put(ws, row, 1, text, font=font)


# Sheets ---------------------------------------------------------------------------------------------


def _summary(ws: Worksheet, results: Results, lang: str, cuts: Sequence[_Cut] = (),
             documents_sheet: str = "By document") -> None:
    provenance = results.provenance
    book = provenance.get("codebook", {})
    _title(ws, 1, f"{caption('report_title', lang)}: {book.get('title', '')}", TITLE_FONT)
    row = 3
    _title(ws, row, caption("corpus", lang))
    corpus_rows = [
        ("documents", len(results.documents)),
        ("words", int(results.frequencies["words"].max())),
        ("units", int(results.documents["units"].sum())),
        ("coded_units", results.coded_unit_count),
        ("segments", results.segment_count),
    ]
    for offset, (key, value) in enumerate(corpus_rows, start=1):
        _put(ws, row + offset, 1, caption(key, lang), font=HEADER_FONT)
        _put(ws, row + offset, 2, value, INTEGER, alignment=LEFT)
    row += len(corpus_rows) + 1
    for cut in cuts:  # a sheet cut at the row limit is said here too, where a reader starts
        _put(ws, row, 1, f"{cut.sheet}: {cut.note(results, lang)}", font=CUT_FONT)
        row += 1
    row += 1
    for by, key in (("source_type", "by_source_type"), ("lang", "by_language")):
        _title(ws, row, caption(key, lang))
        _header_row(ws, row + 1, [caption(by, lang), caption("documents", lang), caption("words", lang),
                                  caption("segments", lang)])
        totals = corpus_totals(results, by)  # type: ignore[arg-type]
        for offset, item in enumerate(totals.itertuples(index=False), start=2):
            name = caption("all", lang) if item.total else value_label(item.value, lang)
            _put(ws, row + offset, 1, name, font=HEADER_FONT if item.total else None)
            for column, value in enumerate((item.documents, item.words, item.segments), start=2):
                _put(ws, row + offset, column, value, INTEGER)
        row += len(totals) + 2
        if by == "lang":
            _put(ws, row, 1, caption("note_language", lang), font=NOTE_FONT)
            row += 1
        row += 1
    _title(ws, row, caption("codebook", lang))
    codebook_items = [("title", book.get("title", "")), ("version", book.get("version", "")),
                      ("file", book.get("path", "")), ("sha256", book.get("sha256", "")),
                      ("codes_count", len(results.codes))]
    for offset, (key, value) in enumerate(codebook_items, start=1):
        _put(ws, row + offset, 1, caption(key, lang), font=HEADER_FONT)
        _put(ws, row + offset, 2, value, INTEGER, alignment=LEFT)
    row += len(codebook_items) + 2
    _title(ws, row, caption("run", lang))
    corpus = provenance.get("corpus", {})
    options = dict(provenance.get("options", {}))
    run_items: list[tuple[str, Any]] = [
        (caption("package_version", lang),
         f"{provenance.get('package', 'coding')} {provenance.get('version', '')}"),
        (caption("python", lang), provenance.get("python", "")),
        (caption("started", lang), provenance.get("started", "")),
        (caption("duration", lang), provenance.get("duration_seconds", "")),
        (caption("unit", lang), options.pop("unit", "")),
        *((f"{caption('options', lang)}: {key}", str(value)) for key, value in options.items()),
        (caption("root", lang), corpus.get("root", "")),
        (caption("manifest", lang), corpus.get("manifest") or ""),
        (caption("problems", lang), len(corpus.get("problems", []))),
    ]
    for offset, (name, value) in enumerate(run_items, start=1):
        _put(ws, row + offset, 1, name, font=HEADER_FONT)
        _put(ws, row + offset, 2, value, "0.000" if isinstance(value, float) else INTEGER, alignment=LEFT)
    row += len(run_items) + 1
    for problem in corpus.get("problems", []):
        _put(ws, row, 2, problem, font=NOTE_FONT)
        row += 1
    _put(ws, row + 1, 1, caption("note_documents", lang).format(sheet=documents_sheet), font=NOTE_FONT)
    # Column B is narrow: the long values of the key–value rows (title, SHA-256, paths) overflow into the
    # empty cells to their right, as they do when typed by hand.
    _fit(ws, caps={1: 30, 2: 14})


def _frequencies(ws: Worksheet, results: Results, lang: str) -> _Refs:
    bands = frequency_bands(results)
    for column, key in enumerate(("code", "label", "group"), start=1):
        _merge_down(ws, column, caption(key, lang))
    measures = [caption(m, lang) for m in MEASURES]
    refs = _Refs(ws.title, label_col=2, first_row=3, last_row=2 + len(results.codes), title_row=1)
    formats = {"occurrences": INTEGER, "per_1000_words": RATE, "documents": INTEGER, "units": INTEGER}
    for index, band in enumerate(bands):
        first = 4 + index * len(MEASURES)
        _band(ws, 1, first, first + len(MEASURES) - 1, band.title(lang))
        _header_row(ws, 2, measures, first)
        if band.by == "source_type":
            refs.series.append((1, first, first + MEASURES.index("per_1000_words")))
        for offset, code in enumerate(results.codes):
            for m_index, measure in enumerate(MEASURES):
                _put(ws, 3 + offset, first + m_index, band.table.loc[code, measure], formats[measure])
    for offset, row in enumerate(results.frequencies.itertuples(index=False)):
        _put(ws, 3 + offset, 1, row.code)
        _put(ws, 3 + offset, 2, results.label(row.code, lang))
        _put(ws, 3 + offset, 3, row.group)
    top = refs.last_row + 2
    _title(ws, top, caption("totals_by_group", lang))
    totals = group_totals(results, lang)
    _header_row(ws, top + 1, [caption("group", lang), "", ""])
    for index in range(len(bands)):
        _header_row(ws, top + 1, measures, 4 + index * len(MEASURES))
    for offset, (name, item) in enumerate(totals.iterrows(), start=2):
        _put(ws, top + offset, 1, name, font=HEADER_FONT)
        for index in range(len(bands)):
            for m_index, measure in enumerate(MEASURES):
                _put(ws, top + offset, 4 + index * len(MEASURES) + m_index, item[(index, measure)],
                     formats[measure])
    ws.freeze_panes = "D3"
    _fit(ws, caps={2: 30}, header_rows=(2, top + 1))
    return refs


def _document_columns(results: Results) -> list[str]:
    documents = results.documents
    first = ["doc_id", "title", "source_type", "outlet", "date", "lang", "words", "units", "coded_units",
             "segments", *results.codes]
    if "code_direction" in results.crosstabs:
        first.append("dominant_direction")
    if "code_tone" in results.crosstabs:
        first += ["tone_score", *(f"share_{t}" for t in TONES)]
    internal = {"dominant_direction", "tone_score", *(f"share_{t}" for t in TONES)}
    rest = [c for c in documents.columns if c not in first and c not in internal]
    return [c for c in first if c in documents.columns] + rest + ["file", "sha256"]


def _column_caption(column: str, results: Results, lang: str) -> str:
    if column in results.codes:
        return results.label(column, lang)
    if column == "unit":
        return caption("unit", lang)
    if column == "directions":
        return caption("directions", lang)
    return caption(column, lang) if column in _CAPTIONED else column


_CAPTIONED = {"doc_id", "title", "source_type", "outlet", "date", "lang", "words", "units", "coded_units",
              "segments", "dominant_direction", "tone_score", "share_negative", "share_neutral",
              "share_positive", "url", "unit_id", "code", "label", "term", "surface", "start", "end",
              "unit_text", "context", "tone", "tone_evidence", "evidence", "file", "sha256"}
_FORMATS = {"words": INTEGER, "units": INTEGER, "coded_units": INTEGER, "segments": INTEGER,
            "tone_score": SCORE, "share_negative": SHARE, "share_neutral": SHARE, "share_positive": SHARE,
            "start": INTEGER, "end": INTEGER}


@dataclass(frozen=True)
class _Cut:
    """A sheet cut at the row limit: its name, the rows it shows and the rows of the whole table."""

    sheet: str
    file: str
    shown: int
    total: int

    def note(self, results: Results, lang: str) -> str:
        """What the note above the sheet's header says, in ``lang``."""
        return caption("note_rows_cut", lang).format(
            shown=count_text(self.shown, lang), total=count_text(self.total, lang),
            left=count_text(self.total - self.shown, lang), limit=count_text(MAX_SHEET_ROWS, lang),
            file=self.file, folder=results.run_dir)


def _cut(sheet: str, file: str, total: int) -> _Cut | None:
    """The cut of a table of ``total`` rows, or None when it fits beside its header."""
    if total <= MAX_SHEET_ROWS - 1:
        return None
    return _Cut(sheet, file, MAX_SHEET_ROWS - 2, total)  # the note takes a row above the header


def _column_style(ws: Any, number_format: str | None, alignment: Alignment, font: Font | None = None) -> Any:
    """A style to copy onto every cell of a column (faster than setting each attribute per cell)."""
    cell = WriteOnlyCell(ws)
    cell.alignment = alignment
    if number_format:
        cell.number_format = number_format
    if font is not None:
        cell.font = font
    return cell._style


def _stream_table(ws: Any, results: Results, lang: str, records: Iterator[dict[str, Any]], columns: list[str],
                  wrap: dict[str, int], freeze_column: str, cut: _Cut | None) -> None:
    """A plain table written row by row into a write-only sheet: captioned header, one row per record,
    autofilter, frozen header, wrapped columns; a row above the header says where the rest is when ``cut``.

    Column widths are fitted to the header and the first ``WIDTH_SAMPLE_ROWS`` records (a write-only sheet
    takes its widths before its first row); row heights to each row's own wrapped text.
    """
    headers = [_column_caption(c, results, lang) for c in columns]
    translate = {
        "dominant_direction": lambda v: results.direction_label(v, lang) if v else "",
        "directions": lambda v: "; ".join(results.direction_label(d, lang) for d in str(v).split(";") if d),
        "tone": lambda v: caption(v, lang) if v in TONES else v,
    }
    formats = [_FORMATS.get(c, INTEGER if c in results.codes else None) for c in columns]

    def values(record: dict[str, Any]) -> list[Any]:
        out = []
        for column in columns:
            value = record.get(column)
            out.append(_plain(translate[column](value) if column in translate else value))
        return out

    sample: list[list[Any]] = []
    for record in records:
        sample.append(values(record))
        if len(sample) >= WIDTH_SAMPLE_ROWS:
            break
    caps = dict(wrap) | {"url": 40, "sha256": 66}
    widths: dict[int, int] = {}
    for index, (column, header) in enumerate(zip(columns, headers, strict=True)):
        length = max(len(word) for word in str(header).split() or [""])
        length = min(max(length, min(len(str(header)), 16)), 24) * BOLD_WIDTH
        for row in sample:
            length = max(length, _display_length(row[index], formats[index] or "General"))
        widths[index] = max(6, min(caps.get(column, 50), math.ceil(length) + 2))
        ws.column_dimensions[get_column_letter(index + 1)].width = widths[index]
    header_row = 2 if cut else 1
    ws.freeze_panes = f"{freeze_column}{header_row + 1}"
    _print_setup(ws, f"{header_row}:{header_row}")
    if cut:
        note = WriteOnlyCell(ws, _plain(f"{cut.sheet}: {cut.note(results, lang)}"))
        note.font = CUT_FONT
        note.alignment = TOP
        ws.append([note])
    numeric_first = [isinstance(v, (int, float)) and not isinstance(v, bool) for v in (sample[0] if sample else [])]
    header_cells, lines = [], 1
    for index, header in enumerate(headers):
        cell = WriteOnlyCell(ws, _plain(header))
        cell.font, cell.fill, cell.border = HEADER_FONT, HEADER_FILL, HEADER_BORDER
        right = index < len(numeric_first) and numeric_first[index]
        cell.alignment = Alignment(horizontal="right", vertical="bottom", wrap_text=True) if right else HEADER_ALIGN
        lines = max(lines, wrapped_lines(str(header), widths[index] / BOLD_WIDTH))
        header_cells.append(cell)
    append_row(ws, header_cells, header_row, row_height(lines))
    wrapped = [column in wrap for column in columns]
    styles = [(_column_style(ws, None, WRAP if w else TOP), _column_style(ws, f, WRAP if w else TOP))
              for w, f in zip(wrapped, formats, strict=True)]
    link_style = _column_style(ws, None, TOP, LINK_FONT)
    capacity = cut.shown if cut else MAX_SHEET_ROWS - header_row
    written = links = 0

    def rows() -> Iterator[list[Any]]:
        yield from sample
        for record in records:
            yield values(record)

    for row in rows():
        written += 1
        if written > capacity:
            raise InputError(_("the run has more rows than run.json counts (over {capacity} for sheet '{title}')")
                             .format(capacity=capacity, title=ws.title),
                             path=results.run_dir / "run.json", hint=_(REWRITE_HINT))
        cells, lines = [], 1
        for index, value in enumerate(row):
            cell = keep_text(WriteOnlyCell(ws, value))  # a term or a manifest value is never a formula
            numeric = isinstance(value, (int, float)) and not isinstance(value, bool)
            cell._style = copy(styles[index][numeric])
            if columns[index] == "url" and isinstance(value, str) and value.startswith(("http://", "https://")) \
                    and links < MAX_SHEET_LINKS:
                cell.hyperlink = value
                cell._style = copy(link_style)
                links += 1
            if wrapped[index] and isinstance(value, str):
                lines = max(lines, wrapped_lines(value, widths[index]))
            cells.append(cell)
        append_row(ws, cells, header_row + written, row_height(lines))
        if written == capacity and cut:
            break  # the rest is in the CSV file the note names
    close = getattr(records, "close", None)
    if close is not None:
        close()  # stop reading the CSV file: what was left out stays there
    last = get_column_letter(len(columns))
    ws.auto_filter.ref = f"A{header_row}:{last}{header_row + max(1, written)}"


def _document_records(results: Results) -> Iterator[dict[str, Any]]:
    recorded = {d["doc_id"]: d for d in results.provenance.get("corpus", {}).get("documents", [])}
    documents = results.documents
    for start in range(0, len(documents), CHUNK_ROWS):
        part = documents.iloc[start:start + CHUNK_ROWS]
        for record in part.to_dict("records"):
            entry = recorded.get(record["doc_id"], {})
            yield {**record, "file": entry.get("file", ""), "sha256": entry.get("sha256", "")}


def _by_document(ws: Any, results: Results, lang: str, cut: _Cut | None) -> None:
    _stream_table(ws, results, lang, _document_records(results), _document_columns(results), {"title": 40}, "C",
                  cut)


def _segment_columns(results: Results) -> list[str]:
    columns = list(results.segment_columns)
    columns.insert(columns.index("code") + 1, "label")
    if "code_direction" not in results.crosstabs and "directions" in columns:
        columns.remove("directions")
    if "code_tone" not in results.crosstabs:
        columns = [c for c in columns if c not in ("tone", "tone_score", "tone_evidence")]
    return columns


def _segment_records(results: Results, columns: list[str], lang: str) -> Iterator[dict[str, Any]]:
    labels = {code: results.label(code, lang) for code in results.codes}
    read = [c for c in columns if c != "label"]
    for chunk in results.iter_segments(read):
        for record in chunk.to_dict("records"):
            record["label"] = labels.get(record["code"], record["code"])
            yield record


def _segments(ws: Any, results: Results, lang: str, cut: _Cut | None) -> None:
    columns = _segment_columns(results)
    _stream_table(ws, results, lang, _segment_records(results, columns, lang), columns,
                  {"context": 70, "title": 40, "tone_evidence": 30}, "A", cut)


def _by_year(ws: Worksheet, results: Results, lang: str) -> _Refs:
    years = year_table(results)
    codes = results.codes
    for column, key in enumerate(("year", "documents", "words"), start=1):
        _merge_down(ws, column, caption(key, lang))
    labels = [results.label(code, lang) for code in codes]
    first_rate = 4 + len(codes)
    _band(ws, 1, 4, 3 + len(codes), caption("occurrences", lang))
    _band(ws, 1, first_rate, first_rate + len(codes) - 1, caption("per_1000_words", lang))
    _header_row(ws, 2, labels, 4)
    _header_row(ws, 2, labels, first_rate)
    for offset, record in enumerate(years.to_dict("records"), start=3):
        _put(ws, offset, 1, record["year"], YEAR)
        _put(ws, offset, 2, record["documents"], INTEGER)
        _put(ws, offset, 3, record["words"], INTEGER)
        for index, code in enumerate(codes):
            _put(ws, offset, 4 + index, record[code], INTEGER)
            _put(ws, offset, first_rate + index, record[f"{code}:per_1000_words"], RATE)
    last = 2 + len(years)
    undated = len(results.documents) - int(years["documents"].sum())
    if undated:
        _put(ws, last + 2, 1, f"{caption('undated', lang)}: {undated}", font=NOTE_FONT)
    ws.freeze_panes = "B3"
    _fit(ws, header_rows=(2,))
    return _Refs(ws.title, label_col=1, first_row=3, last_row=last, title_row=2,
                 series=[(2, first_rate + i, first_rate + i) for i in range(len(codes))])


def _crosstab_block(ws: Worksheet, top: int, title: str, note: str, headers: list[str],
                    rows: list[list[Any]], formats: list[str | None]) -> int:
    """A titled cross-tabulation; returns the row of its header."""
    _title(ws, top, title)
    _put(ws, top + 1, 1, note, font=NOTE_FONT)
    _header_row(ws, top + 2, headers)
    for offset, values in enumerate(rows, start=top + 3):
        for column, (value, number_format) in enumerate(zip(values, formats, strict=True), start=1):
            _put(ws, offset, column, value, number_format)
    return top + 2


def _directions(ws: Worksheet, results: Results, lang: str) -> None:
    table = results.crosstabs["code_direction"].set_index("code").reindex(results.codes).fillna(0)
    directions = list(table.columns)
    header = _crosstab_block(
        ws, 1, caption("code_by_direction", lang), caption("note_coded_units", lang),
        [caption("code", lang), caption("label", lang),
         *(results.direction_label(d, lang) for d in directions)],
        [[code, results.label(code, lang), *(int(v) for v in table.loc[code])] for code in results.codes],
        [None, None, *([INTEGER] * len(directions))],
    )
    dominant = dominant_directions(results)
    _crosstab_block(
        ws, header + len(results.codes) + 2, caption("documents_by_direction", lang), "",
        [caption("dominant_direction", lang), caption("documents", lang)],
        [[results.direction_label(d, lang), n] for d, n in dominant.itertuples(index=False)], [None, INTEGER],
    )
    _fit(ws, caps={1: 40}, header_rows=(header, header + len(results.codes) + 4))


def _tone(ws: Worksheet, results: Results, lang: str) -> _Refs:
    headers = [*(caption(t, lang) for t in TONES), caption("total", lang),
               *(caption(f"share_{t}", lang) for t in TONES)]
    formats = [*([INTEGER] * (len(TONES) + 1)), *([SHARE] * len(TONES))]

    def rows_of(table: pd.DataFrame) -> list[list[Any]]:
        out = []
        for record in table.to_dict("records"):
            total = sum(int(record.get(t, 0)) for t in TONES)
            shares = [int(record.get(t, 0)) / total if total else 0.0 for t in TONES]
            out.append([*(int(record.get(t, 0)) for t in TONES), total, *shares])
        return out

    by_code = results.crosstabs["code_tone"].set_index("code").reindex(results.codes).fillna(0).reset_index()
    header = _crosstab_block(
        ws, 1, caption("code_by_tone", lang), caption("note_coded_units", lang),
        [caption("code", lang), caption("label", lang), *headers],
        [[code, results.label(code, lang), *values] for code, values in zip(results.codes, rows_of(by_code),
                                                                           strict=True)],
        [None, None, *formats],
    )
    refs = _Refs(ws.title, label_col=2, first_row=header + 1, last_row=header + len(results.codes),
                 title_row=header, series=[(header, 3 + i, 3 + i) for i in range(len(TONES))])
    second = header + len(results.codes) + 2
    if "source_type_tone" in results.crosstabs:
        by_source = results.crosstabs["source_type_tone"]
        _crosstab_block(
            ws, second, caption("source_type_by_tone", lang), caption("note_all_units", lang),
            # Column B stays empty so that both tables share their number columns (and widths).
            [caption("source_type", lang), "", *headers],
            [[value_label(v, lang), "", *values]
             for v, values in zip(by_source.iloc[:, 0], rows_of(by_source), strict=True)],
            [None, None, *formats],
        )
    _fit(ws, caps={1: 24}, header_rows=(header, second + 2))
    return refs


def _comparison(ws: Worksheet, results: Results, lang: str, comparison: Comparison) -> None:
    """Codes × source types (occurrences, per 1,000 words, adjusted residuals) beside each code's test,
    then tone × source type and its test: the numbers of ``coding stats compare RUN_DIR``."""
    _title(ws, 1, caption("comparison_by_source_type", lang))
    _put(ws, 2, 1, caption("note_p_values", lang), font=NOTE_FONT)
    _put(ws, 3, 1, caption("note_residuals", lang), font=NOTE_FONT)
    top, by, groups = 4, comparison.by, list(comparison.groups)
    for column, key in enumerate(("code", "label"), start=1):
        _merge_down(ws, column, caption(key, lang), top)
    measures = ("occurrences", "per_1000_words", "adjusted_residual", "residual_mark")
    for index, group in enumerate(groups):
        first = 3 + index * len(measures)
        _band(ws, top, first, first + len(measures) - 1, group_label(group, lang))
        _header_row(ws, top + 1, [caption(m, lang) for m in measures], first)
    tests_first = 3 + len(groups) * len(measures)
    test_keys = ("test", "chi2", "dof", "p_value", "cramers_v", "min_expected", "note")
    _band(ws, top, tests_first, tests_first + len(test_keys) - 1, caption("chi_square_test", lang))
    _header_row(ws, top + 1, [caption(k, lang) for k in test_keys], tests_first)
    frequencies = comparison.frequencies.set_index(["code", by])
    tests = comparison.tests.set_index("code", drop=False)
    codes = [c for c in tests["code"] if c != "(tone)"]
    row = top + 2
    for row, code in enumerate(codes, start=top + 2):
        _put(ws, row, 1, code)
        _put(ws, row, 2, results.label(code, lang))
        for index, group in enumerate(groups):
            item = frequencies.loc[(code, group)]
            first = 3 + index * len(measures)
            _put(ws, row, first, item["occurrences"], INTEGER)
            _put(ws, row, first + 1, item["per_1000_words"], RATE)
            residual = _put(ws, row, first + 2, item["adjusted_residual"], RESIDUAL)
            mark = _put(ws, row, first + 3, caption(item["use"], lang) if item["use"] else None)
            if item["use"]:
                residual.fill = mark.fill = OVER_FILL if item["use"] == "over" else UNDER_FILL
        _test_cells(ws, row, tests_first, tests.loc[code], lang)
    words = comparison.frequencies.groupby(by)["words"].max()
    _put(ws, row + 1, 2, caption("words", lang), font=HEADER_FONT)
    for index, group in enumerate(groups):
        _put(ws, row + 1, 3 + index * len(measures), words[group], INTEGER)
    header_rows = [top + 1]
    if len(comparison.tone):
        header_rows.append(_comparison_tone(ws, row + 3, lang, comparison))
    ws.freeze_panes = f"C{top + 2}"
    _fit(ws, caps={1: 24, 2: 30, tests_first + len(test_keys) - 1: 40}, header_rows=header_rows)


def _test_cells(ws: Worksheet, row: int, first: int, test: pd.Series, lang: str) -> None:
    """Test, χ², df, p-value, Cramér's V, smallest expected count and note of one test, from ``first`` on."""
    for offset, (key, value, number_format) in enumerate(_test_items(test, lang)):
        _put(ws, row, first + offset, value, number_format, alignment=WRAP if key == "note" else None)


def _test_items(test: pd.Series, lang: str) -> list[tuple[str, Any, str | None]]:
    """(caption key, value, number format) of one row of ``Comparison.tests``, in the sheet's order."""
    return [("test", caption(f"test_{test['test'].replace('-', '_')}", lang), None),
            ("chi2", test["chi2"], STATISTIC), ("dof", test["dof"] if pd.notna(test["dof"]) else None, INTEGER),
            ("p_value", test["p_value"], P_VALUE), ("cramers_v", test["cramers_v"], CRAMERS_V),
            ("min_expected", test["min_expected"], STATISTIC), ("note", comparison_note(test, lang), None)]


def _comparison_tone(ws: Worksheet, top: int, lang: str, comparison: Comparison) -> int:
    """Tone × source type (all units) and its test below; returns the row of the table's header."""
    tone = comparison.tone
    rows = []
    for record in tone.to_dict("records"):
        units = int(record["units"])
        rows.append([group_label(record[comparison.by], lang), "", *(int(record[t]) for t in TONES), units,
                     *(int(record[t]) / units if units else None for t in TONES)])
    header = _crosstab_block(
        ws, top, caption("source_type_by_tone", lang), caption("note_all_units", lang),
        [caption("source_type", lang), "", *(caption(t, lang) for t in TONES), caption("units", lang),
         *(caption(f"share_{t}", lang) for t in TONES)],
        rows, [None, None, *([INTEGER] * (len(TONES) + 1)), *([SHARE] * len(TONES))])
    test = comparison.tests.set_index("code", drop=False).loc["(tone)"]
    below = header + len(rows) + 2
    _title(ws, below, caption("tone_test", lang))
    for offset, (key, value, number_format) in enumerate(_test_items(test, lang), start=1):
        _put(ws, below + offset, 1, caption(key, lang), font=HEADER_FONT)
        _put(ws, below + offset, 2, value, number_format, alignment=LEFT)
    return header


def _cooccurrence(ws: Worksheet, results: Results, lang: str, result: Cooccurrence) -> None:
    """Code × code counts and Jaccard side by side (heat-map colours, grey diagonal), then the pairs that
    co-occur: the numbers of ``coding stats cooccur RUN_DIR``."""
    from coding.stats.workbook import shade_matrix

    _title(ws, 1, caption("cooccurrence", lang))
    _put(ws, 2, 1, caption("note_cooccurrence", lang), font=NOTE_FONT)
    _put(ws, 3, 1, f"{caption('unit', lang)}: {caption(f'unit_{result.unit}', lang)} · "
                   f"{caption('coded_units', lang)}: {result.units}", font=NOTE_FONT)
    top = 4
    codes = list(result.counts.index)
    labels = [results.label(code, lang) for code in codes]
    for column, key in enumerate(("code", "label"), start=1):
        _merge_down(ws, column, caption(key, lang), top)
    blocks = ((caption("cooccurrence_counts", lang), result.counts, INTEGER),
              (caption("jaccard", lang), result.jaccard, JACCARD))
    for index, (title, matrix, number_format) in enumerate(blocks):
        first = 3 + index * len(codes)
        _band(ws, top, first, first + len(codes) - 1, title)
        _header_row(ws, top + 1, labels, first)
        for i, code in enumerate(codes):
            for j, other in enumerate(codes):
                _put(ws, top + 2 + i, first + j, matrix.loc[code, other], number_format)
        shade_matrix(ws, len(codes), top + 2, first)
    for i, (code, label) in enumerate(zip(codes, labels, strict=True)):
        _put(ws, top + 2 + i, 1, code)
        _put(ws, top + 2 + i, 2, label)
    pairs = result.pairs[result.pairs["units"] > 0]
    header = _crosstab_block(
        ws, top + len(codes) + 3, caption("cooccurring_pairs", lang), "",
        [caption(k, lang) for k in ("first_code", "second_code", "units_both", "units_first", "units_second",
                                    "jaccard")],
        [[results.label(p.code_a, lang), results.label(p.code_b, lang), p.units, p.units_a, p.units_b, p.jaccard]
         for p in pairs.itertuples(index=False)],
        [None, None, INTEGER, INTEGER, INTEGER, JACCARD])
    ws.freeze_panes = f"C{top + 2}"
    _fit(ws, caps={1: 24, 2: 30}, header_rows=(top + 1, header))


def _codebook(ws: Worksheet, results: Results, lang: str) -> None:
    book = results.codebook
    languages = list(book.languages)
    headers = [caption(k, lang) for k in ("kind", "code", "label", "group", "color", "description")]
    headers += [f"{caption('terms', lang)} ({x})" for x in languages]
    headers += [f"{caption('exclusions', lang)} ({x})" for x in languages]
    _header_row(ws, 1, headers)
    terms: dict[tuple[str, str, str, str], list[str]] = {}
    for item in codebook_rows(book):
        terms.setdefault((item["kind"], item["id"], item["role"], item["lang"]), []).append(item["term"])
    colors = code_colors(book)
    entries = [("code", e.id, e.label_in(lang), e.group, e.description) for e in book.codes]
    entries += [("direction", e.id, e.label_in(lang), e.group, e.description) for e in book.directions]
    if book.tone:
        entries += [("tone", t, caption(t, lang), "", "") for t in ("positive", "negative")]
    kinds = {kind: caption(kind, lang) for kind in ("code", "direction", "tone")}
    for row, (kind, entry_id, label, group, description) in enumerate(entries, start=2):
        values = [kinds[kind], entry_id, label, group, colors.get(entry_id, "") if kind == "code" else "",
                  description]
        values += ["; ".join(terms.get((kind, entry_id, "term", x), [])) for x in languages]
        values += ["; ".join(terms.get((kind, entry_id, "exclude", x), [])) for x in languages]
        for column, value in enumerate(values, start=1):
            _put(ws, row, column, value, alignment=WRAP if column >= 6 else TOP)
        if kind == "code":
            fill = colors[entry_id].lstrip("#").upper()
            ws.cell(row=row, column=5).fill = PatternFill("solid", fgColor=fill)
    ws.auto_filter.ref = f"A1:{get_column_letter(len(headers))}{len(entries) + 1}"
    ws.freeze_panes = "C2"
    _fit(ws, caps={6: 50, **{c: 40 for c in range(7, len(headers) + 1)}}, header_rows=(1,))


# Charts ---------------------------------------------------------------------------------------------


def _ref(sheet: str, column: int, first_row: int, last_row: int | None = None) -> str:
    letter = get_column_letter(column)
    quoted = "'" + sheet.replace("'", "''") + "'"
    if last_row is None or last_row == first_row:
        return f"{quoted}!${letter}${first_row}"
    return f"{quoted}!${letter}${first_row}:${letter}${last_row}"


def _series(refs: _Refs, title: tuple[int, int, int], numeric_categories: bool, color: str,
            ws: Worksheet) -> Series:
    title_row, title_column, column = title
    values = Reference(ws, min_col=column, min_row=refs.first_row, max_row=refs.last_row)
    series = Series(values)
    series.tx = SeriesLabel(strRef=StrRef(f=_ref(refs.sheet, title_column, title_row)))
    categories = _ref(refs.sheet, refs.label_col, refs.first_row, refs.last_row)
    series.cat = AxDataSource(numRef=NumRef(f=categories)) if numeric_categories else \
        AxDataSource(strRef=StrRef(f=categories))
    series.graphicalProperties.solidFill = color.lstrip("#").upper()
    series.graphicalProperties.line.solidFill = color.lstrip("#").upper()
    return series


def _bar_chart(refs: _Refs, ws: Worksheet, colors: Sequence[str], stacked: bool, title: str,
               value_title: str) -> BarChart:
    chart = BarChart()
    chart.type = "bar"
    chart.grouping = "stacked" if stacked else "clustered"
    if stacked:
        chart.overlap = 100
    chart.gapWidth = 60
    for index, title_cell in enumerate(refs.series):
        chart.series.append(_series(refs, title_cell, False, colors[index % len(colors)], ws))
    # Codebook order from the top (as in the tables); the value axis then belongs at the bottom.
    chart.x_axis.scaling.orientation = "maxMin"
    chart.y_axis.crosses = "max"
    chart.y_axis.title = value_title
    chart.y_axis.number_format = "0"
    _finish(chart, title)
    return chart


def _line_chart(refs: _Refs, ws: Worksheet, colors: Sequence[str], title: str, value_title: str,
                category_title: str) -> LineChart:
    chart = LineChart()
    for index, title_cell in enumerate(refs.series):
        series = _series(refs, title_cell, True, colors[index % len(colors)], ws)
        series.marker.symbol = "circle"
        series.marker.size = 6
        series.marker.graphicalProperties.solidFill = colors[index % len(colors)].lstrip("#").upper()
        series.smooth = False
        chart.series.append(series)
    chart.x_axis.title = category_title
    chart.x_axis.number_format = YEAR
    chart.y_axis.title = value_title
    chart.y_axis.number_format = "0"
    _finish(chart, title)
    return chart


def _finish(chart: BarChart | LineChart, title: str) -> None:
    chart.title = title
    chart.legend.position = "b"
    # openpyxl ≥ 3.1 leaves 'delete' unset, which recent Excel reads as hidden axes.
    chart.x_axis.delete = False
    chart.y_axis.delete = False
    chart.width = 18
    chart.height = 10


def _charts(ws: Worksheet, wb: Workbook, results: Results, lang: str, refs: dict[str, _Refs]) -> int:
    specs = {chart.name: chart for chart in chart_specs(results, lang)}
    anchors = iter(f"A{1 + 22 * i}" for i in range(len(specs)))
    placed = 0
    if "frequencies" in refs:
        spec = specs["frequencies_by_source_type"]
        ref = refs["frequencies"]
        ws.add_chart(_bar_chart(ref, wb[ref.sheet], [series_color(i) for i in range(len(ref.series))],
                                False, spec.title, spec.value_title), next(anchors))
        placed += 1
    if "tone" in refs and "tone_by_code" in specs:
        spec = specs["tone_by_code"]
        ref = refs["tone"]
        ws.add_chart(_bar_chart(ref, wb[ref.sheet], [TONE_COLORS[t] for t in TONES], True, spec.title,
                                spec.value_title), next(anchors))
        placed += 1
    if "year" in refs and "frequencies_by_year" in specs:
        spec = specs["frequencies_by_year"]
        ref = refs["year"]
        ws.add_chart(_line_chart(ref, wb[ref.sheet], spec.colors, spec.title, spec.value_title,
                                 spec.category_title), next(anchors))
        placed += 1
    return placed


def _print_setup(ws: Worksheet, title_rows: str | None) -> None:
    """Landscape, one page wide, header rows repeated on every page."""
    ws.page_setup.orientation = "landscape"
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    if title_rows:
        ws.print_title_rows = title_rows


def _replay(source: Worksheet, target: Any) -> None:
    """Write a sheet laid out in memory (a small one) into a write-only sheet: every cell with its style,
    then widths, heights, merged cells, panes, filter and conditional formats."""
    for key, dimension in source.column_dimensions.items():
        if dimension.width:
            target.column_dimensions[key].width = dimension.width
        if dimension.hidden:
            target.column_dimensions[key].hidden = True
    target.freeze_panes = source.freeze_panes
    for merged in source.merged_cells.ranges:
        target.merged_cells.add(CellRange(merged.coord))
    target.conditional_formatting = source.conditional_formatting
    if source.auto_filter.ref:
        target.auto_filter.ref = source.auto_filter.ref
    for row in source.iter_rows(min_row=1, max_row=source.max_row, max_col=source.max_column):
        cells = []
        for cell in row:
            if cell.value is None and not cell.has_style:
                cells.append(None)
                continue
            copied = WriteOnlyCell(target, cell.value)
            if cell.data_type == "s" and copied.data_type != "s":
                copied.data_type = "s"  # text starting with '=' stays text
            if cell.has_style:
                copied.font, copied.fill = copy(cell.font), copy(cell.fill)
                copied.border, copied.alignment = copy(cell.border), copy(cell.alignment)
                copied.number_format = cell.number_format
            if cell.hyperlink is not None:
                copied.hyperlink = cell.hyperlink.target
            cells.append(copied)
        number = row[0].row
        append_row(target, cells, number,
                   source.row_dimensions[number].height if number in source.row_dimensions else None)


def build_workbook(results: Results, label_lang: str = "kk") -> Workbook:
    """The workbook of a run, built in write-only mode (save it once): see the module docstring for its
    sheets. The small sheets are laid out in memory and copied in; By document and Segments are written
    row by row, cut at ``MAX_SHEET_ROWS`` with a note that names the CSV file holding every row."""
    check_label_lang(label_lang)
    lang = label_lang
    draft = Workbook()  # the small sheets, laid out cell by cell and fitted as before
    wb = Workbook(write_only=True)
    wb.properties.title = caption("report_title", lang)
    wb.properties.creator = f"coding {results.provenance.get('version', '')}".strip()
    title = {name: _(name) for name in SHEETS}  # sheet names in the interface language
    cuts = {"By document": _cut(title["By document"], "documents.csv", len(results.documents)),
            "Segments": _cut(title["Segments"], "segments.csv", results.segment_count)}
    summary = draft.active
    summary.title = title["Summary"]
    _summary(summary, results, lang, [cut for cut in cuts.values() if cut], title["By document"])
    refs = {"frequencies": _frequencies(draft.create_sheet(title["Frequencies"]), results, lang)}
    if len(year_table(results)):
        refs["year"] = _by_year(draft.create_sheet(title["By year"]), results, lang)
    if "code_direction" in results.crosstabs:
        _directions(draft.create_sheet(title["Directions"]), results, lang)
    if "code_tone" in results.crosstabs:
        refs["tone"] = _tone(draft.create_sheet(title["Tone"]), results, lang)
    statistics = results.statistics
    if statistics.comparison is not None:
        _comparison(draft.create_sheet(title["Comparison"]), results, lang, statistics.comparison)
    if statistics.cooccurrence is not None:
        _cooccurrence(draft.create_sheet(title["Co-occurrence"]), results, lang, statistics.cooccurrence)
    _codebook(draft.create_sheet(title["Codebook"]), results, lang)
    titles = {"Frequencies": "1:2", "By year": "1:2", "Codebook": "1:1", "Comparison": "4:5", "Co-occurrence": "4:5"}
    for name in SHEETS:
        if name == "By document":
            _by_document(wb.create_sheet(title[name]), results, lang, cuts[name])
        elif name == "Segments":
            _segments(wb.create_sheet(title[name]), results, lang, cuts[name])
        elif name == "Charts":
            charts = wb.create_sheet(title[name])
            _print_setup(charts, None)
            _charts(charts, draft, results, lang, refs)
        elif title[name] in draft.sheetnames:
            target = wb.create_sheet(title[name])
            _print_setup(target, titles.get(name))
            if name == "Summary":
                # The key–value text of Summary overflows column B; print it whole.
                target.print_area = f"A1:H{summary.max_row}"
            _replay(draft[title[name]], target)
    return wb


def write_workbook(results: Results, path: str | Path, label_lang: str = "kk") -> list[str]:
    """Write the results workbook to ``path`` (``.xlsx``) atomically; returns its sheet names.

    Memory does not grow with the run: the sheets with a row per document or per segment are streamed
    (openpyxl's write-only mode) and cut at Excel's row limit with a note.

    Raises:
        InputError: the file name does not end in .xlsx, or an unknown label language.
        OutputError: ``path`` lies inside the corpus folder.
    """
    path = Path(path)
    if path.suffix.lower() != ".xlsx":
        raise InputError(_("cannot write a workbook to '{name}'").format(name=path.name), hint=_("name the file .xlsx"))
    results.check_output(path)
    wb = build_workbook(results, label_lang)
    names = list(wb.sheetnames)
    with atomic_path(path) as temporary:
        wb.save(temporary)
    return names
