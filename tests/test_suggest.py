"""coding suggest: rankings on a small corpus where the answer is known, and the written tables."""

from __future__ import annotations

import math
from pathlib import Path

import pytest
from openpyxl import load_workbook

from coding.cli import cli
from coding.codebook import parse_codebook
from coding.corpus import open_corpus
from coding.errors import InputError
from coding.keyness import log_likelihood, log_ratio
from coding.kwic import kwic_rows
from coding.suggest import SuggestOptions, seed_entry, suggest_terms

# Fire sentences: өрт (the code's term) with сөндіруші 'firefighter' near it, and орман алқабы 'forest
# area' in three of them. School sentences: no fire.
FIRE = [
    "Орман алқабында өрт шықты, сөндірушілер жетті.",
    "Кеше өрт болды, сөндірушілер оны тез басты.",
    "Өрт орман алқабын шарпыды, сөндірушілері көп еді.",
    "Өртті сөндірушілер түнде сөндірді, орман алқабы аман.",
    "2021 жылы өрт 15 үйді жойды, сөндірушілер келді.",
]
SCHOOL = [
    "Мектепте оқушылар сабақ оқыды.",
    "Оқушылар мектеп кітапханасына барды.",
    "Мұғалім оқушыларға жаңа сабақ түсіндірді.",
    "Мектеп ауласында оқушылар ойнады.",
    "Сабақтан кейін мұғалім жиналыс өткізді.",
    "Бір дәрігер мектепке келіп, оқушыларға дәріс оқыды.",
]

BOOK = """\
codebook: Fires
languages: [kk]
codes:
  - id: fire
    terms:
      kk: [өрт]
  - id: school
    terms:
      kk: [мектеп]
"""


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    root = tmp_path / "corpus"
    root.mkdir()
    (root / "fire.txt").write_text(" ".join(FIRE) + "\n", encoding="utf-8")
    (root / "school.txt").write_text(" ".join(SCHOOL) + "\n", encoding="utf-8")
    return root


def _fire(corpus: Path, **options) -> object:
    book = parse_codebook(BOOK)
    return suggest_terms(open_corpus(corpus), book.code("fire"), book, SuggestOptions(**{"min_freq": 2, **options}))


def test_the_word_of_the_code_units_ranks_first_with_its_forms(corpus: Path) -> None:
    found = _fire(corpus)
    assert (found.code_units, found.matches, found.units) == (5, 5, 11)
    first = found.keyness[0]
    assert (first["rank"], first["key"], first["term"]) == (1, "сөндіруші", "сөндіруші")
    assert first["forms"] == "сөндірушілер 4; сөндірушілері 1"
    assert (first["freq_code_units"], first["freq_other_units"], first["code_units"]) == (5, 0, 5)
    # Next, the words of the fire units only (орман алқабы, three times), then nothing of the school units.
    assert [row["key"] for row in found.keyness[1:3]] == ["алқап", "орман"]
    assert not {row["key"] for row in found.keyness} & {"оқушы", "сабақ", "мұғалім"}


def test_keyness_numbers_are_the_statistics_of_the_counts(corpus: Path) -> None:
    found = _fire(corpus)
    row = next(r for r in found.keyness if r["key"] == "сөндіруші")
    words_fire = sum(len(s.split()) for s in FIRE)  # every token here is a word, 2021 and 15 included
    words_school = sum(len(s.split()) for s in SCHOOL)
    assert found.words == words_fire + words_school
    assert row["g2"] == pytest.approx(log_likelihood(5, 0, words_fire, words_school), abs=1e-3)
    assert row["log_ratio"] == pytest.approx(log_ratio(5, 0, words_fire, words_school), abs=1e-3)
    assert row["example_1"] == "Орман алқабында «өрт» шықты, [сөндірушілер] жетті.  (fire:1:1)"


def test_words_of_the_codebook_stop_words_and_numbers_are_left_out(corpus: Path) -> None:
    found = _fire(corpus, min_freq=1)
    keys = {row["key"] for rows in (found.keyness, found.collocates) for row in rows}
    assert "өрт" not in keys  # the code's own term
    assert not keys & {"2021", "15"}  # numbers
    assert "мектеп" not in {row["key"] for row in found.collocates}  # another code's term
    assert "бол" not in keys  # a stop word (болды)


