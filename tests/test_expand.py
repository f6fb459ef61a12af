"""Terms written out as explicit forms (``codebook export --expand-forms``)."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from coding.cli import cli, codebook
from coding.cli_review import codebook_export
from coding.codebook import load_codebook, parse_codebook
from coding.expand import expand_codebook, expansion_lines, term_forms, word_forms
from coding.matcher import Matcher
from coding.records import Unit
from coding.terms import parse_term

codebook.add_command(codebook_export)


def unit(text: str, lang: str) -> Unit:
    return Unit(unit_id="d1:p1", doc_id="d1", kind="paragraph", start=0, end=len(text), text=text,
                lang=lang)


@pytest.mark.parametrize(("word", "lang", "expected"), [
    ("торговля", "ru", {"торговля", "торговли", "торговлей", "торговлях"}),
    ("продать", "ru", {"продал", "продали", "проданы", "продавший"}),
    ("victim", "en", {"victim", "victims"}),
    ("protect", "en", {"protect", "protected", "protecting", "protects"}),
])
def test_word_forms_include_the_paradigm(word: str, lang: str, expected: set[str]) -> None:
    assert expected <= set(word_forms(parse_term(word, lang).words[0], lang))


@pytest.mark.parametrize(("word", "lang"), [("торговля", "ru"), ("продать", "ru"), ("ребенок", "ru"),
                                            ("child", "en"), ("protect", "en"), ("бала", "kk")])
def test_every_form_keys_back_to_the_term_word(word: str, lang: str) -> None:
    """The expanded codebook finds nothing the original would not: each form has the term word's key."""
    term_word = parse_term(word, lang).words[0]
    forms = word_forms(term_word, lang)
    assert forms[0] == word  # the written form first
    for form in forms:
        text = form.capitalize() + " ."
        assert Matcher(parse_codebook(f"codebook: t\nlanguages: [{lang}]\ncodes:\n  - id: c\n    terms: "
                                      f"{{{lang}: [{word}]}}\n", "t.yaml").codes).match_unit(unit(text, lang)), form


def test_a_russian_phrase_varies_its_head_after_the_corpus_forms() -> None:
    term = parse_term("торговля детьми", "ru")
    seen = Counter({"торговли детьми": 3, "торговлей детьми": 5})
    forms, dropped = term_forms(term, seen, max_forms=500)
    assert forms[:3] == ["торговлей детьми", "торговли детьми", "торговля детьми"]
    assert "торговлях детьми" in forms and "торговля детей" not in forms  # the governed word keeps its case
    assert dropped == 0
    assert len(forms) == len(set(forms))


def test_a_russian_adjective_agrees_with_its_noun() -> None:
    forms, _ = term_forms(parse_term("детский труд", "ru"))
    assert {"детского труда", "детским трудом", "детских трудов"} <= set(forms)
    assert "детский труда" not in forms


KAZAKH_PHRASES = [
    ("бала саудасы", ["балалар саудасына", "бала саудасының", "балалар саудаларымен"],
     ["балаға саудасы", "бала саудам", "бала сауда"]),
    ("кәмелетке толмағандарды сату", ["кәмелетке толмағандарды сатқан", "кәмелетке толмағандарды сатпады"],
     ["кәмелеттер толмағандарды сату"]),
    ("қылмыс", ["қылмыстың", "қылмыстары", "қылмыстарының"], ["қылмыстық"]),
]


@pytest.mark.parametrize(("term", "present", "absent"), KAZAKH_PHRASES)
def test_a_kazakh_compound_varies_its_head_and_a_bare_dependent_its_number(term: str, present: list[str],
                                                                            absent: list[str]) -> None:
    forms, _ = term_forms(parse_term(term, "kk"), max_forms=1000)
    assert set(present) <= set(forms)
    assert not set(absent) & set(forms)


def test_the_cap_keeps_the_corpus_forms_and_counts_what_it_left_out() -> None:
    term = parse_term("торговля", "ru")
    everything, _ = term_forms(term, max_forms=1000)
    forms, dropped = term_forms(term, Counter({"торговлями": 1}), max_forms=2)
    assert forms == ["торговлями", "торговля"]
    assert dropped == len(everything) - 2


def test_terms_without_inflected_words_stay_as_written() -> None:
    assert term_forms(parse_term("=құқық =қорғау", "kk")) == (["=құқық =қорғау"], 0)
    assert term_forms(parse_term("traffick*", "en")) == (["traffick*"], 0)


MINI = """\
codebook: Mini
languages: [ru, en]
codes:
  - id: trade
    terms:
      ru: [торговля детьми, "=дети"]
      en: [child trafficking, "traffick*"]
    exclude:
      ru: [правоохранительный орган]
"""


