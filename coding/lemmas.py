"""Lemma candidates and matching keys for any supported language, in one place.

``lemma_key(word, lang)`` is what ``coding lemmas`` prints and what a codebook term's word is reduced
to; a text word matches that term word when the term's key is among the text word's candidates.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from functools import cache

from coding.records import Lang

LEMMA_LANGUAGES: tuple[str, ...] = ("kk", "ru", "en")

# Whether a text word offers all its lemma candidates to the matcher, or only its key. Measured on the UD
# gold lemmas (benchmarks/match_policy_eval.py, pairwise F1): Kazakh key 0.937 vs candidates 0.928;
# Russian GSD 0.941 vs 0.942, Taiga 0.918 vs 0.926. English has no treebank here; its candidates are
# dictionary readings (better → good, well), so it follows Russian.
MATCH_ALL_CANDIDATES: dict[str, bool] = {"kk": False, "ru": True, "en": True}


@cache
def _analyzer(lang: str) -> Callable[[str], tuple[str, ...]]:
    if lang == "kk":
        from coding.lang.kk.analyzer import lemma_candidates as kazakh

        return _guarded(_in_cyrillic(kazakh))
    elif lang == "ru":
        from coding.lang.ru import lemma_candidates
    elif lang == "en":
        from coding.lang.en import lemma_candidates
    else:
        return _plain
    return _guarded(lemma_candidates)


def _in_cyrillic(analyse: Callable[[str], tuple[str, ...]]) -> Callable[[str], tuple[str, ...]]:
    """``analyse`` for Kazakh words in either script: one written in Latin letters is analysed as its
    Cyrillic transliteration (``coding.lang.kk.latin``), as the matcher does."""
    from coding.lang.kk.latin import is_latin, to_cyrillic

    def candidates(word: str) -> tuple[str, ...]:
        return analyse(to_cyrillic(word) if is_latin(word) else word)

    return candidates


def _guarded(analyse: Callable[[str], tuple[str, ...]]) -> Callable[[str], tuple[str, ...]]:
    """``analyse``, but a word it cannot handle keys to itself instead of stopping the run.

    pymorphy3 asks ``unicodedata.name`` about every letter and raises ValueError for letters without a
    name (Tangut, U+17000-187F7): one such letter in a Russian text used to end the whole run.
    """
    def candidates(word: str) -> tuple[str, ...]:
        try:
            return analyse(word)
        except Exception:  # a third-party analyzer's failure on one word must not stop a run
            return _plain(word)

    return candidates


def _plain(word: str) -> tuple[str, ...]:
    return (word.lower(),)


def lemma_candidates(word: str, lang: Lang | str) -> tuple[str, ...]:
    """Every lemma a word form may have, most likely first (lower-cased, ё as е); never empty."""
    return _analyzer(lang)(word)


def lemma_key(word: str, lang: Lang | str) -> str:
    """The key a codebook term's word is compared by: its most likely lemma.

    >>> lemma_key("торговли", "ru")
    'торговля'
    """
    return _analyzer(lang)(word)[0]


def word_features(word: str, lang: Lang | str) -> frozenset[str]:
    """The marking a word form carries, as term tags (``coding.terms.TAGS``); Kazakh only, otherwise
    empty. ``word_features("саудасы", "kk")`` is ``{"poss", "nom"}``."""
    if lang != "kk":
        return frozenset()
    from coding.lang.kk.analyzer import word_features as kazakh_features

    return kazakh_features(word)


def forget_analyses() -> None:
    """Empty the analyzers' caches of word analyses (of the languages loaded so far), to bound memory."""
    import sys

    for module in ("coding.lang.kk.analyzer", "coding.lang.ru", "coding.lang.en"):
        loaded = sys.modules.get(module)
        if loaded is not None:
            loaded.lemma_candidates.cache_clear()


def candidates_function(lang: Lang | str) -> Callable[[str], tuple[str, ...]]:
    """The (cached) candidates function of one language, for hot loops."""
    return _analyzer(lang)


def matching_candidates(word: str, lang: Lang | str) -> tuple[str, ...]:
    """The lemmas a text word offers to a term's key: all candidates, or the key alone (see
    ``MATCH_ALL_CANDIDATES``)."""
    candidates = _analyzer(lang)(word)
    return candidates if MATCH_ALL_CANDIDATES.get(lang, True) else candidates[:1]


def decoded_lines(lines: Iterable[bytes], name: str = "<stdin>") -> Iterator[str]:
    r"""Lines of bytes as text: UTF-8, or for a line that is not, the code page that reads it (a word list
    saved in cp1251 or KOI8-R). Raises ReaderError (with the line) for binary data.

    >>> list(decoded_lines(["бала\n".encode(), "торговля\n".encode("cp1251")]))
    ['бала\n', 'торговля\n']
    """
    from coding.errors import ReaderError
    from coding.readers.text import decode_bytes

    for number, raw in enumerate(lines, start=1):
        try:
            yield raw.decode("utf-8-sig" if number == 1 else "utf-8")
        except UnicodeDecodeError:
            try:
                yield decode_bytes(raw, name)
            except ReaderError as error:
                raise ReaderError(error.message, path=name, line=number, hint=error.hint) from None


def key_blocks(lines: Iterable[str], lang: Lang | str, *, words_per_block: int = 1024) -> Iterator[str]:
    r"""``WORD<TAB>KEY`` lines for the words of ``lines`` (one a line, blank lines skipped), joined into
    blocks of ``words_per_block`` lines, so that a caller writes a block at once instead of every line.

    >>> list(key_blocks(["балалар\n", "\n", "саудасына\n"], "kk"))
    ['балалар\tбала\nсаудасына\tсауда\n']
    """
    candidates = _analyzer(lang)
    block: list[str] = []
    for line in lines:
        if word := line.strip():
            block.append(f"{word}\t{candidates(word)[0]}\n")
            if len(block) >= words_per_block:
                yield "".join(block)
                block = []
    if block:
        yield "".join(block)
