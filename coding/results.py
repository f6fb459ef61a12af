"""The results of a run as the exports read them back: the CSV tables and run.json of a run folder, and
the tables derived from them for publication (wide frequencies, totals by group, years, tone shares).

Every number an export shows comes from these CSV files, so the workbook, the charts and the HTML report
cannot disagree with the results a researcher already has. The corpus and the codebook are reloaded only
when needed (for document text, labels in another language, colours) and are checked against the
SHA-256s in run.json first.

segments.csv and units.csv grow with the corpus (tens of millions of rows for a national archive), so they
are never held whole: ``Results.iter_segments`` and ``Results.iter_units`` read them in chunks of
``CHUNK_ROWS`` rows, and every table derived from them is one pass over those chunks. The small tables
(frequencies, documents — one row per document —, cross-tabulations) are DataFrames. Documents are
reloaded one at a time, and only those an export shows (``Results.documents_in_run``).
"""

from __future__ import annotations

import csv
import json
from collections.abc import Collection, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

import numpy as np
import pandas as pd

from coding.codebook import Codebook, load_codebook
from coding.errors import CodebookError, CorpusError, InputError, OutputError
from coding.exports.atomic import check_output_file, is_inside
from coding.i18n import N_, NC_, _, pgettext_in
from coding.records import Document
from coding.run_folder import check_run_files, file_sha256

if TYPE_CHECKING:  # scipy loads only when the statistics are computed
    from coding.corpus import CorpusSource
    from coding.stats.compare import Comparison
    from coding.stats.cooccur import Cooccurrence

LabelLang = Literal["kk", "ru", "en"]
LABEL_LANGS: tuple[str, ...] = ("kk", "ru", "en")

# Rows per chunk when segments.csv and units.csv are read: about 100 MB of pandas memory for rows that
# carry a sentence each (more for paragraph units); tests shrink it to check that chunking never changes a
# number.
CHUNK_ROWS = 10_000
STREAMED_FILES: tuple[str, ...] = ("segments.csv", "units.csv")
REQUIRED_FILES: tuple[str, ...] = (
    "run.json", "segments.csv", "units.csv", "frequencies.csv", "frequencies_by_source_type.csv",
    "frequencies_by_language.csv", "documents.csv",
)  # fmt: skip
CROSSTAB_FILES: dict[str, str] = {
    "code_direction": "crosstab_code_direction.csv",
    "code_tone": "crosstab_code_tone.csv",
    "source_type_tone": "crosstab_source_type_tone.csv",
}
TONES: tuple[str, ...] = ("negative", "neutral", "positive")
MEASURES: tuple[str, ...] = ("occurrences", "per_1000_words", "documents", "units")
_COUNT_COLUMNS: dict[str, tuple[str, ...]] = {
    "segments": ("start", "end", "tone_score"),
    "units": ("words", "tone_score"),
    "frequencies": ("occurrences", "words", "per_1000_words", "documents", "units"),
    "documents": ("words", "units", "coded_units", "segments", "tone_score", "share_negative",
                  "share_neutral", "share_positive"),
}
_REQUIRED_COLUMNS: dict[str, tuple[str, ...]] = {
    "segments.csv": ("doc_id", "lang", "unit_id", "code", "term", "surface", "start", "end", "context"),
    "frequencies.csv": ("code", "label", "group", *MEASURES, "words"),
    "frequencies_by_source_type.csv": ("code", "source_type", *MEASURES, "words"),
    "frequencies_by_language.csv": ("code", "lang", *MEASURES, "words"),
    "documents.csv": ("doc_id", "lang", "words", "units", "segments"),
    "units.csv": ("doc_id", "unit_id", "lang", "words"),
}