@pytest.mark.parametrize(("window", "near"), [(5, 5), (3, 3)])
def test_collocates_count_words_in_the_window_of_a_match(corpus: Path, window: int, near: int) -> None:
    # сөндіруші is 2, 2, 4, 1 and 4 words from өрт: all five within 5 words, three within 3.
    found = _fire(corpus, window=window)
    row = found.collocates[0]
    assert (row["key"], row["near_matches"], row["matches"], row["corpus_freq"]) == ("сөндіруші", near, 5, 5)
    assert row["log_dice"] == pytest.approx(14 + math.log2(2 * near / (5 + 5)), abs=1e-3)
    assert row["example_1"] == "Орман алқабында «өрт» шықты, [сөндірушілер] жетті.  (fire:1:1)"


def test_a_recurring_phrase_is_written_in_the_term_syntax(corpus: Path) -> None:
    found = _fire(corpus)
    row = found.phrases[0]
    assert (row["term"], row["keys"], row["code_units"]) == ("орман алқап", "орман алқап", 3)
    assert row["example_1"] == "[Орман алқабында] «өрт» шықты, сөндірушілер жетті.  (fire:1:1)"
    # Pasted into the codebook, it finds the three forms again.
    book = parse_codebook(BOOK.replace("kk: [мектеп]", "kk: [мектеп]\n  - id: forest\n    terms:\n"
                                      f"      kk: [{row['term']}]"))
    lines = list(kwic_rows(open_corpus(corpus).documents(), [book.code("forest")]))
    assert [line["match"] for line in lines] == ["Орман алқабында", "орман алқабын", "орман алқабы"]


def test_seed_terms_stand_for_a_code_that_does_not_exist_yet(corpus: Path) -> None:
    found = suggest_terms(open_corpus(corpus), seed_entry("мектеп, мұғалім", "kk"), None,
                          SuggestOptions(min_freq=2))
    assert found.code_units == 6  # every school sentence names мектеп or мұғалім
    assert found.keyness[0]["key"] == "оқушы"
    assert "мұғалім" not in {row["key"] for row in found.keyness}


def test_a_seed_that_cannot_match_is_one_clear_error() -> None:
    with pytest.raises(InputError, match="the seed term 'бала.' cannot be used"):
        seed_entry("бала., жас", "kk")


def test_cli_writes_a_sheet_per_list(runner, corpus: Path, tmp_path: Path) -> None:
    book = tmp_path / "book.yaml"
    book.write_text(BOOK, encoding="utf-8")
    out = tmp_path / "fire.xlsx"
    result = runner.invoke(cli, ["suggest", str(corpus), "--codebook", str(book), "--code", "fire", "--min-freq", "2",
                                 "--out", str(out), "--no-cache"])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0] == "'fire' (kk): 5 matches in 5 of 11 units (2 documents, 64 words)."
    assert lines[3].startswith("    1. сөндіруші")
    workbook = load_workbook(out)
    assert workbook.sheetnames == ["keyness", "collocates", "phrases"]
    header = [cell.value for cell in workbook["keyness"][1]]
    first = dict(zip(header, [cell.value for cell in workbook["keyness"][2]], strict=True))
    assert (first["rank"], first["term"], first["freq_code_units"]) == (1, "сөндіруші", 5)
    assert first["example_1"].endswith("(fire:1:1)")


def test_cli_csv_is_one_table(runner, corpus: Path, tmp_path: Path) -> None:
    out = tmp_path / "seed.csv"
    result = runner.invoke(cli, ["suggest", str(corpus), "--seed", "өрт", "--min-freq", "4", "--out", str(out),
                                 "--no-cache"])
    assert result.exit_code == 0, result.output
    rows = out.read_text(encoding="utf-8-sig").splitlines()
    assert rows[0].startswith("table,rank,term,key,forms,")
    assert rows[1].startswith("keyness,1,сөндіруші,сөндіруші,")


