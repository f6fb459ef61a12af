"""A codebook's terms written out as their explicit forms, for tools that compare plain words.

LIWC, WordStat, quanteda and MAXQDA match a dictionary entry as written (with at most a final ``*``), so
``бала саудасы`` exported as it stands finds only that form. ``expand_codebook`` replaces every term that
has inflected (lemma) words by exact terms, one per form:

- the forms the term matched in a corpus, when one is given (most frequent first);
- the forms the languages' generators build (Russian from pymorphy3's lexemes, English from lemminflect,
  Kazakh from the paradigm generator, ``coding.lang.kk.paradigm``): every form of a single word; in a
  phrase the head's forms, its dependents in the form the construction gives them (``_phrase_variants``).
  A generated form is kept only when this toolkit's own analyzer keys it back to
  the term word, so the expanded codebook finds nothing the original would not.

``max_forms`` caps the forms per term (corpus forms come first). Prefixes (``word*``), gaps (``*``) and
proximity terms (``A NEAR/5 B``) stay as they are.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, replace
from itertools import product
from pathlib import Path

from coding.codebook import Codebook, Entry
from coding.i18n import _, ngettext
from coding.lemmas import matching_candidates
from coding.terms import Term, TermSyntaxError, TermWord, parse_term

DEFAULT_MAX_FORMS = 200


@dataclass(frozen=True)
class Expansion:
    """How one term was written out: its forms, those seen in the corpus, and those the cap left out."""

    code: str
    role: str
    lang: str
    term: str
    forms: tuple[str, ...]
    seen: int
    dropped: int


def expand_codebook(codebook: Codebook, *, corpus_forms: Mapping[tuple[str, str, str, str], Counter[str]]
                    | None = None, max_forms: int = DEFAULT_MAX_FORMS) -> tuple[Codebook, list[Expansion]]:
    """The codebook with each code's terms (and exclusions) replaced by their explicit forms, and a
    record of each expansion. ``corpus_forms`` maps ``(code, role, lang, term text)`` to the forms that
    term matched in a corpus (``TermUse.forms``)."""
    seen_forms = corpus_forms or {}
    expansions: list[Expansion] = []
    codes: list[Entry] = []
    for entry in codebook.codes:
        changed: dict[str, dict[str, tuple[Term, ...]]] = {}
        for role, terms in (("term", entry.terms), ("exclude", entry.exclude)):
            written: dict[str, tuple[Term, ...]] = {}
            for lang, items in terms.items():
                out: dict[str, Term] = {}
                for term in items:
                    seen = seen_forms.get((entry.id, role, lang, term.text), Counter())
                    forms, dropped = term_forms(term, seen, max_forms=max_forms)
                    expansions.append(Expansion(entry.id, role, lang, term.text, tuple(forms),
                                                sum(1 for form in forms if form in seen), dropped))
                    kept = term.proximity is not None or not any(w.kind == "lemma" for w in term.words)
                    for form in forms:
                        out.setdefault(form, term if kept else _exact(form, term, lang))
                written[lang] = tuple(out.values())
            changed[role] = written
        codes.append(replace(entry, terms=changed["term"], exclude=changed["exclude"]))
    return replace(codebook, codes=tuple(codes)), expansions


def term_forms(term: Term, seen: Counter[str] | None = None, *, max_forms: int = DEFAULT_MAX_FORMS
               ) -> tuple[list[str], int]:
    """A term's explicit forms (lower-cased, words joined by spaces) and how many the cap left out.

    >>> term_forms(parse_term("торговля детьми", "ru"), max_forms=3)[0]
    ['торговля детьми', 'торговли детьми', 'торговле детьми']
    """
    if term.proximity is not None or not any(word.kind == "lemma" for word in term.words):
        # Nothing inflected: the term is already what other tools compare. A proximity term is kept as
        # written (the formats that have proximity compare its parts as written; the others drop it).
        return [term.text], 0
    written = [_as_written(word) for word in term.words]
    forms: dict[str, None] = {}
    for form, _count in (seen or Counter()).most_common():
        forms[form] = None
    generated: dict[str, None] = {" ".join(written): None}
    for variant in _phrase_variants(term, written):
        generated[" ".join(variant)] = None
    # A generated phrase is kept when the term itself finds it whole (its words' marking and tags too).
    finds = _finder(term)
    forms.update((phrase, None) for phrase in generated if phrase not in forms and finds(phrase))
    everything = list(forms)
    return everything[:max_forms], max(0, len(everything) - max_forms)


def _finder(term: Term) -> Callable[[str], bool]:
    """Whether ``term`` matches the whole of a phrase."""
    from coding.codebook import Entry
    from coding.matcher import Matcher
    from coding.records import Unit

    matcher = Matcher([Entry(id="term", label={}, terms={term.lang: (term,)})])

    def finds(phrase: str) -> bool:
        unit = Unit(unit_id="form", doc_id="form", kind="sentence", start=0, end=len(phrase), text=phrase,
                    lang=term.lang)
        return any(m.start == 0 and m.end == len(phrase) for m in matcher.match_unit(unit))

    return finds


def _phrase_variants(term: Term, written: list[str]) -> Iterable[list[str]]:
    """The phrases a term stands for, word by word: a single word's every form; in a phrase the head
    varies and its dependents keep the form they take in the construction (a Kazakh compound's dependent
    stays in the nominative, singular or plural: ``бала саудасы`` → ``балалар саудасына``; a Russian
    adjective agrees with its noun: ``детский труд`` → ``детского труда``; otherwise the first inflected
    word of a Russian phrase is its head, ``торговля детьми`` → ``торговли детьми``). English phrases vary
    each word alone (their forms are few)."""
    lemma_positions = [i for i, word in enumerate(term.words) if word.kind == "lemma"]
    if len(term.words) == 1 or term.lang == "en":
        for position in lemma_positions:
            for form in word_forms(term.words[position], term.lang):
                yield [*written[:position], form, *written[position + 1:]]
        return
    if term.lang == "kk":
        head = lemma_positions[-1]
        dependents = [[written[i], *_kazakh_plurals(term.words[i])] if i in lemma_positions and i != head
                      else [written[i]] for i in range(len(written))]
        for form in _kazakh_heads(term.words[head]):
            for combination in product(*dependents[:head]):
                yield [*combination, form, *written[head + 1:]]
        return
    if term.lang == "ru":
        yield from _russian_variants(term, written, lemma_positions)
        return
    for position in lemma_positions:
        for form in word_forms(term.words[position], term.lang):
            yield [*written[:position], form, *written[position + 1:]]


def _kazakh_heads(word: TermWord) -> list[str]:
    """The forms of a Kazakh phrase's head: with the third-person possessive when the term writes it (the
    head of a compound, ``саудасы`` → ``саудасының``, ``саудалары``), else every form."""
    from coding.lang.kk.paradigm import noun_forms
    from coding.lemmas import word_features

    if "poss" not in word_features(_lower(word.written), "kk"):
        return word_forms(word, "kk")
    return [_lower(word.written), *(form.surface for form in noun_forms(word.value) if form.possessive == "3")]


def _kazakh_plurals(word: TermWord) -> list[str]:
    """A compound's bare dependent in the plural too (``балалар саудасы``); a dependent the term writes
    with a case (``кәмелетке толмаған``) is governed and stays as written."""
    from coding.lang.kk.paradigm import noun_forms
    from coding.lemmas import word_features

    if not word_features(_lower(word.written), "kk") <= {"nom"}:
        return []
    return [form.surface for form in noun_forms(word.value)
            if form.number == "pl" and form.case == "nom" and form.possessive is None]


def _russian_variants(term: Term, written: list[str], lemma_positions: list[int]) -> Iterable[list[str]]:
    from coding.lang.ru import agreeing_forms
    from coding.lang.ru import word_forms as russian_forms

    head = lemma_positions[0]
    following = lemma_positions[1] if len(lemma_positions) > 1 else None
    if following == head + 1:
        pairs = agreeing_forms(written[head], written[following])
        if pairs:  # an adjective (or participle) and its noun, inflected together
            for adjective, noun in pairs:
                yield [*written[:head], adjective, noun, *written[following + 1:]]
            return
    for form in russian_forms(written[head]):
        yield [*written[:head], form, *written[head + 1:]]


def word_forms(word: TermWord, lang: str) -> list[str]:
    """The forms of one inflected term word that key back to it, the written form first."""
    generate = GENERATORS.get(lang)
    found = [_lower(word.written)]
    if generate is not None:
        found.extend(generate(_lower(word.written)))
    return [form for form in dict.fromkeys(found) if word.value in matching_candidates(form, lang)]


def _as_written(word: TermWord) -> str:
    if word.kind == "exact":
        return word.value
    if word.kind in ("prefix", "any"):
        return word.written
    return _lower(word.written)


def _lower(text: str) -> str:
    return text.lower().replace("ё", "е")


def _exact(form: str, term: Term, lang: str) -> Term:
    """``form`` as a term of exact words (prefixes and gaps of the original kept)."""
    words = [word if word.endswith("*") else f"={word}" for word in form.split()]
    try:
        return parse_term(" ".join(words), lang)
    except TermSyntaxError:  # a corpus form the term syntax cannot hold: keep the original term
        return term


def _generators() -> dict[str, Callable[[str], Iterable[str]]]:
    from coding.lang import en, ru
    from coding.lang.kk.paradigm import term_forms as kazakh_forms

    return {"kk": kazakh_forms, "ru": ru.word_forms, "en": en.word_forms}


GENERATORS: dict[str, Callable[[str], Iterable[str]]] = _generators()


def expand_for_export(codebook: Codebook, *, corpus: str | Path | None = None, max_forms: int = DEFAULT_MAX_FORMS,
                      cache_folder: Path | None = None, use_cache: bool = True) -> tuple[Codebook, list[Expansion]]:
    """``codebook export --expand-forms``: the expanded codebook, with the forms each term matched in the
    corpus folder ``corpus`` (read through the analysis cache) first when one is given."""
    seen: dict[tuple[str, str, str, str], Counter[str]] = {}
    if corpus is not None:
        from coding.diagnostics import corpus_term_report

        report = corpus_term_report(codebook, corpus, cache_folder=cache_folder, use_cache=use_cache)
        seen = {(use.code, use.role, use.lang, use.term.text): use.forms for use in report.uses}
    return expand_codebook(codebook, corpus_forms=seen, max_forms=max_forms)


def expansion_lines(expansions: Iterable[Expansion], *, max_forms: int, corpus: bool) -> list[str]:
    """What ``--expand-forms`` did, one line a term, then a total: ``code 'crime' (kk) қылмыс: 38 forms
    (5 seen in the corpus)``; a term the cap cut says how many forms were left out."""
    lines, total, capped = [], 0, 0
    for item in expansions:
        seen = _(", {seen} seen in the corpus").format(seen=item.seen) if corpus else ""
        cut = (_(", {dropped} more left out by --max-forms {max_forms}")
               .format(dropped=item.dropped, max_forms=max_forms) if item.dropped else "")
        count = ngettext("{count} form", "{count} forms", len(item.forms)).format(count=len(item.forms))
        line = (_("code '{code}' ({lang}) exclusion '{term}': {count}{seen}{cut}") if item.role == "exclude" else
                _("code '{code}' ({lang}) term '{term}': {count}{seen}{cut}"))
        lines.append("  " + line.format(code=item.code, lang=item.lang, term=item.term, count=count, seen=seen,
                                        cut=cut))
        total += len(item.forms)
        capped += bool(item.dropped)
    count = len(lines)
    summary = ngettext("Expanded {count} term into {total} forms", "Expanded {count} terms into {total} forms",
                       count).format(count=count, total=total)
    if capped:
        summary += _(" ({capped} cut at --max-forms {max_forms})").format(capped=capped, max_forms=max_forms)
    return [*lines, summary + "."]
