"""What each term of a codebook does in a corpus: hits, documents, units and the forms it matched; terms
with no hit, terms shadowed by a longer term of the same code, exclusions that never fire, over-broad
terms (forms the analyzer also reads as another lemma), duplicate terms and terms shared by two codes.

Documents are streamed (``coding.scan``); only counters per term are kept. Every term is matched twice:
alone (what it can match), and inside its code with the codebook's rules (what it counts for: the longest
match wins, exclusions drop matches) — the difference is what a term loses to the other terms of its code.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from coding.codebook import Codebook, Entry
from coding.corpus import CorpusSource
from coding.i18n import N_, _
from coding.lemmas import lemma_candidates
from coding.matcher import Matcher
from coding.records import Match, UnitKind
from coding.scan import scan_units
from coding.terms import Term

Role = Literal["term", "exclude"]
# Words of context on each side of an example of an over-broad form.
EXAMPLE_WORDS = 6
# Forms listed in a row of the table (most frequent first); the rest are counted in "more".
SHOWN_FORMS = 30


@dataclass
class TermUse:
    """The use of one term (or exclusion) of one code in the corpus."""

    code: str
    role: Role
    lang: str
    term: Term
    hits: int = 0  # matches that count for the code (exclusion: matches of the code it drops)
    matched: int = 0  # matches of the term alone
    excluded: int = 0  # of ``matched``: dropped by an exclusion of the code
    covered: int = 0  # of ``matched``: inside a longer (or earlier) match of another term of the code
    covered_by: Counter[str] = field(default_factory=Counter)
    conditioned: int = 0  # of ``matched``: in units where the code's condition (when) failed
    documents: set[str] = field(default_factory=set)
    units: int = 0
    forms: Counter[str] = field(default_factory=Counter)  # of the term alone, lower-cased
    counted_forms: Counter[str] = field(default_factory=Counter)  # of the matches that count
    examples: dict[str, str] = field(default_factory=dict)  # one concordance line per form
    duplicate_of: str = ""  # an earlier term of the code compared the same way
    also_in: tuple[str, ...] = ()  # other codes with a term compared the same way
    readings: dict[str, Counter[str]] = field(default_factory=dict)  # other lemma -> forms it may be

    @property
    def status(self) -> str:
        """One word for the sort column: what the author should look at first."""
        if self.role == "exclude":
            return "never fires" if self.hits == 0 else "fires"
        if self.matched == 0:
            return "no hit"
        if self.hits == 0:
            if self.conditioned and not self.excluded and not self.covered:
                return "condition fails"
            return "always excluded" if self.excluded and not self.covered else "shadowed"
        if self.readings:
            return "over-broad"
        return "duplicate" if self.duplicate_of else "ok"


@dataclass
class TermReport:
    """Every term's use in a corpus, in codebook order, with what was read."""

    uses: list[TermUse]
    documents: int = 0
    units: int = 0
    unit: str = "sentence"
    problems: list[str] = field(default_factory=list)

    def with_status(self, *statuses: str) -> list[TermUse]:
        """The uses whose status is one of ``statuses``."""
        return [use for use in self.uses if use.status in statuses]


def _uses(codebook: Codebook) -> list[TermUse]:
    uses: list[TermUse] = []
    by_compared: dict[tuple[str, str], list[str]] = defaultdict(list)
    for entry in codebook.codes:
        for role, terms in (("term", entry.terms), ("exclude", entry.exclude)):
            for lang, items in terms.items():
                seen: dict[str, str] = {}
                for term in items:
                    use = TermUse(entry.id, role, lang, term)  # type: ignore[arg-type]
                    use.duplicate_of = seen.get(term.normalized, "")
                    seen.setdefault(term.normalized, term.text)
                    if role == "term" and entry.id not in by_compared[(lang, term.normalized)]:
                        by_compared[(lang, term.normalized)].append(entry.id)
                    uses.append(use)
    for use in uses:
        if use.role == "term":
            use.also_in = tuple(c for c in by_compared[(use.lang, use.term.normalized)] if c != use.code)
    return uses


def _overlaps(a: Match, b: Match) -> bool:
    return a.start < b.end and b.start < a.end


def _example(text: str, start: int, end: int) -> str:
    from coding.kwic import _context

    left, right = _context(text, start, end, EXAMPLE_WORDS)
    return f"{left} [{text[start:end]}] {right}".strip()


