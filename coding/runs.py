"""A coding run: corpus + codebook + options → units, matches and codings, with provenance.

``code_corpus`` is the whole pipeline in one call; ``Run.provenance()`` is what ``run.json`` holds, enough
to reproduce the run (package version, codebook path and SHA-256, every document's SHA-256, options).
"""

from __future__ import annotations

import platform
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from coding import __version__
from coding.codebook import Codebook
from coding.codings import DirectionsFor, code_units, merge_into_documents
from coding.matcher import Matcher, UnitWords, unit_words
from coding.records import Coding, Corpus, Match, Unit, UnitKind
from coding.tone import tone_scorer
from coding.units import split_units


@dataclass(frozen=True)
class Run:
    """Everything a coding run produced, and how."""

    corpus: Corpus
    codebook: Codebook
    unit: UnitKind
    units: tuple[Unit, ...]
    matches: tuple[Match, ...]
    codings: tuple[Coding, ...]
    started: str
    duration: float
    options: dict[str, Any] = field(default_factory=dict, hash=False)

    def provenance(self) -> dict[str, Any]:
        """The contents of ``run.json``."""
        return {
            "package": "coding",
            "version": __version__,
            "python": platform.python_version(),
            "started": self.started,
            "duration_seconds": round(self.duration, 3),
            "options": {"unit": self.unit, **self.options},
            "corpus": {
                # Absolute, so that the run can be read again from any working folder.
                "root": str(Path(self.corpus.root).resolve()),
                "manifest": str(Path(self.corpus.manifest).resolve()) if self.corpus.manifest else None,
                "documents": [
                    {"doc_id": d.doc_id, "file": d.path, "sha256": d.sha256, "language": d.lang}
                    for d in self.corpus.documents
                ],
                "problems": [str(p) for p in self.corpus.problems],
            },
            "codebook": {
                "path": str(Path(self.codebook.path).resolve()) if self.codebook.path else "",
                "title": self.codebook.title,
                "version": self.codebook.version,
                "sha256": self.codebook.sha256,
            },
            "counts": {
                "documents": len(self.corpus.documents),
                "units": len(self.units),
                "coded_units": sum(1 for c in self.codings if c.counts),
                "segments": len(self.matches),
                "words": sum(c.words for c in self.codings),
            },
        }


def code_corpus(
    corpus: Corpus,
    codebook: Codebook,
    unit: UnitKind = "sentence",
    on_progress: Callable[[int, int], None] | None = None,
    directions_for: DirectionsFor = "coded",
) -> Run:
    """Code every unit of a corpus with a codebook's codes.

    Args:
        corpus: the loaded corpus.
        codebook: the validated codebook.
        unit: the coding unit: document, paragraph or sentence.
        on_progress: called now and then with (units matched, units in all), for a progress bar.
        directions_for: give directions to the units with a code match (``coded``) or to ``all``.
    """
    started = datetime.now(UTC).isoformat(timespec="seconds")
    clock = time.perf_counter()
    # Matching runs on units of one language: a document is coded paragraph by paragraph, then merged.
    by_document = unit == "document"
    units = split_units(corpus, "paragraph" if by_document else unit)
    matcher = Matcher(codebook.codes)
    matches: list[Match] = []
    analysed: dict[str, UnitWords] = {}
    for number, item in enumerate(units, start=1):
        analysed[item.unit_id] = words = unit_words(item)
        matches.extend(matcher.match_unit(item, words))
        if on_progress and (number % 500 == 0 or number == len(units)):
            on_progress(number, len(units))
    direction_order = tuple(d.id for d in codebook.directions)
    codings = code_units(
        units, matches,
        directions=Matcher(codebook.directions) if codebook.directions else None,
        direction_order=direction_order,
        tone=tone_scorer(codebook),
        directions_for="all" if by_document else directions_for,
        analysed=analysed,
    )
    if by_document:
        units, matches, codings = merge_into_documents(
            corpus.documents, matches, codings, direction_order=direction_order, directions_for=directions_for
        )
    return Run(corpus=corpus, codebook=codebook, unit=unit, units=tuple(units), matches=tuple(matches),
               codings=tuple(codings), started=started, duration=time.perf_counter() - clock,
               options={"directions": directions_for})