# The words of the exports in each label language; data values (source types, groups, metadata) are
# the researcher's own and are shown as written.
CAPTIONS: dict[str, str] = {
    # key: NC_(key, English); the Kazakh and Russian are in coding/locale/{kk,ru}/LC_MESSAGES/coding.po
    "report_title": NC_("report_title", "Coding results"),
    "corpus": NC_("corpus", "Corpus"),
    "codebook": NC_("codebook", "Codebook"),
    "run": NC_("run", "Run provenance"),
    "documents": NC_("documents", "Documents"),
    "words": NC_("words", "Words"),
    "units": NC_("units", "Units"),
    "coded_units": NC_("coded_units", "Coded units"),
    "segments": NC_("segments", "Segments"),
    "occurrences": NC_("occurrences", "Occurrences"),
    "per_1000_words": NC_("per_1000_words", "Per 1,000 words"),
    "code": NC_("code", "Code"),
    "label": NC_("label", "Label"),
    "group": NC_("group", "Group"),
    "kind": NC_("kind", "Kind"),
    "color": NC_("color", "Colour"),
    "description": NC_("description", "Description"),
    "terms": NC_("terms", "Terms"),
    "exclusions": NC_("exclusions", "Exclusions"),
    "source_type": NC_("source_type", "Source type"),
    "lang": NC_("lang", "Language"),
    "all": NC_("all", "All"),
    "all_codes": NC_("all_codes", "All codes"),
    "total": NC_("total", "Total"),
    "year": NC_("year", "Year"),
    "title": NC_("title", "Title"),
    "version": NC_("version", "Version"),
    "sha256": NC_("sha256", "SHA-256"),
    "file": NC_("file", "File"),
    "doc_id": NC_("doc_id", "Document"),
    "unit_id": NC_("unit_id", "Unit ID"),
    "unit": NC_("unit", "Unit type"),
    "term": NC_("term", "Term"),
    "surface": NC_("surface", "Surface form"),
    "start": NC_("start", "Start"),
    "end": NC_("end", "End"),
    "unit_text": NC_("unit_text", "Unit text"),
    "context": NC_("context", "Context"),
    "date": NC_("date", "Date"),
    "outlet": NC_("outlet", "Outlet"),
    "url": NC_("url", "URL"),
    "direction": NC_("direction", "Direction"),
    "directions": NC_("directions", "Semantic directions"),
    "dominant_direction": NC_("dominant_direction", "Dominant direction"),
    "tone": NC_("tone", "Tone"),
    "tone_score": NC_("tone_score", "Tone score"),
    "tone_evidence": NC_("tone_evidence", "Tone evidence"),
    "evidence": NC_("evidence", "Proximity evidence"),
    "negative": NC_("negative", "Negative"),
    "neutral": NC_("neutral", "Neutral"),
    "positive": NC_("positive", "Positive"),
    "share_negative": NC_("share_negative", "Share negative"),
    "share_neutral": NC_("share_neutral", "Share neutral"),
    "share_positive": NC_("share_positive", "Share positive"),
    "unspecified": NC_("unspecified", "Unspecified"),
    "none": NC_("none", "(none)"),
    "lang_kk": NC_("lang_kk", "Kazakh"),
    "lang_ru": NC_("lang_ru", "Russian"),
    "lang_en": NC_("lang_en", "English"),
    "lang_other": NC_("lang_other", "other"),
    "totals_by_group": NC_("totals_by_group", "Totals by group"),
    "by_source_type": NC_("by_source_type", "By source type"),
    "by_language": NC_("by_language", "By language"),
    "by_year": NC_("by_year", "By year"),
    "undated": NC_("undated", "Documents without a date"),
    "documents_by_direction": NC_("documents_by_direction", "Documents by dominant direction"),
    "code_by_direction": NC_("code_by_direction", "Codes by semantic direction"),
    "code_by_tone": NC_("code_by_tone", "Codes by tone"),
    "source_type_by_tone": NC_("source_type_by_tone", "Source type by tone"),
    "note_coded_units": NC_("note_coded_units", "Cells count coded units; a unit counts once in each cell it "
                                                "belongs to."),
    "note_all_units": NC_("note_all_units", "Cells count all units, coded or not."),
    "note_language": NC_("note_language", "Documents by the document's language; words and segments by the language "
                                          "of the unit (or of its sentence); in the frequency table a document counts "
                                          "under a language when its units in that language hold the code."),
    "note_documents": NC_("note_documents", "Each document's file and SHA-256 are on the '{sheet}' sheet."),
    "package_version": NC_("package_version", "Package version"),
    "python": NC_("python", "Python"),
    "started": NC_("started", "Started"),
    "duration": NC_("duration", "Duration, s"),
    "options": NC_("options", "Options"),
    "root": NC_("root", "Corpus folder"),
    "manifest": NC_("manifest", "Manifest"),
    "problems": NC_("problems", "Unreadable files"),
    "path": NC_("path", "Path"),
    "codes_count": NC_("codes_count", "Codes"),
    "yes": NC_("yes", "yes"),
    "no": NC_("no", "no"),
    "chart_by_source_type": NC_("chart_by_source_type", "Code frequencies by source type"),
    "chart_tone_by_code": NC_("chart_tone_by_code", "Tone of coded units by code"),
    "chart_by_year": NC_("chart_by_year", "Code frequencies by year"),
    "axis_per_1000": NC_("axis_per_1000", "Occurrences per 1,000 words"),
    "axis_units": NC_("axis_units", "Coded units"),
    "filter": NC_("filter", "Filter by code"),
    "show_all": NC_("show_all", "Show all"),
    "hide_all": NC_("hide_all", "Hide all"),
    "charts": NC_("charts", "Charts"),
    "summary": NC_("summary", "Summary"),
    "frequencies": NC_("frequencies", "Frequencies"),
    "tone_share": NC_("tone_share", "Share"),
    # The statistics section and sheets (coding.stats).
    "statistics": NC_("statistics", "Statistics"),
    "comparison_by_source_type": NC_("comparison_by_source_type", "Comparison of source types"),
    "note_p_values": NC_("note_p_values", "Words are not independent observations (a code's mentions cluster in "
                                          "documents), so the p-values are a screen, not a verdict; Cramér's V "
                                          "gives the size of a difference."),
    "note_residuals": NC_("note_residuals", "▲ the code occurs in the group more often than expected under "
                                            "independence (adjusted residual > 1.96), ▼ less often (< −1.96)."),
    "adjusted_residual": NC_("adjusted_residual", "Adjusted residual"),
    "residual_mark": NC_("residual_mark", "Over / under"),
    "over": NC_("over", "▲ over"),
    "under": NC_("under", "▼ under"),
    "chi_square_test": NC_("chi_square_test", "Chi-square test"),
    "chi2": NC_("chi2", "χ²"),
    "dof": NC_("dof", "Degrees of freedom"),
    "p_value": NC_("p_value", "p-value"),
    "cramers_v": NC_("cramers_v", "Cramér's V"),
    "test": NC_("test", "Test"),
    "test_chi_square": NC_("test_chi_square", "chi-square"),
    "test_fisher": NC_("test_fisher", "Fisher's exact test"),
    "test_none": NC_("test_none", "—"),
    "min_expected": NC_("min_expected", "Smallest expected count"),
    "note": NC_("note", "Note"),
    "note_fisher": NC_("note_fisher", "expected count below 5: Fisher's exact test used"),
    "note_unreliable": NC_("note_unreliable", "expected count below 5: the chi-square p-value is unreliable"),
    "note_absent": NC_("note_absent", "the code does not occur"),
    "note_untested": NC_("note_untested", "not tested: a group or category has no observations"),
    "tone_test": NC_("tone_test", "Tone by source type: chi-square test (all units)"),
    "cooccurrence": NC_("cooccurrence", "Code co-occurrence"),
    "note_cooccurrence": NC_("note_cooccurrence", "Cells count the units in which both codes occur, the diagonal "
                                                  "(grey) the units with the code; Jaccard = units with both codes "
                                                  "/ units with either."),
    "cooccurrence_counts": NC_("cooccurrence_counts", "Units in which both codes occur"),
    "jaccard": NC_("jaccard", "Jaccard index"),
    "cooccurring_pairs": NC_("cooccurring_pairs", "Pairs of codes that occur together"),
    "first_code": NC_("first_code", "First code"),
    "second_code": NC_("second_code", "Second code"),
    "units_both": NC_("units_both", "Units with both codes"),
    "units_first": NC_("units_first", "Units with the first code"),
    "units_second": NC_("units_second", "Units with the second code"),
    "chart_cooccurrence_network": NC_("chart_cooccurrence_network", "Codes that occur together"),
    "note_network": NC_("note_network", "node: units with the code; edge: units with both"),
    # Outputs of a large run: a sheet cut at Excel's row limit, a report that highlights some documents.
    "note_rows_cut": NC_("note_rows_cut", "Only the first {shown} of {total} rows are on this sheet: {left} rows "
                                          "are left out, as a sheet holds at most {limit} rows. The full list is "
                                          "{file} in the run folder ({folder})."),
    "note_documents_cut": NC_("note_documents_cut", "Highlighted text is shown for {shown} of {total} documents "
                                                    "({left} left out); the tables and charts cover all of them. "
                                                    "Choose documents with 'coding export … --html-doc DOC_ID', or "
                                                    "show more with --html-documents N."),
    "unit_sentence": NC_("unit_sentence", "sentence"),
    "unit_paragraph": NC_("unit_paragraph", "paragraph"),
    "unit_document": NC_("unit_document", "document"),
}


