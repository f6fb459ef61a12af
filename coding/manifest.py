"""The corpus manifest: one row of metadata per file (``manifest.csv`` or ``manifest.xlsx``).

Columns: ``file`` (required, relative to the corpus folder), ``doc_id``, ``title``, ``source_type``,
``outlet``, ``date`` (ISO date, ``YYYY-MM`` or a year), ``language`` (kk, ru, en; detected when empty),
``url``; any other column is kept as metadata. Every problem is collected, each naming the row (the line
of the CSV file, or the sheet row) and the column.
"""

from __future__ import annotations

import csv
import io
import posixpath
import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path, PurePosixPath, PureWindowsPath

from coding.cells import cell_text
from coding.errors import ManifestError
from coding.i18n import N_, _

MANIFEST_NAMES: tuple[str, ...] = ("manifest.csv", "manifest.xlsx")
KNOWN_COLUMNS: tuple[str, ...] = ("file", "doc_id", "title", "source_type", "outlet", "date", "language", "url")
MANIFEST_LANGUAGES: tuple[str, ...] = ("kk", "ru", "en")

_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
_DOC_ID = re.compile(r"^[^\s:]+$")


@dataclass(frozen=True, slots=True)  # one per document: no __dict__ each
class ManifestRow:
    """One validated manifest row; ``line`` is its line (CSV) or row number (xlsx)."""

    file: str
    line: int
    values: dict[str, str] = field(hash=False)


@dataclass(frozen=True)
class Manifest:
    """The validated rows (keyed by the file path, posix, relative) and the column order; ``listed`` holds
    every file a row names, rows with problems included."""

    path: Path
    columns: tuple[str, ...]
    rows: dict[str, ManifestRow] = field(hash=False)
    listed: frozenset[str] = frozenset()


def find_manifest(root: Path) -> Path | None:
    """The manifest file at the corpus root, or None."""
    for name in MANIFEST_NAMES:
        candidate = root / name
        if candidate.is_file():
            return candidate
    return None


_CSV_HINT = N_("a field this long usually means a quote (\") that is opened and never closed; close it, "
             "or save the manifest again from Excel as CSV UTF-8")
# Characters that Excel cannot store and that break review workbooks and REFI-QDA projects.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")

RawRows = list[tuple[int, list[str]]]


