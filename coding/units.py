"""Coding units: a corpus cut into documents, paragraphs or sentences, each with a stable id.

Ids: ``doc_id`` for a document unit, ``doc_id:para`` for a paragraph, ``doc_id:para:sent`` for a
sentence (1-based). A unit's language is its paragraph's (a Russian quotation in a Kazakh article is
coded with the Russian terms); a document unit takes the document's language.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from coding.errors import InputError
from coding.i18n import _
from coding.records import UNIT_KINDS, Corpus, Document, Unit, UnitKind
from coding.sentences import split_sentences


def document_units(document: Document, unit: UnitKind) -> Iterator[Unit]:
    """The units of one document, in text order."""
    text = document.text
    if unit == "document":
        yield Unit(document.doc_id, document.doc_id, "document", 0, len(text), text, document.lang)
        return
    for paragraph in document.paragraphs:
        para_id = f"{document.doc_id}:{paragraph.index}"
        if unit == "paragraph":
            yield Unit(para_id, document.doc_id, "paragraph", paragraph.start, paragraph.end,
                       text[paragraph.start:paragraph.end], paragraph.lang)
            continue
        spans = paragraph.sentences or split_sentences(text, paragraph.start, paragraph.end)
        for number, (start, end) in enumerate(spans, start=1):
            yield Unit(f"{para_id}:{number}", document.doc_id, "sentence", start, end, text[start:end],
                       paragraph.lang)


def split_units(corpus: Corpus | Iterable[Document], unit: UnitKind = "sentence") -> list[Unit]:
    """Every unit of a corpus (or of some documents) at the given level.

    >>> from coding.records import Paragraph
    >>> doc = Document("d1", "d1.txt", "Бір. Екі.", "kk", (Paragraph(1, 0, 9, "kk"),), "")
    >>> [u.unit_id for u in split_units([doc], "sentence")]
    ['d1:1:1', 'd1:1:2']
    """
    if unit not in UNIT_KINDS:
        raise InputError(_("'{unit}' is not a coding unit").format(unit=unit),
                         hint=_("use one of: {choices}").format(choices=', '.join(UNIT_KINDS)))
    documents = corpus.documents if isinstance(corpus, Corpus) else corpus
    return [u for document in documents for u in document_units(document, unit)]
