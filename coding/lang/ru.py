"""Russian lemma candidates from pymorphy3 (OpenCorpora dictionaries, shipped in pymorphy3-dicts-ru).

spaCy's Russian lemmatizer keeps only the first normal form and, without a tagger, falls back to the
surface form when pymorphy3's parses disagree; for matching we keep every normal form pymorphy3 offers,
most probable first, with ё written as е on both sides.
"""

from __future__ import annotations

from functools import cache, lru_cache


@lru_cache(maxsize=1)
def _analyzer():
    import pymorphy3

    return pymorphy3.MorphAnalyzer(lang="ru")


@cache
def lemma_candidates(word: str) -> tuple[str, ...]:
    """Normal forms of a Russian word, most probable first; ``(word,)`` lower-cased when unknown.

    >>> lemma_candidates("торговли")
    ('торговля',)
    >>> lemma_candidates("стали")[:2]
    ('стать', 'сталь')
    """
    lowered = word.lower().replace("ё", "е")
    if not lowered or not any(ch.isalpha() for ch in lowered):
        return (lowered,)
    candidates: list[str] = []
    for parse in _analyzer().parse(lowered):
        form = parse.normal_form.replace("ё", "е")
        if form not in candidates:
            candidates.append(form)
    return tuple(candidates) or (lowered,)


def word_forms(word: str) -> list[str]:
    """Every form of every pymorphy3 reading of ``word`` (its lexemes), lower-cased, ё as е; for writing
    a term out as explicit forms (``coding.expand``).

    >>> word_forms("торговля")[:4]
    ['торговля', 'торговли', 'торговле', 'торговлю']
    """
    forms: list[str] = []
    for parse in _analyzer().parse(word):
        forms.extend(form.word.replace("ё", "е") for form in parse.lexeme)
    return list(dict.fromkeys(forms))


_AGREEING = ("ADJF", "PRTF")
_CASES = ("nomn", "gent", "datv", "accs", "ablt", "loct")


def agreeing_forms(adjective: str, noun: str) -> list[tuple[str, str]]:
    """An adjective (or participle) and the noun it agrees with, inflected together in every case and
    number (``детский труд`` → ``детского труда``…); empty when the first word is not an adjective or the
    second not a noun.

    >>> agreeing_forms("детский", "труд")[:2]
    [('детский', 'труд'), ('детского', 'труда')]
    """
    first = next((p for p in _analyzer().parse(adjective) if p.tag.POS in _AGREEING), None)
    second = next((p for p in _analyzer().parse(noun) if p.tag.POS == "NOUN"), None)
    if first is None or second is None:
        return []
    pairs: list[tuple[str, str]] = []
    for number in ("sing", "plur"):
        for case in _CASES:
            inflected_noun = second.inflect({number, case})
            if inflected_noun is None:
                continue
            wanted = {number, case}
            if number == "sing" and second.tag.gender:
                wanted.add(second.tag.gender)
            if case == "accs" and second.tag.animacy:
                wanted.add(second.tag.animacy)
            inflected = first.inflect(wanted)
            if inflected is not None:
                pairs.append((inflected.word.replace("ё", "е"), inflected_noun.word.replace("ё", "е")))
    return list(dict.fromkeys(pairs))
