"""Stop words per language, for leaving function words out of term suggestions.

Kazakh: ``coding.lang.kk.stop_words`` (stopwords-iso has no Kazakh list); Russian and English: the
stopwords-iso lists. A word is a stop word when its form or its lemma key is listed (so ``болды`` and
``болып`` go with ``бол``).
"""

from __future__ import annotations

from functools import cache


@cache
def stop_words(lang: str) -> frozenset[str]:
    """The stop words of ``lang`` (lower-cased, ё as е); empty for a language without a list."""
    if lang == "kk":
        from coding.lang.kk.stop_words import STOP_WORDS

        return frozenset(STOP_WORDS)
    import stopwordsiso

    if not stopwordsiso.has_lang(lang):
        return frozenset()
    return frozenset(word.lower().replace("ё", "е") for word in stopwordsiso.stopwords(lang))


def is_stop_word(form: str, key: str, lang: str) -> bool:
    """Whether a word (lower-cased form and its lemma key) is a stop word of ``lang``.

    >>> is_stop_word("болды", "бол", "kk"), is_stop_word("саудасы", "сауда", "kk")
    (True, False)
    """
    words = stop_words(lang)
    return form in words or key in words
