"""Describing a corpus: one row per document, and totals by source type and by language.

Documents are read one at a time (``document_table`` takes any iterable of documents), so a corpus of any
size is described in the memory of its table.
"""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd

from coding.i18n import N_
from coding.records import Corpus, Document
from coding.sentences import split_sentences
from coding.tables import LANGUAGE_DOCUMENTS
from coding.units import document_languages, document_script
from coding.words import count_words

DOCUMENT_COLUMNS: tuple[str, ...] = (
    "doc_id", "language", "languages", "script", "source_type", "date", "words", "paragraphs", "sentences", "file",
)  # fmt: skip
# The language totals count each document once, under its main language (``documents``), and under every
# language it has paragraphs or sentences in (``LANGUAGE_DOCUMENTS``: what frequencies_by_language.csv
# counts, so a language may show more of these than the corpus has documents in it).
LANGUAGE_NOTE = N_("documents: by main language; documents_with_lang_units: documents with paragraphs or "
                   "sentences in the language, as frequencies_by_language.csv counts them")


def document_table(corpus: Corpus | Iterable[Document]) -> pd.DataFrame:
    """One row per document: id, language, source type, date, words, paragraphs, sentences, file."""
    rows = []
    for doc in corpus.documents if isinstance(corpus, Corpus) else corpus:
        sentences = sum(len(p.sentences or split_sentences(doc.text, p.start, p.end)) for p in doc.paragraphs)
        rows.append({
            "doc_id": doc.doc_id,
            "language": doc.lang,
            "languages": document_languages(doc),
            "script": document_script(doc),
            "source_type": doc.source_type,
            "date": doc.date,
            "words": count_words(doc.text),
            "paragraphs": len(doc.paragraphs),
            "sentences": sentences,
            "file": doc.path,
        })
    return pd.DataFrame(rows, columns=list(DOCUMENT_COLUMNS))


def totals_table(documents: pd.DataFrame, by: str) -> pd.DataFrame:
    """Documents, words, paragraphs and sentences summed per value of ``by`` (with an ``all`` row); by
    ``language``, also the documents with text in each language (see ``LANGUAGE_NOTE``)."""
    grouped = documents.assign(documents=1).groupby(by, dropna=False)[
        ["documents", "words", "paragraphs", "sentences"]
    ].sum()
    grouped.index = [value if value else "(none)" for value in grouped.index]
    grouped.loc["all"] = grouped.sum()
    if by == "language":
        # Every language a document has text in, main or not: a language only quoted gets a row too.
        having = documents["languages"].str.split(",").explode().value_counts()
        grouped = grouped.reindex([*sorted(set(grouped.index[:-1]) | set(having.index)), "all"], fill_value=0)
        grouped[LANGUAGE_DOCUMENTS] = [int(having.get(lang, 0)) if lang != "all" else len(documents)
                                       for lang in grouped.index]
    grouped.index.name = by
    return grouped.reset_index()


def corpus_summary(corpus: Corpus, documents: pd.DataFrame | None = None) -> dict:
    """A JSON-ready description: documents, totals by source type and language, unreadable files.
    ``documents`` (from ``document_table``) saves reading the documents again."""
    documents = document_table(corpus) if documents is None else documents
    return {
        "root": corpus.root,
        "manifest": corpus.manifest,
        "documents": documents.to_dict(orient="records"),
        "by_source_type": totals_table(documents, "source_type").to_dict(orient="records"),
        "by_language": totals_table(documents, "language").to_dict(orient="records"),
        "problems": [str(problem) for problem in corpus.problems],
    }
