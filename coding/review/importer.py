"""Reading filled-in review workbooks back: validate every cell, then store the decisions in the run's
``review.sqlite`` (one transaction per file), never touching the machine's results.

Every problem of every file is reported at once, each naming the file, sheet, row and column, e.g.
``review.xlsx:7: sheet 'Review', row 7, column F (crime): '2' is not 0, 1 or empty; …``.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from openpyxl import load_workbook
from openpyxl.utils import get_column_letter

from coding.cells import cell_text
from coding.codebook import Codebook
from coding.errors import InputError
from coding.i18n import _, ngettext
from coding.review.sample import open_run, store_units
from coding.review.sheet import (
    CHECKSUM,
    COMMENT,
    DIRECTION_PREFIX,
    FIXED_COLUMNS,
    REVIEW_SHEET,
    TONE,
    UNSPECIFIED,
    sheet_text,
    text_checksum,
)
from coding.review.store import ReviewStore, UnitDecision, check_coder, check_round
from coding.tables import TONES
from coding.zips import check_zip

_DIRECTION = re.compile(rf"^{DIRECTION_PREFIX}\d+$")


class _Problems:
    """Problems of one file, each an InputError naming sheet, row and column."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.items: list[InputError] = []

    def add(self, row: int, column: int | None, header: str, message: str, hint: str | None = None) -> None:
        where = f"sheet '{REVIEW_SHEET}', row {row}"
        if column is not None:
            where += f", column {get_column_letter(column)} ({header})"
        self.items.append(InputError(f"{where}: {message}", path=self.path, line=row, hint=hint))


def read_review(path: str | Path, *, codebook: Codebook, unit_texts: Mapping[str, str]) -> list[UnitDecision]:
    """The decisions in a review workbook, one per row that holds any; checked against the codebook and the
    run's units (``unit_texts``: id → text; only the ids of the sheet are looked up).

    Raises:
        InputError: every problem found (``problems`` lists them when there are several).
    """
    path = Path(path)
    hint = _("save it as an Excel workbook (.xlsx)")
    check_zip(path, InputError)
    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises several unrelated types for a file that is not a workbook
        raise InputError(_("cannot read the review workbook, it is damaged or not a workbook "
                         "({name}: {error})").format(name=error.__class__.__name__, error=error), path=path,
                         hint=hint) from None
    try:
        if REVIEW_SHEET not in book.sheetnames:
            raise InputError(_("the workbook has no sheet '{REVIEW_SHEET}'").format(REVIEW_SHEET=REVIEW_SHEET),
                             path=path,
                             hint=_("give a workbook written by 'coding review export'"))
        rows = iter(list(book[REVIEW_SHEET].iter_rows(values_only=True)))
    except InputError:
        raise
    except Exception as error:  # damaged sheet XML shows only when the rows are read (BadZipFile, zlib.error...)
        raise InputError(_("the sheet '{sheet}' is damaged ({name}: {error})")
                         .format(sheet=REVIEW_SHEET, name=error.__class__.__name__, error=error), path=path,
                         hint=_("open the workbook in Excel or LibreOffice and save it again")) from None
    finally:
        book.close()  # a read-only workbook keeps its file open until closed
    header = [cell_text(v) for v in next(rows, ())]
    problems = _Problems(path)
    codes = {c.id for c in codebook.codes}
    directions = {d.id for d in codebook.directions} | {UNSPECIFIED}
    columns: dict[str, int] = {}
    for index, name in enumerate(header, start=1):
        if not name:
            continue
        known = (name in FIXED_COLUMNS or name in codes or name in (TONE, COMMENT, CHECKSUM)
                 or (_DIRECTION.match(name) and codebook.directions))
        if not known:
            problems.add(1, index, name, _("unknown code column '{name}'").format(name=name),
                         _("the codebook's codes are: {items}; "
                         "put notes in the 'comment' column").format(items=', '.join(c.id for c in codebook.codes)))
        elif name in columns:
            problems.add(1, index, name, _("column '{name}' is given twice").format(name=name), _("delete one of them"))
        else:
            columns[name] = index
    missing = [name for name in ("unit_id", "text", CHECKSUM) if name not in columns]
    if missing:
        problems.items.append(InputError(_("sheet '{REVIEW_SHEET}' has no column {map}")
                                         .format(REVIEW_SHEET=REVIEW_SHEET, map=', '.join(map(repr, missing))),
                                         path=path, line=1,
                                         hint=_("do not delete the unit_id, text and (hidden) checksum columns")))
        _raise(problems.items, path)
    decisions: list[UnitDecision] = []
    seen: dict[str, int] = {}
    for number, values in enumerate(rows, start=2):
        cells = {name: values[index - 1] if index - 1 < len(values) else None for name, index in columns.items()}
        if all(cell_text(v) == "" for v in cells.values()):
            continue
        decision = _row(number, cells, columns, problems, codes, directions, unit_texts, seen)
        if decision is not None:
            decisions.append(decision)
    if problems.items:
        _raise(problems.items, path)
    return decisions