def test_expand_codebook_writes_exact_terms_that_match_like_the_original() -> None:
    book = parse_codebook(MINI, "mini.yaml")
    expanded, expansions = expand_codebook(book, max_forms=500)
    entry = expanded.codes[0]
    assert all(word.kind == "exact" for term in entry.terms["ru"] for word in term.words)
    assert "traffick*" in [term.text for term in entry.terms["en"]]
    assert [term.text for term in entry.exclude["ru"]][0] == "=правоохранительный =орган"
    assert [(e.role, e.lang, e.term) for e in expansions] == [
        ("term", "ru", "торговля детьми"), ("term", "ru", "=дети"), ("term", "en", "child trafficking"),
        ("term", "en", "traffick*"), ("exclude", "ru", "правоохранительный орган")]
    text = "Случаи торговли детьми и торговлей детьми выявлены; правоохранительные органы знают о торговле детьми."
    original = Matcher(book.codes).match_unit(unit(text, "ru"))
    again = Matcher(expanded.codes).match_unit(unit(text, "ru"))
    assert [(m.start, m.end) for m in again] == [(m.start, m.end) for m in original]


@settings(max_examples=40, deadline=None)
@given(st.sampled_from(word_forms(parse_term("ребенок", "ru").words[0], "ru")))
def test_any_generated_russian_form_is_found_by_both_codebooks(form: str) -> None:
    book = parse_codebook("codebook: t\nlanguages: [ru]\ncodes:\n  - id: c\n    terms: {ru: [ребенок]}\n", "t")
    expanded, _ = expand_codebook(book)
    text = f"Там был {form} вчера."
    assert Matcher(expanded.codes).match_unit(unit(text, "ru"))
    assert Matcher(book.codes).match_unit(unit(text, "ru"))


def test_expansion_lines_say_counts_and_cuts() -> None:
    book = parse_codebook(MINI, "mini.yaml")
    _, expansions = expand_codebook(book, max_forms=3)
    lines = expansion_lines(expansions, max_forms=3, corpus=False)
    assert lines[0].startswith("  code 'trade' (ru) term 'торговля детьми': 3 forms, ")
    assert "more left out by --max-forms 3" in lines[0]
    assert lines[1] == "  code 'trade' (ru) term '=дети': 1 form"
    assert lines[-1].startswith("Expanded 5 terms into ") and lines[-1].endswith("cut at --max-forms 3).")


def test_cli_expands_with_the_corpus_forms_first(runner, small_corpus: Path, codebook_file: Path,
                                                 tmp_path: Path) -> None:
    out = tmp_path / "book.dic"
    result = runner.invoke(cli, ["codebook", "export", str(codebook_file), "--to", "liwc", "--out", str(out),
                                 "--expand-forms", "--corpus", str(small_corpus), "--lang", "ru"])
    assert result.exit_code == 0, result.output + result.stderr
    assert "  code 'child_trafficking' (ru) term 'торговля детьми': " in result.output
    assert "2 seen in the corpus" in result.output
    entries = [line.split("\t")[0] for line in out.read_text(encoding="utf-8").split("%")[2].split("\n") if line]
    assert entries[:2] == ["торговля детьми", "торговли детьми"]  # the corpus's forms, in the order of counts
    assert "торговлей детьми" in entries and "защиту" in entries
    assert result.output.splitlines()[-1] == f"Wrote {out}: 3 codes."


def test_cli_refuses_corpus_without_expand_forms(runner, codebook_file: Path, small_corpus: Path,
                                                 tmp_path: Path) -> None:
    result = runner.invoke(cli, ["codebook", "export", str(codebook_file), "--to", "liwc", "--out",
                                 str(tmp_path / "b.dic"), "--corpus", str(small_corpus)])
    assert result.exit_code == 2
    assert result.stderr == ("Error: --corpus and --max-forms only apply with --expand-forms; add --expand-forms, "
                             "or leave them out\n")


def test_the_study_codebook_expands_in_every_format(runner, tmp_path: Path) -> None:
    study = Path(__file__).resolve().parents[1] / "codebooks" / "child_trafficking.yaml"
    book = load_codebook(study)
    expanded, expansions = expand_codebook(book)
    assert len(expansions) == sum(len(t) for e in book.codes for t in [*e.terms.values(), *e.exclude.values()])
    for to, suffix in (("wordstat", ".cat"), ("quanteda-yaml", ".yml"), ("qdc", ".qdc"), ("xlsx", ".xlsx")):
        result = runner.invoke(cli, ["codebook", "export", str(study), "--to", to, "--out",
                                     str(tmp_path / f"s{suffix}"), "--expand-forms"])
        assert result.exit_code == 0, result.output + result.stderr


def test_proximity_terms_and_conditions_are_kept_as_written() -> None:
    book = parse_codebook("""\
codebook: t
languages: [kk]
codes:
  - id: crime
    terms: {kk: [қылмыс]}
  - id: case
    terms: {kk: [бала NEAR/5 сату]}
    when: {all: [crime]}
""", "t.yaml")
    expanded, expansions = expand_codebook(book)
    case = expanded.codes[1]
    assert [t.text for t in case.terms["kk"]] == ["бала NEAR/5 сату"]
    assert case.terms["kk"][0].proximity is not None
    assert case.when == book.codes[1].when
    assert expansions[1].forms == ("бала NEAR/5 сату",)
