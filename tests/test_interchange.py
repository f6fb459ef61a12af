"""Codebook interchange: our YAML writer (property-tested), and each format both ways with its losses."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook

from coding.cli import cli, codebook
from coding.cli_review import agree, codebook_export, codebook_import, review
from coding.codebook import Codebook, Entry, ToneRules, load_codebook, parse_codebook
from coding.errors import InputError
from coding.interchange import export_codebook, import_codebook, slug_id
from coding.interchange.liwc import liwc_text
from coding.interchange.quanteda import quanteda_data
from coding.interchange.wordstat import wordstat_text
from coding.interchange.yaml_writer import comparable, dump_codebook
from coding.terms import parse_term
from tests.conftest import REPO, SHARED_DATA

cli.add_command(review)
cli.add_command(agree)
codebook.add_command(codebook_export)
codebook.add_command(codebook_import)

STUDY = REPO / "codebooks" / "child_trafficking.yaml"
MINI = """\
codebook: Mini
languages: [en]
codes:
  - id: trafficking
    label: {en: Trafficking}
    group: phenomenon
    description: Trafficking in people.
    terms:
      en: ["=trafficking", "traffick*", "child * trade"]
    exclude:
      en: [drug trafficking]
  - id: crime
    terms:
      en: [crime, "=offence"]