def caption(key: str, lang: str) -> str:
    """The caption ``key`` in label language ``lang`` (kk, ru or en), from the interface catalogs;
    e.g. ``caption("year", "ru")``."""
    return pgettext_in(lang, key, CAPTIONS[key])


def count_text(value: int, lang: str) -> str:
    """A whole number as text in ``lang``: 1 048 576 in kk and ru (narrow spaces), 1,048,576 in en."""
    text = f"{int(value):,}"
    return text if lang == "en" else text.replace(",", "\u202f")


def check_label_lang(lang: str) -> None:
    """Raise InputError unless ``lang`` is a label language (kk, ru, en)."""
    if lang not in LABEL_LANGS:
        raise InputError(_("'{lang}' is not a label language").format(lang=lang),
                         hint=_("use one of: {choices}").format(choices=', '.join(LABEL_LANGS)))


def value_label(value: Any, lang: str) -> str:
    """A data value as shown: empty → ``(none)`` in ``lang``, a language code → its name, else as is."""
    text = "" if value is None or (isinstance(value, float) and pd.isna(value)) else str(value)
    if not text:
        return caption("none", lang)
    if f"lang_{text}" in CAPTIONS:
        return caption(f"lang_{text}", lang)
    return text


REWRITE_HINT = N_("run 'coding code' again to rewrite the results")


def _read_csv(path: Path) -> pd.DataFrame:
    # Read every cell as text first: a doc_id "007" or a date "2020" must not turn into a number.
    try:
        return pd.read_csv(path, encoding="utf-8-sig", dtype=str, keep_default_na=False)
    except (pd.errors.ParserError, UnicodeDecodeError, pd.errors.EmptyDataError) as error:
        raise InputError(_("cannot be read as a CSV table ({error})").format(error=error), path=path,
                         hint=_(REWRITE_HINT)) from None


def _numeric(table: pd.DataFrame, columns: Sequence[str], path: Path, *, blank: str = "0") -> pd.DataFrame:
    """``columns`` as numbers; an empty cell reads as ``blank`` ("0", or "nan" where empty means not
    measured: a code with no term in a language)."""
    table = table.copy()
    for column in columns:
        if column not in table.columns:
            continue
        cells = table[column]
        values = pd.to_numeric(cells.replace("", blank), errors="coerce")
        bad = values.isna() & (cells != "")
        if bad.any():
            # The index counts the file's rows from 0, under a header line: row i is line i + 2.
            line = int(values.index[bad.to_numpy()][0]) + 2
            raise InputError(_("column '{column}' holds a value that is not a number").format(column=column), path=path,
                             line=line,
                             hint=_(REWRITE_HINT))
        table[column] = values
    return table


