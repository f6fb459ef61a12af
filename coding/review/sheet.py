"""The review workbook a human coder fills in: sheet ``Review`` with one row per unit, sheet ``Instructions``.

Columns of ``Review``: ``unit_id`` (the key, locked), ``doc_id``, ``lang``, ``text`` (the whole unit, the
matched words in bold dark red — Excel rich text — unless ``blind``), ``machine_codes`` (what the matcher
found, left out when ``blind``), one 0/1 column per code (pre-filled with the machine's decision, empty when
``blind``), ``tone`` and ``direction_1``… (drop-down lists), ``comment``, and a hidden ``checksum`` of the
unit text, by which an import detects a row whose text or key was edited. The sheet is protected (no
password) so that only the decision cells can be typed into.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.cell.rich_text import CellRichText, TextBlock
from openpyxl.cell.text import InlineFont
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Font, PatternFill, Protection
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from coding.codebook import Codebook
from coding.errors import OutputError
from coding.exports.atomic import atomic_path
from coding.review.sample import (
    MachineCoding,
    SampleBy,
    SampledUnit,
    load_run_corpus,
    machine_codings,
    open_run,
    sample_units,
)
from coding.review.store import ReviewStore
from coding.tables import TONES
from coding.units import split_units

REVIEW_SHEET = "Review"
INSTRUCTIONS_SHEET = "Instructions"
LISTS_SHEET = "Lists"
FIXED_COLUMNS: tuple[str, ...] = ("unit_id", "doc_id", "lang", "text", "machine_codes")
UNSPECIFIED = "unspecified"
CHECKSUM = "checksum"
COMMENT = "comment"
TONE = "tone"
DIRECTION_PREFIX = "direction_"
# Excel holds at most 32,767 characters in a cell; longer units (whole documents) are cut, and the
# checksum is taken over what the cell shows.
MAX_CELL = 32_000
MATCH_FONT = InlineFont(b=True, color="C00000")
DECISION_FILL = PatternFill("solid", fgColor="FFF2CC")


def sheet_text(text: str) -> str:
    """A unit's text as the review sheet shows it: without characters Excel refuses, cut to fit a cell."""
    cleaned = ILLEGAL_CHARACTERS_RE.sub("", text)
    return cleaned if len(cleaned) <= MAX_CELL else cleaned[:MAX_CELL] + " […]"


def text_checksum(text: str) -> str:
    """A short checksum of a text, blind to whitespace (Excel may change line breaks and spaces)."""
    return hashlib.sha256(" ".join(text.split()).encode("utf-8")).hexdigest()[:16]


def _marked(text: str, unit_start: int, spans: Sequence[tuple[int, int, str, str]]) -> CellRichText | str:
    """The unit text with its matched words in bold colour (spans are document offsets)."""
    ranges = sorted((max(0, s - unit_start), min(len(text), e - unit_start)) for s, e, _, _ in spans)
    merged: list[list[int]] = []
    for start, end in ranges:
        if start >= end:
            continue
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    if not merged:
        return text
    parts: list[str | TextBlock] = []
    position = 0
    for start, end in merged:
        if start > position:
            parts.append(text[position:start])
        parts.append(TextBlock(MATCH_FONT, text[start:end]))
        position = end
    if position < len(text):
        parts.append(text[position:])
    return CellRichText(parts)


def _machine_summary(machine: MachineCoding) -> str:
    found: dict[str, list[str]] = {}
    for _, _, code, surface in machine.spans:
        found.setdefault(code, []).append(surface)
    return "; ".join(f"{code} ({', '.join(dict.fromkeys(words))})" for code, words in found.items())


def direction_columns(codebook: Codebook, machine: Sequence[MachineCoding]) -> list[str]:
    """``direction_1``… enough for the most directions the machine gave one unit (at least two)."""
    if not codebook.directions:
        return []
    most = max((len(m.directions) for m in machine), default=0)
    return [f"{DIRECTION_PREFIX}{n}" for n in range(1, max(2, most) + 1)]