USAGE = [
    (["--codebook", "B", "--code", "fire", "--seed", "өрт"],
     "Error: give either --code ID (with --codebook) or --seed \"TERM, TERM\"; see 'coding suggest --help'\n"),
    (["--code", "fire"], "Error: --code needs the codebook it belongs to; add --codebook FILE\n"),
    (["--seed", "өрт", "--out", "x.txt"], "Error: cannot write a table to 'x.txt'; name the file .xlsx or .csv\n"),
]


@pytest.mark.parametrize(("arguments", "message"), USAGE)
def test_usage_errors_are_one_line(runner, corpus: Path, tmp_path: Path, arguments: list[str], message: str) -> None:
    book = tmp_path / "book.yaml"
    book.write_text(BOOK, encoding="utf-8")
    arguments = [str(book) if a == "B" else a for a in arguments]
    result = runner.invoke(cli, ["suggest", str(corpus), *arguments])
    assert result.exit_code == 2
    assert result.stderr == message


def test_a_code_without_terms_in_the_language(runner, corpus: Path, tmp_path: Path) -> None:
    book = tmp_path / "book.yaml"
    book.write_text(BOOK, encoding="utf-8")
    result = runner.invoke(cli, ["suggest", str(corpus), "--codebook", str(book), "--code", "fire", "--lang", "ru"])
    assert result.exit_code == 2
    assert result.stderr == "Error: 'fire' has no ru terms to suggest around; choose --lang among: kk\n"


def test_a_second_run_reads_the_analysis_cache_and_analyses_nothing(corpus: Path, tmp_path: Path,
                                                                     monkeypatch) -> None:
    from coding import corpus as corpus_module
    from coding import matcher as matcher_module
    from coding.cache import describe_cache
    from coding.suggest import suggest_for_code

    folder = tmp_path / "cache"
    book = parse_codebook(BOOK)
    options = SuggestOptions(min_freq=2)
    first = suggest_for_code(corpus, codebook=book, code="fire", seed=None, options=options, cache_folder=folder)
    info = describe_cache(folder)
    assert info.documents == 2 and info.words >= 40

    def never(*_args, **_kwargs):
        raise AssertionError("analysed again")

    monkeypatch.setattr(corpus_module, "analyse_text", never)
    monkeypatch.setattr(matcher_module, "lemma_candidates", never)
    monkeypatch.setattr(matcher_module, "matching_candidates", never)
    second = suggest_for_code(corpus, codebook=book, code="fire", seed=None, options=options, cache_folder=folder)
    assert second.keyness == first.keyness and second.phrases == first.phrases


def test_on_real_kazakh_news_the_election_words_come_first(tmp_path: Path) -> None:
    from conftest import REPO, shared

    sentences = (shared("kaznerd_valid") / "kaznerd_valid_sentences.txt").read_text(encoding="utf-8").splitlines()
    root = tmp_path / "kaznerd"
    root.mkdir()
    for start in range(0, len(sentences), 500):
        (root / f"news_{start // 500:03d}.txt").write_text("\n\n".join(sentences[start:start + 500]) + "\n",
                                                            encoding="utf-8")
    from coding.codebook import load_codebook

    book = load_codebook(REPO / "codebooks" / "kk_news_sample.yaml")
    found = suggest_terms(open_corpus(root), book.code("elections"), book, SuggestOptions())
    top = [row["key"] for row in found.keyness[:5]]
    assert {"учаске", "дауыс", "комиссия"} <= set(top)  # polling station, vote, (electoral) commission
    assert found.phrases[0]["term"] == "дауыс беру"  # to vote


def test_an_unreadable_file_is_a_warning_and_the_rest_is_read(runner, corpus: Path) -> None:
    (corpus / "broken.docx").write_bytes(b"not a zip file")
    result = runner.invoke(cli, ["suggest", str(corpus), "--seed", "өрт", "--min-freq", "2", "--no-cache"])
    assert result.exit_code == 0, result.output
    assert result.stderr.startswith(f"Warning: {corpus / 'broken.docx'}")
    assert result.stdout.splitlines()[0] == "'seed' (kk): 5 matches in 5 of 11 units (2 documents, 64 words)."
