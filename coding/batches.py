"""Coding a batch of documents: the pure function every engine runs, and how batches are cut.

``code_batch(items, job)`` takes documents (loaded ``Document``s, or ``DocumentSource``s that it loads,
through the analysis cache when the job has one) and returns a ``Partial``: the rows the documents add to
segments.csv, units.csv and documents.csv, the counters of the summary tables, the provenance of each
document, the files that could not be read, and the new analyses for the cache. Its result depends on
the documents and the job only, so a batch gives the same partial in this process, a worker process or a
cluster node, and partials merged in document order give the same run whatever the batch size.
"""

from __future__ import annotations

import gc
import hashlib
import pickle
import uuid
from collections.abc import Iterable, Iterator, Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field
from typing import Any

from coding.cache import (
    AnalysisCache,
    document_key,
    encode_analysis,
    encode_tones,
    encode_unit_words,
    tone_key,
    unit_words_key,
)
from coding.codebook import Codebook
from coding.codings import DirectionsFor, code_units, merge_into_documents, unit_tones
from coding.corpus import DocumentSource
from coding.errors import ReaderError
from coding.matcher import (
    Matcher,
    UnitWords,
    WordTypes,
    document_types,
    forget_words,
    is_number_type,
    take_new_words,
    unit_words,
    use_word_store,
)
from coding.records import Document, Unit, UnitKind
from coding.tables import Layout, Tally, document_rows, tone_rows
from coding.tone import ToneScorer, tone_scorer
from coding.units import document_units

Item = Document | DocumentSource
# A batch closes at this many documents or bytes of files, whichever comes first: big enough to keep
# worker processes busy between messages, small enough that a batch's rows are a few MB.
BATCH_DOCUMENTS = 200
BATCH_BYTES = 2_000_000
# Word types a process keeps analysed and learned at once (about 1 KB each across its caches): beyond it, it
# forgets them and reads them again from the analysis cache as they come back. 100 MB of the benchmark's
# news holds 84,000; a real archive brings new ones (names, numbers, typos) without end.
MAX_TYPES_HELD = 100_000


@dataclass(frozen=True)
class Job:
    """What every batch of a run is coded with. Picklable; ``cache`` is the cache folder or None."""

    codebook: Codebook
    unit: UnitKind
    directions_for: DirectionsFor
    layout: Layout
    cache: str | None = None
    fingerprint: str = ""
    run: str = ""  # one per run: a worker opens the cache anew for each run
    tone_rules: str = ""  # the fingerprint of what a unit's tone depends on besides its text ("": no tone)

    @classmethod
    def of(cls, codebook: Codebook, unit: UnitKind, directions_for: DirectionsFor, layout: Layout,
           cache: str | None) -> Job:
        fingerprint = hashlib.sha256(pickle.dumps((codebook, unit, directions_for, layout))).hexdigest()
        return cls(codebook, unit, directions_for, layout, cache, fingerprint, uuid.uuid4().hex,
                   tone_fingerprint(codebook))


def tone_fingerprint(codebook: Codebook) -> str:
    """What a unit's tone depends on besides its words: the tone rules (and the lexicon file's bytes), the
    lexicon package, the word analyses and the code that reads them (``versions.code_digest``). "" when
    the codebook has no tone rules."""
    from pathlib import Path

    from coding.versions import ANALYZER_VERSIONS, analyzer_version, code_digest, package_version

    rules = codebook.tone
    if rules is None:
        return ""
    lexicon = Path(rules.lexicon_file) if rules.lexicon_file else None
    lexicon_bytes = lexicon.read_bytes() if lexicon is not None and lexicon.is_file() else b""
    parts = (rules, hashlib.sha256(lexicon_bytes).hexdigest(), package_version("qaznltk"), code_digest(),
             tuple(analyzer_version(lang) for lang in ANALYZER_VERSIONS))
    return hashlib.sha256(pickle.dumps(parts)).hexdigest()[:32]


@dataclass
class Partial:
    """The result of coding a batch (see the module's docstring)."""

    segments: list[list[Any]] = field(default_factory=list)
    units: list[list[Any]] = field(default_factory=list)
    documents: list[list[Any]] = field(default_factory=list)
    tone: list[list[Any]] = field(default_factory=list)  # tone.csv rows (every unit), when the layout asks
    provenance: list[dict[str, str]] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    tally: Tally = field(default_factory=Tally)
    analyses: list[tuple[str, str, bytes]] = field(default_factory=list)
    words: dict[str, dict[str, tuple[str, ...]]] = field(default_factory=dict)
    tones: list[tuple[str, str, bytes]] = field(default_factory=list)  # new documents' tones for the cache
    unit_words: list[tuple[str, str, bytes]] = field(default_factory=list)  # and their units' words