def review_workbook(rows: Sequence[SampledUnit], machine: dict[str, MachineCoding], codebook: Codebook, *,
                    blind: bool = False, label_lang: str = "en", about: dict[str, str] | None = None) -> Workbook:
    """The review workbook for these units (see the module docstring for its columns)."""
    book = Workbook()
    sheet = book.active
    sheet.title = REVIEW_SHEET
    codes = [c.id for c in codebook.codes]
    machines = [machine.get(r.unit.unit_id, MachineCoding()) for r in rows]
    directions = direction_columns(codebook, machines)
    tone = [TONE] if codebook.tone is not None else []
    fixed = [c for c in FIXED_COLUMNS if not (blind and c == "machine_codes")]
    header = [*fixed, *codes, *tone, *directions, COMMENT, CHECKSUM]
    decision_columns = [*codes, *tone, *directions, COMMENT]
    sheet.append(header)
    for row, coded in zip(rows, machines, strict=True):
        unit = row.unit
        shown = sheet_text(unit.text)
        values: dict[str, object] = {
            "unit_id": unit.unit_id, "doc_id": unit.doc_id, "lang": unit.lang,
            "text": shown if blind else _marked(shown, unit.start, coded.spans),
            "machine_codes": _machine_summary(coded), CHECKSUM: text_checksum(shown),
        }
        if not blind:
            values.update({code: 1 if coded.counts.get(code) else 0 for code in codes})
            if tone and coded.tone:
                values[TONE] = coded.tone
            for column, direction in zip(directions, coded.directions, strict=False):
                values[column] = direction
        sheet.append([values.get(column) for column in header])
        text_cell = sheet.cell(row=sheet.max_row, column=header.index("text") + 1)
        if isinstance(text_cell.value, str) and text_cell.value.startswith("="):
            text_cell.data_type = "s"  # a unit that starts with '=' is text, not a formula
    _format(sheet, header, decision_columns, len(rows), codebook, label_lang)
    _validations(book, sheet, header, codes, tone, directions, codebook, len(rows))
    _instructions(book, codebook, blind=blind, label_lang=label_lang, about=about or {})
    return book


def _format(sheet, header: list[str], decision_columns: list[str], count: int, codebook: Codebook,
            label_lang: str) -> None:
    letters = {name: get_column_letter(i) for i, name in enumerate(header, start=1)}
    widths = {"unit_id": 14, "doc_id": 10, "lang": 5, "text": 80, "machine_codes": 28, TONE: 11, COMMENT: 30}
    for name, letter in letters.items():
        sheet.column_dimensions[letter].width = widths.get(name, 13 if name.startswith(DIRECTION_PREFIX) else 5)
    sheet.column_dimensions[letters[CHECKSUM]].hidden = True
    labels = {c.id: c for c in codebook.codes}
    for cell in sheet[1]:
        cell.font = Font(bold=True)
        if cell.value in labels:
            entry = labels[cell.value]
            cell.alignment = Alignment(text_rotation=90)
            cell.comment = Comment(f"{entry.label_in(label_lang)}\n{entry.description}".strip(), "coding")
    sheet.row_dimensions[1].height = 110
    for row in sheet.iter_rows(min_row=2, max_row=count + 1):
        for cell in row:
            name = header[cell.column - 1]
            if name == "text":
                cell.alignment = Alignment(wrap_text=True, vertical="top")
            elif name in decision_columns:
                cell.protection = Protection(locked=False)
                cell.fill = DECISION_FILL
                cell.alignment = Alignment(horizontal="center", vertical="top", wrap_text=name == COMMENT)
            else:
                cell.alignment = Alignment(vertical="top")
    sheet.freeze_panes = "E2"
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(header))}{count + 1}"
    # protect the key, the text and the checksum; filtering, sorting and resizing stay allowed
    sheet.protection.sheet = True
    sheet.protection.autoFilter = False
    sheet.protection.sort = False
    sheet.protection.formatColumns = False
    sheet.protection.formatRows = False


def _validations(book: Workbook, sheet, header: list[str], codes: list[str], tone: list[str],
                 directions: list[str], codebook: Codebook, count: int) -> None:
    if not count:
        return
    letters = {name: get_column_letter(i) for i, name in enumerate(header, start=1)}
    last = count + 1

    def add(validation: DataValidation, columns: list[str]) -> None:
        validation.showErrorMessage = True
        for column in columns:
            validation.add(f"{letters[column]}2:{letters[column]}{last}")
        sheet.add_data_validation(validation)

    if codes:
        add(DataValidation(type="list", formula1='"0,1"', allow_blank=True, errorTitle="0 or 1",
                           error="Enter 1 if the code applies to the unit, 0 if it does not."), codes)
    if tone:
        add(DataValidation(type="list", formula1=f'"{",".join(TONES)}"', allow_blank=True, errorTitle="Tone",
                           error=f"Choose one of: {', '.join(TONES)}."), tone)
    if directions:
        lists = book.create_sheet(LISTS_SHEET)
        choices = [d.id for d in codebook.directions] + [UNSPECIFIED]
        for value in choices:
            lists.append([value])
        lists.sheet_state = "hidden"
        add(DataValidation(type="list", formula1=f"{LISTS_SHEET}!$A$1:$A${len(choices)}", allow_blank=True,
                           errorTitle="Direction", error="Choose a direction of the codebook, or unspecified."),
            directions)


