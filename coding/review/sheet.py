"""The review workbook a human coder fills in: sheet ``Review`` with one row per unit, sheet ``Instructions``.

Columns of ``Review``: ``unit_id`` (the key, locked), ``doc_id``, ``lang``, ``text`` (the whole unit, the
matched words in bold dark red — Excel rich text — unless ``blind``), ``machine_codes`` (what the matcher
found, left out when ``blind``), one 0/1 column per code (pre-filled with the machine's decision, empty when
``blind``), ``tone`` and ``direction_1``… (drop-down lists), ``comment``, and a hidden ``checksum`` of the
unit text, by which an import detects a row whose text or key was edited. The sheet is protected (no
password) so that only the decision cells can be typed into. The workbook is written in openpyxl's
write-only mode, and a review of more units than a sheet holds is refused in favour of a sample.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.cell.rich_text import CellRichText, TextBlock
from openpyxl.cell.text import InlineFont
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Font, PatternFill, Protection
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from coding.cells import keep_text
from coding.codebook import Codebook
from coding.errors import InputError, OutputError
from coding.exports.atomic import atomic_path
from coding.exports.layout import FONT_NAME, append_row, rotated_height, row_height, wrapped_lines
from coding.i18n import N_, _, choose_label_lang
from coding.results import check_run_outputs
from coding.review.sample import (
    MachineCoding,
    SampleBy,
    SampledUnit,
    draw_sample,
    machine_codings,
    open_run,
    run_population,
    sampled_units,
    store_units,
)
from coding.review.store import ReviewStore
from coding.tables import TONES

REVIEW_SHEET = "Review"
INSTRUCTIONS_SHEET = N_("Instructions")  # named in the interface language; the import never reads it
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
MATCH_FONT = InlineFont(rFont=FONT_NAME, b=True, color="C00000")
BOLD = Font(name=FONT_NAME, bold=True)
TITLE = Font(name=FONT_NAME, bold=True, size=14)
DECISION_FILL = PatternFill("solid", fgColor="FFF2CC")
TOP = Alignment(vertical="top")
WRAP_TOP = Alignment(wrap_text=True, vertical="top")
TEXT_WIDTH = 80  # characters: the text column
TITLE_HEIGHT = 22  # points: a row of 14-pt text
INSTRUCTION_WIDTHS = (22, 90, 16, 70)


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
    for _start, _end, code, surface in machine.spans:
        found.setdefault(code, []).append(surface)
    return "; ".join(f"{code} ({', '.join(dict.fromkeys(words))})" for code, words in found.items())


def direction_columns(codebook: Codebook, machine: Sequence[MachineCoding]) -> list[str]:
    """``direction_1``… enough for the most directions the machine gave one unit (at least two)."""
    if not codebook.directions:
        return []
    most = max((len(m.directions) for m in machine), default=0)
    return [f"{DIRECTION_PREFIX}{n}" for n in range(1, max(2, most) + 1)]


def _cell(sheet: Any, value: object, *, font: Font | None = None, alignment: Alignment | None = None,
          fill: PatternFill | None = None, unlocked: bool = False) -> WriteOnlyCell:
    cell = keep_text(WriteOnlyCell(sheet, value))  # a unit that starts with '=' is text, not a formula
    if font is not None:
        cell.font = font
    if alignment is not None:
        cell.alignment = alignment
    if fill is not None:
        cell.fill = fill
    if unlocked:
        cell.protection = Protection(locked=False)
    return cell


def review_workbook(rows: Sequence[SampledUnit], machine: dict[str, MachineCoding], codebook: Codebook, *,
                    blind: bool = False, label_lang: str = "en", about: dict[str, str] | None = None) -> Workbook:
    """The review workbook for these units (see the module docstring for its columns), built in
    write-only mode: save it once. Its rows are written as they are made, so memory does not grow with
    them beyond ``rows`` themselves."""
    book = Workbook(write_only=True)
    instructions = book.create_sheet(_(INSTRUCTIONS_SHEET))
    sheet = book.create_sheet(REVIEW_SHEET)
    codes = [c.id for c in codebook.codes]
    machines = [machine.get(r.unit.unit_id, MachineCoding()) for r in rows]
    directions = direction_columns(codebook, machines)
    tone = [TONE] if codebook.tone is not None else []
    fixed = [c for c in FIXED_COLUMNS if not (blind and c == "machine_codes")]
    header = [*fixed, *codes, *tone, *directions, COMMENT, CHECKSUM]
    decision_columns = [*codes, *tone, *directions, COMMENT]
    _format(sheet, header, len(rows))
    labels = {c.id: c for c in codebook.codes}
    heading = []
    for name in header:
        cell = _cell(sheet, name, font=BOLD)
        if name in labels:
            entry = labels[name]
            cell.alignment = Alignment(text_rotation=90)
            cell.comment = Comment(f"{entry.label_in(label_lang)}\n{entry.description}".strip(), "coding")
        heading.append(cell)
    # The code ids are turned 90°: the header row is as tall as the longest, so none is cut at the edge.
    sheet.row_dimensions[1].height = rotated_height(codes)
    sheet.append(heading)
    styles = {name: ({"alignment": WRAP_TOP} if name == "text" else
                     {"alignment": Alignment(horizontal="center", vertical="top", wrap_text=name == COMMENT),
                      "fill": DECISION_FILL, "unlocked": True} if name in decision_columns else
                     {"alignment": TOP}) for name in header}
    for number, (row, coded) in enumerate(zip(rows, machines, strict=True), start=2):
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
        cells = [_cell(sheet, values.get(name), **styles[name]) for name in header]  # type: ignore[arg-type]
        append_row(sheet, cells, number, row_height(wrapped_lines(shown, TEXT_WIDTH)))
    _validations(book, sheet, header, codes, tone, directions, codebook, len(rows))
    _instructions(instructions, codebook, blind=blind, label_lang=label_lang, about=about or {})
    return book


def _format(sheet: Any, header: list[str], count: int) -> None:
    """Widths, frozen panes, filter and protection: set before the rows of a write-only sheet."""
    letters = {name: get_column_letter(i) for i, name in enumerate(header, start=1)}
    widths = {"unit_id": 14, "doc_id": 10, "lang": 5, "text": TEXT_WIDTH, "machine_codes": 28, TONE: 11, COMMENT: 30}
    for name, letter in letters.items():
        sheet.column_dimensions[letter].width = widths.get(name, 13 if name.startswith(DIRECTION_PREFIX) else 5)
    sheet.column_dimensions[letters[CHECKSUM]].hidden = True
    sheet.freeze_panes = "E2"
    sheet.page_setup.orientation = "landscape"  # the text column is wider than a portrait page
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(header))}{count + 1}"
    # protect the key, the text and the checksum; filtering, sorting and resizing stay allowed
    sheet.protection.sheet = True
    sheet.protection.autoFilter = False
    sheet.protection.sort = False
    sheet.protection.formatColumns = False
    sheet.protection.formatRows = False


def _validations(book: Workbook, sheet: Any, header: list[str], codes: list[str], tone: list[str],
                 directions: list[str], codebook: Codebook, count: int) -> None:
    if not count:
        return
    letters = {name: get_column_letter(i) for i, name in enumerate(header, start=1)}
    last = count + 1

    def add(validation: DataValidation, columns: list[str]) -> None:
        validation.showErrorMessage = True
        for column in columns:
            validation.add(f"{letters[column]}2:{letters[column]}{last}")
        sheet.data_validations.append(validation)

    if codes:
        add(DataValidation(type="list", formula1='"0,1"', allow_blank=True, errorTitle=_("0 or 1"),
                           error=_("Enter 1 if the code applies to the unit, 0 if it does not.")), codes)
    if tone:
        add(DataValidation(type="list", formula1=f'"{",".join(TONES)}"', allow_blank=True, errorTitle=_("Tone"),
                           error=_("Choose one of: {choices}.").format(choices=", ".join(TONES))), tone)
    if directions:
        lists = book.create_sheet(LISTS_SHEET)
        lists.sheet_state = "hidden"
        choices = [d.id for d in codebook.directions] + [UNSPECIFIED]
        for value in choices:
            lists.append([value])
        add(DataValidation(type="list", formula1=f"{LISTS_SHEET}!$A$1:$A${len(choices)}", allow_blank=True,
                           errorTitle=_("Direction"), error=_("Choose a direction of the codebook, or unspecified.")),
            directions)


def _instructions(sheet: Any, codebook: Codebook, *, blind: bool, label_lang: str, about: dict[str, str]) -> None:
    lines = [
        (_("How to review"), ""),
        ("1.", _("Read each unit in the 'Review' sheet (the text column holds the whole sentence or paragraph).")),
        ("2.", _("In each code column enter 1 if the code applies to the unit, 0 if it does not. An empty cell "
                 "means 'not decided' and is not counted.")),
        ("3.", _("Choose the unit's tone and its direction(s) from the drop-down lists; 'unspecified' means no "
                 "direction applies. Leave them empty if you do not decide them.")),
        ("4.", _("Use 'comment' for anything else. Do not edit unit_id or the text: rows whose text was changed "
                 "are refused on import. You may sort, filter or delete rows.")),
        ("5.", _("Save as .xlsx and send it back; it is read with "
                 "'coding review import FILE --run RUN_DIR --coder YOUR_NAME'.")),
    ]
    if blind:
        lines.append((_("Note"), _("The cells are empty on purpose (blind review): the machine's decisions are "
                                   "hidden.")))
    else:
        lines.append((_("Note"), _("The code, tone and direction cells are pre-filled with the machine's decisions "
                                   "and the matched words are shown in bold red. Check every row: a pre-filled row "
                                   "you leave as it is counts as your agreement. If you stop before the end, clear "
                                   "or delete the rows you did not read.")))
    for number, width in enumerate(INSTRUCTION_WIDTHS, start=1):
        sheet.column_dimensions[get_column_letter(number)].width = width
    rows: list[list[object]] = [[_(key), value] for key, value in about.items()]
    codes, tone, directions = _("Codes"), _("Tone"), _("Directions")
    rows += [[], *(list(line) for line in lines), [], [codes, _("label"), _("group"), _("description")]]
    rows += [[e.id, e.label_in(label_lang), e.group, e.description] for e in codebook.codes]
    if codebook.tone is not None:
        rows += [[], [tone, ", ".join(TONES)]]
    if codebook.directions:
        rows += [[], [directions, _("label"), "", _("description")]]
        rows += [[e.id, e.label_in(label_lang), "", e.description] for e in codebook.directions]
        rows.append([UNSPECIFIED, _("no direction applies")])
    rows.insert(0, [_("coding — review sheet")])
    headings = (_("How to review"), codes, tone, directions)
    width = max(len(row) for row in rows)  # every cell of the table is styled, empty ones too
    for number, row in enumerate(rows):
        first = row[0] if row else None
        font = TITLE if number == 0 else BOLD if first in headings else None
        lines = max((wrapped_lines(str(value), room) for value, room in zip(row, INSTRUCTION_WIDTHS, strict=False)
                     if value is not None), default=1)
        append_row(sheet, [_cell(sheet, value, alignment=TOP if number == 0 else WRAP_TOP,  # the title overflows
                                 font=font if column == 0 else None)
                           for column, value in enumerate([*row, *[None] * (width - len(row))])],
                   number + 1, TITLE_HEIGHT if number == 0 else row_height(lines))


@dataclass(frozen=True)
class ReviewExport:
    """What ``export_review`` wrote: the file, how many units, how many per stratum, the seed."""

    path: Path
    units: int
    strata: dict[str, int] = field(hash=False)
    seed: int
    population: int


def export_review(run_dir: str | Path, out: str | Path, *, size: int | None = None, seed: int = 0,
                  by: SampleBy = "code", blind: bool = False, label_lang: str | None = "en",
                  corpus: str | Path | None = None, codebook: str | Path | None = None,
                  force: bool = False) -> ReviewExport:
    """Write a review workbook for a run: all its units, or a stratified sample of ``size`` (see
    ``coding.review.sample.sample_units``), and keep the run's units in ``review.sqlite`` for the import.

    Raises:
        OutputError: ``out`` exists (without ``force``).
        InputError: the run, its codebook or its corpus cannot be found or changed since the run.
    """
    out = Path(out)
    check_run_outputs(run_dir, out)
    if out.exists() and not force:
        raise OutputError(_("'{out}' already exists").format(out=out),
                          hint=_("a filled-in review would be lost: choose another --out, "
                                                          "or add --force to replace it"))
    from coding.exports import xlsx

    info = open_run(run_dir, codebook=codebook)
    if label_lang is None:  # the CLI's default: the interface language when the codebook has labels in it
        label_lang = choose_label_lang(None, {lang for entry in info.codebook.codes for lang in entry.label})
    codes = [c.id for c in info.codebook.codes]
    with ReviewStore.open(info.run_dir, info.fingerprint) as store:
        store_units(store, info, corpus=corpus)
        population = run_population(info, store)
        drawn = draw_sample(population, size=size, seed=seed, by=by, codes=codes)
        if len(drawn) > xlsx.MAX_SHEET_ROWS - 1:
            raise InputError(_("the run has {total:,} units, more than a sheet holds "
                             "({value:,} rows below its header)").format(total=population.total,
                                                                         value=xlsx.MAX_SHEET_ROWS - 1),
                             hint=_("review a sample of them: add --sample N (e.g. --sample 500)"))
        rows = sampled_units(info, store, drawn, corpus=corpus)
    machine = machine_codings(info, only={row.unit.unit_id for row in rows})
    # The keys are marked here and translated on the sheet (_instructions).
    about = {N_("run"): str(info.run_dir), N_("exported"): datetime.now(UTC).isoformat(timespec="seconds"),
             N_("units"): _("{shown} of {total}").format(shown=len(rows), total=population.total)
             + (_(" (sample by {by}, seed {seed})").format(by=by, seed=seed) if size else ""),
             N_("mode"): _("blind") if blind else _("pre-filled with the machine's decisions")}
    book = review_workbook(rows, machine, info.codebook, blind=blind, label_lang=label_lang, about=about)
    with atomic_path(out) as temporary:
        book.save(temporary)
    strata: dict[str, int] = {}
    for row in rows:
        strata[row.stratum] = strata.get(row.stratum, 0) + 1
    return ReviewExport(path=out, units=len(rows), strata=strata, seed=seed, population=population.total)