@dataclass
class _Compiled:
    codes: Matcher
    directions: Matcher | None
    direction_order: tuple[str, ...]
    tone: ToneScorer | None
    seen: WordTypes = field(init=False)  # the word types learned in the run (set in __post_init__)
    run: str = ""
    # Whether the tone matcher skipped some documents' new types (their tones came from the cache): it is
    # then shown all of a document's types, and keeps those it has not met (``Matcher.learn`` is idempotent).
    tone_behind: bool = False

    def __post_init__(self) -> None:
        matchers = [self.codes, self.directions, *((self.tone.matcher, self.tone.modifiers) if self.tone else ())]
        self.seen = WordTypes(numbers=any(m.scans_numbers for m in matchers if m is not None))

    def learn(self, types: set[str], lang: str, *, tone: bool = True) -> None:
        """Analyse the word types of the next units and show every matcher the new ones (see
        ``Matcher.learn``); the tone matcher only when ``tone`` (the units' tones are to be scored)."""
        new = self.seen.new(types, lang)
        for matcher in (self.codes, self.directions):
            if matcher is not None and new:
                matcher.learn(new, lang)
        if self.tone is None:
            return
        if not tone:
            self.tone_behind = self.tone_behind or bool(new)
        elif self.tone_behind:
            self.tone.learn(types if self.seen.numbers else {w for w in types if not is_number_type(w)}, lang)
        elif new:
            self.tone.learn(new, lang)

    def make_room(self) -> None:
        """Past ``MAX_TYPES_HELD`` word types, forget them all (called between documents, never while one is
        coded), so the process's memory does not grow with the corpus."""
        if len(self.seen) > MAX_TYPES_HELD:
            self.forget()

    def forget(self) -> None:
        self.seen.clear()
        self.tone_behind = False
        for matcher in (self.codes, self.directions, self.tone):
            if matcher is not None:
                matcher.forget()
        forget_words()


# Per process: the compiled codebook of the current job and the open cache (workers keep them between batches).
_COMPILED: dict[str, _Compiled] = {}
_CACHES: dict[tuple[str, str], AnalysisCache] = {}


def _compiled(job: Job) -> _Compiled:
    found = _COMPILED.get(job.fingerprint)
    if found is None:
        _COMPILED.clear()
        book = job.codebook
        found = _COMPILED[job.fingerprint] = _Compiled(
            Matcher(book.codes), Matcher(book.directions) if book.directions else None,
            tuple(d.id for d in book.directions), tone_scorer(book))
    if found.run != job.run:  # a new run starts with an empty word store of this process (use_word_store)
        found.seen.clear()
        found.run = job.run
    return found


def _cache(job: Job) -> AnalysisCache | None:
    if job.cache is None:
        return None
    key = (job.cache, job.run)
    found = _CACHES.get(key)
    if found is None:
        for earlier in _CACHES.values():
            earlier.close()
        _CACHES.clear()
        found = _CACHES[key] = AnalysisCache(job.cache, readonly=True)
    return found


