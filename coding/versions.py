"""Versions of the analysis steps whose output the analysis cache stores.

Bump a number when that step's output changes for some input (a reader extracts differently, the
normaliser or the sentence splitter cuts differently, an analyzer gives other candidates): cached analyses
made by another version are then recomputed. ``tests/test_versions.py`` keeps a digest of each step's output
on fixed inputs (``tests/data/analysis_golden.json``) and fails when an output changed but its number did not.
"""

from __future__ import annotations

# Document analysis: readers → normalised text → paragraphs and their languages → sentences.
READERS_VERSION = 1
NORMALIZE_VERSION = 1
LANGUAGE_VERSION = 1
SENTENCES_VERSION = 1
# Word analysis: the lemma candidates of a word, per language.
ANALYZER_VERSIONS: dict[str, int] = {"kk": 1, "ru": 1, "en": 1, "other": 1}


def document_version() -> str:
    """One string for every step a cached document analysis depends on."""
    return f"r{READERS_VERSION}.n{NORMALIZE_VERSION}.l{LANGUAGE_VERSION}.s{SENTENCES_VERSION}"


def analyzer_version(lang: str) -> str:
    """The version of one language's word analysis."""
    return f"a{ANALYZER_VERSIONS.get(lang, 1)}"