def csv_header(path: str | Path) -> list[str]:
    """The column names of a CSV table (its first line), read without the rows.

    Raises:
        InputError: the file cannot be read or has no header.
    """
    path = Path(path)
    try:
        with open(path, encoding="utf-8-sig", newline="") as handle:
            header = next(csv.reader(handle), [])
    except (OSError, UnicodeDecodeError, csv.Error) as error:
        raise InputError(_("cannot be read as a CSV table ({error})").format(error=error), path=path,
                         hint=_(REWRITE_HINT)) from None
    if not header:
        raise InputError(_("cannot be read as a CSV table (it is empty)"), path=path, hint=_(REWRITE_HINT))
    return header


def read_chunks(path: str | Path, columns: Sequence[str] | None = None, *, numeric: Collection[str] = (),
                chunksize: int | None = None) -> Iterator[pd.DataFrame]:
    """A CSV table of a run in chunks of ``chunksize`` rows (default: ``CHUNK_ROWS``), so that a table of
    any size is read in bounded memory.

    Args:
        path: the CSV file (UTF-8, with or without a BOM).
        columns: the columns to read, in this order (default: all); a column the file lacks comes as
            empty text, as in a run whose manifest has no such column.
        numeric: the columns to turn into numbers (an empty cell counts 0); the rest stay text.
        chunksize: rows per chunk.

    Each chunk's index numbers the rows of the whole file from 0 (the row of segments.csv that the HTML
    report's ``data-segs`` refer to).

    Raises:
        InputError: the file cannot be parsed, or a numeric column holds text.
    """
    path = Path(path)
    header = csv_header(path)
    wanted = list(dict.fromkeys(header if columns is None else columns))
    present = [c for c in wanted if c in header] or header[:1]  # pandas needs a column to count rows by
    convert = [c for c in wanted if c in numeric and c in header]
    try:
        with pd.read_csv(path, encoding="utf-8-sig", dtype=str, keep_default_na=False, usecols=present,
                         chunksize=chunksize or CHUNK_ROWS) as reader:
            for chunk in reader:
                yield _numeric(chunk.reindex(columns=wanted, fill_value=""), convert, path)
    except (pd.errors.ParserError, UnicodeDecodeError) as error:
        raise InputError(_("cannot be read as a CSV table ({error})").format(error=error), path=path,
                         hint=_(REWRITE_HINT)) from None


def _locate(recorded: str, run_dir: Path) -> Path:
    """A path recorded in run.json: absolute as is; relative to the folder 'coding code' ran in, which is
    the current folder or, when the run folder was written inside the project, one of its parents."""
    path = Path(recorded)
    if path.is_absolute() or not recorded:
        return path
    for base in (Path.cwd(), *run_dir.resolve().parents):
        if (base / path).exists():
            return base / path
    return path


