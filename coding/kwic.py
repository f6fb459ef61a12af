"""Keyword in context: every match of a term (or of a code's terms) with the words around it,
aligned ``left | match | right``, to read before refining a codebook. Documents are read one at a
time, and lines are written as they are found, so a concordance of any corpus runs in constant memory."""

from __future__ import annotations

import csv
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any, Literal

import pandas as pd

from coding.codebook import Codebook, Entry
from coding.errors import InputError
from coding.i18n import _
from coding.matcher import Matcher
from coding.records import Corpus, Document, Match, UnitKind
from coding.terms import TermSyntaxError, parse_term
from coding.units import document_units
from coding.words import WORD_RE

# The rows of an Excel sheet, its header included.
MAX_SHEET_ROWS = 1_048_576

KWIC_COLUMNS: tuple[str, ...] = ("doc_id", "unit_id", "lang", "code", "term", "left", "match", "right",
                                 "start", "end")


def term_entry(term: str, lang: str) -> Entry:
    """A one-term entry for searching an ad-hoc term; raises InputError for a term that cannot match."""
    try:
        parsed = parse_term(term, lang)
    except TermSyntaxError as error:
        raise InputError(_("the term '{term}' cannot be used: {error}").format(term=term, error=error)) from None
    return Entry(id="term", label={}, terms={lang: (parsed,)})


# Words of context on each side: more than a page is no longer a concordance.
MAX_WINDOW = 1000


def _context(text: str, start: int, end: int, window: int) -> tuple[str, str]:
    left_start = start
    words_left = [m.start() for m in WORD_RE.finditer(text, 0, start)]
    if words_left:
        left_start = words_left[-window] if len(words_left) >= window else words_left[0]
    right_end = end
    words_right = [m.end() for m in WORD_RE.finditer(text, end)][:window]
    if words_right:
        right_end = words_right[-1]
    return " ".join(text[left_start:start].split()), " ".join(text[end:right_end].split())


KwicOrder = Literal["doc", "left", "right"]
KWIC_ORDERS: tuple[str, ...] = ("doc", "left", "right")


def kwic_columns(metadata_columns: Sequence[str] = ()) -> list[str]:
    """The columns of a concordance: ``KWIC_COLUMNS``, the document's title and its manifest columns."""
    own = (*KWIC_COLUMNS, "title")
    return [*own, *(c for c in metadata_columns if c not in own)]


def kwic_rows(
    documents: Corpus | Iterable[Document],
    entries: list[Entry],
    *,
    window: int = 8,
    unit: UnitKind = "sentence",
    lang: str | None = None,
) -> Iterator[dict[str, Any]]:
    """Concordance lines of the entries' matches, one document at a time: ``window`` words of left and right
    context taken from the match's paragraph, with doc and unit ids, the title and the document's metadata;
    only units in ``lang`` when given."""
    if not 0 <= window <= MAX_WINDOW:
        raise InputError(_("the window {window} is not a number of words from 0 to {MAX_WINDOW}").format(window=window,
                                                                                                         MAX_WINDOW=MAX_WINDOW),
                         hint=_("give a number of words, e.g. 8"))
    matcher = Matcher(entries)
    for document in documents.documents if isinstance(documents, Corpus) else documents:
        for item in document_units(document, unit):
            # A unit mixing languages (a Russian quotation in a Kazakh paragraph) has lines in each of them.
            if lang and lang != item.lang and lang not in item.langs.split(","):
                continue
            for match in matcher.match_unit(item):
                if not lang or match.lang == lang:
                    yield _row(match, document, window)


def kwic_table(documents: Corpus | Iterable[Document], entries: list[Entry], *, window: int = 8,
               unit: UnitKind = "sentence", lang: str | None = None) -> pd.DataFrame:
    """``kwic_rows`` as one table."""
    return pd.DataFrame(list(kwic_rows(documents, entries, window=window, unit=unit, lang=lang)),
                        columns=list(KWIC_COLUMNS))


