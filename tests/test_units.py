from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from coding.corpus import load_corpus
from coding.errors import InputError
from coding.units import split_units


def test_unit_ids_and_offsets(small_corpus: Path) -> None:
    corpus = load_corpus(small_corpus)
    doc = next(d for d in corpus.documents if d.doc_id == "k1")
    sentences = [u for u in split_units([doc], "sentence")]
    assert [u.unit_id for u in sentences] == ["k1:1:1", "k1:2:1", "k1:2:2", "k1:3:1"]
    assert all(doc.text[u.start:u.end] == u.text for u in sentences)
    assert [u.unit_id for u in split_units([doc], "paragraph")] == ["k1:1", "k1:2", "k1:3"]
    assert [u.unit_id for u in split_units([doc], "document")] == ["k1"]


def test_unknown_unit(small_corpus: Path) -> None:
    with pytest.raises(InputError, match="'page' is not a coding unit"):
        split_units(load_corpus(small_corpus), "page")  # type: ignore[arg-type]


def test_a_quoted_russian_sentence_in_a_kazakh_paragraph_is_russian() -> None:
    """The paragraph keeps Kazakh as its main language, with its runs; each sentence unit has its own."""
    from coding.corpus import analyse_text
    from coding.records import Document

    raw = ("Министр баспасөз мәслихатында сөз сөйледі. Торговля детьми остаётся серьёзной проблемой для всех "
           "регионов страны. Бұл мәселе бойынша жұмыс жалғасады.")
    text, lang, paragraphs = analyse_text(raw)
    assert lang == "kk" and paragraphs[0].lang == "kk"
    assert [(text[s:e][:8], run_lang) for s, e, run_lang, _ in paragraphs[0].runs] == [
        ("Министр ", "kk"), ("Торговля", "ru"), ("Бұл мәсе", "kk")]
    doc = Document("d", "d.txt", text, lang, paragraphs, "")
    assert [(u.lang, u.langs) for u in split_units([doc], "sentence")] == [("kk", "kk"), ("ru", "ru"), ("kk", "kk")]
    (paragraph,) = split_units([doc], "paragraph")
    assert (paragraph.lang, paragraph.langs, paragraph.script) == ("kk", "kk,ru", "Cyrl")


def test_a_quotation_inside_a_sentence_is_a_run_of_its_own() -> None:
    from coding.corpus import analyse_text

    text, _, paragraphs = analyse_text(
        "Министр сөйледі. «Торговля детьми остаётся серьёзной проблемой для всех регионов», – деді ол.")
    assert [(text[s:e], run_lang) for s, e, run_lang, _ in paragraphs[0].runs] == [
        ("Министр сөйледі.", "kk"), ("«Торговля детьми остаётся серьёзной проблемой для всех регионов»", "ru"),
        (", – деді ол.", "kk")]


def test_short_sentences_keep_the_paragraph_language() -> None:
    """A quotation of three Russian words is too short to be evidence; four are enough."""
    from coding.corpus import analyse_text

    _, _, paragraphs = analyse_text("Ол ұзақ сөйледі. «Все было давно», деді ол. Иә, солай болды.")
    assert paragraphs[0].runs == () and paragraphs[0].lang == "kk"
    _, _, paragraphs = analyse_text("Ол ұзақ сөйледі. «Все это было давно», деді ол. Иә, солай болды.")
    assert [run[2] for run in paragraphs[0].runs] == ["kk", "ru", "kk"]


def test_a_short_cyrillic_paragraph_in_an_english_document_is_not_english() -> None:
    from coding.corpus import analyse_text

    _, lang, paragraphs = analyse_text(
        "Child trafficking remains a serious crime in the region.\n\nБала саудасы — қылмыс.\n\n"
        "The report was published in the spring of this year by the ministry.")
    assert lang == "en"
    assert [(p.lang, p.script) for p in paragraphs] == [("en", "Latn"), ("kk", "Cyrl"), ("en", "Latn")]