def term_report(source: CorpusSource, codebook: Codebook, unit: UnitKind = "sentence", *,
                cache: Any = None) -> TermReport:
    """Match every code term of ``codebook`` in the corpus, alone and within its code, and count what
    each one does (see ``TermUse``). ``cache``: an open ``AnalysisCache`` or None."""
    uses = _uses(codebook)
    alone = Matcher(Entry(id=str(i), label={}, terms={use.lang: (use.term,)}) for i, use in enumerate(uses))
    coded = Matcher(codebook.codes)
    conditioned = {entry.id for entry in codebook.codes if entry.when is not None}
    index = {(use.code, use.lang, use.term.text): i for i, use in reversed(list(enumerate(uses)))
             if use.role == "term"}
    report = TermReport(uses, unit=unit)
    def learn(types: set[str], lang: str) -> None:
        alone.learn(types, lang)
        coded.learn(types, lang)

    for document, units in scan_units(source, unit, cache=cache, on_new_words=learn):
        report.documents += 1
        for analysed in units:
            report.units += 1
            raw = alone.match_unit(analysed.unit, analysed.words, learned=True)
            if not raw:
                continue
            counted = coded.match_unit(analysed.unit, analysed.words, learned=True)
            _count_unit(uses, index, raw, counted, document.text, conditioned)
    report.problems = [str(problem) for problem in source.problems]
    for use in uses:
        if use.role == "term":
            # what an exclusion drops is fixed
            use.readings = {**other_readings(use.term, use.counted_forms),
                            **form_groups(use.term, use.counted_forms)}
    return report


def _count_unit(uses: list[TermUse], index: dict[tuple[str, str, str], int], raw: list[Match],
                counted: list[Match], text: str, conditioned: AbstractSet[str] = frozenset()) -> None:
    by_code: dict[str, list[Match]] = defaultdict(list)
    for match in counted:
        by_code[match.code].append(match)
    raw_terms: dict[str, list[Match]] = defaultdict(list)
    raw_excludes: dict[str, list[Match]] = defaultdict(list)
    for match in raw:
        use = uses[int(match.code)]
        (raw_terms if use.role == "term" else raw_excludes)[use.code].append(match)
    in_unit: set[int] = set()
    for match in raw:
        number = int(match.code)
        use = uses[number]
        form = " ".join(match.surface.lower().replace("ё", "е").split())
        use.matched += 1
        use.forms[form] += 1
        if form not in use.examples and len(use.examples) < SHOWN_FORMS:
            use.examples[form] = _example(text, match.start, match.end)
        if use.role == "exclude":
            drops = [m for m in raw_terms.get(use.code, ()) if _overlaps(m, match)]
            if drops:
                use.hits += 1
                use.documents.add(match.doc_id)
                in_unit.add(number)
            continue
        kept = [m for m in by_code.get(use.code, ()) if m.start == match.start and m.end == match.end
                and index.get((m.code, m.lang, m.term)) == number]
        if kept:
            use.hits += 1
            use.counted_forms[form] += 1
            use.documents.add(match.doc_id)
            in_unit.add(number)
        elif any(_overlaps(m, match) for m in raw_excludes.get(use.code, ())):
            use.excluded += 1
        elif use.code in conditioned and use.code not in by_code:
            # not excluded, yet the code has no match here: its condition failed in this unit
            use.conditioned += 1
        else:
            use.covered += 1
            for m in by_code.get(use.code, ()):
                if _overlaps(m, match):
                    use.covered_by[m.term] += 1
    for number in in_unit:
        uses[number].units += 1


def other_readings(term: Term, forms: Counter[str]) -> dict[str, Counter[str]]:
    """The other lemmas the analyzer offers for the forms ``term`` matched, beyond those its own words
    have (``{other lemma: {form: count}}``). A form of a noun that is also a form of a verb, or of two
    nouns, shows up here: the term may catch words of another meaning (жыл 'year' catches жылы 'warm').

    >>> from coding.terms import parse_term
    >>> dict(other_readings(parse_term("жыл", "kk"), Counter({"жылы": 3, "жылдар": 2})))
    {'жылы': Counter({'жылы': 3})}
    """
    readings: dict[str, Counter[str]] = {}
    # A reading the term's own word has too (trafficking: traffic) is the author's choice, not a surprise.
    own = [set(lemma_candidates(w.written, term.lang)) if w.kind == "lemma" else set() for w in term.words]
    for form, count in forms.items():
        words = form.split()
        if len(words) != len(term.words):
            continue
        for term_word, word, inherent in zip(term.words, words, own, strict=True):
            if term_word.kind != "lemma":
                continue
            candidates = lemma_candidates(word, term.lang)
            if term_word.value not in candidates:
                continue
            for other in candidates:
                if other != term_word.value and other not in inherent and not _same_verb(other, term_word.value,
                                                                                         term.lang):
                    readings.setdefault(other, Counter())[form] += count
    return readings


