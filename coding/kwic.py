"""Keyword in context: every match of a term (or of a code's terms) with the words around it,
aligned ``left | match | right``, to read before refining a codebook."""

from __future__ import annotations

import pandas as pd

from coding.codebook import Codebook, Entry
from coding.errors import InputError
from coding.matcher import Matcher
from coding.records import Corpus, Match, UnitKind
from coding.terms import TermSyntaxError, parse_term
from coding.units import split_units
from coding.words import WORD_RE

KWIC_COLUMNS: tuple[str, ...] = ("doc_id", "unit_id", "lang", "code", "term", "left", "match", "right",
                                 "start", "end")


def term_entry(term: str, lang: str) -> Entry:
    """A one-term entry for searching an ad-hoc term; raises InputError for a term that cannot match."""
    try:
        parsed = parse_term(term, lang)
    except TermSyntaxError as error:
        raise InputError(f"the term '{term}' cannot be used: {error}") from None
    return Entry(id="term", label={}, terms={lang: (parsed,)})


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


def kwic_table(
    corpus: Corpus,
    entries: list[Entry],
    *,
    window: int = 8,
    unit: UnitKind = "sentence",
    lang: str | None = None,
) -> pd.DataFrame:
    """Concordance of the entries' matches: ``window`` words of left and right context taken from the
    match's paragraph, with doc and unit ids; only units in ``lang`` when given."""
    if window < 0:
        raise InputError(f"the window {window} is negative", hint="give a number of words, e.g. 8")
    matcher = Matcher(entries)
    documents = {d.doc_id: d for d in corpus.documents}
    rows = []
    for item in split_units(corpus, unit):
        if lang and item.lang != lang:
            continue
        for match in matcher.match_unit(item):
            rows.append(_row(match, documents[match.doc_id], window))
    return pd.DataFrame(rows, columns=list(KWIC_COLUMNS))


def _row(match: Match, document, window: int) -> dict:
    paragraph = next((p for p in document.paragraphs if p.start <= match.start < p.end), None)
    low, high = (paragraph.start, paragraph.end) if paragraph else (0, len(document.text))
    left, right = _context(document.text[low:high], match.start - low, match.end - low, window)
    return {"doc_id": match.doc_id, "unit_id": match.unit_id, "lang": match.lang, "code": match.code,
            "term": match.term, "left": left, "match": match.surface, "right": right,
            "start": match.start, "end": match.end}


def code_entries(codebook: Codebook, code_id: str) -> list[Entry]:
    """The entry of one code, for a concordance of its matches."""
    return [codebook.code(code_id)]


def format_kwic(table: pd.DataFrame, width: int = 50) -> str:
    """Aligned text: left context right-aligned, the match, right context, then the ids."""
    lines = []
    for row in table.itertuples(index=False):
        left = row.left[-width:]
        right = row.right[:width]
        lines.append(f"{left:>{width}} | {row.match} | {right:<{width}}  [{row.unit_id}]")
    return "\n".join(lines)


def write_kwic(table: pd.DataFrame, out) -> None:
    """Write a concordance to ``.csv`` (UTF-8 with BOM) or ``.xlsx``, atomically."""
    from pathlib import Path

    from coding.exports.atomic import atomic_path
    from coding.exports.csv import write_csv

    out = Path(out)
    suffix = out.suffix.lower()
    if suffix == ".csv":
        write_csv(table, out)
    elif suffix == ".xlsx":
        with atomic_path(out) as temporary:
            table.to_excel(temporary, index=False, sheet_name="KWIC", engine="openpyxl")
    else:
        raise InputError(f"cannot write a concordance to '{out.name}'", hint="name the file .csv or .xlsx")
