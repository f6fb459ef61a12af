"""English lemma candidates from lemminflect's dictionaries (no tagger needed, no download at run time).

Words in ``-ing`` keep their own form first: as nouns (trafficking, funding, training) they are words of
their own, and reducing them to the verb would let ``trafficking`` match road ``traffic``.
"""

from __future__ import annotations

import importlib.abc
import sys
from collections.abc import Callable
from functools import cache
from typing import Any

# Which readings come first when a form has several.
_POS_ORDER = ("NOUN", "PROPN", "VERB", "ADJ", "ADV", "AUX")


class _NoSpacy(importlib.abc.MetaPathFinder):
    """An import finder under which spaCy cannot be imported."""

    def find_spec(self, name: str, path: object = None, target: object = None) -> None:
        if name == "spacy" or name.startswith("spacy."):
            raise ModuleNotFoundError(f"No module named '{name}'", name=name)


@cache
def _lemminflect() -> tuple[Callable[..., Any], Callable[..., Any]]:
    """lemminflect's two lookups. On import lemminflect hooks itself into spaCy when spaCy can be imported,
    which we do not use and which would cost most of a second at the start of every run: spaCy is kept out
    of sight while lemminflect loads (unless it is loaded already)."""
    blocker = None if "spacy" in sys.modules else _NoSpacy()
    if blocker is not None:
        sys.meta_path.insert(0, blocker)
    try:
        from lemminflect import getAllLemmas, getAllLemmasOOV
    finally:
        if blocker is not None:
            sys.meta_path.remove(blocker)
    return getAllLemmas, getAllLemmasOOV


@cache
def lemma_candidates(word: str) -> tuple[str, ...]:
    """Lemmas of an English word, the most useful for matching first.

    >>> lemma_candidates("victims")
    ('victim',)
    >>> lemma_candidates("trafficking")
    ('trafficking', 'traffic')
    >>> lemma_candidates("children's")
    ('child',)
    """
    getAllLemmas, getAllLemmasOOV = _lemminflect()

    lowered = word.lower().replace("’", "'")
    # The possessive is no part of the word: children's → children, victims' → victims.
    base = lowered[:-2] if lowered.endswith("'s") else lowered[:-1] if lowered.endswith("s'") else lowered
    if not base.isalpha():
        return (lowered,)
    if base != lowered:
        return lemma_candidates(base)
    readings = getAllLemmas(lowered) or getAllLemmasOOV(lowered, "NOUN")
    candidates: list[str] = [lowered] if lowered.endswith("ing") else []
    for pos in _POS_ORDER:
        for lemma in readings.get(pos, ()):
            lemma = lemma.lower()
            if lemma not in candidates:
                candidates.append(lemma)
    return tuple(candidates) or (lowered,)


def word_forms(word: str) -> list[str]:
    """The inflections lemminflect knows of ``word``'s lemmas (noun, verb, adjective, adverb), lower-cased;
    for writing a term out as explicit forms (``coding.expand``).

    >>> word_forms("victim")
    ['victim', 'victims']
    """
    _lemminflect()  # loads lemminflect with spaCy out of sight
    from lemminflect import getAllInflections

    lowered = word.lower()
    forms: list[str] = [lowered]
    for lemma in dict.fromkeys([lowered, *lemma_candidates(lowered)]):
        for inflections in getAllInflections(lemma).values():
            forms.extend(form.lower() for form in inflections)
    return list(dict.fromkeys(forms))
