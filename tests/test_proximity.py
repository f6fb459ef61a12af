"""Proximity terms (``A NEAR/n B``, ``A BEFORE/n B``) and code conditions (``when``): syntax, matching,
checks with their lines, show/explain, export warnings and a CLI run."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from coding.cli import cli
from coding.codebook import parse_codebook
from coding.errors import CodebookError
from coding.explain import explain_word, rule_readings
from coding.interchange import export_codebook
from coding.matcher import find_matches
from coding.records import Unit
from coding.terms import TermSyntaxError, parse_term


def unit(text: str, lang: str = "en") -> Unit:
    return Unit("d:1:1", "d", "sentence", 0, len(text), text, lang)  # type: ignore[arg-type]


def book(codes: list[dict], languages: list[str] | None = None):
    data = {"codebook": "t", "languages": languages or ["kk", "ru", "en"], "codes": codes}
    return parse_codebook(yaml.safe_dump(data, allow_unicode=True), "cb.yaml")


def found(text: str, terms: list[str], lang: str = "en", exclude: list[str] | None = None) -> list[tuple[str, str]]:
    """(surface, evidence) of every match of a one-code codebook."""
    code = {"id": "c", "terms": {lang: terms}}
    if exclude:
        code["exclude"] = {lang: exclude}
    return [(m.surface, m.evidence) for m in find_matches([unit(text, lang)], book([code]).codes)]


def surfaces(text: str, terms: list[str], lang: str = "en", exclude: list[str] | None = None) -> list[str]:
    return [surface for surface, _ in found(text, terms, lang, exclude)]


# (text, term, surfaces): English exact forms keep the cases about positions, not about morphology.
OPERATOR_CASES = [
    ("sell the child", "=sell NEAR/2 =child", ["sell the child"]),            # A first
    ("the child they sell", "=sell NEAR/2 =child", ["child they sell"]),      # NEAR: B first too
    ("the child they sell", "=sell BEFORE/2 =child", []),                     # BEFORE: only A first
    ("sell the child", "=sell BEFORE/2 =child", ["sell the child"]),
    ("a b c d x", "=a NEAR/4 =x", ["a b c d x"]),                             # exactly n apart
    ("a b c d e x", "=a NEAR/4 =x", []),                                      # n + 1 apart
    ("a x", "=a NEAR/1 =x", ["a x"]),                                         # NEAR/1: neighbours
    ("a b x", "=a NEAR/1 =x", []),
    ("x a", "=a NEAR/1 =x", ["x a"]),
    ("x a", "=a BEFORE/1 =x", []),
    ("human trafficking of a child", '"=human =trafficking" NEAR/3 =child', ["human trafficking of a child"]),
    ("child of human trafficking", '"=human =trafficking" NEAR/2 =child', ["child of human trafficking"]),
    ("human and trafficking of a child", '"=human =trafficking" NEAR/3 =child', []),  # a phrase stays a phrase
    ("child is traded to traders", "=child NEAR/3 "'"=traded =to"', ["child is traded to"]),
    ("sell", "sell* NEAR/3 =sell", []),                                       # one word is not both A and B
    ("sell sell", "sell* NEAR/3 =sell", ["sell sell"]),
]


@pytest.mark.parametrize(("text", "term", "expected"), OPERATOR_CASES)
def test_operators(text: str, term: str, expected: list[str]) -> None:
    assert surfaces(text, [term]) == expected


def test_nearest_b_is_chosen_and_evidence_says_which_words_were_a_and_b() -> None:
    assert found("sell x x child x child", ["=sell NEAR/5 =child"]) == [
        ("sell x x child", "A=sell; B=child; 3 words apart (NEAR/5)")]
    # two B candidates on either side: the nearer one (after A here)
    assert found("child x x sell x child", ["=sell NEAR/5 =child"]) == [
        ("sell x child", "A=sell; B=child; 2 words apart (NEAR/5)")]
    # equally near on both sides: the earlier
    assert found("child x sell x child", ["=sell NEAR/5 =child"]) == [
        ("child x sell", "A=sell; B=child; 2 words apart (NEAR/5)")]


def test_lemma_parts_and_offsets_in_the_document() -> None:
    text = "Балаларды заңсыз сатқан қылмыскер ұсталды."
    [match] = find_matches([unit(text, "kk")], book([{"id": "c", "terms": {"kk": ["бала NEAR/3 сату"]}}]).codes)
    assert (match.surface, match.term) == ("Балаларды заңсыз сатқан", "бала NEAR/3 сату")
    assert text[match.start:match.end] == match.surface
    assert match.evidence == "A=Балаларды; B=сатқан; 2 words apart (NEAR/3)"


def test_russian_near_with_a_quoted_phrase() -> None:
    text = "Ребенок стал жертвой торговли людьми в Алматы."
    assert surfaces(text, ['"торговля людьми" NEAR/10 ребенок'], "ru") == ["Ребенок стал жертвой торговли людьми"]


def test_plain_terms_still_count_once_with_the_longest_match() -> None:
    # a plain term inside a NEAR segment of the same code: the longer segment wins, counted once
    assert surfaces("sell the child now", ["=sell NEAR/3 =child", "=child"]) == ["sell the child"]
    # two A occurrences around one B give overlapping segments: one count
    assert surfaces("sell child sell", ["=sell NEAR/2 =child"]) == ["sell child"]
    # far apart: two segments
    assert surfaces("sell child x x x x sell child", ["=sell NEAR/1 =child"]) == ["sell child", "sell child"]


def test_exclusions_work_with_near_terms_on_both_sides() -> None:
    assert surfaces("sell the child", ["=sell NEAR/3 =child"], exclude=["=the"]) == []
    assert surfaces("the child sell it", ["=child"], exclude=["=sell NEAR/1 =it"]) == ["child"]
    assert surfaces("the child sell it", ["=sell"], exclude=["=sell NEAR/1 =it"]) == []


@given(st.lists(st.sampled_from(["a", "b", "c", "x"]), max_size=14), st.integers(1, 6),
       st.sampled_from(["NEAR", "BEFORE"]))
@settings(max_examples=300, deadline=None)
def test_near_matches_iff_some_a_and_some_b_are_close_enough(words: list[str], n: int, operator: str) -> None:
    """``a NEAR/n "b c"`` (and BEFORE) matches a unit iff some a and some "b c" are at most n apart, computed
    naively over every pair of occurrences."""
    text = " ".join(words)
    a_at = [i for i, w in enumerate(words) if w == "a"]
    b_at = [i for i in range(len(words) - 1) if words[i:i + 2] == ["b", "c"]]

    def close(a: int, b: int) -> bool:  # A is the word at a, B the two words from b
        if b >= a + 1:  # B after A: from A's (last) word to B's first
            return b - a <= n
        if b + 2 <= a:  # B before A: from B's last word to A's
            return operator == "NEAR" and a - (b + 1) <= n
        return False  # overlapping: never (a and b are different words here anyway)

    expected = any(close(a, b) for a in a_at for b in b_at)
    matches = found(text, [f'=a {operator}/{n} "=b =c"']) if text else []
    assert bool(matches) is expected
    for _surface, evidence in matches:
        assert evidence.startswith("A=a; B=b c; ")


SYNTAX_ERRORS = [
    ("NEAR/5 сату", "'NEAR/5 сату' has nothing before NEAR/5; write a word or a quoted phrase on both sides, "
                    "e.g. бала NEAR/5 сату"),
    ("бала NEAR/5", "'бала NEAR/5' has nothing after NEAR/5; write a word or a quoted phrase on both sides, "
                    "e.g. бала NEAR/5 сату"),
    ("бала NEAR/0 сату", "'NEAR/0': the distance must be a whole number of words from 1 to 1000, e.g. NEAR/5 "
                         "(NEAR/1 means next to each other)"),
    ("бала BEFORE/2.5 сату", "'BEFORE/2.5': the distance must be a whole number of words from 1 to 1000, "
                             "e.g. BEFORE/5 (BEFORE/1 means next to each other)"),
    ("бала NEAR/-3 сату", "'NEAR/-3': the distance must be a whole number of words from 1 to 1000, e.g. NEAR/5 "
                          "(NEAR/1 means next to each other)"),
    ("бала NEAR сату", "'NEAR' has no distance; write how many words apart, e.g. NEAR/5"),
    ("бала near/5 сату", "'near/5': write the operator in capitals, NEAR/5"),
    ("=NEAR/5 сату", "'=NEAR/5' puts an operator inside an exact form (=); write the operator alone between the "
                     "two parts, e.g. =бала NEAR/5 сату"),
    ('"бала саудасы NEAR/5 сату', "'\"бала саудасы NEAR/5 сату' has an unbalanced double quote (\"); put a phrase "
                                  "between two quotes, e.g. \"торговля людьми\" NEAR/10 ребенок"),
    ("а NEAR/2 б NEAR/3 в", "'а NEAR/2 б NEAR/3 в' has 2 operators; a term holds one NEAR or BEFORE between two "
                            "parts (nesting is not supported): split it into two terms, or use a condition (when:)"),
    ('"а NEAR/2 б" NEAR/3 в', "'\"а NEAR/2 б\" NEAR/3 в' has NEAR or BEFORE inside a quoted phrase; one term holds "
                              "one operator between two parts: split it into two terms, or use a condition (when:)"),
    ("бала саудасы NEAR/5 сату", "'бала саудасы NEAR/5 сату' has more than one word before NEAR/5; put a phrase "
                                 "in double quotes, e.g. \"бала саудасы\" NEAR/5 сату"),
    ("бала BEFORE/3 адам саудасы", "'бала BEFORE/3 адам саудасы' has more than one word after BEFORE/3; put a "
                                   "phrase in double quotes, e.g. бала BEFORE/3 \"адам саудасы\""),
]


@pytest.mark.parametrize(("term", "message"), SYNTAX_ERRORS)
def test_syntax_errors(term: str, message: str) -> None:
    with pytest.raises(TermSyntaxError) as raised:
        parse_term(term, "kk")
    assert str(raised.value) == message


def test_check_reports_a_bad_near_term_with_its_line() -> None:
    text = "codebook: t\nlanguages: [kk]\ncodes:\n  - id: a\n    terms:\n      kk: [бала, бала NEAR/x сату]\n"
    with pytest.raises(CodebookError) as raised:
        parse_codebook(text, "cb.yaml")
    assert str(raised.value) == ("cb.yaml:6: code 'a' terms (kk): 'NEAR/x': the distance must be a whole number "
                                 "of words from 1 to 1000, e.g. NEAR/5 (NEAR/1 means next to each other)")


def test_reading_of_a_rule() -> None:
    assert parse_term("бала NEAR/5 сату", "kk").proximity.reading == "key бала, within 5 words, key сат"
    assert parse_term('"торговля людьми" BEFORE/1 =ребенок', "ru").proximity.reading == \
        "phrase (key торговля key человек), followed within 1 word by, form ребенок"
    assert parse_term("бала NEAR/5 сат*", "kk").normalized == "бала NEAR/5 сат*"


# --- conditions -------------------------------------------------------------------------------------------

CONDITIONED = [
    {"id": "case", "terms": {"en": ["=sale"]}, "when": {"all": ["crime"], "any": ["victim", "court"],
                                                        "none": ["sport"]}},
    {"id": "crime", "terms": {"en": ["=crime"]}},
    {"id": "victim", "terms": {"en": ["=victim"]}},
    {"id": "court", "terms": {"en": ["=court"]}},
    {"id": "sport", "terms": {"en": ["=sport"]}},
]

CONDITION_CASES = [
    ("sale crime victim", True),
    ("sale crime court", True),
    ("sale victim court", False),        # all: crime is missing
    ("sale crime", False),               # any: neither victim nor court
    ("sale crime court sport", False),   # none: sport is there
    ("crime court", False),              # the code's own term is missing
]


@pytest.mark.parametrize(("text", "coded"), CONDITION_CASES)
def test_condition_kinds(text: str, coded: bool) -> None:
    codes = {m.code for m in find_matches([unit(text)], book(CONDITIONED).codes)}
    assert ("case" in codes) is coded
    assert "crime" in codes or "crime" not in text  # the codes named keep their own segments


def test_conditions_chain_in_dependency_order() -> None:
    codes = [
        {"id": "a", "terms": {"en": ["=a"]}, "when": {"all": ["b"]}},   # a needs b, which needs c
        {"id": "b", "terms": {"en": ["=b"]}, "when": {"all": ["c"]}},
        {"id": "c", "terms": {"en": ["=c"]}},
        {"id": "d", "terms": {"en": ["=d"]}, "when": {"none": ["b"]}},  # d only without a (counted) b
    ]
    entries = book(codes).codes
    assert {m.code for m in find_matches([unit("a b c d")], entries)} == {"a", "b", "c"}
    # without c, b fails, so a fails too, and d holds
    assert {m.code for m in find_matches([unit("a b d")], entries)} == {"d"}


def test_condition_errors_with_lines() -> None:
    text = (
        "codebook: t\n"                 # 1
        "languages: [en]\n"             # 2
        "codes:\n"                      # 3
        "  - id: a\n"                   # 4
        "    terms: {en: [a]}\n"        # 5
        "    when:\n"                   # 6
        "      all: [b]\n"              # 7
        "  - id: b\n"                   # 8
        "    terms: {en: [b]}\n"        # 9
        "    when: {any: [a, nope]}\n"  # 10
        "  - id: c\n"                   # 11
        "    terms: {en: [c]}\n"        # 12
        "    when: {some: [a]}\n"       # 13
    )
    with pytest.raises(CodebookError) as raised:
        parse_codebook(text, "cb.yaml")
    assert [str(p) for p in raised.value.problems] == [
        "cb.yaml:6: code 'a' when: the conditions form a cycle (a → b → a); a code cannot depend on itself, "
        "even through other codes; remove one of these conditions",
        "cb.yaml:10: code 'b' when: there is no code 'nope'; use one of: a, c",
        "cb.yaml:13: unknown key 'some' in code 'c' when; use one of: all, any, none",
    ]


def test_a_code_that_needs_itself_is_a_cycle() -> None:
    text = "codebook: t\ncodes:\n  - id: a\n    terms: {en: [a]}\n    when: {all: [a]}\n"
    with pytest.raises(CodebookError) as raised:
        parse_codebook(text, "cb.yaml")
    assert str(raised.value).startswith("cb.yaml:5: code 'a' when: the conditions form a cycle (a → a)")


def test_only_codes_have_conditions() -> None:
    text = ("codebook: t\ncodes:\n  - id: a\n    terms: {en: [a]}\n"
            "directions:\n  - id: d\n    terms: {en: [d]}\n    when: {all: [a]}\n")
    with pytest.raises(CodebookError) as raised:
        parse_codebook(text, "cb.yaml")
    assert str(raised.value) == "cb.yaml:8: direction 'd': only codes can have conditions (when); " \
        "remove 'when', or make it a code"


# --- show, explain, export --------------------------------------------------------------------------------

STUDY = [
    {"id": "case", "terms": {"kk": ["бала NEAR/5 сату"], "ru": ["ребенок NEAR/5 продать"]},
     "when": {"all": ["crime"], "any": ["victim", "court"], "none": ["sport"]}},
    {"id": "crime", "terms": {"kk": ["қылмыс"], "ru": ["преступление"]}},
    {"id": "victim", "terms": {"kk": ["құрбан"], "ru": ["жертва"]}},
    {"id": "court", "terms": {"kk": ["сот"], "ru": ["суд"]}},
    {"id": "sport", "terms": {"kk": ["спорт"], "ru": ["спорт"]}},
]


def test_rule_readings_and_explain() -> None:
    codebook = book(STUDY, ["kk", "ru"])
    assert rule_readings(codebook, "kk") == [
        "code 'case' (kk): бала NEAR/5 сату → key бала, within 5 words, key сат",
        "code 'case' when: all of: crime; any of: victim, court; none of: sport",
    ]
    [fit] = explain_word("сатуға", "kk", codebook).fits
    assert (fit.entry, fit.part, fit.position, fit.read_as) == ("case", "B", 1, "key бала, within 5 words, key сат")


def test_show_and_explain_commands(runner, tmp_path: Path) -> None:
    path = tmp_path / "cb.yaml"
    path.write_text(yaml.safe_dump({"codebook": "t", "languages": ["kk", "ru"], "codes": STUDY},
                                   allow_unicode=True), encoding="utf-8")
    shown = runner.invoke(cli, ["codebook", "show", str(path), "--lang", "kk"])
    assert shown.exit_code == 0
    assert shown.output.endswith("Read as:\n  code 'case' (kk): бала NEAR/5 сату → key бала, within 5 words, "
                                 "key сат\n  code 'case' when: all of: crime; any of: victim, court; none of: sport\n")
    explained = runner.invoke(cli, ["explain", "балалар", "--lang", "kk", "--codebook", str(path)])
    assert explained.exit_code == 0
    assert explained.output.splitlines()[-2:] == [
        "fits word 1 of part A of code 'case' term 'бала NEAR/5 сату' (read as: key бала, within 5 words, key сат)",
        "code 'case' counts only in units where its condition holds: all of: crime; any of: victim, court; "
        "none of: sport",
    ]


@pytest.mark.parametrize(("to", "tool"), [("liwc", "LIWC"), ("wordstat", "WordStat"),
                                          ("quanteda-yaml", "quanteda")])
def test_export_warns_once_per_dropped_rule(to: str, tool: str, tmp_path: Path) -> None:
    warnings = export_codebook(book(STUDY, ["kk", "ru"]), to, tmp_path / "out", lang="kk")
    assert f"code 'case' (kk): 'бала NEAR/5 сату' is a proximity rule (NEAR), which {tool} dictionaries cannot " \
        "hold: dropped" in warnings
    assert f"code 'case': {tool} has no conditions: 'when' (all of: crime; any of: victim, court; none of: " \
        "sport) is dropped, so the code counts in every unit" in warnings
    assert "NEAR" not in (tmp_path / "out").read_text(encoding="utf-8")


def test_refi_qda_keeps_rules_and_conditions_in_its_block(tmp_path: Path) -> None:
    from coding.interchange import import_codebook

    codebook = book(STUDY, ["kk", "ru"])
    warnings = export_codebook(codebook, "qdc", tmp_path / "cb.qdc")
    assert sum("proximity" in w for w in warnings) == 2 and sum("conditions" in w for w in warnings) == 1
    back = import_codebook(tmp_path / "cb.qdc", "qdc").codebook
    assert back.code("case").when == codebook.code("case").when
    assert [t.text for t in back.code("case").terms["kk"]] == ["бала NEAR/5 сату"]


def test_yaml_round_trip_keeps_conditions() -> None:
    from coding.interchange.yaml_writer import comparable, dump_codebook

    codebook = book(STUDY, ["kk", "ru"])
    assert comparable(parse_codebook(dump_codebook(codebook))) == comparable(codebook)


# --- a run ------------------------------------------------------------------------------------------------

def test_code_command_with_a_near_term_and_a_condition(runner, tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text(
        "Балаларды шетелге сатқан топ ұсталды, бұл ауыр қылмыс, іс сотқа жетті.\n\n"   # coded: crime and court
        "Балаларды шетелге сатқан топ туралы айтылды.\n\n"                             # no crime: not coded
        "Бала спорт мектебінде оқиды, сату жоқ, қылмыс жоқ, сот жоқ.\n",                 # sport: not coded
        encoding="utf-8")
    (corpus / "manifest.csv").write_text("file,doc_id,language\na.txt,a,kk\n", encoding="utf-8")
    path = tmp_path / "cb.yaml"
    path.write_text(yaml.safe_dump({"codebook": "t", "languages": ["kk", "ru"], "codes": STUDY},
                                   allow_unicode=True), encoding="utf-8")
    out = tmp_path / "run"
    result = runner.invoke(cli, ["code", str(corpus), "--codebook", str(path), "--out", str(out)])
    assert result.exit_code == 0, result.output + result.stderr
    segments = pd.read_csv(out / "segments.csv", encoding="utf-8-sig", keep_default_na=False)
    case = segments[segments["code"] == "case"]
    assert case[["unit_id", "term", "surface", "evidence"]].values.tolist() == [
        ["a:1:1", "бала NEAR/5 сату", "Балаларды шетелге сатқан",
         "A=Балаларды; B=сатқан; 2 words apart (NEAR/5)"]]
    assert set(segments[segments["unit_id"] == "a:3:1"]["code"]) == {"crime", "court", "sport"}
    assert (segments[segments["code"] != "case"]["evidence"] == "").all()


def test_tone_terms_cannot_be_proximity_terms() -> None:
    text = "codebook: t\ncodes:\n  - id: a\n    terms: {en: [a]}\ntone:\n  negative: {en: [bad NEAR/2 news]}\n"
    with pytest.raises(CodebookError) as raised:
        parse_codebook(text, "cb.yaml")
    assert str(raised.value) == "cb.yaml:6: tone negative (en): 'bad NEAR/2 news' is a proximity term (NEAR), " \
        "which tone rules do not use; write the words or the phrase alone"


def test_a_matcher_without_the_codes_a_condition_names_ignores_it() -> None:
    """kwic or suggest on one code cannot judge its condition: every match of its terms is shown."""
    case = book(CONDITIONED).code("case")
    assert [m.surface for m in find_matches([unit("a sale today")], [case])] == ["sale"]
    assert find_matches([unit("a sale today")], book(CONDITIONED).codes) == []


def test_conditions_of_document_units_hold_over_the_whole_document(runner, tmp_path: Path) -> None:
    """A document is coded paragraph by paragraph; its codes' conditions are judged over all of them."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text("A sale was made.\n\nIt was a crime, the victim said.\n", encoding="utf-8")
    (corpus / "b.txt").write_text("A sale was made.\n\nNothing else.\n", encoding="utf-8")
    (corpus / "manifest.csv").write_text("file,doc_id,language\na.txt,a,en\nb.txt,b,en\n", encoding="utf-8")
    path = tmp_path / "cb.yaml"
    path.write_text(yaml.safe_dump({"codebook": "t", "languages": ["en"], "codes": CONDITIONED}), encoding="utf-8")
    for unit_kind, expected in (("document", [["a", "case"], ["a", "crime"], ["a", "victim"]]),
                                ("paragraph", [["a:2", "crime"], ["a:2", "victim"]])):
        out = tmp_path / unit_kind
        result = runner.invoke(cli, ["code", str(corpus), "--codebook", str(path), "--out", str(out),
                                     "--unit", unit_kind])
        assert result.exit_code == 0, result.output + result.stderr
        segments = pd.read_csv(out / "segments.csv", encoding="utf-8-sig", keep_default_na=False)
        assert sorted(segments[["unit_id", "code"]].values.tolist()) == expected


def test_check_with_the_corpus_reports_a_term_whose_condition_never_holds(runner, tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text("A sale was made. A sale and a crime, the court said.\n", encoding="utf-8")
    (corpus / "manifest.csv").write_text("file,doc_id,language\na.txt,a,en\n", encoding="utf-8")
    codes = [{"id": "case", "terms": {"en": ["=sale"]}, "when": {"all": ["crime", "victim"]}},
             {"id": "crime", "terms": {"en": ["=crime"]}}, {"id": "victim", "terms": {"en": ["=victim"]}}]
    path = tmp_path / "cb.yaml"
    path.write_text(yaml.safe_dump({"codebook": "t", "languages": ["en"], "codes": codes}), encoding="utf-8")
    result = runner.invoke(cli, ["codebook", "check", str(path), "--corpus", str(corpus), "--no-cache"])
    assert result.exit_code == 0, result.output + result.stderr
    assert "case (en) term '=sale': condition fails — matched 2 time(s), never in a unit where the code's " \
        "condition (when) holds\n" in result.output
