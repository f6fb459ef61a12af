"""The tables of a run: the rows each document adds (segments, coded units, the document itself) and the
counters the summary tables are made from (frequencies overall, by source type and by language; the
cross-tabulations).

Rows are produced per document and written as they come; the summary tables come from a ``Tally`` that
keeps counters, never lists, so a run's memory does not grow with the corpus. Tallies of batches add up
(``Tally.add``) in any grouping of documents, which is what lets batches run anywhere.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from coding.codebook import CODEBOOK_LANGUAGES, Codebook
from coding.codings import UNSPECIFIED
from coding.records import Coding, Document, Match
from coding.units import document_languages, document_script
from coding.words import count_words

TONES: tuple[str, ...] = ("negative", "neutral", "positive")
SEGMENT_COLUMNS: tuple[str, ...] = (
    "doc_id", "lang", "unit", "unit_id", "code", "term", "surface", "start", "end", "context",
    "directions", "tone", "tone_score", "tone_evidence", "evidence",
)  # fmt: skip
# A segment row shows its match in this many characters of the unit's text on each side (the whole unit when
# it is that short, as a sentence usually is); units.csv holds each coded unit's whole text once.
CONTEXT_CHARS = 200
_ELLIPSIS = "…"
TONE_COLUMNS: tuple[str, ...] = ("doc_id", "unit_id", "lang", "tone", "tone_score", "tone_evidence")
FREQUENCY_COLUMNS: tuple[str, ...] = ("code", "label", "group", "occurrences", "words", "per_1000_words",
                                      "documents", "units")
# In frequencies_by_language.csv a document counts under each language in which some of its units (or
# sentence runs) hold the code, so one document can count under two languages: the header says so.
LANGUAGE_DOCUMENTS = "documents_with_lang_units"
# The groupings of the frequency tables: all units, by the document's source type, by the unit's language.
GROUPINGS: tuple[str, ...] = ("", "source_type", "lang")
FREQUENCY_FILES: dict[str, str] = {
    "": "frequencies.csv", "source_type": "frequencies_by_source_type.csv", "lang": "frequencies_by_language.csv",
}
# name → (rows, columns) of the cross-tabulations; which ones a run has depends on its codebook.
CROSSTABS: dict[str, tuple[str, str]] = {
    "crosstab_code_direction.csv": ("code", "direction"),
    "crosstab_code_tone.csv": ("code", "tone"),
    "crosstab_source_type_tone.csv": ("source_type", "tone"),
}


@dataclass(frozen=True)
class Layout:
    """What every row of a run is made of: its unit, its codes, its metadata columns, its cross-tabulations."""

    unit: str
    codes: tuple[str, ...]
    metadata_columns: tuple[str, ...]
    crosstabs: tuple[str, ...]
    context: int = CONTEXT_CHARS
    tone_csv: bool = False  # tone.csv: the tone of every unit, coded or not

    @classmethod
    def of(cls, codebook: Codebook, unit: str, metadata_columns: Sequence[str], *,
           context: int = CONTEXT_CHARS, tone_csv: bool = False) -> Layout:
        names = []
        if codebook.directions:
            names.append("crosstab_code_direction.csv")
        if codebook.tone:
            names += ["crosstab_code_tone.csv", "crosstab_source_type_tone.csv"]
        return cls(unit, tuple(c.id for c in codebook.codes), tuple(metadata_columns), tuple(names), context,
                   tone_csv and codebook.tone is not None)

    @property
    def segment_columns(self) -> list[str]:
        return [*SEGMENT_COLUMNS, "title", *self.metadata_columns]

    @property
    def unit_columns(self) -> list[str]:
        return ["doc_id", "unit_id", "lang", "langs", "script", "words", *self.codes, "directions", "tone",
                "tone_score",
                "tone_evidence", "unit_text", "title", *self.metadata_columns]

    @property
    def tone_columns(self) -> list[str]:
        return list(TONE_COLUMNS)

    @property
    def document_columns(self) -> list[str]:
        return ["doc_id", "lang", "langs", "script", "words", "units", "coded_units", "segments", *self.codes,
                "dominant_direction",
                "tone_score", *(f"share_{t}" for t in TONES), "title", *self.metadata_columns]


@dataclass
class Tally:
    """Counters of a run or of a part of it; ``add`` merges another part.

    ``words[(by, group)]``; ``occurrences``, ``documents`` and ``units`` keyed ``(code, by, group)`` (``by``
    is one of GROUPINGS, ``""`` for all units); ``crosstabs[name][(row, column)]``; ``counts`` the run's
    totals (documents, units, coded_units, segments, words).
    """

    words: Counter[tuple[str, str]] = field(default_factory=Counter)
    occurrences: Counter[tuple[str, str, str]] = field(default_factory=Counter)
    documents: Counter[tuple[str, str, str]] = field(default_factory=Counter)
    units: Counter[tuple[str, str, str]] = field(default_factory=Counter)
    crosstabs: dict[str, Counter[tuple[str, str]]] = field(default_factory=dict)
    counts: Counter[str] = field(default_factory=Counter)

    def add(self, other: Tally) -> None:
        """Add another tally's counters to this one (keys with zero counts are kept: they name groups)."""
        for mine, theirs in ((self.words, other.words), (self.occurrences, other.occurrences),
                             (self.documents, other.documents), (self.units, other.units),
                             (self.counts, other.counts)):
            for key, value in theirs.items():
                mine[key] += value
        for name, counter in other.crosstabs.items():
            target = self.crosstabs.setdefault(name, Counter())
            for key, value in counter.items():
                target[key] += value


