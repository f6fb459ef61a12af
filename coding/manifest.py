"""The corpus manifest: one row of metadata per file (``manifest.csv`` or ``manifest.xlsx``).

Columns: ``file`` (required, relative to the corpus folder), ``doc_id``, ``title``, ``source_type``,
``outlet``, ``date`` (ISO date, ``YYYY-MM`` or a year), ``language`` (kk, ru, en; detected when empty),
``url``; any other column is kept as metadata. Every problem is collected, each naming the row (the line
of the CSV file, or the sheet row) and the column.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from coding.cells import cell_text
from coding.errors import ManifestError

MANIFEST_NAMES: tuple[str, ...] = ("manifest.csv", "manifest.xlsx")
KNOWN_COLUMNS: tuple[str, ...] = ("file", "doc_id", "title", "source_type", "outlet", "date", "language", "url")
MANIFEST_LANGUAGES: tuple[str, ...] = ("kk", "ru", "en")

_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
_DOC_ID = re.compile(r"^[^\s:]+$")


@dataclass(frozen=True)
class ManifestRow:
    """One validated manifest row; ``line`` is its line (CSV) or row number (xlsx)."""

    file: str
    line: int
    values: dict[str, str] = field(hash=False)


@dataclass(frozen=True)
class Manifest:
    """The validated rows (keyed by the file path, posix, relative) and the column order."""

    path: Path
    columns: tuple[str, ...]
    rows: dict[str, ManifestRow] = field(hash=False)


def find_manifest(root: Path) -> Path | None:
    """The manifest file at the corpus root, or None."""
    for name in MANIFEST_NAMES:
        candidate = root / name
        if candidate.is_file():
            return candidate
    return None


def _read_csv(path: Path) -> tuple[list[str], list[tuple[int, list[str]]]]:
    from coding.readers.text import decode_bytes

    text = decode_bytes(path.read_bytes(), path)
    try:
        dialect = csv.Sniffer().sniff(text.split("\n", 1)[0], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    reader = csv.reader(io.StringIO(text), dialect)
    rows = [(reader.line_num, row) for row in reader]
    if not rows:
        raise ManifestError("the manifest is empty", path=path, hint="add a header row with a 'file' column")
    header = rows[0][1]
    return header, [(line, row) for line, row in rows[1:] if any(cell.strip() for cell in row)]


def _read_xlsx(path: Path) -> tuple[list[str], list[tuple[int, list[str]]]]:
    from openpyxl import load_workbook

    try:
        sheet = load_workbook(path, read_only=True, data_only=True).worksheets[0]
    except Exception as exc:  # openpyxl raises many types for a bad file
        raise ManifestError(f"cannot open the manifest workbook ({exc})", path=path,
                            hint="save it again from Excel as .xlsx, or use manifest.csv") from exc
    rows: list[tuple[int, list[str]]] = []
    for number, cells in enumerate(sheet.iter_rows(values_only=True), start=1):
        values = [cell_text(cell) for cell in cells]
        if any(values):
            rows.append((number, values))
    if not rows:
        raise ManifestError("the manifest is empty", path=path, hint="add a header row with a 'file' column")
    return rows[0][1], rows[1:]


def check_date(value: str) -> bool:
    """Whether ``value`` is an ISO date (``2019-05-17``), a month (``2019-05``) or a year (``2019``)."""
    found = _DATE.match(value)
    if not found:
        return False
    year, month, day = (int(g) if g else None for g in found.groups())
    try:
        date(year, month or 1, day or 1)  # type: ignore[arg-type]
    except ValueError:
        return False
    return 1800 <= year <= 2100  # type: ignore[operator]


def load_manifest(path: Path, root: Path) -> tuple[Manifest, list[ManifestError]]:
    """Read and validate a manifest; returns it and every problem found (rows with problems are dropped).

    A missing file, a duplicated ``doc_id`` or file, an unknown ``language`` and a malformed ``date``
    are problems naming the row and column.
    """
    header, raw_rows = _read_xlsx(path) if path.suffix.lower() == ".xlsx" else _read_csv(path)
    columns = [name.strip().lstrip("\ufeff").lower() for name in header]
    if "file" not in columns:
        raise ManifestError(f"the manifest has no 'file' column (columns: {', '.join(columns) or 'none'})",
                            path=path, line=1, hint="name the column that holds each file's path 'file'")
    problems: list[ManifestError] = []
    rows: dict[str, ManifestRow] = {}
    seen_ids: dict[str, int] = {}
    for line, cells in raw_rows:
        values = {col: (cells[i].strip() if i < len(cells) else "") for i, col in enumerate(columns) if col}
        row_problems = _check_row(values, line, path, root, seen_ids, rows)
        problems.extend(row_problems)
        if not row_problems:
            key = Path(values["file"]).as_posix()
            rows[key] = ManifestRow(file=key, line=line, values=values)
            if values.get("doc_id"):
                seen_ids[values["doc_id"]] = line
    return Manifest(path=path, columns=tuple(c for c in columns if c), rows=rows), problems


def _check_row(
    values: dict[str, str], line: int, path: Path, root: Path, seen_ids: dict[str, int],
    rows: dict[str, ManifestRow],
) -> list[ManifestError]:
    problems = []

    def problem(column: str, message: str, hint: str) -> None:
        problems.append(ManifestError(f"row {line}, column '{column}': {message}", path=path, line=line,
                                      hint=hint))

    file = values.get("file", "")
    if not file:
        problem("file", "no file is given", "write the document's path relative to the corpus folder")
    elif not (root / file).is_file():
        problem("file", f"the file '{file}' does not exist in {root}",
                "correct the path (relative to the corpus folder) or remove the row")
    elif Path(file).as_posix() in rows:
        problem("file", f"the file '{file}' is listed twice (first on row {rows[Path(file).as_posix()].line})",
                "keep one row per file")
    doc_id = values.get("doc_id", "")
    if doc_id and not _DOC_ID.match(doc_id):
        problem("doc_id", f"'{doc_id}' is not a usable id (no spaces or ':')", "use letters, digits, - or _")
    elif doc_id in seen_ids:
        problem("doc_id", f"the doc_id '{doc_id}' is used twice (first on row {seen_ids[doc_id]})",
                "give every document its own doc_id")
    language = values.get("language", "").lower()
    if language and language not in MANIFEST_LANGUAGES:
        problem("language", f"'{values['language']}' is not a language of this toolkit",
                f"use one of: {', '.join(MANIFEST_LANGUAGES)}, or leave it empty to detect it")
    else:
        values["language"] = language
    when = values.get("date", "")
    if when and not check_date(when):
        problem("date", f"'{when}' is not a date", "write it as YYYY-MM-DD, YYYY-MM or YYYY (e.g. 2019-05-17)")
    return problems