def _instructions(book: Workbook, codebook: Codebook, *, blind: bool, label_lang: str,
                  about: dict[str, str]) -> None:
    sheet = book.create_sheet(INSTRUCTIONS_SHEET, 0)
    lines = [
        ("How to review", ""),
        ("1.", "Read each unit in the 'Review' sheet (the text column holds the whole sentence or paragraph)."),
        ("2.", "In each code column enter 1 if the code applies to the unit, 0 if it does not. An empty cell "
               "means 'not decided' and is not counted."),
        ("3.", "Choose the unit's tone and its direction(s) from the drop-down lists; 'unspecified' means no "
               "direction applies. Leave them empty if you do not decide them."),
        ("4.", "Use 'comment' for anything else. Do not edit unit_id or the text: rows whose text was changed "
               "are refused on import. You may sort, filter or delete rows."),
        ("5.", "Save as .xlsx and send it back; it is read with "
               "'coding review import FILE --run RUN_DIR --coder YOUR_NAME'."),
    ]
    if blind:
        lines.append(("Note", "The cells are empty on purpose (blind review): the machine's decisions are hidden."))
    else:
        lines.append(("Note", "The code, tone and direction cells are pre-filled with the machine's decisions and "
                              "the matched words are shown in bold red. Check every row: a pre-filled row you "
                              "leave as it is counts as your agreement. If you stop before the end, clear or "
                              "delete the rows you did not read."))
    sheet.append(["coding — review sheet"])
    sheet["A1"].font = Font(bold=True, size=14)
    for key, value in about.items():
        sheet.append([key, value])
    sheet.append([])
    for key, value in lines:
        sheet.append([key, value])
    sheet.append([])
    sheet.append(["Codes", "label", "group", "description"])
    for entry in codebook.codes:
        sheet.append([entry.id, entry.label_in(label_lang), entry.group, entry.description])
    if codebook.tone is not None:
        sheet.append([])
        sheet.append(["Tone", ", ".join(TONES)])
    if codebook.directions:
        sheet.append([])
        sheet.append(["Directions", "label", "", "description"])
        for entry in codebook.directions:
            sheet.append([entry.id, entry.label_in(label_lang), "", entry.description])
        sheet.append([UNSPECIFIED, "no direction applies"])
    for row in sheet.iter_rows():
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
            if cell.column == 1 and isinstance(cell.value, str) and cell.value in (
                    "How to review", "Codes", "Tone", "Directions"):
                cell.font = Font(bold=True)
    sheet.column_dimensions["A"].width = 22
    sheet.column_dimensions["B"].width = 90
    sheet.column_dimensions["C"].width = 16
    sheet.column_dimensions["D"].width = 70


@dataclass(frozen=True)
class ReviewExport:
    """What ``export_review`` wrote: the file, how many units, how many per stratum, the seed."""

    path: Path
    units: int
    strata: dict[str, int] = field(hash=False)
    seed: int
    population: int


def export_review(run_dir: str | Path, out: str | Path, *, size: int | None = None, seed: int = 0,
                  by: SampleBy = "code", blind: bool = False, label_lang: str = "en",
                  corpus: str | Path | None = None, codebook: str | Path | None = None,
                  force: bool = False) -> ReviewExport:
    """Write a review workbook for a run: all its units, or a stratified sample of ``size`` (see
    ``coding.review.sample.sample_units``), and keep the run's units in ``review.sqlite`` for the import.

    Raises:
        OutputError: ``out`` exists (without ``force``).
        InputError: the run, its codebook or its corpus cannot be found or changed since the run.
    """
    out = Path(out)
    if out.exists() and not force:
        raise OutputError(f"'{out}' already exists", hint="a filled-in review would be lost: choose another --out, "
                                                          "or add --force to replace it")
    info = open_run(run_dir, codebook=codebook)
    units = split_units(load_run_corpus(info, corpus=corpus), info.unit)
    machine = machine_codings(info)
    rows = sample_units(units, machine, size=size, seed=seed, by=by, codes=[c.id for c in info.codebook.codes])
    with ReviewStore.open(info.run_dir, info.fingerprint) as store:
        if not store.has_units():
            store.save_units(units)
    about = {"run": str(info.run_dir), "exported": datetime.now(UTC).isoformat(timespec="seconds"),
             "units": f"{len(rows)} of {len(units)}" + (f" (sample by {by}, seed {seed})" if size else ""),
             "mode": "blind" if blind else "pre-filled with the machine's decisions"}
    book = review_workbook(rows, machine, info.codebook, blind=blind, label_lang=label_lang, about=about)
    with atomic_path(out) as temporary:
        book.save(temporary)
    strata: dict[str, int] = {}
    for row in rows:
        strata[row.stratum] = strata.get(row.stratum, 0) + 1
    return ReviewExport(path=out, units=len(rows), strata=strata, seed=seed, population=len(units))