"""


@pytest.fixture(scope="module")
def study() -> Codebook:
    return load_codebook(STUDY)


@pytest.fixture(scope="module")
def mini() -> Codebook:
    return parse_codebook(MINI, "mini.yaml")


def terms_of(book: Codebook) -> dict[str, dict[str, list[str]]]:
    return {e.id: {lang: [t.text for t in terms] for lang, terms in e.terms.items()} for e in book.codes}


# --- our YAML writer ---------------------------------------------------------------------------------------

WORDS = {"kk": ["бала", "сауда", "қылмыс", "құқық", "қорғау"], "ru": ["торговля", "дети", "защита", "суд"],
         "en": ["child", "trafficking", "crime", "court"]}
TEXT = st.text(alphabet="abc XYZ бала қорғау:#-'\"[]{},&*!|>%@`ё\n", min_size=1, max_size=25).map(str.strip)


@st.composite
def term_texts(draw, lang: str) -> tuple[str, list[str]]:
    texts = []
    for _ in range(draw(st.integers(1, 3))):
        words = [draw(st.sampled_from([w, "=" + w, w[:3] + "*"]))
                 for w in draw(st.lists(st.sampled_from(WORDS[lang]), min_size=1, max_size=3))]
        if draw(st.booleans()):
            words.insert(draw(st.integers(0, len(words))), "*")
        texts.append(" ".join(words))
    return lang, texts


def _terms(spec: list[tuple[str, list[str]]]) -> dict:
    # terms are parsed in the test, not in the strategy: lemmatizers may use the random module
    return {lang: tuple(parse_term(text, lang) for text in texts) for lang, texts in spec}


@st.composite
def entry_specs(draw, languages: tuple[str, ...], ids: list[str]) -> list[dict]:
    def some_languages(min_size: int = 0) -> list[str]:
        return draw(st.lists(st.sampled_from(languages), min_size=min_size, unique=True))

    return [{"id": code_id, "label": {lang: draw(TEXT.filter(bool)) for lang in some_languages()},
             "terms": [draw(term_texts(lang)) for lang in some_languages(1)],
             "exclude": [draw(term_texts(lang)) for lang in some_languages()],
             "group": draw(st.one_of(st.just(""), TEXT)), "description": draw(st.one_of(st.just(""), TEXT)),
             "color": draw(st.sampled_from(["", "#ff0000", "red"]))} for code_id in ids]


@st.composite
def codebook_specs(draw) -> dict:
    languages = tuple(draw(st.lists(st.sampled_from(["kk", "ru", "en"]), min_size=1, unique=True)))
    ids = draw(st.lists(st.from_regex(r"[a-z][a-z0-9_]{0,8}", fullmatch=True), min_size=1, max_size=3, unique=True))
    tone = None
    if draw(st.booleans()):
        tone = {"positive": [draw(term_texts(languages[0]))], "negative": [draw(term_texts(languages[-1]))],
                "negators": {lang: tuple(draw(st.lists(st.sampled_from(WORDS[lang]), max_size=2)))
                             for lang in languages},
                "window": draw(st.integers(0, 9)), "lexicon": draw(st.sampled_from(["", "qaznltk"]))}
    return {"title": draw(TEXT.filter(bool)), "version": draw(st.one_of(st.just(""), TEXT)), "languages": languages,
            "codes": draw(entry_specs(languages, ids)), "directions": draw(entry_specs(languages, ids[:1])),
            "tone": tone, "description": draw(st.one_of(st.just(""), TEXT))}


def build(spec: dict) -> Codebook:
    def entry(item: dict) -> Entry:
        return Entry(**{**item, "terms": _terms(item["terms"]), "exclude": _terms(item["exclude"])})

    tone = spec["tone"]
    if tone is not None:
        tone = ToneRules(**{**tone, "positive": _terms(tone["positive"]), "negative": _terms(tone["negative"])})
    return Codebook(**{**spec, "codes": tuple(map(entry, spec["codes"])),
                       "directions": tuple(map(entry, spec["directions"])), "tone": tone})


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(codebook_specs())
def test_dump_codebook_reparses_to_an_equal_codebook(spec: dict) -> None:
    book = build(spec)
    again = parse_codebook(dump_codebook(book, comment="from a test\n\nsecond line"))
    assert comparable(again) == comparable(book)


def test_dump_of_the_study_codebook_round_trips_and_reads_like_a_hand_written_one(study: Codebook) -> None:
    text = dump_codebook(study)
    assert comparable(parse_codebook(text)) == comparable(study)
    assert "codes:\n  - id: child_trafficking\n    label: {kk: Бала саудасы, ru: Торговля детьми, en: Child " \
           "trafficking}\n" in text
    assert 'exclude:\n      kk:\n        - "=құқық =қорғау"\n        - халықты әлеуметтік қорғау\n' in text


def test_slug_id_transliterates_and_keeps_ids_unique() -> None:
    taken: set[str] = set()
    assert [slug_id(n, taken) for n in ["Бала саудасы", "Бала саудасы", "Құқық қорғау!", "***"]] == [
        "bala_saudasy", "bala_saudasy_2", "quqyq_qorgau", "code"]


# --- Excel ---------------------------------------------------------------------------------------------------

def test_xlsx_round_trip_is_lossless(study: Codebook, tmp_path: Path) -> None:
    path = tmp_path / "codebook.xlsx"
    assert export_codebook(study, "xlsx", path) == []
    book = load_workbook(path)
    rows = list(book["Codebook"].iter_rows(values_only=True))
    assert rows[0] == ("code", "language", "term", "exclude", "label", "description", "group", "kind", "color")
    assert rows[1][:5] == ("child_trafficking", "kk", "бала саудасы", None, "Бала саудасы")
    assert ("protection", "kk", "=құқық =қорғау", 1, None, None, None, "code", None) in rows
    imported = import_codebook(path, "xlsx")
    assert imported.warnings == []
    assert comparable(imported.codebook) == comparable(study)


def test_xlsx_problems_name_sheet_row_and_column(study: Codebook, tmp_path: Path) -> None:
    path = tmp_path / "codebook.xlsx"
    export_codebook(study, "xlsx", path)
    book = load_workbook(path)
    sheet = book["Codebook"]
    sheet["A3"] = "Bad Id"
    sheet["B4"] = "de"
    sheet["C5"] = "бала!"
    sheet["D6"] = "maybe"
    sheet["J1"] = "notes"
    book.save(path)
    with pytest.raises(InputError) as caught:
        import_codebook(path, "xlsx")
    assert str(caught.value) == f"{path}: 5 problems in the codebook workbook"
    assert [str(p) for p in caught.value.problems] == [
        f"{path}:1: sheet 'Codebook', row 1, column J (notes): unknown column 'notes'; use the columns: code, "
        "language, term, exclude, label, description, group, kind, color",
        f"{path}:3: sheet 'Codebook', row 3, column A (code): 'Bad Id' is not a valid code id; use lower-case Latin "
        "letters, digits and _ only, e.g. child_trafficking",
        f"{path}:4: sheet 'Codebook', row 4, column B (language): 'de' is not a language; use one of: kk, ru, en",
        f"{path}:5: sheet 'Codebook', row 5, column C (term): 'бала!' can never match: a word of the text holds "
        "only letters, digits and inner hyphens or apostrophes; remove the punctuation or split it into words",
        f"{path}:6: sheet 'Codebook', row 6, column D (exclude): 'maybe' is not yes or no; write 1 for an "
        "exclusion, leave it empty for a term",
    ]


# --- LIWC ------------------------------------------------------------------------------------------------------

def test_liwc_export_text_and_losses(mini: Codebook) -> None:
    text, losses = liwc_text(mini)
    assert text == "%\n1\ttrafficking\n2\tcrime\n%\ntrafficking\t1\ntraffick*\t1\ncrime\t2\noffence\t2\n"
    assert losses == [
        "LIWC has no title, version or description for a codebook: they are left out (the file name becomes the "
        "title on import)",
        "LIWC has no hierarchy: the groups of the codes are left out",
        "LIWC has no descriptions: the description of 1 code is left out",
        "LIWC names categories by id: the labels of the codes are left out",
        "code 'trafficking' (en): no exclusions in LIWC, dropped: 'drug trafficking'",
        "code 'trafficking' (en): gaps (*) cannot be written, terms dropped: 'child * trade'",
        "code 'crime' (en): lemma terms written as the exact form, other inflected forms will not match: 'crime'",
    ]


def test_liwc_round_trip(mini: Codebook, tmp_path: Path) -> None:
    path = tmp_path / "mini.dic"
    export_codebook(mini, "liwc", path)
    imported = import_codebook(path, "liwc", lang="en")
    assert imported.warnings == []
    assert terms_of(imported.codebook) == {"trafficking": {"en": ["=trafficking", "traffick*"]},
                                           "crime": {"en": ["=crime", "=offence"]}}


def test_liwc_import_tolerates_real_dictionaries(tmp_path: Path) -> None:
    path = tmp_path / "foreign.dic"
    # a LIWC2015-style file: indented subcategories, spaces for tabs, cp1251, a LIWC2007 conditional entry
    path.write_bytes(
        "%\n1\taffect\n\t2\tposemo\n\t3\tnegemo\n4 ключ\n%\n"
        "happy\t1\t2\nhurt*\t1\t3\nkind of 2\nlike\t(02 134)253/464\n:)\t2\n*ful\t1\nmystery\t9\nслово\t4\n"
        .encode("cp1251"))
    imported = import_codebook(path, "liwc", lang="en")
    book = imported.codebook
    assert [(e.id, e.group, e.label) for e in book.codes] == [
        ("affect", "", {}), ("posemo", "affect", {}), ("negemo", "affect", {}), ("kliuch", "", {"en": "ключ"})]
    assert terms_of(book)["posemo"] == {"en": ["=happy", "=kind =of"]}
    assert imported.warnings == [
        "LIWC: conditional entries (LIWC2007 '<of>' or '(…)') skipped: 'like'",
        "category 'posemo': entries that are not words (punctuation, emoticons) skipped: ':)'",
        "category 'affect': wildcards other than a final * cannot be written, entries skipped: '*ful'",
        "LIWC: entries in undefined category 9 skipped: 'mystery'",
    ]


def test_liwc_without_percent_lines_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "x.dic"
    path.write_text("happy 1\n", encoding="utf-8")
    with pytest.raises(InputError, match="this is not a LIWC dictionary"):
        import_codebook(path, "liwc", lang="en")


# --- WordStat --------------------------------------------------------------------------------------------------

def test_wordstat_export_and_round_trip(mini: Codebook, tmp_path: Path) -> None:
    text, losses = wordstat_text(mini)
    assert text == "phenomenon\n\ttrafficking\n\t\ttrafficking (1)\n\t\ttraffick* (1)\ncrime\n\tcrime (1)\n" \
                   "\toffence (1)\n"
    assert "WordStat has no hierarchy: the groups of the codes are left out" not in losses
    path = tmp_path / "mini.cat"
    export_codebook(mini, "wordstat", path)
    imported = import_codebook(path, "wordstat", lang="en")
    assert [(e.id, e.group) for e in imported.codebook.codes] == [("trafficking", "phenomenon"), ("crime", "")]
    assert terms_of(imported.codebook)["trafficking"] == {"en": ["=trafficking", "traffick*"]}


def test_wordstat_import_of_nested_categories(tmp_path: Path) -> None:
    path = tmp_path / "laver.cat"
    path.write_text("ECONOMY\n\t+STATE+\n\t\tACCOMMODATION (2)\n\t\tUNITED_STATES (1)\n\t-STATE-\n\t\tPRIVATI* (1)\n"
                    "CULTURE\n\tHIGH\n\t\tDEEP\n\t\t\tART (1)\nEMPTY\n", encoding="utf-8")
    imported = import_codebook(path, "wordstat", lang="en")
    assert [(e.id, e.group, e.label) for e in imported.codebook.codes] == [
        ("state", "ECONOMY", {"en": "+STATE+"}), ("state_2", "ECONOMY", {"en": "-STATE-"}),
        ("deep", "CULTURE > HIGH", {"en": "DEEP"})]
    assert terms_of(imported.codebook)["state"] == {"en": ["=ACCOMMODATION", "=UNITED =STATES"]}
    assert imported.warnings == [
        "WordStat weights are not kept: every entry counts once",
        "category 'DEEP' is nested deeper than one level: its group is the path 'CULTURE > HIGH'",
        "category 'EMPTY' has no entries and is skipped",
    ]


# --- quanteda ----------------------------------------------------------------------------------------------------

def test_quanteda_export_keeps_groups_and_gaps(mini: Codebook, tmp_path: Path) -> None:
    data, losses = quanteda_data(mini)
    assert data == {"phenomenon": {"trafficking": ["trafficking", "traffick*", "child * trade"]},
                    "crime": ["crime", "offence"]}
    assert "quanteda has no hierarchy: the groups of the codes are left out" not in losses
    path = tmp_path / "mini.yml"
    export_codebook(mini, "quanteda-yaml", path)
    imported = import_codebook(path, "quanteda-yaml", lang="en")
    assert terms_of(imported.codebook) == {"trafficking": {"en": ["=trafficking", "traffick*", "=child * =trade"]},
                                           "crime": {"en": ["=crime", "=offence"]}}
    assert imported.codebook.code("trafficking").group == "phenomenon"


def test_quanteda_import_of_a_foreign_dictionary(tmp_path: Path) -> None:
    path = tmp_path / "dict.yml"
    path.write_text("Економика:\n  __: [tax*]\n  жұмыс: [job, 'w?rk', '*less']\npolitics: democra*\n",
                    encoding="utf-8")
    imported = import_codebook(path, "quanteda-yaml", lang="kk")
    assert [(e.id, e.group, e.label) for e in imported.codebook.codes] == [
        ("ekonomika", "", {"kk": "Економика"}), ("zhumys", "Економика", {"kk": "жұмыс"}), ("politics", "", {})]
    assert imported.warnings == [
        "key 'жұмыс': wildcards other than a final * cannot be written, entries skipped: 'w?rk', '*less'"]


# --- REFI-QDA codebook ---------------------------------------------------------------------------------------------

def test_qdc_round_trip_keeps_codes_groups_descriptions_and_terms(study: Codebook, tmp_path: Path) -> None:
    path = tmp_path / "study.qdc"
    losses = export_codebook(study, "qdc", path, label_lang="kk")
    assert losses == [
        "REFI-QDA has no tone rules: the tone terms and negators are not exported",
        "a REFI-QDA codebook has no title, version or description: they are left out (the file name becomes the "
        "title on import)",
    ]
    imported = import_codebook(path, "qdc")
    assert imported.warnings == []
    assert comparable(imported.codebook).codes == comparable(study).codes
    assert comparable(imported.codebook).directions == comparable(study).directions
    assert imported.codebook.title == "study"


def test_qdc_validates_against_the_refi_schema(study: Codebook, tmp_path: Path) -> None:
    schema_path = SHARED_DATA / "refi_qda" / "Codebook.xsd"
    if not schema_path.is_file():
        pytest.skip(f"{schema_path} is absent")
    from lxml import etree

    path = tmp_path / "study.qdc"
    export_codebook(study, "qdc", path)
    schema = etree.XMLSchema(etree.parse(str(schema_path)))
    assert schema.validate(etree.parse(str(path))), schema.error_log


def test_qdc_import_tolerates_namespaces_braces_and_missing_attributes(tmp_path: Path) -> None:
    path = tmp_path / "other.qdc"
    path.write_text(
        '<?xml version="1.0" encoding="utf-8"?>\n'
        '<CodeBook xmlns="urn:QDA-XML:codebook:1:0" origin="QualCoder">'
        '<Codes><Code guid="{5215cc69-b628-4e02-afb9-9beeaee55808}" name="Topics" isCodable="false">'
        '<Code guid="{d7aa29da-519b-4946-9b90-253b6db8fd0a}" name="Economy" color="#ffff00">'
        "<Description>Anything about jobs or taxes</Description></Code></Code>"
        '<Code guid="9fa9bcb7-5b59-47a9-8c3e-f65cffdc7520" name="Values" isCodable="false"/></Codes>'
        '<Sets><Set guid="12365523-1035-4afa-9e7b-281fe0bc51c5" name="s"/></Sets></CodeBook>', encoding="utf-8")
    with pytest.raises(InputError, match=r"the codes of this REFI-QDA codebook have no terms \(1, e.g. 'Economy'\)"):
        import_codebook(path, "qdc")
    imported = import_codebook(path, "qdc", lang="en")
    entry = imported.codebook.code("economy")
    assert (entry.group, entry.color, entry.description, entry.label) == (
        "Topics", "#ffff00", "Anything about jobs or taxes", {"en": "Economy"})
    assert imported.warnings == [
        "REFI-QDA sets (collections of codes) are not imported",
        "code 'Values' is not codable and has no child codes: skipped",
        "REFI-QDA codes have no terms: the names of 1 code (economy) are used as provisional en terms; replace them "
        "with real terms",
    ]


def _atlas(name: str) -> Path:
    path = SHARED_DATA / "refi_qda" / "samples" / name
    if not path.is_file():
        pytest.skip(f"{path} is absent")
    return path


def test_atlas_sample_project_codebook_is_read() -> None:
    imported = import_codebook(_atlas("target-atlas-project.qdpx"), "qdc", lang="en")
    book = imported.codebook
    assert book.title == "target-atlas-project"
    assert [(e.id, e.group) for e in book.codes] == [
        ("commits", ""), ("2022_05_10t02_05_59z_19e4dce", "Commits"), ("2022_02_11t10_39_25z_cdbfd92", "Commits")]
    assert [t.text for t in book.code("commits").terms["en"]] == ["Commits"]


def test_atlas_blank_project_has_no_codebook() -> None:
    path = _atlas("blank-atlas-project.qdpx")
    with pytest.raises(InputError) as caught:
        import_codebook(path, "qdc", lang="en")
    assert str(caught.value) == (f"{path}: this REFI-QDA file has no codebook (no codes); export the codebook from "
                                 "your QDA program once it has codes")


def test_qdpx_with_capitalised_project_file_is_read(study: Codebook, tmp_path: Path) -> None:
    qdc = tmp_path / "study.qdc"
    export_codebook(study, "qdc", qdc)
    project = tmp_path / "other.qdpx"
    with zipfile.ZipFile(project, "w") as archive:
        archive.writestr("Project.qde", qdc.read_bytes().replace(b"urn:QDA-XML:codebook:1.0",
                                                                 b"urn:QDA-XML:project:1.0"))
    assert [e.id for e in import_codebook(project, "qdc").codebook.codes] == [e.id for e in study.codes]


# --- command line ------------------------------------------------------------------------------------------------

def test_codebook_export_and_import_commands(runner, tmp_path: Path) -> None:
    source = tmp_path / "mini.yaml"
    source.write_text(MINI, encoding="utf-8")
    result = runner.invoke(cli, ["codebook", "export", str(source), "--to", "liwc"])
    assert result.exit_code == 0, result.output
    assert result.stdout == f"Wrote {tmp_path / 'mini.dic'}: 2 codes.\n"
    assert result.stderr.splitlines()[1] == "Warning: LIWC has no hierarchy: the groups of the codes are left out"
    again = runner.invoke(cli, ["codebook", "export", str(source), "--to", "liwc"])
    assert again.exit_code == 2
    assert again.stderr == f"Error: '{tmp_path / 'mini.dic'}' already exists; choose another --out, or add --force " \
                           "to replace it\n"
    out = tmp_path / "back.yaml"
    result = runner.invoke(cli, ["codebook", "import", str(tmp_path / "mini.dic"), "--from", "liwc", "--lang", "en",
                                 "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert result.stdout == f"Wrote {out}: 2 codes, 0 directions (en).\n"
    assert load_codebook(out).code("crime").terms["en"][1].text == "=offence"
    missing_lang = runner.invoke(cli, ["codebook", "import", str(tmp_path / "mini.dic"), "--from", "liwc", "--out",
                                       str(tmp_path / "x.yaml")])
    assert missing_lang.exit_code == 2
    assert missing_lang.stderr == f"Error: {tmp_path / 'mini.dic'}: a LIWC dictionary does not say which language " \
                                  "its terms are in; add --lang kk, --lang ru or --lang en\n"


def test_codebook_import_writes_losses_into_the_yaml_header(runner, tmp_path: Path) -> None:
    dic = tmp_path / "x.dic"
    dic.write_text("%\n1\tfeel\n%\nhappy\t1\n:)\t1\n", encoding="utf-8")
    out = tmp_path / "x.yaml"
    result = runner.invoke(cli, ["codebook", "import", str(dic), "--from", "liwc", "--lang", "en", "--out", str(out)])
    assert result.exit_code == 0
    assert result.stderr == "Warning: category 'feel': entries that are not words (punctuation, emoticons) skipped: " \
                            "':)'\n"
    assert out.read_text(encoding="utf-8").startswith(
        "# Imported from x.dic by 'coding codebook import'.\n# Not carried over:\n# - category 'feel': entries that "
        "are not words (punctuation, emoticons) skipped: ':)'\ncodebook: x\n")


SHIFTING_TONE = """codebook: shifters
codes:
  - id: crime
    terms: {en: [crime], ru: [преступление]}
tone:
  negative: {en: [threat]}
  negators: {en: [never]}
  shifters: {decrease: {en: [wane], ru: [пойти на убыль]}, increase: {en: [proliferate]}}
  intensifiers: {en: [acutely]}
  incidence: {ru: [обращение]}
"""


def test_tone_shifters_intensifiers_and_incidence_survive_yaml_and_xlsx(tmp_path: Path) -> None:
    book = parse_codebook(SHIFTING_TONE)
    assert book.tone is not None and book.tone.shifters["decrease"]["ru"][0].text == "пойти на убыль"
    assert comparable(parse_codebook(dump_codebook(book))) == comparable(book)
    assert export_codebook(book, "xlsx", tmp_path / "book.xlsx") == []
    imported = import_codebook(tmp_path / "book.xlsx", "xlsx")
    assert imported.warnings == [] and comparable(imported.codebook) == comparable(book)