@dataclass(frozen=True, eq=False)
class Results:
    """The results of one run: its small CSV tables (pandas), run.json, chunked readers of segments.csv and
    units.csv, and where its corpus and codebook are.

    ``codebook`` loads on first use and raises when the file changed since the run; ``documents_in_run``
    reloads documents one at a time and raises when one changed.
    """

    run_dir: Path
    provenance: dict[str, Any]
    frequencies: pd.DataFrame
    frequencies_by_source_type: pd.DataFrame
    frequencies_by_language: pd.DataFrame
    documents: pd.DataFrame
    crosstabs: Mapping[str, pd.DataFrame] = field(default_factory=dict)
    corpus_root: Path = Path()
    codebook_path: Path = Path()
    segment_columns: tuple[str, ...] = ()
    unit_columns: tuple[str, ...] = ()

    @property
    def codes(self) -> list[str]:
        """The code ids in codebook order."""
        return list(self.frequencies["code"])

    def iter_segments(self, columns: Sequence[str] | None = None, *,
                      chunksize: int | None = None) -> Iterator[pd.DataFrame]:
        """segments.csv in chunks (see ``read_chunks``): one row per match; start, end and tone_score are
        numbers. ``columns`` picks columns; the index is the row's number in segments.csv."""
        return read_chunks(self.run_dir / "segments.csv", columns, numeric=_COUNT_COLUMNS["segments"],
                           chunksize=chunksize)

    def iter_units(self, columns: Sequence[str] | None = None, *,
                   chunksize: int | None = None) -> Iterator[pd.DataFrame]:
        """units.csv in chunks: one row per coded unit; words, tone_score and each code's count are numbers."""
        return read_chunks(self.run_dir / "units.csv", columns,
                           numeric=(*_COUNT_COLUMNS["units"], *self.codes), chunksize=chunksize)

    @cached_property
    def segment_count(self) -> int:
        """The rows of segments.csv: from run.json's counts, or counted when it has none."""
        return self._count("segments", self.iter_segments)

    @cached_property
    def coded_unit_count(self) -> int:
        """The rows of units.csv (coded units): from run.json's counts, or counted when it has none."""
        return self._count("coded_units", self.iter_units)

    def _count(self, key: str, chunks: Any) -> int:
        recorded = (self.provenance.get("counts") or {}).get(key)
        if isinstance(recorded, int) and not isinstance(recorded, bool):
            return recorded
        return sum(len(chunk) for chunk in chunks(columns=[]))

    @cached_property
    def codebook(self) -> Codebook:
        """The run's codebook, reloaded; raises CodebookError when it is missing or changed."""
        recorded = self.provenance.get("codebook", {})
        if not self.codebook_path.is_file():
            raise CodebookError(_("the run's codebook cannot be found"), path=self.codebook_path,
                                hint=_("pass its current location with --codebook FILE"))
        book = load_codebook(self.codebook_path)
        if recorded.get("sha256") and book.sha256 != recorded["sha256"]:
            raise CodebookError(_("the codebook changed since the run (its SHA-256 differs from run.json)"),
                                path=self.codebook_path,
                                hint=_("run 'coding code' again with this codebook, or restore the old one"))
        missing = [code for code in self.codes if code not in {c.id for c in book.codes}]
        if missing:
            raise CodebookError(_("the codebook has no code '{missing}' of the run").format(missing=missing[0]),
                                path=self.codebook_path, hint=_("run 'coding code' again with this codebook"))
        return book

    @cached_property
    def corpus_source(self) -> CorpusSource:
        """The run's corpus folder, opened for streaming (its manifest read, no document yet); raises
        CorpusError when the folder cannot be found."""
        from coding.corpus import open_corpus

        if not self.corpus_root.is_dir():
            raise CorpusError(_("the run's corpus folder cannot be found"), path=self.corpus_root,
                              hint=_("pass its current location with --corpus DIR"))
        return open_corpus(self.corpus_root)

    def documents_in_run(self, only: Collection[str] | None = None) -> Iterator[Document]:
        """The run's documents (or those of ``only``), reloaded one at a time in corpus order — the order
        of documents.csv — each checked against its SHA-256 in run.json.

        Raises:
            CorpusError: a document changed since the run (when it is met), or is gone (at the end).
        """
        wanted = [d for d in self.documents["doc_id"] if only is None or d in only]
        recorded = {d["doc_id"]: d for d in self.provenance.get("corpus", {}).get("documents", [])}
        pending = dict.fromkeys(wanted)
        for document in self.corpus_source.documents(only=set(wanted)):
            expected = recorded.get(document.doc_id, {}).get("sha256")
            if expected and document.sha256 != expected:
                raise CorpusError(_("the corpus changed since the run: '{path}' differs from the "
                                  "file that was coded (SHA-256)").format(path=document.path), path=self.corpus_root,
                                  hint=_("restore the file, or run 'coding code' again"))
            pending.pop(document.doc_id, None)
            yield document
        for doc_id in pending:
            raise CorpusError(_("the corpus changed since the run: document '{doc_id}' "
                              "({file}) is gone").format(doc_id=doc_id, file=recorded.get(doc_id, {}).get('file', '')),
                              path=self.corpus_root,
                              hint=_("restore the file, or run 'coding code' again"))

    def changes_since_run(self) -> list[str]:
        """What changed in the corpus since the run (the manifest, documents changed or gone), as lines
        to warn with; empty when nothing did. Reads every document's bytes (not its text)."""
        corpus = self.provenance.get("corpus", {})
        changes = []
        source = self.corpus_source
        recorded = corpus.get("manifest_sha256")
        if recorded and (source.manifest is None or file_sha256(Path(source.manifest)) != recorded):
            changes.append(_("the manifest changed since the run (its SHA-256 differs): the tables keep the "
                             "metadata it had then"))
        changed, gone = [], []
        for entry in corpus.get("documents", []):
            path = self.corpus_root / entry.get("file", "")
            if not path.is_file():
                gone.append(entry.get("file", ""))
            elif entry.get("sha256") and file_sha256(path) != entry["sha256"]:
                changed.append(entry.get("file", ""))
        messages = (N_("{count} document(s) of the run changed since it ran (first: '{file}'): the results are "
                       "those of the files that were coded"),
                    N_("{count} document(s) of the run are gone since it ran (first: '{file}'): the results are "
                       "those of the files that were coded"))
        for files, message in zip((changed, gone), messages, strict=True):
            if files:
                changes.append(_(message).format(count=len(files), file=files[0]))
        return changes

    def check_offsets(self, document: Document, segments: pd.DataFrame) -> None:
        """Raise CorpusError unless every segment of ``document`` (rows of segments.csv: unit_id, start, end,
        surface) lies where the run found it in the reloaded text."""
        # The same file can normalise differently under another version of the package: then the
        # highlights would land on the wrong words, which is worse than no report.
        text = document.text
        for row in segments.itertuples(index=False):
            if text[int(row.start):int(row.end)] != row.surface:
                raise CorpusError(_("segment '{surface}' of {unit_id} is not at {start}–{end} "
                                  "of the reloaded text").format(surface=row.surface, unit_id=row.unit_id,
                                                                 start=row.start, end=row.end), path=self.corpus_root,
                                  hint=_("the text is normalised differently now; run 'coding code' again"))

    def segments_of(self, doc_ids: Collection[str], columns: Sequence[str] | None = None) -> pd.DataFrame:
        """The rows of segments.csv of these documents (one pass over the file; the index is each row's
        number in segments.csv). Memory grows with their segments only."""
        wanted = set(doc_ids)
        names = None if columns is None else list(dict.fromkeys(["doc_id", *columns]))
        parts = [chunk[chunk["doc_id"].isin(wanted)] for chunk in self.iter_segments(names)]
        if not parts:
            return pd.DataFrame(columns=names if names is not None else list(self.segment_columns))
        return pd.concat(parts)

    @cached_property
    def statistics(self) -> RunStatistics:
        """The run's group comparison and co-occurrence (``run_statistics``), computed once."""
        return run_statistics(self)

    def label(self, code: str, lang: str) -> str:
        """A code's label in ``lang`` (from the codebook)."""
        return self.codebook.code(code).label_in(lang)

    def direction_label(self, direction: str, lang: str) -> str:
        """A direction's label in ``lang``; ``unspecified`` and unknown ids as captions or as written."""
        if direction == "unspecified":
            return caption("unspecified", lang)
        for entry in self.codebook.directions:
            if entry.id == direction:
                return entry.label_in(lang)
        return direction

    def check_output(self, path: Path, *, folder: bool = False) -> None:
        """Refuse an output inside the corpus folder, a file where a folder is wanted and the reverse
        (raises OutputError)."""
        if self.corpus_root != Path() and is_inside(path, self.corpus_root):
            raise OutputError(_("'{path}' is inside the corpus folder '{corpus_root}', which is never "
                              "written to").format(path=path, corpus_root=self.corpus_root),
                              hint=_("choose a path outside the corpus, e.g. reports/"))
        if folder and path.exists() and not path.is_dir():
            raise OutputError(_("'{path}' exists and is not a folder").format(path=path),
                              hint=_("choose a folder for the charts"))
        if not folder and path.is_dir():
            raise OutputError(_("'{path}' is a folder").format(path=path),
                              hint=_("give a file name, e.g. {value}.*").format(value=path / 'results'))


