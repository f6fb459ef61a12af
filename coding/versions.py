"""Versions of the analysis steps whose output the analysis cache stores.

Bump a number when that step's output changes for some input (a reader extracts differently, the
normaliser or the sentence splitter cuts differently, an analyzer gives other candidates): cached analyses
made by another version are then recomputed. ``tests/test_versions.py`` keeps a digest of each step's output
on fixed inputs (``tests/data/analysis_golden.json``) and fails when an output changed but its number did not.
"""

from __future__ import annotations

from functools import cache
from importlib import metadata

# Document analysis: readers → normalised text → paragraphs and their languages → sentences.
READERS_VERSION = 1
NORMALIZE_VERSION = 1
LANGUAGE_VERSION = 2  # 2: Latin-script Kazakh, scripts, sentence language runs
SENTENCES_VERSION = 1
# Word analysis: the lemma candidates of a word, per language (kk 3: the paradigm fixes; kk 4: a Latin-script
# word is analysed in Cyrillic).
ANALYZER_VERSIONS: dict[str, int] = {"kk": 4, "ru": 1, "en": 1, "other": 1}
# The packages whose data a language's word analysis reads: a new version of them can change candidates too.
ANALYZER_PACKAGES: dict[str, tuple[str, ...]] = {"ru": ("pymorphy3", "pymorphy3-dicts-ru"), "en": ("lemminflect",)}
# What run.json records besides them (spaCy is the pipeline of the kk/ru language classes; qaznltk the lexicon).
RECORDED_PACKAGES: tuple[str, ...] = ("pymorphy3", "pymorphy3-dicts-ru", "lemminflect", "spacy", "qaznltk")


def document_version() -> str:
    """One string for every step a cached document analysis depends on."""
    return f"r{READERS_VERSION}.n{NORMALIZE_VERSION}.l{LANGUAGE_VERSION}.s{SENTENCES_VERSION}"


@cache
def package_version(name: str) -> str:
    """The installed version of a package, or "not installed"."""
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return "not installed"


@cache
def analyzer_version(lang: str) -> str:
    """The version of one language's word analysis, with the versions of the packages it reads."""
    packages = "".join(f"+{name}={package_version(name)}" for name in ANALYZER_PACKAGES.get(lang, ()))
    return f"a{ANALYZER_VERSIONS.get(lang, 1)}{packages}"


def analysis_versions() -> dict[str, object]:
    """What ``run.json`` records of the analysis: the step versions and the packages behind them."""
    return {"document": document_version(),
            "analyzers": {lang: analyzer_version(lang) for lang in ANALYZER_VERSIONS},
            "packages": {name: package_version(name) for name in RECORDED_PACKAGES}}


@cache
def code_digest() -> str:
    """A digest of the package's own code: what the cached tone of a document depends on besides its
    analysis and the tone rules (the matcher, the tone reading, the language data), so that no release and
    no edit of that code is ever served a tone computed by other code."""
    import hashlib
    from pathlib import Path

    root = Path(__file__).resolve().parent
    digest = hashlib.blake2b(digest_size=16)
    for path in sorted(root.rglob("*.py")):
        digest.update(str(path.relative_to(root)).encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()