def _row(match: Match, document, window: int) -> dict:
    paragraph = next((p for p in document.paragraphs if p.start <= match.start < p.end), None)
    low, high = (paragraph.start, paragraph.end) if paragraph else (0, len(document.text))
    left, right = _context(document.text[low:high], match.start - low, match.end - low, window)
    row = {"doc_id": match.doc_id, "unit_id": match.unit_id, "lang": match.lang, "code": match.code,
           "term": match.term, "left": left, "match": match.surface, "right": right,
           "start": match.start, "end": match.end, "title": document.title}
    for column, value in document.metadata.items():
        row.setdefault(column, value)
    return row


def sort_kwic(rows: Iterable[dict[str, Any]], order: KwicOrder = "doc") -> Iterable[dict[str, Any]]:
    """The lines in corpus order (``doc``, as found: streamed), or sorted as a concordancer sorts them: by the
    words just ``left`` of the match, nearest first, or by the words ``right`` of it (then by match and
    document). Sorting holds every line in memory."""
    if order == "doc":
        return rows
    if order not in KWIC_ORDERS:
        raise InputError(_("'{order}' is not a concordance order").format(order=order),
                         hint=_("use one of: {choices}").format(choices=', '.join(KWIC_ORDERS)))

    def key(row: dict[str, Any]) -> tuple[Any, ...]:
        context = row["left"].lower().split()[::-1] if order == "left" else row["right"].lower().split()
        return (context, row["match"].lower(), row["doc_id"], row["start"])

    return sorted(rows, key=key)


def code_entries(codebook: Codebook, code_id: str) -> list[Entry]:
    """The entry of one code, for a concordance of its matches."""
    return [codebook.code(code_id)]


def format_line(row: dict[str, Any], width: int = 50) -> str:
    """One aligned line: left context right-aligned, the match, right context, then the unit id."""
    return f"{row['left'][-width:]:>{width}} | {row['match']} | {row['right'][:width]:<{width}}  [{row['unit_id']}]"


def format_kwic(table: pd.DataFrame, width: int = 50) -> str:
    """Aligned text of a concordance table, one line per match."""
    return "\n".join(format_line(row._asdict(), width) for row in table.itertuples(index=False))


def write_kwic(rows: Iterable[dict[str, Any]] | pd.DataFrame, out: str | Path,
               columns: Sequence[str] = KWIC_COLUMNS) -> int:
    """Write concordance lines (their ``columns``) to ``.csv`` (UTF-8 with BOM) or ``.xlsx`` as they come,
    atomically; returns how many were written. A sheet holds at most ``MAX_SHEET_ROWS`` rows: the lines past
    it go to the CSV only, and the sheet's last row says so."""
    from coding.exports.atomic import atomic_path, atomic_text

    out = Path(out)
    suffix = out.suffix.lower()
    if suffix not in (".csv", ".xlsx"):
        raise InputError(_("cannot write a concordance to '{name}'").format(name=out.name),
                         hint=_("name the file .csv or .xlsx"))
    lines = (row._asdict() for row in rows.itertuples(index=False)) if isinstance(rows, pd.DataFrame) else rows
    count = 0
    if suffix == ".csv":
        with atomic_text(out, newline="") as handle:
            handle.write("\ufeff")
            writer = csv.writer(handle, lineterminator="\n")
            writer.writerow(columns)
            for row in lines:
                writer.writerow([row.get(c, "") for c in columns])
                count += 1
        return count
    from openpyxl import Workbook

    from coding.cells import text_row

    book = Workbook(write_only=True)
    sheet = book.create_sheet("KWIC")
    sheet.append(list(columns))
    left_out = 0
    for row in lines:
        count += 1
        if count < MAX_SHEET_ROWS - 1:
            sheet.append(text_row(sheet, [row.get(c, "") for c in columns]))
        else:
            left_out += 1
    if left_out:
        sheet.append([f"{left_out} more lines do not fit in a sheet of {MAX_SHEET_ROWS:,} rows; write the "
                      "concordance to a .csv file to have them all"])
    with atomic_path(out) as temporary:
        book.save(temporary)
    return count