def run_corpus_root(run_dir: str | Path, corpus: str | Path | None = None) -> Path | None:
    """Where a run's corpus folder is (``corpus`` when given, else as run.json records it), reading
    nothing but run.json; None when it is unknown."""
    if corpus is not None:
        return Path(corpus)
    try:
        provenance = json.loads((Path(run_dir) / "run.json").read_text(encoding="utf-8"))
        recorded = str(provenance.get("corpus", {}).get("root", ""))
    except (OSError, ValueError, AttributeError):
        return None  # not a run folder: the command that reads it says so
    return _locate(recorded, Path(run_dir)) if recorded else None


def check_run_outputs(run_dir: str | Path, *outputs: str | Path | None, corpus: str | Path | None = None) -> None:
    """Refuse, before any work, an output of a run's export that lies inside the run's corpus folder or
    whose name is too long for the system (raises OutputError). ``None`` outputs are skipped."""
    root = run_corpus_root(run_dir, corpus)
    for out in outputs:
        if out is not None:
            check_output_file(Path(out), root)


def load_results(run_dir: str | Path, *, corpus: str | Path | None = None,
                 codebook: str | Path | None = None) -> Results:
    """Read the results of ``coding code … --out RUN_DIR``: the small tables whole, the headers of
    segments.csv and units.csv (their rows are read in chunks when asked for).

    Args:
        run_dir: the run folder.
        corpus: the corpus folder, when it moved since the run (default: as recorded in run.json).
        codebook: the codebook file, when it moved since the run.

    Raises:
        InputError: RUN_DIR is not a run folder, or one of its files is missing or unreadable.
    """
    run_dir = Path(run_dir)
    hint = _("run 'coding code CORPUS --codebook FILE --out {run_dir}' first").format(run_dir=run_dir)
    again = f"{hint.replace(' first', ' again')} with --force"
    if not run_dir.is_dir() or not (run_dir / "run.json").is_file():
        raise InputError(_("is not a run folder (it has no run.json)"), path=run_dir, hint=hint)
    for name in REQUIRED_FILES:
        if not (run_dir / name).is_file():
            raise InputError(_("{name} is missing from the run folder").format(name=name), path=run_dir / name,
                             hint=again)
    try:
        provenance = json.loads((run_dir / "run.json").read_text(encoding="utf-8"))
    except (json.JSONDecodeError, UnicodeDecodeError) as error:
        raise InputError(_("run.json is not valid JSON ({error})").format(error=error), path=run_dir / "run.json",
                         hint=again) from None
    if not isinstance(provenance, dict):
        raise InputError(_("run.json is not a coding run's provenance"), path=run_dir / "run.json", hint=again)
    check_run_files(run_dir, provenance, again)
    headers = {name: csv_header(run_dir / name) for name in STREAMED_FILES}
    tables = {name: _read_csv(run_dir / name) for name in REQUIRED_FILES[1:] if name not in STREAMED_FILES}
    # frequencies_by_language.csv names its documents column for what it counts (see coding.tables).
    tables["frequencies_by_language.csv"] = tables["frequencies_by_language.csv"].rename(
        columns={"documents_with_lang_units": "documents"})
    for name in REQUIRED_FILES[1:]:
        columns = headers[name] if name in headers else list(tables[name].columns)
        missing = [c for c in _REQUIRED_COLUMNS.get(name, ()) if c not in columns]
        if missing:
            raise InputError(_("has no column '{missing}'").format(missing=missing[0]), path=run_dir / name, hint=again)
    codes = list(tables["frequencies.csv"]["code"])
    numeric = {
        "frequencies.csv": _COUNT_COLUMNS["frequencies"],
        "frequencies_by_source_type.csv": _COUNT_COLUMNS["frequencies"],
        "frequencies_by_language.csv": _COUNT_COLUMNS["frequencies"],
        "documents.csv": (*_COUNT_COLUMNS["documents"], *codes),
    }
    tables = {name: _numeric(table, list(numeric[name]), run_dir / name,
                             blank="nan" if name == "frequencies_by_language.csv" else "0")
              for name, table in tables.items()}
    crosstabs = {}
    for key, name in CROSSTAB_FILES.items():
        if (run_dir / name).is_file():
            table = _read_csv(run_dir / name)
            crosstabs[key] = _numeric(table, list(table.columns[1:]), run_dir / name)
    recorded_root = corpus if corpus is not None else provenance.get("corpus", {}).get("root", "")
    recorded_book = codebook if codebook is not None else provenance.get("codebook", {}).get("path", "")
    return Results(
        run_dir=run_dir, provenance=provenance, frequencies=tables["frequencies.csv"],
        frequencies_by_source_type=tables["frequencies_by_source_type.csv"],
        frequencies_by_language=tables["frequencies_by_language.csv"], documents=tables["documents.csv"],
        crosstabs=crosstabs,
        corpus_root=Path(corpus) if corpus is not None else _locate(str(recorded_root), run_dir),
        codebook_path=Path(codebook) if codebook is not None else _locate(str(recorded_book), run_dir),
        segment_columns=tuple(headers["segments.csv"]), unit_columns=tuple(headers["units.csv"]),
    )


