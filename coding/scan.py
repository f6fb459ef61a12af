"""Reading a corpus on a codebook's behalf: documents streamed one at a time (through the analysis
cache), cut into units whose words carry their lemma candidates.

``scan_units`` is what the corpus diagnostics of ``codebook check``, ``codebook forms`` and ``suggest`` read:
a document's word types are looked up in the analysis cache at once (``know_words``) and the words it had
to analyse anew are stored back, so a second run over the same corpus analyses nothing again.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from coding.cache import AnalysisCache, check_cache_dir, default_cache_dir, document_key, encode_analysis
from coding.corpus import CorpusSource, open_corpus
from coding.errors import ReaderError
from coding.matcher import UnitWords, WordTypes, document_types, take_new_words, unit_words, use_word_store
from coding.records import Document, Unit, UnitKind
from coding.units import document_units

# New word analyses are written back to the cache every this many documents (and at the end).
STORE_EVERY = 200


@dataclass(frozen=True)
class AnalysedUnit:
    """A unit with its words (lower-cased, with their lemma candidates)."""

    unit: Unit
    words: UnitWords


def open_cache(source: CorpusSource, folder: Path | None, *, enabled: bool = True) -> AnalysisCache | None:
    """The analysis cache to read and fill (``folder`` or the default one), or None when disabled."""
    if not enabled:
        return None
    folder = folder or default_cache_dir()
    check_cache_dir(folder, [source.root])
    return AnalysisCache(folder)


@contextmanager
def reading_corpus(corpus: str | Path, cache_folder: Path | None = None, *,
                   use_cache: bool = True) -> Iterator[tuple[CorpusSource, AnalysisCache | None]]:
    """Open a corpus folder (its manifest checked) and the analysis cache for a scan; the cache is closed
    at the end. Raises CorpusError for a missing folder or a manifest with problems."""
    source = open_corpus(corpus)
    source.check()
    cache = open_cache(source, cache_folder, enabled=use_cache)
    try:
        yield source, cache
    finally:
        if cache is not None:
            cache.close()


def scan_units(source: CorpusSource, unit: UnitKind = "sentence", *, cache: AnalysisCache | None = None,
               lang: str | None = None, on_new_words: Callable[[set[str], str], None] | None = None,
               ) -> Iterator[tuple[Document, list[AnalysedUnit]]]:
    """Each document of ``source`` with its units (only those in ``lang`` when given), in corpus order.

    The word types a document brings for the first time in the scan are analysed (or read from the cache)
    before it is yielded, and given to ``on_new_words(types, lang)`` (e.g. ``Matcher.learn``): a type
    met before costs nothing again. Files that cannot be read are skipped and recorded in
    ``source.problems``.
    """
    use_word_store(cache, uuid.uuid4().hex)
    seen = WordTypes()
    analyses: list[tuple[str, str, bytes]] = []  # new document analyses, written in one transaction a batch
    try:
        for number, document in enumerate(_documents(source, cache, analyses), start=1):
            units = [AnalysedUnit(item, unit_words(item)) for item in document_units(document, unit)
                     if lang is None or item.lang == lang]
            for word_lang, found in document_types(analysed.words for analysed in units).items():
                new = seen.new(found, word_lang)
                if new and on_new_words is not None:
                    on_new_words(new, word_lang)
            yield document, units
            if cache is not None and number % STORE_EVERY == 0:
                cache.store(analyses, take_new_words())
                analyses.clear()
    finally:
        if cache is not None:
            cache.store(analyses, take_new_words())
        use_word_store(None)


def _documents(source: CorpusSource, cache: AnalysisCache | None,
               analyses: list[tuple[str, str, bytes]]) -> Iterator[Document]:
    """The documents of ``source`` as ``CorpusSource.documents`` gives them, the new analyses added to
    ``analyses`` for the caller to store in batches (one transaction per document costs a twentieth of a
    cold scan)."""
    for item in source.sources():
        try:
            document, computed = item.load(cache.document if cache is not None else None)
        except ReaderError as problem:
            source.problems.append(problem)
            continue
        if computed and cache is not None:
            digest, data = encode_analysis(document.text, document.lang, document.paragraphs)
            analyses.append((document_key(document.sha256, item.values.get("language") or ""), digest, data))
        yield document