def _row(number: int, cells: dict[str, Any], columns: dict[str, int], problems: _Problems, codes: set[str],
         directions: set[str], unit_texts: Mapping[str, str], seen: dict[str, int]) -> UnitDecision | None:
    unit_id = cell_text(cells["unit_id"])
    if not unit_id:
        problems.add(number, columns["unit_id"], "unit_id", _("the unit_id is empty"),
                     _("copy the row again from the exported sheet"))
        return None
    if unit_id not in unit_texts:
        problems.add(number, columns["unit_id"], "unit_id",
                     _("'{unit_id}' is not a unit of this run").format(unit_id=unit_id),
                     _("was the sheet exported from another run? import it with that run's --run"))
        return None
    if unit_id in seen:
        problems.add(number, columns["unit_id"], "unit_id",
                     _("unit '{unit_id}' is also on row {seen}").format(unit_id=unit_id, seen=seen[unit_id]),
                     _("keep one row per unit"))
        return None
    expected = text_checksum(sheet_text(unit_texts[unit_id]))
    if cell_text(cells[CHECKSUM]) != expected:
        problems.add(number, columns["unit_id"], "unit_id",
                     _("row edited beyond recognition: unit '{unit_id}' and the row's checksum do not match")
                     .format(unit_id=unit_id),
                     _("the unit_id (or the hidden checksum) was changed; copy the row again from the exported sheet"))
        return None
    if text_checksum(cell_text(cells["text"])) != expected:
        problems.add(number, columns["text"], "text",
                     _("row edited beyond recognition: the text of unit '{unit_id}' was changed (checksum mismatch)")
                     .format(unit_id=unit_id),
                     _("undo the edit to the text, or copy the row again from the exported sheet"))
        return None
    seen[unit_id] = number
    chosen: dict[str, int] = {}
    for code in (c for c in columns if c in codes):
        value = cells[code]
        shown = cell_text(value)
        if shown == "":
            continue
        if isinstance(value, bool) or shown not in ("0", "1"):
            problems.add(number, columns[code], code, _("'{shown}' is not 0, 1 or empty").format(shown=shown),
                         _("enter 1 if the code applies, 0 if it does not, or leave the cell empty"))
            continue
        chosen[code] = int(shown)
    tone = cell_text(cells.get(TONE)).lower() if TONE in columns else ""
    if tone and tone not in TONES:
        problems.add(number, columns[TONE], TONE,
                     _("'{cell_text}' is not a tone").format(cell_text=cell_text(cells[TONE])),
                     _("choose one of: {TONES}, or leave it empty").format(TONES=', '.join(TONES)))
        tone = ""
    picked: list[str] = []
    for column in sorted((c for c in columns if _DIRECTION.match(c)), key=lambda c: int(c.split("_")[1])):
        value = cell_text(cells[column])
        if not value:
            continue
        if value not in directions:
            problems.add(number, columns[column], column,
                         _("'{value}' is not a direction of the codebook").format(value=value),
                         _("choose one of: {value} or {UNSPECIFIED}")
                         .format(value=', '.join(sorted(directions - {UNSPECIFIED})), UNSPECIFIED=UNSPECIFIED))
        elif value not in picked:
            picked.append(value)
    if UNSPECIFIED in picked and len(picked) > 1:
        problems.add(number, columns[f"{DIRECTION_PREFIX}1"] if f"{DIRECTION_PREFIX}1" in columns else None,
                     f"{DIRECTION_PREFIX}1",
                     _("'{UNSPECIFIED}' cannot go with a direction").format(UNSPECIFIED=UNSPECIFIED),
                     _("choose directions, or '{UNSPECIFIED}' alone").format(UNSPECIFIED=UNSPECIFIED))
    comment = cell_text(cells.get(COMMENT)) if COMMENT in columns else ""
    if not (chosen or tone or picked or comment):
        return None
    return UnitDecision(unit_id=unit_id, codes=chosen, tone=tone, directions=tuple(picked), comment=comment)