# Tables derived for publication. Each is a pure function of the CSV tables above; those that need
# units.csv or segments.csv read them in one pass of chunks.


@dataclass(frozen=True)
class Band:
    """One block of frequency columns: all units, or the units of one source type or one language."""

    by: Literal["all", "source_type", "lang"]
    value: str
    table: pd.DataFrame  # indexed by code: occurrences, per_1000_words, documents, units, words

    def title(self, lang: str) -> str:
        """The band's heading in ``lang``."""
        return caption("all", lang) if self.by == "all" else value_label(self.value, lang)


def frequency_bands(results: Results) -> list[Band]:
    """The frequency blocks shown side by side: all units, then each source type, then each language."""
    columns = [*MEASURES, "words"]
    bands = [Band("all", "", results.frequencies.set_index("code")[columns])]
    for by, table in (("source_type", results.frequencies_by_source_type),
                      ("lang", results.frequencies_by_language)):
        for value in sorted(table[by].unique(), key=str):
            part = table[table[by] == value].set_index("code").reindex(results.codes)[columns]
            bands.append(Band(by, str(value), part.fillna(0)))  # type: ignore[arg-type]
    return bands


def group_totals(results: Results, lang: str) -> pd.DataFrame:
    """Per codebook group (and one row for all codes), in every band: occurrences, per 1,000 words,
    documents and units holding any code of the group (each counted once).

    Occurrences come from the frequency tables; documents and units from one pass over units.csv, whose
    rows are the coded units (a unit holds a code when its count is above 0), so a unit is one row and a
    document is one flag per band.

    Returns a table indexed by the group's display name, with columns ``(band index, measure)``; the
    bands are those of ``frequency_bands``.
    """
    groups = list(dict.fromkeys(results.frequencies["group"]))
    code_group = dict(zip(results.frequencies["code"], results.frequencies["group"], strict=True))
    bands = frequency_bands(results)
    members = [[c for c in results.codes if group is None or code_group[c] == group] for group in [*groups, None]]
    doc_index = pd.Index(results.documents["doc_id"])
    units = np.zeros((len(members), len(bands)), dtype=np.int64)
    flags = np.zeros((len(members), len(bands), len(doc_index)), dtype=bool)
    strays: dict[tuple[int, int], set[str]] = {}  # documents of units.csv missing from documents.csv
    columns = ["doc_id", "source_type", "lang", *results.codes]
    for chunk in results.iter_units(columns):
        where = doc_index.get_indexer(chunk["doc_id"])
        in_band = [np.ones(len(chunk), dtype=bool) if band.by == "all"
                   else (chunk[band.by] == band.value).to_numpy() for band in bands]
        for g, codes in enumerate(members):
            holds = (chunk[codes].to_numpy() > 0).any(axis=1) if codes else np.zeros(len(chunk), dtype=bool)
            for b, band_rows in enumerate(in_band):
                rows = holds & band_rows
                units[g, b] += int(rows.sum())
                known = rows & (where >= 0)
                flags[g, b, where[known]] = True
                if (rows & (where < 0)).any():
                    strays.setdefault((g, b), set()).update(chunk["doc_id"][rows & (where < 0)])
    rows_out, names = [], []
    for g, group in enumerate([*groups, None]):
        names.append(caption("all_codes", lang) if group is None else value_label(group, lang))
        row: dict[tuple[int, str], Any] = {}
        for b, band in enumerate(bands):
            occurrences = int(band.table.loc[members[g], "occurrences"].sum())
            words = int(band.table["words"].max()) if len(band.table) else 0
            row[(b, "occurrences")] = occurrences
            row[(b, "per_1000_words")] = round(1000 * occurrences / words, 4) if words else 0.0
            row[(b, "documents")] = int(flags[g, b].sum()) + len(strays.get((g, b), ()))
            row[(b, "units")] = int(units[g, b])
        rows_out.append(row)
    if len(groups) == 1 and groups[0] == "":
        rows_out, names = rows_out[-1:], names[-1:]  # no code has a group: the totals are all codes only
    columns_index = pd.MultiIndex.from_tuples([(i, m) for i in range(len(bands)) for m in MEASURES])
    return pd.DataFrame(rows_out, index=pd.Index(names, name="group"), columns=columns_index)


def years_of(results: Results) -> pd.Series:
    """The year of each document (first four characters of its date when they are digits, else '')."""
    dates = results.documents["date"] if "date" in results.documents.columns else \
        pd.Series("", index=results.documents.index)
    return dates.astype(str).map(lambda d: d[:4] if d[:4].isdigit() and len(d) >= 4 else "")


