"""English lemma candidates from lemminflect's dictionaries (no tagger needed, no download at run time).

Words in ``-ing`` keep their own form first: as nouns (trafficking, funding, training) they are words of
their own, and reducing them to the verb would let ``trafficking`` match road ``traffic``.
"""

from __future__ import annotations

from functools import cache

# Which readings come first when a form has several.
_POS_ORDER = ("NOUN", "PROPN", "VERB", "ADJ", "ADV", "AUX")


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
    from lemminflect import getAllLemmas, getAllLemmasOOV

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