def code_document(document: Document, job: Job, compiled: _Compiled, partial: Partial,
                  cache: AnalysisCache | None = None, manifest_lang: str = "") -> None:
    """Code one document's units and add its rows and counts to ``partial``. With ``cache``, the units'
    tones are read from it when it holds them for these tone rules, else scored and handed on to store."""
    # Matching runs on units of one language: a document is coded paragraph by paragraph, then merged.
    by_document = job.unit == "document"
    kind = "paragraph" if by_document else job.unit
    units = list(document_units(document, kind))
    key = (tone_key(document.sha256, manifest_lang, kind, job.tone_rules)
           if cache is not None and job.tone_rules and compiled.tone is not None else None)
    stored = cache.tones(key) if key is not None else None  # type: ignore[union-attr]
    analysed = _unit_words(document, kind, units, cache, manifest_lang, partial)
    # The document's word types are analysed and shown to the matchers at once, not unit by unit.
    compiled.make_room()
    for lang, found in document_types(analysed.values()).items():
        compiled.learn(found, lang, tone=stored is None)
    # The codes' conditions hold for the coding unit: for a document, over all its paragraphs. A unit of one
    # language with no word on which a code's term starts is passed over here (most units are such units).
    codes = compiled.codes
    openers: dict[str, AbstractSet[str]] = {}
    matches = []
    for unit in units:
        words = analysed[unit.unit_id]
        if not unit.runs:
            lang = unit.lang
            opening = openers.get(lang)
            if opening is None:
                opening = openers[lang] = codes.openers(lang)
            if opening.isdisjoint(words.lowered):
                continue
        matches.extend(codes.match_unit(unit, words, learned=True, conditions=not by_document))
    if by_document:
        matches = compiled.codes.apply_conditions(matches)
    codings = code_units(units, matches, directions=compiled.directions, direction_order=compiled.direction_order,
                         tone=compiled.tone, directions_for="all" if by_document else job.directions_for,
                         analysed=analysed, learned=True, tones=stored)
    if key is not None and stored is None:
        partial.tones.append((key, *encode_tones(unit_tones(codings))))
    if by_document:
        _, matches, codings = merge_into_documents([document], matches, codings,
                                                   direction_order=compiled.direction_order,
                                                   directions_for=job.directions_for)
    segments, coded, row = document_rows(document, job.layout, codings, matches, partial.tally)
    partial.segments.extend(segments)
    partial.units.extend(coded)
    partial.documents.append(row)
    if job.layout.tone_csv:
        partial.tone.extend(tone_rows(codings))
    partial.provenance.append({"doc_id": document.doc_id, "file": document.path, "sha256": document.sha256,
                               "language": document.lang})


def _unit_words(document: Document, kind: str, units: list[Unit], cache: AnalysisCache | None,
                manifest_lang: str, partial: Partial) -> dict[str, UnitWords]:
    """Each unit's words: read from the cache when it holds them, else cut (and handed on to store)."""
    key = unit_words_key(document.sha256, manifest_lang, kind) if cache is not None and units else None
    stored = cache.unit_words(key) if key is not None else None  # type: ignore[union-attr]
    if stored is not None and len(stored) == len(units):
        return {unit.unit_id: unit_words(unit) if words is None else UnitWords(unit.text, words, unit.lang)
                for unit, words in zip(units, stored, strict=True)}
    analysed = {unit.unit_id: unit_words(unit) for unit in units}
    if key is not None:
        partial.unit_words.append((key, *encode_unit_words([None if words.parts else words.lowered
                                                            for words in analysed.values()])))
    return analysed


# Python's cyclic garbage collector scans every tracked object (the word caches hold hundreds of thousands
# of tuples) each time enough new objects pile up: with its default thresholds a fifth of a run's time. The
# pipeline makes almost no reference cycles, so during a batch it collects far less often.
GC_THRESHOLDS = (100_000, 50, 100)


def code_batch(items: Sequence[Item], job: Job) -> Partial:
    """Code a batch of documents (see the module's docstring)."""
    thresholds = gc.get_threshold()
    gc.set_threshold(*GC_THRESHOLDS)
    try:
        return _code_batch(items, job)
    finally:
        gc.set_threshold(*thresholds)


def _code_batch(items: Sequence[Item], job: Job) -> Partial:
    compiled = _compiled(job)
    cache = _cache(job)
    use_word_store(cache, job.run)
    partial = Partial()
    for item in items:
        if isinstance(item, DocumentSource):
            try:
                document, computed = item.load(cache.document if cache else None)
            except ReaderError as problem:
                partial.problems.append(str(problem))
                continue
            if computed and cache is not None:
                manifest_lang = item.values.get("language") or ""
                digest, data = encode_analysis(document.text, document.lang, document.paragraphs)
                partial.analyses.append((document_key(document.sha256, manifest_lang), digest, data))
        else:
            document = item
        code_document(document, job, compiled, partial, cache,
                      item.values.get("language") or "" if isinstance(item, DocumentSource) else "")
    partial.words = take_new_words() if cache is not None else {}
    use_word_store(None)  # words analysed outside a run (kwic, explain) are not recorded
    return partial


def cut_batches(items: Iterable[Item], *, documents: int = BATCH_DOCUMENTS,
                size: int = BATCH_BYTES) -> Iterator[list[Item]]:
    """Group documents into batches, lazily (one batch is read ahead, never more)."""
    batch: list[Item] = []
    weight = 0
    for item in items:
        batch.append(item)
        weight += item.size if isinstance(item, DocumentSource) else len(item.text) * 2
        if len(batch) >= documents or weight >= size:
            yield batch
            batch, weight = [], 0
    if batch:
        yield batch