def _joined(values: Iterable[str]) -> str:
    return ";".join(values)


def document_rows(
    document: Document, layout: Layout, codings: Sequence[Coding], matches: Sequence[Match], tally: Tally
) -> tuple[list[list[Any]], list[list[Any]], list[Any]]:
    """The segment rows, coded-unit rows and the document row of one coded document; adds its counts to
    ``tally``. ``codings`` are the document's units in order, ``matches`` its matches in order."""
    meta = [document.title, *(document.metadata.get(c, "") for c in layout.metadata_columns)]
    source_type = document.source_type
    by_unit = {c.unit.unit_id: c for c in codings}
    segments = []
    for m in matches:
        c = by_unit[m.unit_id]
        unit = c.unit
        context = segment_context(unit.text, m.start - unit.start, m.end - unit.start, layout.context)
        segments.append([m.doc_id, m.lang, layout.unit, m.unit_id, m.code, m.term, m.surface, m.start, m.end,
                         context, _joined(c.directions), c.tone, c.tone_score, c.tone_evidence, m.evidence,
                         *meta])
    units = []
    codes_in_document: set[tuple[str, str, str]] = set()
    counts: Counter[str] = Counter()
    words_by_lang: dict[str, int] = {}
    mixed = {c.unit.unit_id for c in codings if c.unit.runs}
    match_langs: dict[str, Counter[tuple[str, str]]] = {}
    for m in matches:
        if m.unit_id in mixed:
            match_langs.setdefault(m.unit_id, Counter())[(m.code, m.lang)] += 1
    for c in codings:
        unit = c.unit
        lang = unit.lang
        if unit.runs:  # a unit that mixes languages: its words and codes count under each run's language
            for start, end, run_lang, _ in unit.runs:
                words_by_lang[run_lang] = words_by_lang.get(run_lang, 0) + count_words(
                    unit.text[start - unit.start:end - unit.start])
        else:
            words_by_lang[lang] = words_by_lang.get(lang, 0) + c.words
        if c.counts:
            units.append([unit.doc_id, unit.unit_id, lang, unit.langs, unit.script, c.words,
                          *(c.counts.get(k, 0) for k in layout.codes), _joined(c.directions), c.tone, c.tone_score,
                          c.tone_evidence, unit.text, *meta])
            by_lang = match_langs.get(unit.unit_id) or {(code, lang): n for code, n in c.counts.items()}
            for code, n in c.counts.items():
                counts[code] += n
                for by, group in (("", ""), ("source_type", source_type)):
                    tally.occurrences[(code, by, group)] += n
                    tally.units[(code, by, group)] += 1
                    codes_in_document.add((code, by, group))
            for (code, code_lang), n in by_lang.items():
                tally.occurrences[(code, "lang", code_lang)] += n
                tally.units[(code, "lang", code_lang)] += 1
                codes_in_document.add((code, "lang", code_lang))
        _cross(tally, layout, c, source_type)
    for key in codes_in_document:
        tally.documents[key] += 1
    words = sum(words_by_lang.values())
    tally.words[("", "")] += words
    tally.words[("source_type", source_type)] += words
    for lang, count in words_by_lang.items():
        tally.words[("lang", lang)] += count
    framed = [d for c in codings for d in c.directions if d != UNSPECIFIED]
    has_directions = any(c.directions for c in codings)
    dominant = Counter(framed).most_common(1)[0][0] if framed else (UNSPECIFIED if has_directions else "")
    tones = [c.tone for c in codings if c.tone]
    shares = [round(tones.count(t) / len(tones), 4) if tones else 0.0 for t in TONES]
    coded = sum(1 for c in codings if c.counts)
    row = [document.doc_id, document.lang, document_languages(document), document_script(document), words,
           len(codings), coded, sum(counts.values()),
           *(counts.get(k, 0) for k in layout.codes), dominant, sum(c.tone_score for c in codings), *shares, *meta]
    tally.counts.update({"documents": 1, "units": len(codings), "coded_units": coded, "segments": len(matches),
                         "words": words})
    return segments, units, row


