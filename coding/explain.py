"""Why a word matches a term or not: its lemma candidates and the codebook terms it would fit."""

from __future__ import annotations

from dataclasses import dataclass

from coding.codebook import Codebook
from coding.i18n import N_, _
from coding.lang.kk.latin import is_latin, latin_alphabet, to_cyrillic, to_latin
from coding.lemmas import lemma_candidates, matching_candidates


@dataclass(frozen=True)
class Fit:
    """A term word that the explained word fits: entry id, role (term/exclude), term, word position."""

    kind: str
    entry: str
    role: str
    term: str
    position: int
    compared_as: str
    # For a proximity term: which part the word fits (A or B, with ``position`` within that part) and how
    # the whole rule was read.
    part: str = ""
    read_as: str = ""


@dataclass(frozen=True)
class Explanation:
    """A word's key, all its lemma candidates, and every term word of a codebook it fits. For a Kazakh
    word, ``analysed`` is the Cyrillic form the matcher analyses (a Latin word transliterated, in
    ``alphabet``), and ``latin`` its spelling in the 2021 Latin alphabet."""

    word: str
    lang: str
    key: str
    candidates: tuple[str, ...]
    fits: tuple[Fit, ...]
    analysed: str = ""
    alphabet: str = ""
    latin: str = ""


def explain_word(word: str, lang: str, codebook: Codebook | None = None) -> Explanation:
    """Explain how the matcher sees ``word`` in ``lang``.

    >>> found = explain_word("saýdasyna", "kk")
    >>> found.analysed, found.alphabet, found.key
    ('саудасына', '2018', 'сауда')
    """
    analysed = alphabet = latin = ""
    if lang == "kk":
        if is_latin(word):
            alphabet = latin_alphabet(word)
            analysed = to_cyrillic(word, alphabet)
            word_analysed = analysed
        else:
            word_analysed = word.lower().replace("ё", "е")
            analysed = word_analysed
        latin = to_latin(analysed)
    else:
        word_analysed = word
    lowered = word_analysed.lower().replace("ё", "е")
    candidates = lemma_candidates(word_analysed, lang)
    offered = matching_candidates(word_analysed, lang)
    fits: list[Fit] = []
    if codebook is not None:
        for kind, entry in codebook.entries():
            for role, term_lang, term in entry.each_term():
                if term_lang != lang:
                    continue
                proximity = term.proximity
                parts = ((proximity.left, "A"), (proximity.right, "B")) if proximity is not None else ((term, ""),)
                for part, name in parts:
                    for position, term_word in enumerate(part.words, start=1):
                        if term_word.kind != "any" and term_word.matches(lowered, offered):
                            fits.append(Fit(kind, entry.id, role, term.text, position, term.normalized,
                                            name, proximity.reading if proximity else ""))
    return Explanation(word=word, lang=lang, key=candidates[0], candidates=candidates, fits=tuple(fits),
                       analysed=analysed, alphabet=alphabet, latin=latin)


# One line of rule_readings per kind of entry and role of the term ('when', 'exclude': codebook keys).
_READING_LINES = {
    ("code", "term"): N_("code '{id}' ({lang}): {text} → {reading}"),
    ("code", "exclude"): N_("code '{id}' exclude ({lang}): {text} → {reading}"),
    ("direction", "term"): N_("direction '{id}' ({lang}): {text} → {reading}"),
    ("direction", "exclude"): N_("direction '{id}' exclude ({lang}): {text} → {reading}"),
}


def rule_readings(codebook: Codebook, lang: str | None = None) -> list[str]:
    """How the proximity terms and the conditions of a codebook were read, one line each, e.g.
    ``code 'case' (kk): бала NEAR/5 сату → key бала, within 5 words, key сат`` and
    ``code 'case' when: all of: crime; any of: victim, court``."""
    lines = []
    for kind, entry in codebook.entries():
        for role, term_lang, term in entry.each_term():
            if term.proximity is not None and lang in (None, term_lang):
                lines.append(_(_READING_LINES[(kind, role)]).format(
                    id=entry.id, lang=term_lang, text=term.text, reading=term.proximity.reading))
        if entry.when is not None:
            lines.append((_("code '{id}' when: {condition}") if kind == "code" else
                          _("direction '{id}' when: {condition}")).format(id=entry.id, condition=entry.when.shown))
    return lines
