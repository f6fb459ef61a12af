"""Coding units: a corpus cut into documents, paragraphs or sentences, each with a stable id.

Ids: ``doc_id`` for a document unit, ``doc_id:para`` for a paragraph, ``doc_id:para:sent`` for a
sentence (1-based). A sentence unit's language is its own (a Russian quotation in a Kazakh paragraph is
coded with the Russian terms, see ``Paragraph.runs``); a paragraph unit has its main language and, when it
mixes languages, its runs, each matched in its own language; a document unit takes the document's language.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from coding.errors import InputError
from coding.i18n import _
from coding.records import UNIT_KINDS, Corpus, Document, Lang, Paragraph, Run, Script, Unit, UnitKind
from coding.sentences import split_sentences


def document_units(document: Document, unit: UnitKind) -> Iterator[Unit]:
    """The units of one document, in text order."""
    text = document.text
    if unit == "document":
        yield Unit(document.doc_id, document.doc_id, "document", 0, len(text), text, document.lang,
                   document_script(document), document_runs(document))
        return
    for paragraph in document.paragraphs:
        para_id = f"{document.doc_id}:{paragraph.index}"
        if unit == "paragraph":
            yield Unit(para_id, document.doc_id, "paragraph", paragraph.start, paragraph.end,
                       text[paragraph.start:paragraph.end], paragraph.lang, paragraph.script, paragraph.runs)
            continue
        spans = paragraph.sentences or split_sentences(text, paragraph.start, paragraph.end)
        for number, (start, end) in enumerate(spans, start=1):
            lang, script, runs = paragraph.lang, paragraph.script, ()
            if paragraph.runs:
                lang, script, runs = _sentence_runs(paragraph, start, end)
            yield Unit(f"{para_id}:{number}", document.doc_id, "sentence", start, end, text[start:end],
                       lang, script, runs)


def _sentence_runs(paragraph: Paragraph, start: int, end: int) -> tuple[Lang, Script, tuple[Run, ...]]:
    """The language, script and runs of the sentence ``start:end`` of a paragraph with runs: a sentence
    inside one run takes its language; one that holds a quotation in another language keeps both runs."""
    inside = [(max(s, start), min(e, end), lang, script) for s, e, lang, script in paragraph.runs
              if s < end and e > start]
    if not inside:
        return paragraph.lang, paragraph.script, ()
    main = max(inside, key=lambda run: run[1] - run[0])
    if len({run[2] for run in inside}) < 2:
        return main[2], main[3], ()
    return main[2], main[3], tuple(inside)


def document_script(document: Document) -> str:
    """The scripts of a document's paragraphs, the one holding most characters first: ``Cyrl``, ``Latn``
    or ``Cyrl,Latn`` (a script is listed when it holds at least a tenth of the text)."""
    sizes: dict[str, int] = {}
    for paragraph in document.paragraphs:
        for start, end, _lang, script in paragraph.runs or ((paragraph.start, paragraph.end, "", paragraph.script),):
            if script:
                sizes[script] = sizes.get(script, 0) + end - start
    total = sum(sizes.values())
    ranked = sorted(sizes, key=lambda script: -sizes[script])
    return ",".join(s for i, s in enumerate(ranked) if i == 0 or sizes[s] * 10 >= total)


def document_runs(document: Document) -> tuple[Run, ...]:
    """The language runs of a whole document (each paragraph, or its runs), when it has more than one
    language; empty otherwise."""
    runs: list[Run] = []
    for p in document.paragraphs:
        runs.extend(p.runs or ((p.start, p.end, p.lang, p.script),))
    if len({run[2] for run in runs}) < 2:
        return ()
    return tuple(runs)


def document_languages(document: Document) -> str:
    """The languages of a document's paragraphs and runs, its main language first: ``kk`` or ``kk,ru``."""
    found = [document.lang]
    for paragraph in document.paragraphs:
        found.extend(run[2] for run in paragraph.runs) if paragraph.runs else found.append(paragraph.lang)
    return ",".join(dict.fromkeys(lang for lang in found if lang != "other") or ("other",))


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