def _raise(problems: Sequence[InputError], path: Path | str) -> None:
    problems = sorted(problems, key=lambda p: (str(p.path), p.line or 0))
    if len(problems) == 1:
        raise problems[0]
    raise InputError(_("{n_problems} problems in the review sheet").format(n_problems=len(problems)), path=path,
                     problems=list(problems))


@dataclass(frozen=True)
class ImportResult:
    """The outcome for one file: ``imported`` (with its round and counts) or ``already imported``."""

    path: Path
    status: str
    coder: str
    round: int
    units: int = 0
    codes: int = 0
    tones: int = 0
    directions: int = 0


def import_reviews(run_dir: str | Path, files: Sequence[str | Path], *, coder: str, round: int | None = None,
                   corpus: str | Path | None = None, codebook: str | Path | None = None) -> list[ImportResult]:
    """Validate review workbooks and store their decisions for ``coder`` in ``RUN_DIR/review.sqlite``.

    All files are checked before anything is stored; then each file is stored in its own transaction, in
    ``round`` (default: the coder's next round, shared by the files of one call). A file already imported
    for this coder (same SHA-256) is skipped with status ``already imported``.

    Raises:
        InputError: every problem of every file, or a unit decided in two of the files.
    """
    coder = check_coder(coder)
    check_round(round)
    info = open_run(run_dir, codebook=codebook)
    with ReviewStore.open(info.run_dir, info.fingerprint) as store:
        store_units(store, info, corpus=corpus)
        texts = store.unit_texts()  # looked up per row of the sheets, never loaded whole
        target = round or store.next_round(coder)
        problems: list[InputError] = []
        batches: list[tuple[Path, str, list[UnitDecision]]] = []
        owner: dict[str, Path] = {}
        for name in files:
            path = Path(name)
            try:
                data = path.read_bytes()
            except OSError as error:
                problems.append(InputError(_("cannot read the file ({value})").format(value=error.strerror or error),
                                           path=path))
                continue
            digest = hashlib.sha256(data).hexdigest()
            if store.find_import(digest, coder) or any(d == digest for _, d, _ in batches):
                batches.append((path, digest, []))
                continue
            try:
                decisions = read_review(path, codebook=info.codebook, unit_texts=texts)
            except InputError as error:
                problems.append(error)
                continue
            shared = [d.unit_id for d in decisions if d.unit_id in owner]
            if shared:
                problems.append(InputError(
                    _("{n_shared} units (e.g. '{shared}') are also in '{owner}'").format(n_shared=len(shared),
                                                                                         shared=shared[0],
                                                                                         owner=owner[shared[0]]),
                                                                                         path=path,
                    hint=_("import files that hold the same units one at a time: each becomes a round")))
            for decision in decisions:
                owner.setdefault(decision.unit_id, path)
            batches.append((path, digest, decisions))
        if problems:
            if len(problems) == 1:
                raise problems[0]
            flat = [item for problem in problems for item in (problem.problems or [problem])]
            count = len({p.path for p in flat})
            raise InputError(ngettext("{n_flat} problems in {count} review file",
                                      "{n_flat} problems in {count} review files", count)
                             .format(n_flat=len(flat), count=count), problems=flat)
        results = []
        for path, digest, decisions in batches:
            earlier = store.find_import(digest, coder)
            if earlier is not None:
                results.append(ImportResult(path, "already imported", coder, earlier.round))
                continue
            store.add_import(file_name=path.name, sha256=digest, coder=coder, round=target, decisions=decisions)
            results.append(ImportResult(path, "imported", coder, target, units=len(decisions),
                                        codes=sum(len(d.codes) for d in decisions),
                                        tones=sum(1 for d in decisions if d.tone),
                                        directions=sum(1 for d in decisions if d.directions)))
    return results
