"""Describing a corpus: one row per document, and totals by source type and by language.

Documents are read one at a time (``document_table`` takes any iterable of documents), so a corpus of any
size is described in the memory of its table.
"""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd

from coding.records import Corpus, Document
from coding.sentences import split_sentences
from coding.words import count_words

DOCUMENT_COLUMNS: tuple[str, ...] = (
    "doc_id", "language", "source_type", "date", "words", "paragraphs", "sentences", "file",
)  # fmt: skip


def document_table(corpus: Corpus | Iterable[Document]) -> pd.DataFrame:
    """One row per document: id, language, source type, date, words, paragraphs, sentences, file."""
    rows = []
    for doc in corpus.documents if isinstance(corpus, Corpus) else corpus:
        sentences = sum(len(p.sentences or split_sentences(doc.text, p.start, p.end)) for p in doc.paragraphs)
        rows.append({
            "doc_id": doc.doc_id,
            "language": doc.lang,
            "source_type": doc.source_type,
            "date": doc.date,
            "words": count_words(doc.text),
            "paragraphs": len(doc.paragraphs),
            "sentences": sentences,
            "file": doc.path,
        })
    return pd.DataFrame(rows, columns=list(DOCUMENT_COLUMNS))


def totals_table(documents: pd.DataFrame, by: str) -> pd.DataFrame:
    """Documents, words, paragraphs and sentences summed per value of ``by`` (with an ``all`` row)."""
    grouped = documents.assign(documents=1).groupby(by, dropna=False)[
        ["documents", "words", "paragraphs", "sentences"]
    ].sum()
    grouped.index = [value if value else "(none)" for value in grouped.index]
    grouped.loc["all"] = grouped.sum()
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
