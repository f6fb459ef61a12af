"""English lemma candidates from lemminflect's dictionaries (no tagger needed, no download at run time).

Words in ``-ing`` keep their own form first: as nouns (trafficking, funding, training) they are words of
their own, and reducing them to the verb would let ``trafficking`` match road ``traffic``.
"""

from __future__ import annotations

from functools import lru_cache

# Which readings come first when a form has several.
_POS_ORDER = ("NOUN", "PROPN", "VERB", "ADJ", "ADV", "AUX")


@lru_cache(maxsize=None)
def lemma_candidates(word: str) -> tuple[str, ...]:
    """Lemmas of an English word, the most useful for matching first.

    >>> lemma_candidates("victims")
    ('victim',)
    >>> lemma_candidates("trafficking")
    ('trafficking', 'traffic')
    """
    from lemminflect import getAllLemmas, getAllLemmasOOV

    lowered = word.lower()
    if not lowered.isalpha():
        return (lowered,)
    readings = getAllLemmas(lowered) or getAllLemmasOOV(lowered, "NOUN")
    candidates: list[str] = [lowered] if lowered.endswith("ing") else []
    for pos in _POS_ORDER:
        for lemma in readings.get(pos, ()):
            lemma = lemma.lower()
            if lemma not in candidates:
                candidates.append(lemma)
    return tuple(candidates) or (lowered,)