def form_groups(term: Term, forms: Counter[str]) -> dict[str, Counter[str]]:
    """The forms of a Kazakh term word whose key is both a noun and a verb (жаз 'summer', 'write') that
    belong to the other part of speech than the term's own (``{"жаз (verb)": {"жазған": 2}}``). The term's
    own is its written word's, or where that form is both, the one most matched forms have. Forms that
    both paradigms build (жазды: 'the summer' and 'wrote') are left out: they are not evidence.

    >>> from coding.terms import parse_term
    >>> form_groups(parse_term("жаз", "kk"), Counter({"жазда": 4, "жазған": 2, "жазды": 1}))
    {'жаз (verb)': Counter({'жазған': 2})}
    """
    if term.lang != "kk" or term.proximity is not None:
        return {}
    from coding.lang.kk.paradigm import part_of_speech

    groups: dict[str, Counter[str]] = {}
    for position, term_word in enumerate(term.words):
        if term_word.kind != "lemma":
            continue
        key = term_word.value
        found: dict[str, Counter[str]] = {"N": Counter(), "V": Counter()}
        for form, count in forms.items():
            words = form.split()
            pos = part_of_speech(words[position], key) if len(words) == len(term.words) else None
            if pos is not None:
                found[pos][form] += count
        if not (found["N"] and found["V"]):
            continue
        own = part_of_speech(term_word.written.lower(), key)
        if own is None:
            own = "N" if sum(found["N"].values()) >= sum(found["V"].values()) else "V"
        other = "V" if own == "N" else "N"
        groups[f"{key} ({_('verb') if other == 'V' else _('noun')})"] = found[other]
    return groups


def _same_verb(other: str, key: str, lang: str) -> bool:
    """Whether ``other`` is the passive or reflexive stem of the verb ``key`` (сайлан of сайла, табыл of тап):
    the Kazakh analyzer keys a passive to its active verb and keeps the passive as a second candidate, on
    purpose (``coding.lang.kk.analyzer``); that is one verb, not another reading."""
    return (lang == "kk" and other[-1:] in ("л", "н") and 0 < len(other) - len(key) <= 2
            and lemma_candidates(other, lang)[0] == key)


def report_rows(report: TermReport) -> list[dict[str, Any]]:
    """One row per code term and exclusion, in codebook order: the table ``codebook check --out``
    writes."""
    rows = []
    for use in report.uses:
        forms = use.forms.most_common()
        notes = _notes(use)
        rows.append({
            "code": use.code, "role": use.role, "lang": use.lang, "term": use.term.text,
            "compared_as": use.term.normalized, "status": use.status, "hits": use.hits,
            "documents": len(use.documents), "units": use.units, "matched_alone": use.matched,
            "lost_to_exclusions": use.excluded, "lost_to_other_terms": use.covered,
            "lost_to_conditions": use.conditioned,
            "distinct_forms": len(forms),
            "forms": "; ".join(f"{form} {count}" for form, count in forms[:SHOWN_FORMS])
                     + (_("; … {count} more").format(count=len(forms) - SHOWN_FORMS)
                        if len(forms) > SHOWN_FORMS else ""),
            "notes": " | ".join(notes),
            "examples": " | ".join(use.examples[form] for form, _ in forms[:3] if form in use.examples),
        })
    return rows


def _notes(use: TermUse) -> list[str]:
    notes: list[str] = []
    if use.role == "term" and use.matched and not use.hits and use.covered_by:
        notes.append(_("always inside: ") + ", ".join(f"'{t}'" for t, _ in use.covered_by.most_common(3)))
    elif use.covered_by:
        notes.append(_("{covered} match(es) inside: ").format(covered=use.covered)
                     + ", ".join(f"'{t}'" for t, _ in use.covered_by.most_common(3)))
    if use.readings:
        notes.append(over_broad_note(use))
    if use.duplicate_of:
        notes.append(_("compared as '{normalized}', like '{duplicate_of}' before it in this code")
                     .format(normalized=use.term.normalized, duplicate_of=use.duplicate_of))
    if use.also_in:
        notes.append(_("also a term of {also_in}").format(also_in=', '.join(use.also_in)))
    return notes