def segment_context(text: str, start: int, end: int, chars: int = CONTEXT_CHARS) -> str:
    """The match ``text[start:end]`` with up to ``chars`` characters on each side, cut at a space where
    one is near and marked with … where text was left out (the whole ``text`` when it is that short).

    >>> segment_context("Бірінші сөйлем. Бала саудасы туралы. Соңы.", 16, 28, 9)
    '… сөйлем. Бала саудасы туралы. …'
    """
    if len(text) <= end - start + 2 * chars:
        return text
    left, right = max(0, start - chars), min(len(text), end + chars)
    if left > 0 and not text[left - 1].isspace():  # mid-word: start after the next space
        space = text.find(" ", left, start)
        left = space + 1 if space != -1 else left
    if right < len(text) and not text[right].isspace():  # mid-word: end at the space before
        space = text.rfind(" ", end, right)
        right = space if space != -1 else right
    before = _ELLIPSIS + " " if left > 0 else ""
    after = " " + _ELLIPSIS if right < len(text) else ""
    return before + text[left:right].strip() + after


def tone_rows(codings: Iterable[Coding]) -> list[list[Any]]:
    """One tone.csv row per unit, coded or not: doc_id, unit_id, lang, tone, tone_score, tone_evidence."""
    return [[c.unit.doc_id, c.unit.unit_id, c.unit.lang, c.tone, c.tone_score, c.tone_evidence] for c in codings]


def _cross(tally: Tally, layout: Layout, coding: Coding, source_type: str) -> None:
    """Count a unit in each cross-tabulation cell it belongs to."""
    codes = [code for code, n in coding.counts.items() if n] if coding.counts else []
    tone = coding.tone
    for name in layout.crosstabs:
        counter = tally.crosstabs.get(name)
        if counter is None:
            counter = tally.crosstabs[name] = Counter()
        if name == "crosstab_source_type_tone.csv":
            if tone:
                counter[(source_type, tone)] += 1
        elif codes:  # code × direction, code × tone: only units with a code
            columns = coding.directions if name == "crosstab_code_direction.csv" else ((tone,) if tone else ())
            for code in codes:
                for column in columns:
                    counter[(code, column)] += 1


def frequency_rows(tally: Tally, codebook: Codebook, by: str = "", label_lang: str = "kk") -> list[list[Any]]:
    """Per code (and per value of ``by``: ``source_type`` or ``lang``): occurrences, the words of the units
    in scope, occurrences per 1,000 of them, documents and units containing the code; labels in
    ``label_lang``. The words are those of the units in scope, so rates compare fairly between groups."""
    groups = sorted(group for key, group in tally.words if key == by) if by else [""]
    rows = []
    for code in codebook.codes:
        for group in groups:
            key = (code.id, by, group)
            words = tally.words.get((by, group), 0)
            if by == "lang" and not code.terms.get(group):
                # No term of the code in this language: nothing was looked for, so no count was measured.
                rows.append([code.id, code.label_in(label_lang), code.group, group, "", words, "", "", ""])
                continue
            occurrences = tally.occurrences.get(key, 0)
            rows.append([code.id, code.label_in(label_lang), code.group, *([group] if by else []), occurrences,
                         words, round(1000 * occurrences / words, 4) if words else 0.0,
                         tally.documents.get(key, 0), tally.units.get(key, 0)])
    return rows


def unmeasured_languages(tally: Tally, codebook: Codebook) -> dict[str, list[str]]:
    """Per language with words in the corpus: the codes that have no term in it (their counts in that
    language are not measured zeros, and the frequency tables leave them empty)."""
    found: dict[str, list[str]] = {}
    for (by, lang), words in sorted(tally.words.items()):
        if by == "lang" and words and lang in CODEBOOK_LANGUAGES:
            missing = [code.id for code in codebook.codes if not code.terms.get(lang)]
            if missing:
                found[lang] = missing
    return found


def frequency_columns(by: str = "") -> list[str]:
    """The columns of ``frequency_rows`` (by language, the documents column is ``LANGUAGE_DOCUMENTS``)."""
    measures = [LANGUAGE_DOCUMENTS if by == "lang" and c == "documents" else c for c in FREQUENCY_COLUMNS[3:]]
    return ["code", "label", "group", *([by] if by else []), *measures]


def crosstab_rows(tally: Tally, codebook: Codebook, name: str) -> tuple[list[str], list[list[Any]]]:
    """A cross-tabulation (columns, rows): units counted once in each cell they belong to; codes,
    directions and tones in codebook order, other values sorted."""
    rows_axis, columns_axis = CROSSTABS[name]
    counter = tally.crosstabs.get(name, Counter())
    order = {"code": [c.id for c in codebook.codes],
             "direction": [d.id for d in codebook.directions] + [UNSPECIFIED], "tone": list(TONES)}
    seen_rows = {r for r, _ in counter}
    if rows_axis in order:
        row_values = [r for r in order[rows_axis] if r in seen_rows] or sorted(seen_rows)
    else:
        row_values = sorted(seen_rows)
    seen_columns = {c for _, c in counter}
    column_values = order[columns_axis] if columns_axis in order else sorted(seen_columns)
    table = [[r, *(counter.get((r, c), 0) for c in column_values)] for r in row_values]
    return [rows_axis, *column_values], table