def test_latin_kazakh_paragraphs_have_their_script() -> None:
    from coding.corpus import analyse_text

    _, lang, paragraphs = analyse_text(
        "Balalar saýdasyna qarsy kúres jalǵasýda.\n\nБалалар саудасына қарсы күрес жалғасуда.\n\n"
        "Child trafficking remains a serious crime in the region.")
    assert lang == "kk"
    assert [(p.lang, p.script) for p in paragraphs] == [("kk", "Latn"), ("kk", "Cyrl"), ("en", "Latn")]


RUN_CASES = [
    # An English paragraph quoting a Kazakh sentence: Cyrillic is clear evidence even when short.
    ("The minister spoke about the new law on children. Бала саудасы — қылмыс. The law takes effect in May.",
     ["en", "kk", "en"]),
    # A Kazakh paragraph with an English sentence of four words or more.
    ("Министр баспасөз мәслихатында сөйледі. Child trafficking remains a serious crime. Жұмыс жалғасады.",
     ["kk", "en", "kk"]),
    # A Latin Kazakh sentence in a Cyrillic Kazakh paragraph is the same language: no runs.
    ("Министр баспасөз мәслихатында сөйледі. Balalar saýdasyna qarsy kúres jalǵasýda. Жұмыс жалғасады.", []),
    # Russian quoting Kazakh at more length: the paragraph is mainly Kazakh, and «, сказал он.» (two words)
    # keeps the paragraph's language.
    ("Министр выступил на пресс-конференции. «Бала саудасы — ауыр қылмыс, оған жол берілмейді», сказал он.",
     ["ru", "kk"]),
    ("Министр долго выступал на пресс-конференции в Астане. «Бала саудасы — ауыр қылмыс», сказал он.",
     ["ru", "kk", "ru"]),
]


@pytest.mark.parametrize(("raw", "langs"), RUN_CASES)
def test_language_runs(raw: str, langs: list[str]) -> None:
    from coding.corpus import analyse_text

    text, _, paragraphs = analyse_text(raw)
    runs = paragraphs[0].runs
    assert [run[2] for run in runs] == langs
    assert all(text[s:e].strip() == text[s:e] or text[s:e].startswith(",") for s, e, _, _ in runs)


WORDS = ["Бала", "саудасы", "қылмыс", "Торговля", "детьми", "остаётся", "проблемой", "для", "и", "в", "the",
         "child", "trafficking", "balalar", "saýdasyna", "qylmys", "Būl", "«", "»", ".", ",", "–", "деді", "ол"]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.lists(st.sampled_from(WORDS), min_size=1, max_size=30), min_size=1, max_size=4))
def test_runs_hold_every_word_of_their_paragraph(paragraphs: list[list[str]]) -> None:
    """Runs are in order, inside their paragraph, of two languages or more, and every word lies in one: a
    unit's words cut run by run are its words, each with its span in the unit's text."""
    from coding.corpus import analyse_text
    from coding.matcher import unit_words
    from coding.records import Document
    from coding.words import iter_words

    text, lang, found = analyse_text("\n\n".join(" ".join(words) for words in paragraphs))
    doc = Document("d", "d.txt", text, lang, found, "")
    for paragraph in found:
        runs = paragraph.runs
        assert not runs or len({run[2] for run in runs}) >= 2
        assert all(paragraph.start <= s < e <= paragraph.end for s, e, _, _ in runs)
        assert all(a[1] <= b[0] for a, b in zip(runs, runs[1:], strict=False))
        for start, end, _ in iter_words(text[paragraph.start:paragraph.end]):
            position = paragraph.start + start
            assert not runs or any(s <= position and paragraph.start + end <= e for s, e, _, _ in runs)
    for kind in ("sentence", "paragraph", "document"):
        for unit in split_units([doc], kind):  # type: ignore[arg-type]
            words = unit_words(unit)
            spans = [(s, e) for s, e, _ in iter_words(unit.text)]
            assert words.spans == spans and len(words.lowered) == len(spans)