def over_broad_note(use: TermUse) -> str:
    """What an over-broad term's forms may also be, and what to write instead."""
    parts = []
    for other, forms in sorted(use.readings.items(), key=lambda item: -sum(item[1].values())):
        listed = ", ".join(f"{form} {count}" for form, count in forms.most_common(5))
        parts.append(_("may also be '{other}': {listed}").format(other=other, listed=listed))
    ambiguous: Counter[str] = Counter()
    for forms in use.readings.values():
        ambiguous.update(forms)
    fix = ", ".join(f"'={form.replace(' ', ' =')}'" for form, _ in ambiguous.most_common(3))
    return "; ".join(parts) + _(" — to drop another reading add its forms to exclude ({fix}), or write =form "
                                "terms").format(fix=fix)


_PRINTED_STATUSES = (N_("shadowed"), N_("always excluded"))  # the statuses problem_lines prints, translated


def problem_lines(report: TermReport) -> Iterable[str]:
    """Short lines for the terminal: every term that needs the author's attention."""
    for use in report.uses:
        where = f"{use.code} ({use.lang}) {'exclude' if use.role == 'exclude' else 'term'} '{use.term.text}'"
        status = use.status
        if status == "no hit":
            yield _("{where}: no hit in the corpus").format(where=where)
        elif status == "never fires":
            yield _("{where}: never drops a match of the code").format(where=where)
        elif status == "condition fails":
            yield _("{where}: condition fails — matched {n} time(s), never in a unit where the code's condition "
                    "(when) holds").format(where=where, n=use.conditioned)
        elif status in ("shadowed", "always excluded"):
            yield _("{where}: {status} — {notes}").format(
                where=where, status=_(status), notes="; ".join(_notes(use) or [_("{excluded} match(es) excluded")
                                                                               .format(excluded=use.excluded)]))
        elif status == "over-broad":
            yield _("{where}: over-broad — {note}").format(where=where, note=over_broad_note(use))
        if use.duplicate_of:
            yield _("{where}: duplicate of '{duplicate_of}' (both compared as '{normalized}')").format(
                where=where, duplicate_of=use.duplicate_of, normalized=use.term.normalized)
        if use.also_in:
            yield _("{where}: also a term of {also_in} (allowed; a unit then counts for both)").format(
                where=where, also_in=", ".join(use.also_in))


REPORT_COLUMNS: tuple[str, ...] = ("code", "role", "lang", "term", "compared_as", "status", "hits", "documents",
                                   "units", "matched_alone", "lost_to_exclusions", "lost_to_other_terms",
                                   "lost_to_conditions", "distinct_forms", "forms", "notes", "examples")


def corpus_term_report(codebook: Codebook, corpus: str | Path, unit: UnitKind = "sentence", *,
                       out: Path | None = None, cache_folder: Path | None = None,
                       use_cache: bool = True) -> TermReport:
    """``term_report`` of a corpus folder read through the analysis cache; ``out`` (the file the caller will
    write) is refused when it lies inside the corpus, before any document is read."""
    from coding.exports.atomic import check_output_file
    from coding.scan import reading_corpus

    with reading_corpus(corpus, cache_folder, use_cache=use_cache) as (source, cache):
        if out is not None:
            check_output_file(out, source.root)
        return term_report(source, codebook, unit, cache=cache)


def check_in_corpus(codebook: Codebook, corpus: str | Path, unit: UnitKind = "sentence", *,
                    out: Path | None = None, cache_folder: Path | None = None,
                    use_cache: bool = True) -> TermReport:
    """``codebook check --corpus``: the term report of ``codebook`` on the corpus folder ``corpus``
    (read through the analysis cache), written to ``out`` (.xlsx or .csv) when given."""
    from coding.exports.sheets import check_table_file, write_tables

    if out is not None:
        check_table_file(out)
    report = corpus_term_report(codebook, corpus, unit, out=out, cache_folder=cache_folder, use_cache=use_cache)
    if out is not None:
        write_tables({"terms": report_rows(report)}, out, {"terms": REPORT_COLUMNS})
    return report
