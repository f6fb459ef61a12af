"""What else belongs to a code: candidate terms ranked from the corpus, one row per lemma key.

Three lists, from one streamed pass over the units of one language:

- **keyness** — words of the code's units (the units the code matches) against the rest of the
  corpus: log-likelihood G² with its p-value, and Hardie's log ratio as the effect size;
- **collocates** — words within ``window`` words of the code's matches: log-Dice and mutual
  information, with the frequencies they come from;
- **phrases** — two- and three-word sequences of keys that recur within the window of the matches.

Words are counted by lemma key (``балалар``, ``балаларды`` and ``баласы`` are one row with their forms),
so a Kazakh lemma is not split into twenty rows. Words already in the codebook (any code, direction or
tone term), stop words, numbers and one-letter words are left out. Every row carries its term written in
the codebook's term syntax, ready to paste, and three concordance lines.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from coding.codebook import Codebook, Entry
from coding.corpus import CorpusSource
from coding.errors import InputError
from coding.i18n import _
from coding.keyness import chi2_p_value, log_dice, log_likelihood, log_ratio, mutual_information
from coding.lemmas import lemma_key
from coding.matcher import Matcher, word_candidates
from coding.records import UnitKind
from coding.scan import AnalysedUnit, scan_units
from coding.stopwords import is_stop_word
from coding.terms import Term, TermSyntaxError, TermWord, parse_term

EXAMPLES = 3  # concordance lines per row
EXAMPLE_WORDS = 7  # words of context on each side
SHOWN_FORMS = 8  # forms listed per row, most frequent first


@dataclass(frozen=True)
class SuggestOptions:
    """How candidates are counted and ranked."""

    lang: str = "kk"
    unit: UnitKind = "sentence"
    top: int = 50
    min_freq: int = 3  # in the code's units (keyness), near the matches (collocates, phrases)
    window: int = 5  # words on each side of a match


@dataclass
class _Counts:
    """The counters of one pass (nothing else of the corpus is kept)."""

    # Words are counted by form as they come (one C-level update per unit, no lemma lookup for the many
    # units the code does not match); ``by_key`` turns the forms into keys once, at the end.
    forms: Counter[str] = field(default_factory=Counter)  # lower-cased form -> words in the corpus
    target_forms: Counter[str] = field(default_factory=Counter)  # form -> words in the code's units
    target_units: Counter[str] = field(default_factory=Counter)  # key -> code units it occurs in
    near: Counter[str] = field(default_factory=Counter)  # key -> words within the window of a match
    phrases: Counter[tuple[str, ...]] = field(default_factory=Counter)
    phrase_units: Counter[tuple[str, ...]] = field(default_factory=Counter)
    phrase_forms: dict[tuple[str, ...], Counter[str]] = field(default_factory=dict)
    examples: dict[str, list[str]] = field(default_factory=dict)
    near_examples: dict[str, list[str]] = field(default_factory=dict)
    phrase_examples: dict[tuple[str, ...], list[str]] = field(default_factory=dict)
    target_words: int = 0
    rest_words: int = 0
    matches: int = 0
    code_units: int = 0
    units: int = 0
    documents: int = 0


@dataclass(frozen=True)
class Suggestions:
    """The three ranked lists (rows as dicts, best first) and what they were counted on."""

    code: str
    lang: str
    keyness: list[dict[str, Any]]
    collocates: list[dict[str, Any]]
    phrases: list[dict[str, Any]]
    documents: int
    units: int
    code_units: int
    matches: int
    words: int
    problems: tuple[str, ...] = ()


KEYNESS_COLUMNS: tuple[str, ...] = ("rank", "term", "key", "forms", "freq_code_units", "freq_other_units",
                                    "code_units", "per_10k_code", "per_10k_other", "g2", "p_value",
                                    "log_ratio", "example_1", "example_2", "example_3")
COLLOCATE_COLUMNS: tuple[str, ...] = ("rank", "term", "key", "forms", "near_matches", "matches", "corpus_freq",
                                      "log_dice", "mi", "example_1", "example_2", "example_3")
PHRASE_COLUMNS: tuple[str, ...] = ("rank", "term", "keys", "forms", "near_matches", "code_units",
                                   "example_1", "example_2", "example_3")
SUGGESTION_COLUMNS = {"keyness": KEYNESS_COLUMNS, "collocates": COLLOCATE_COLUMNS, "phrases": PHRASE_COLUMNS}


def seed_entry(seed: str, lang: str) -> Entry:
    """An entry of the comma-separated seed terms (for a code that does not exist yet); raises
    InputError naming a seed term that cannot be used."""
    terms: list[Term] = []
    for text in (part.strip() for part in seed.split(",")):
        if not text:
            continue
        try:
            terms.append(parse_term(text, lang))
        except TermSyntaxError as error:
            raise InputError(_("the seed term '{text}' cannot be used: {error}").format(text=text, error=error),
                             hint=_("write seed terms in the codebook's term syntax, separated by commas")) from None
    if not terms:
        raise InputError(_("--seed has no term"),
                         hint=_('give terms separated by commas, e.g. --seed "бала, жасөспірім"'))
    return Entry(id="seed", label={}, terms={lang: tuple(terms)})


def _known_words(codebook: Codebook | None, extra: Entry, lang: str) -> list[TermWord]:
    entries: list[Entry] = [extra]
    terms: list[Term] = []
    if codebook is not None:
        entries.extend((*codebook.codes, *codebook.directions))
        if codebook.tone is not None:
            for polar in (codebook.tone.positive, codebook.tone.negative):
                terms.extend(polar.get(lang, ()))
    for entry in entries:
        terms.extend(entry.terms.get(lang, ()))
    return [word for term in terms for word in term.words if word.kind != "any"]


def _known_terms(codebook: Codebook | None, extra: Entry, lang: str) -> set[str]:
    entries = [extra, *((*codebook.codes, *codebook.directions) if codebook else ())]
    return {term.normalized for entry in entries for term in entry.terms.get(lang, ())}


def _is_content(form: str, key: str, lang: str) -> bool:
    return len(form) > 1 and not any(ch.isdigit() for ch in form) and not is_stop_word(form, key, lang)


def _snippet(text: str, spans: Sequence[tuple[int, int]], marks: dict[int, tuple[str, str]], first: int,
             last: int, unit_id: str) -> str:
    """The words ``first..last`` with ``EXAMPLE_WORDS`` of context each side, marked words bracketed."""
    low = max(0, first - EXAMPLE_WORDS)
    high = min(len(spans), last + 1 + EXAMPLE_WORDS)
    pieces: list[str] = []
    cursor = spans[low][0] if low else 0  # from the unit's start: an opening quote or dash stays
    for index in range(low, high):
        start, end = spans[index]
        pieces.append(text[cursor:start])
        opening, closing = marks.get(index, ("", ""))
        pieces.append(f"{opening}{text[start:end]}{closing}")
        cursor = end
    if high == len(spans):
        pieces.append(text[cursor:])  # to the unit's end: its full stop stays
    return f"{' '.join(''.join(pieces).split())}  ({unit_id})"


def _span_marks(first: int, last: int, opening: str, closing: str) -> dict[int, tuple[str, str]]:
    """Marks that bracket the words ``first..last`` as one span."""
    if first == last:
        return {first: (opening, closing)}
    return {first: (opening, ""), last: ("", closing)} | {i: ("", "") for i in range(first + 1, last)}


def _add_example(store: dict[Any, list[str]], key: Any, make: Any) -> None:
    found = store.setdefault(key, [])
    if len(found) < EXAMPLES:
        found.append(make())


def _count_unit(counts: _Counts, analysed: AnalysedUnit, matcher: Matcher, options: SuggestOptions) -> None:
    unit, words = analysed.unit, analysed.words
    lowered = words.lowered
    if not lowered:
        return
    counts.units += 1
    counts.forms.update(lowered)
    matches = matcher.match_unit(unit, words, learned=True)
    if not matches:
        counts.rest_words += len(lowered)
        return
    keys = [candidates[0] for candidates in words.candidates]
    counts.code_units += 1
    counts.matches += len(matches)
    counts.target_forms.update(lowered)
    counts.target_words += len(keys)
    counts.target_units.update(set(keys))
    lang, spans, text = unit.lang, words.spans, unit.text
    content = [_is_content(form, key, lang) for form, key in zip(lowered, keys, strict=True)]
    # Word positions of the matches, and of the words around them (counted once however many matches).
    starts = {start for start, _ in spans}
    ends = {end for _, end in spans}
    matched: list[tuple[int, int]] = []
    for match in matches:
        begin, finish = match.start - unit.start, match.end - unit.start
        if begin in starts and finish in ends:
            first = next(i for i, (s, _) in enumerate(spans) if s == begin)
            last = next(i for i in range(first, len(spans)) if spans[i][1] == finish)
            matched.append((first, last))
    inside = {i for first, last in matched for i in range(first, last + 1)}
    for index, key in enumerate(keys):
        if content[index] and index not in inside and len(counts.examples.get(key, ())) < EXAMPLES:
            first, last = min(matched, key=lambda span: abs(span[0] - index)) if matched else (index, index)
            marks = _span_marks(first, last, "«", "»") | {index: ("[", "]")} if matched else {index: ("[", "]")}
            _add_example(counts.examples, key, lambda i=index, f=first, la=last, m=marks: _snippet(
                text, spans, m, min(i, f), max(i, la), unit.unit_id))
    window = options.window
    around: dict[int, tuple[int, int]] = {}
    for first, last in matched:
        for i in (*range(max(0, first - window), first), *range(last + 1, min(len(keys), last + 1 + window))):
            if i not in inside:
                around.setdefault(i, (first, last))
    for i, (first, last) in around.items():
        if not content[i]:
            continue
        counts.near[keys[i]] += 1
        if len(counts.near_examples.get(keys[i], ())) < EXAMPLES:
            marks = _span_marks(first, last, "«", "»") | {i: ("[", "]")}
            _add_example(counts.near_examples, keys[i], lambda i=i, f=first, la=last, m=marks: _snippet(
                text, spans, m, min(i, f), max(i, la), unit.unit_id))
    seen: set[tuple[str, ...]] = set()
    for size in (2, 3):
        for start in sorted(around):
            stop = start + size
            positions = range(start, stop)
            if any(p not in around for p in positions) or not (content[start] and content[stop - 1]):
                continue
            phrase = tuple(keys[start:stop])
            counts.phrases[phrase] += 1
            counts.phrase_forms.setdefault(phrase, Counter())[" ".join(lowered[start:stop])] += 1
            if phrase not in seen:
                seen.add(phrase)
                counts.phrase_units[phrase] += 1
            if len(counts.phrase_examples.get(phrase, ())) < EXAMPLES:
                first, last = around[start]
                marks = _span_marks(first, last, "«", "»") | _span_marks(start, stop - 1, "[", "]")
                _add_example(counts.phrase_examples, phrase, lambda s=start, e=stop - 1, f=first, la=last,
                             m=marks: _snippet(text, spans, m, min(s, f), max(e, la), unit.unit_id))


def _verbal_noun(key: str) -> str | None:
    """The Kazakh verbal noun in -у of a verb key (тірке → тіркеу, оқы → оқу), the dictionary form the
    codebook asks for, when the analyzer reads it back as the key."""
    from coding.lang.kk.analyzer import is_verb_stem
    from coding.lang.kk.stems import NOUN_STEMS

    if key in NOUN_STEMS or not is_verb_stem(key):  # a listed noun (тамыр 'root') is not a verb (тамыр-у)
        return None
    written = key[:-1] + "у" if key[-1] in "ыі" else key + "у"
    return written if lemma_key(written, "kk") == key else None


def _written(key: str, forms: Counter[str], lang: str) -> str:
    """How a key is written in a term: a Kazakh verb as its verbal noun; else the key itself when it
    reads back as itself (a dictionary form), else its most frequent form (which reads back as the key:
    it is where the key came from)."""
    if lang == "kk" and (verbal_noun := _verbal_noun(key)):
        return verbal_noun
    if lemma_key(key, lang) == key:
        return key
    return forms.most_common(1)[0][0] if forms else key


def _round(value: float, digits: int) -> float | str:
    return round(value, digits) if value not in (float("inf"), float("-inf")) else ""


def _examples(found: list[str] | None) -> dict[str, str]:
    found = found or []
    return {f"example_{n}": found[n - 1] if len(found) >= n else "" for n in range(1, EXAMPLES + 1)}


def rank_suggestions(counts: _Counts, code: str, known: Iterable[TermWord], known_terms: set[str],
                     options: SuggestOptions) -> Suggestions:
    """The three ranked lists from the counters of a pass (see the module's docstring)."""
    lang = options.lang
    by_key: dict[str, Counter[str]] = {}
    target: Counter[str] = Counter()  # key -> words in the code's units
    everywhere: Counter[str] = Counter()  # key -> words in all units
    for form, count in counts.forms.items():
        key = word_candidates(form, lang)[0]
        by_key.setdefault(key, Counter())[form] = count
        everywhere[key] += count
    for form, count in counts.target_forms.items():
        target[word_candidates(form, lang)[0]] += count
    known = list(known)
    known_keys = {word.value for word in known if word.kind == "lemma"}
    surface_words = [word for word in known if word.kind in ("exact", "prefix")]

    def candidate(key: str) -> bool:
        forms = by_key.get(key) or Counter({key: 1})
        if key in known_keys:
            return False
        form = forms.most_common(1)[0][0]
        if any(word.matches(form, (key,)) for word in surface_words):
            return False
        return _is_content(form, key, lang)

    def forms_text(forms: Counter[str]) -> str:
        return "; ".join(f"{form} {count}" for form, count in forms.most_common(SHOWN_FORMS))

    c, d = counts.target_words, counts.rest_words
    keyness: list[dict[str, Any]] = []
    for key, a in target.items():
        b = everywhere[key] - a
        if a < options.min_freq or a * d <= b * c or not candidate(key):
            continue
        g2 = log_likelihood(a, b, c, d)
        keyness.append({"term": _written(key, by_key.get(key, Counter()), lang), "key": key,
                        "forms": forms_text(by_key.get(key, Counter())), "freq_code_units": a,
                        "freq_other_units": b, "code_units": counts.target_units[key],
                        "per_10k_code": round(a * 10_000 / c, 2), "per_10k_other": round(b * 10_000 / d, 2) if d else 0,
                        "g2": round(g2, 3), "p_value": float(f"{chi2_p_value(g2):.3g}"),
                        "log_ratio": round(log_ratio(a, b, c, d), 3), **_examples(counts.examples.get(key))})
    keyness.sort(key=lambda row: (-row["g2"], -row["log_ratio"], row["key"]))

    total = c + d
    collocates: list[dict[str, Any]] = []
    for key, together in counts.near.items():
        if together < options.min_freq or not candidate(key):
            continue
        frequency = everywhere[key]
        collocates.append({"term": _written(key, by_key.get(key, Counter()), lang), "key": key,
                           "forms": forms_text(by_key.get(key, Counter())), "near_matches": together,
                           "matches": counts.matches, "corpus_freq": frequency,
                           "log_dice": _round(log_dice(together, counts.matches, frequency), 3),
                           "mi": _round(mutual_information(together, counts.matches, frequency, total,
                                                           2 * options.window), 3),
                           **_examples(counts.near_examples.get(key))})
    collocates.sort(key=lambda row: (-(row["log_dice"] or 0), -row["near_matches"], row["key"]))

    phrases: list[dict[str, Any]] = []
    for phrase, together in counts.phrases.items():
        if together < options.min_freq or counts.phrase_units[phrase] < 2:
            continue
        if " ".join(phrase) in known_terms or all(key in known_keys for key in phrase):
            continue
        term = _phrase_term(phrase, counts.phrase_forms[phrase], lang)
        if term is None:
            continue
        phrases.append({"term": term, "keys": " ".join(phrase), "forms": forms_text(counts.phrase_forms[phrase]),
                        "near_matches": together, "code_units": counts.phrase_units[phrase],
                        **_examples(counts.phrase_examples.get(phrase))})
    phrases.sort(key=lambda row: (-row["code_units"], -row["near_matches"], row["keys"]))

    lists = [keyness[:options.top], collocates[:options.top], phrases[:options.top]]
    for rows in lists:
        for rank, row in enumerate(rows, start=1):
            row["rank"] = rank
    return Suggestions(code=code, lang=lang, keyness=lists[0], collocates=lists[1], phrases=lists[2],
                       documents=counts.documents, units=counts.units, code_units=counts.code_units,
                       matches=counts.matches, words=total)


def _phrase_term(phrase: tuple[str, ...], forms: Counter[str], lang: str) -> str | None:
    """The phrase in term syntax, checked to read back as its keys (None if no writing does)."""
    surface = forms.most_common(1)[0][0].split()
    wanted = " ".join(phrase)
    written = " ".join(_written(key, Counter({form: 1}), lang) for key, form in zip(phrase, surface, strict=True))
    for text in (written, " ".join(surface)):
        try:
            if parse_term(text, lang).normalized == wanted:
                return text
        except TermSyntaxError:
            continue
    return None


def suggest_terms(source: CorpusSource, entry: Entry, codebook: Codebook | None = None,
                  options: SuggestOptions | None = None, *, cache: Any = None) -> Suggestions:
    """Rank candidate terms for ``entry`` (a code of ``codebook``, or a ``seed_entry``) over the units of
    ``options.lang`` in the corpus, streaming its documents (``cache``: an open ``AnalysisCache``)."""
    options = options or SuggestOptions()
    if not entry.terms.get(options.lang):
        raise InputError(_("'{id}' has no {lang} terms to suggest around").format(id=entry.id, lang=options.lang),
                         hint=_("choose --lang among: {items}")
                         .format(items=', '.join(sorted(k for k, v in entry.terms.items() if v))))
    matcher = Matcher([entry])
    counts = _Counts()
    # The matcher learns each new word type once; a unit then costs a set lookup (``match_unit(learned=True)``).
    for _doc, units in scan_units(source, options.unit, cache=cache, lang=options.lang, on_new_words=matcher.learn):
        counts.documents += 1
        for analysed in units:
            _count_unit(counts, analysed, matcher, options)
    found = rank_suggestions(counts, entry.id, _known_words(codebook, entry, options.lang),
                             _known_terms(codebook, entry, options.lang), options)
    return replace(found, problems=tuple(str(problem) for problem in source.problems))


def suggest_for_code(corpus: str | Path, *, codebook: Codebook | None, code: str | None, seed: str | None,
                     options: SuggestOptions, out: Path | None = None, cache_folder: Path | None = None,
                     use_cache: bool = True) -> Suggestions:
    """``coding suggest``: the suggestions for ``code`` of ``codebook`` (or for the ``seed`` terms), written
    to ``out`` (.xlsx: a sheet per list; .csv: one table) when given."""
    from coding.exports.atomic import check_output_file
    from coding.exports.sheets import check_table_file, write_tables
    from coding.scan import reading_corpus

    if (code is None) == (seed is None):
        raise InputError(_("give either --code ID (with --codebook) or --seed \"TERM, TERM\""),
                         hint=_("see 'coding suggest --help'"))
    if code is not None and codebook is None:
        raise InputError(_("--code needs the codebook it belongs to"), hint=_("add --codebook FILE"))
    entry = codebook.code(code) if code is not None and codebook is not None else seed_entry(seed or "", options.lang)
    if out is not None:
        check_table_file(out)
    with reading_corpus(corpus, cache_folder, use_cache=use_cache) as (source, cache):
        if out is not None:
            check_output_file(out, source.root)
        found = suggest_terms(source, entry, codebook, options, cache=cache)
    if out is not None:
        write_tables({"keyness": found.keyness, "collocates": found.collocates, "phrases": found.phrases}, out,
                     SUGGESTION_COLUMNS)
    return found


def summary_lines(found: Suggestions, rows: int = 15) -> list[str]:
    """Short lines for the terminal: what was counted, then the first ``rows`` of each list."""
    lines = [_("'{code}' ({lang}): {matches} matches in {code_units} of {units} units ({documents} documents, "
               "{words} words).").format(code=found.code, lang=found.lang, matches=found.matches,
                                         code_units=found.code_units, units=found.units, documents=found.documents,
                                         words=found.words)]
    if not found.matches:
        lines.append(_("The code matches nothing here: check its terms with 'coding codebook check --corpus'."))
        return lines
    lists = (
        (_("Keyness in the code's units (G², p, log ratio)"), found.keyness,
         lambda r: f"G²={r['g2']:.1f} p={r['p_value']:.2g} LR={r['log_ratio']:.2f} "
                   + _("({inside} in code units, {outside} elsewhere)").format(inside=r["freq_code_units"],
                                                                              outside=r["freq_other_units"])),
        (_("Collocates of the matches (log-Dice, MI)"), found.collocates,
         lambda r: f"logDice={r['log_dice']:.2f} MI={r['mi']:.2f} "
                   + _("({near} near, {total} in all)").format(near=r["near_matches"], total=r["corpus_freq"])),
        (_("Phrases around the matches"), found.phrases,
         lambda r: _("{near} near matches, in {units} code units").format(near=r["near_matches"],
                                                                          units=r["code_units"])),
    )
    for title, items, describe in lists:
        lines.append(f"\n{title}:")
        if not items:
            lines.append(_("  (none at this --min-freq)"))
        for row in items[:rows]:
            forms = ", ".join(part.rsplit(" ", 1)[0] for part in row["forms"].split("; ")[:3])
            lines.append(f"  {row['rank']:>3}. {row['term']:<28} {describe(row)}  [{forms}]")
    return lines