def _read_csv(path: Path) -> tuple[list[str], RawRows, list[ManifestError]]:
    from coding.readers.text import decode_bytes

    text = decode_bytes(path.read_bytes(), path)
    first = text.splitlines()[0] if text else ""
    try:
        dialect = csv.Sniffer().sniff(first, delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    # newline=None reads "\r\n", "\n" and a lone "\r" (old Mac files) alike as the end of a line.
    reader = csv.reader(io.StringIO(text, newline=None), dialect)
    rows: RawRows = []
    problems: list[ManifestError] = []
    start = 1
    try:
        for row in reader:
            rows.append((start, row))
            if reader.line_num > start:
                problems.extend(_hidden_rows(row, start, reader.line_num, dialect.delimiter, path))
            start = reader.line_num + 1
    except csv.Error as exc:
        raise ManifestError(_("line {start} cannot be read as CSV ({exc})").format(start=start, exc=exc), path=path,
                            line=start,
                            hint=_(_CSV_HINT)) from None
    if not rows:
        raise ManifestError(_("the manifest is empty"), path=path, hint=_("add a header row with a 'file' column"))
    header = rows[0][1]
    return header, [(line, row) for line, row in rows[1:] if any(cell.strip() for cell in row)], problems


def _hidden_rows(row: list[str], start: int, end: int, delimiter: str, path: Path) -> list[ManifestError]:
    """A quoted cell that runs over several lines and holds whole rows: an unbalanced quote ate them."""
    for cell in row:
        lines = cell.split("\n")
        if len(lines) > 1 and any(delimiter in line for line in lines[1:]):
            hidden = f"line {end} is" if end == start + 1 else f"lines {start + 1} to {end} are"
            return [ManifestError(_("row {start}: a quote (\") opened on this line closes only on line {end}, so "
                                  "{hidden} read as part of one cell, not as rows").format(start=start, end=end,
                                                                                           hidden=hidden),
                                  path=path, line=start,
                                  hint=_("close the quote, or remove it (a quote inside a cell is written \"\")"))]
    return []


def _read_xlsx(path: Path) -> tuple[list[str], RawRows, list[ManifestError]]:
    from openpyxl import load_workbook

    from coding.zips import check_zip

    hint = _("save it again from Excel as .xlsx, or use manifest.csv")
    check_zip(path, ManifestError)
    rows: RawRows = []
    try:
        sheet = load_workbook(path, read_only=True, data_only=True).worksheets[0]
        for number, cells in enumerate(sheet.iter_rows(values_only=True), start=1):
            values = [cell_text(cell) for cell in cells]
            if any(values):
                rows.append((number, values))
    except Exception as exc:  # openpyxl (zipfile, zlib, XML parsers) raises many types for a damaged file
        raise ManifestError(_("cannot read the manifest workbook ({name}: {exc})").format(name=type(exc).__name__,
                                                                                          exc=exc), path=path,
                            line=(rows[-1][0] + 1) if rows else None, hint=hint) from None
    if not rows:
        raise ManifestError(_("the manifest is empty"), path=path, hint=_("add a header row with a 'file' column"))
    return rows[0][1], rows[1:], []


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

    A missing file, a path outside the corpus folder, a duplicated ``doc_id`` or file, a duplicated
    column, a control character, an unknown ``language`` and a malformed ``date`` are problems naming
    the row and column.
    """
    header, raw_rows, problems = _read_xlsx(path) if path.suffix.lower() == ".xlsx" else _read_csv(path)
    columns = [name.strip().lstrip("\ufeff").lower() for name in header]
    if "file" not in columns:
        raise ManifestError(_("the manifest has no 'file' column (columns: {value})")
                            .format(value=', '.join(columns) or 'none'),
                            path=path, line=1, hint=_("name the column that holds each file's path 'file'"))
    first_of: dict[str, int] = {}
    for index, name in enumerate(columns):
        if name and name in first_of:
            problems.append(ManifestError(
                _("the column '{name}' appears twice (columns {value} and {value2})").format(name=name,
                                                                                             value=first_of[name] + 1,
                                                                                             value2=index + 1),
                                                                                             path=path,
                line=1, hint=_("rename or remove one of them; only the first is read")))
        first_of.setdefault(name, index)
    rows: dict[str, ManifestRow] = {}
    seen_ids: dict[str, int] = {}
    seen_files: dict[str, int] = {}
    # The same value in many rows (a source type, an outlet, a date) is kept once: a large corpus has a
    # manifest row per document, held for the whole run.
    shared: dict[str, str] = {}
    kept_once = [col for col in first_of if col and col not in ("file", "doc_id", "title")]
    for line, cells in raw_rows:
        values = {col: (cells[i].strip() if i < len(cells) else "") for col, i in first_of.items() if col}
        for col in kept_once:
            values[col] = shared.setdefault(values[col], values[col])
        row_problems, key = _check_row(values, line, path, root, seen_ids, seen_files)
        problems.extend(row_problems)
        doc_id = values.get("doc_id", "")
        if doc_id and _DOC_ID.match(doc_id) and not _CONTROL.search(doc_id):
            seen_ids.setdefault(doc_id, line)
        if key:
            seen_files.setdefault(key, line)
        if not row_problems and key:
            rows[key] = ManifestRow(file=key, line=line, values=values)
    return Manifest(path=path, columns=tuple(c for c in first_of if c), rows=rows,
                    listed=frozenset(seen_files)), problems


def manifest_key(file: str) -> str | None:
    """The corpus-relative posix path a manifest ``file`` names, or None when it leads outside the corpus
    folder (an absolute path, or one that climbs above it with ``..``).

    >>> manifest_key("media/../media/x.txt"), manifest_key("../../etc/passwd"), manifest_key("/etc/shadow")
    ('media/x.txt', None, None)
    """
    if PurePosixPath(file).is_absolute() or PureWindowsPath(file).anchor:
        return None
    normal = posixpath.normpath(file)
    if normal == ".." or normal.startswith("../"):
        return None
    return normal


def _check_row(
    values: dict[str, str], line: int, path: Path, root: Path, seen_ids: dict[str, int],
    seen_files: dict[str, int],
) -> tuple[list[ManifestError], str | None]:
    problems = []

    def problem(column: str, message: str, hint: str) -> None:
        problems.append(ManifestError(_("row {line}, column '{column}': {message}").format(line=line, column=column,
                                                                                           message=message), path=path,
                                                                                           line=line,
                                      hint=hint))

    for column, value in values.items():
        if found := _CONTROL.search(value):
            problem(column, _("holds the invisible control character U+{code:04X}").format(code=ord(found.group())),
                    _("delete it (retype the cell); such characters cannot be written to Excel or REFI-QDA files"))
    file = values.get("file", "")
    key = manifest_key(file) if file else None
    if not file:
        problem("file", _("no file is given"), _("write the document's path relative to the corpus folder"))
    elif key is None:
        # Whether an outside file exists is nobody's business: the row is refused before looking.
        problem("file", _("the path '{file}' is outside the corpus folder").format(file=file),
                _("every document must be inside the corpus folder; give its path relative to that folder"))
    elif key in seen_files:
        problem("file", _("the file '{file}' is listed twice (first on row {seen_files})")
                .format(file=file, seen_files=seen_files[key]), _("keep one row per file"))
    else:
        try:
            exists = (root / key).is_file()
        except (OSError, ValueError) as exc:  # a name too long for the system, a NUL byte
            shown = file if len(file) <= 80 else f"{file[:80]}…"
            problem("file", _("the path '{shown}' cannot be used ({error})")
                    .format(shown=shown, error=getattr(exc, 'strerror', None) or exc),
                    _("shorten the file name (most systems allow 255 characters per name)"))
            exists = True  # reported
        if not exists:
            problem("file", _("the file '{file}' does not exist in {root}").format(file=file, root=root),
                    _("correct the path (relative to the corpus folder) or remove the row"))
    doc_id = values.get("doc_id", "")
    if doc_id and not _DOC_ID.match(doc_id):
        problem("doc_id", _("'{doc_id}' is not a usable id (no spaces or ':')").format(doc_id=doc_id),
                _("use letters, digits, - or _"))
    elif doc_id in seen_ids:
        problem("doc_id", _("the doc_id '{doc_id}' is used twice (first on row {seen_ids})").format(doc_id=doc_id,
                                                                                                    seen_ids=seen_ids[doc_id]),
                _("give every document its own doc_id"))
    language = values.get("language", "").lower()
    if language and language not in MANIFEST_LANGUAGES:
        problem("language", _("'{language}' is not a language of this toolkit").format(language=values['language']),
                _("use one of: {MANIFEST_LANGUAGES}, or leave it empty to detect it")
                .format(MANIFEST_LANGUAGES=', '.join(MANIFEST_LANGUAGES)))
    else:
        values["language"] = language
    when = values.get("date", "")
    if when and not check_date(when):
        problem("date", _("'{when}' is not a date").format(when=when),
                _("write it as YYYY-MM-DD, YYYY-MM or YYYY (e.g. 2019-05-17)"))
    return problems, key