def year_table(results: Results) -> pd.DataFrame:
    """One row per year with a dated document: documents, words, each code's occurrences and its
    occurrences per 1,000 words (columns ``<code>`` and ``<code>:per_1000_words``). Empty without dates."""
    documents = results.documents.assign(year=years_of(results))
    dated = documents[documents["year"] != ""]
    rows = []
    for year, part in sorted(dated.groupby("year"), key=lambda item: item[0]):
        words = int(part["words"].sum())
        row: dict[str, Any] = {"year": int(year), "documents": len(part), "words": words}
        for code in results.codes:
            row[code] = int(part[code].sum())
        for code in results.codes:
            row[f"{code}:per_1000_words"] = round(1000 * row[code] / words, 4) if words else 0.0
        rows.append(row)
    columns = ["year", "documents", "words", *results.codes, *(f"{c}:per_1000_words" for c in results.codes)]
    return pd.DataFrame(rows, columns=columns)


def tone_table(results: Results) -> pd.DataFrame:
    """code × tone (coded units, from crosstab_code_tone.csv) with the total and each tone's share."""
    table = results.crosstabs["code_tone"].copy()
    for tone in TONES:
        if tone not in table.columns:
            table[tone] = 0
    table["total"] = table[list(TONES)].sum(axis=1)
    for tone in TONES:
        table[f"share_{tone}"] = (table[tone] / table["total"]).where(table["total"] > 0, 0.0)
    return table[["code", *TONES, "total", *(f"share_{t}" for t in TONES)]]


def dominant_directions(results: Results) -> pd.DataFrame:
    """How many documents have each dominant direction (documents.csv), in codebook order."""
    if "dominant_direction" not in results.documents.columns:
        return pd.DataFrame(columns=["direction", "documents"])
    counts = results.documents["dominant_direction"].value_counts()
    order = [c for c in results.crosstabs.get("code_direction", pd.DataFrame(columns=["code"])).columns[1:]]
    order += [d for d in counts.index if d not in order]
    rows = [{"direction": d, "documents": int(counts.get(d, 0))} for d in order if counts.get(d, 0)]
    return pd.DataFrame(rows, columns=["direction", "documents"])


def corpus_totals(results: Results, by: Literal["source_type", "lang"]) -> pd.DataFrame:
    """Documents, words and segments per source type or language, then a row for all (``total``).

    Documents are counted by the document's value; words and segments as in the frequency tables (by
    the unit's language), so the per-1,000 rates can be recomputed from this table. A segment is one
    occurrence of a code, so the segments of a value are the occurrences of all codes in it.
    """
    documents = results.documents
    doc_values = documents[by] if by in documents.columns else pd.Series("", index=documents.index)
    frequencies = (results.frequencies_by_source_type if by == "source_type"
                   else results.frequencies_by_language)
    words = frequencies.groupby(by)["words"].max()
    segments = frequencies.groupby(by)["occurrences"].sum()
    values = sorted(set(words.index) | set(doc_values), key=str)
    rows = [{"value": v, "total": False, "documents": int((doc_values == v).sum()),
             "words": int(words.get(v, 0)), "segments": int(segments.get(v, 0))} for v in values]
    rows.append({"value": "", "total": True, "documents": len(documents),
                 "words": int(results.frequencies["words"].max()), "segments": results.segment_count})
    return pd.DataFrame(rows, columns=["value", "total", "documents", "words", "segments"])


@dataclass(frozen=True)
class RunStatistics:
    """What ``coding stats compare RUN_DIR --by source_type`` and ``coding stats cooccur RUN_DIR`` compute,
    where the data allow it: ``comparison`` needs two source types with words, ``cooccurrence`` two codes
    with matches; otherwise each is None."""

    comparison: Comparison | None
    cooccurrence: Cooccurrence | None


def source_types_with_words(comparison: Comparison) -> list[str]:
    """The named source types (not the documents without one) whose documents have words."""
    from coding.stats.compare import NO_GROUP

    words = comparison.frequencies.groupby(comparison.by)["words"].max()
    return [g for g in comparison.groups if g != NO_GROUP and words.get(g, 0) > 0]


def group_label(value: str, lang: str) -> str:
    """A group of a comparison as shown: the documents without a source type as ``(none)`` in ``lang``."""
    from coding.stats.compare import NO_GROUP

    return caption("none", lang) if value == NO_GROUP else value_label(value, lang)


def comparison_note(test: Mapping[str, Any], lang: str) -> str:
    """The note on one row of ``Comparison.tests`` in ``lang``: Fisher's test used, an unreliable p-value,
    a code that does not occur, or nothing tested; empty when the chi-square test stands."""
    if test["test"] == "fisher":
        return caption("note_fisher", lang)
    if test["test"] == "none":
        absent = test["code"] != "(tone)" and not test["occurrences"]
        return caption("note_absent" if absent else "note_untested", lang)
    return "" if test["reliable"] else caption("note_unreliable", lang)


def run_statistics(results: Results) -> RunStatistics:
    """The statistics of the run folder, read from its CSV files by ``coding.stats.read_run`` exactly as the
    ``coding stats`` commands read them (by source type; in the run's unit)."""
    from coding.stats import compare_groups, cooccurrence, read_run

    run = read_run(results.run_dir)
    comparison = compare_groups(run, "source_type") if "source_type" in run.documents.columns else None
    if comparison is not None and len(source_types_with_words(comparison)) < 2:
        comparison = None
    together = cooccurrence(run)
    if int((together.codes["units"] > 0).sum()) < 2:
        together = None
    return RunStatistics(comparison, together)
