"""Tests of the Kazakh analyzer: matching keys, paradigms, derivation, alternations, ambiguity, properties."""

from __future__ import annotations

import string
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from coding.lang.kk.analyzer import lemma_candidates, lemma_key
from coding.lang.kk.stems import IRREGULAR_FORMS, MINOR_STEMS, NOUN_STEMS, VERB_STEMS

# (text, codebook term, should match): every word of the term has the key of the text word at its place.
KK_FORMS = [
    ("балалар саудасына", "бала саудасы", True),
    ("баланы саудаға", "бала саудасы", True),
    ("бала саудасының", "бала саудасы", True),
    ("балалардың саудасымен", "бала саудасы", True),
    ("адам саудасына", "адам саудасы", True),
    ("қылмыстық", "қылмыс", False),
    ("балабақшаға", "бала", False),
    ("балалықтың", "бала", False),
    ("саудагерлер", "сауда", False),
    ("заңсыздықтар", "заң", False),
    ("заңнамасы", "заң", False),
    ("қорғауға", "қорғау", True),
    ("қорғады", "қорғау", True),
    ("балаларды сатқан", "бала сату", True),
    ("жәбірленушілерге", "жәбірленуші", True),
    ("полицияға хабарлады", "полиция хабарлау", True),
    ("Қазақстанда", "Қазақстан", True),
    ("зорлық-зомбылықтың алдын алу", "зорлық-зомбылық алдын алу", True),
    ("құлдыққа", "құлдық", True),
    ("мәжбүрлі еңбекке", "мәжбүрлі еңбек", True),
]


@pytest.mark.parametrize(("text", "term", "matches"), KK_FORMS)
def test_term_matches_inflected_text(text: str, term: str, matches: bool) -> None:
    text_keys = [lemma_key(word) for word in text.split()]
    term_keys = [lemma_key(word) for word in term.split()]
    assert (text_keys == term_keys) is matches


# --- paradigms, generated forwards by rules written independently of the analyzer -----------------------

_BACK, _FRONT = set("аоұыя"), set("әеөүіэ")
_VOICED = {"п": "б", "к": "г", "қ": "ғ"}


def _back(stem: str) -> bool:
    for char in reversed(stem):
        if char in _BACK:
            return True
        if char in _FRONT:
            return False
    return True


def _sound(stem: str) -> str:
    last = stem[-1]
    for sound, letters in (("V", "аәеоөұүыіэя"), ("R", "рйуи"), ("L", "л"), ("N", "мнң"), ("Z", "зж")):
        if last in letters:
            return sound
    return "K"


def _h(stem: str, back: str, front: str) -> str:
    return back if _back(stem) else front


def _voiced(stem: str) -> str:
    return stem[:-1] + _VOICED[stem[-1]] if stem[-1] in _VOICED else stem


def _plural(stem: str) -> str:
    return stem + {"V": "л", "R": "л", "K": "т"}.get(_sound(stem), "д") + _h(stem, "ар", "ер")


def _possessives(stem: str) -> dict[str, str]:
    if _sound(stem) == "V":
        endings = {"1s": "м", "2s": "ң", "2p": _h(stem, "ңыз", "ңіз"), "3": _h(stem, "сы", "сі")}
        endings["1pl"] = _h(stem, "мыз", "міз")
        return {person: stem + ending for person, ending in endings.items()}
    base = _voiced(stem) + _h(stem, "ы", "і")
    endings = {"1s": "м", "2s": "ң", "2p": _h(stem, "ңыз", "ңіз"), "3": "", "1pl": _h(stem, "мыз", "міз")}
    return {person: base + ending for person, ending in endings.items()}


def _cases(base: str, after: str = "plain") -> list[str]:
    a, y = _h(base, "а", "е"), _h(base, "ы", "і")
    if after == "p3":
        endings = ("н" + y + "ң", "н", "н" + a, "нд" + a, "н" + a + "н", "мен")
        return [base + ending for ending in endings]
    sound = _sound(base)
    gen = {"V": "н", "N": "н", "K": "т"}.get(sound, "д") + y + "ң"
    acc = {"V": "н", "K": "т"}.get(sound, "д") + y
    dat = a if after == "p12" else (_h(base, "қ", "к") if sound == "K" else _h(base, "ғ", "г")) + a
    loc = ("т" if sound == "K" else "д") + a
    abl = {"N": "н", "K": "т"}.get(sound, "д") + a + "н"
    ins = {"Z": "бен", "K": "пен"}.get(sound, "мен")
    return [base + ending for ending in (gen, acc, dat, loc, abl, ins)]


def noun_forms(stem: str) -> list[str]:
    """Every number × possessive × case form of a noun, plus the attributive locative (-дағы)."""
    forms = []
    for base in (stem, _plural(stem)):
        forms += [base, *_cases(base)]
        for person, possessed in _possessives(base).items():
            after = "p3" if person == "3" else "p12" if person in ("1s", "2s") else "plain"
            forms += [possessed, *_cases(possessed, after)]
    forms.append(stem + ("т" if _sound(stem) == "K" else "д") + _h(stem, "ағы", "егі"))
    return forms


def verb_forms(stem: str) -> list[str]:
    """Main tense, mood, participle, converb and verbal-noun forms of a verb, with negation."""
    sound, a, y = _sound(stem), _h(stem, "а", "е"), _h(stem, "ы", "і")
    vowel, in_y = sound == "V", stem[-1] in "ыі"
    neg = stem + {"V": "м", "R": "м", "L": "м", "K": "п"}.get(sound, "б") + a
    past = stem + ("т" if sound == "K" else "д") + y
    present = stem[:-1] + "и" if in_y else stem + "й" if vowel else _voiced(stem) + a
    participle = stem + (_h(stem, "қ", "к") if sound == "K" else _h(stem, "ғ", "г")) + a + "н"
    converb = stem + "п" if vowel else _voiced(stem) + y + "п"
    noun = stem[:-1] + "у" if in_y else stem + "у" if vowel else _voiced(stem) + "у"
    habitual_base = (stem[:-1] + "и" if in_y else stem + "й") if vowel else _voiced(stem) + a
    habitual = habitual_base + "т" + y + "н"
    intent = stem + {"V": "м", "R": "м", "L": "м", "K": "п"}.get(sound, "б") + a + _h(stem, "қ", "к")
    cond = stem + _h(stem, "са", "се")
    polite = stem + _h(stem, "ңыз", "ңіз") if vowel else _voiced(stem) + y + _h(stem, "ңыз", "ңіз")
    return [
        past, past + "м", past + "ң", past + _h(stem, "қ", "к"), past + _h(stem, "ңыз", "ңіз"),
        present + _h(stem, "ды", "ді"), present + _h(stem, "мын", "мін"), present + _h(stem, "сың", "сің"),
        present + _h(stem, "сыз", "сіз"), present + _h(stem, "мыз", "міз"),
        neg + "й" + _h(stem, "ды", "ді"), neg + _h(stem, "ды", "ді"), neg + _h(stem, "ған", "ген"),
        neg + "й", neg + "у", participle, participle + _h(stem, "дар", "дер"), participle + y,
        participle + "д" + a, participle + _h(stem, "мын", "мін"), converb, habitual, noun,
        noun + _h(stem, "ға", "ге"), noun + _h(stem, "ды", "ді"), noun + y, intent, cond, cond + "м",
        cond + _h(stem, "қ", "к"), polite, stem + _h(stem, "сын", "сін"),
    ]


# Back/front, rounded, vowel-final and every consonant class; п/к/қ stems alternate before vowels.
NOUNS = [
    "бала", "әке", "үй", "жер", "тау", "ел", "жол", "адам", "қыз", "кітап", "жүрек", "сабақ", "мектеп",
    "өмір", "қылмыс", "полиция", "қазақстан", "мемлекет", "сауда", "көз", "құқық", "бөлме", "ұйым", "күш",
]
VERBS = [
    "ал", "бер", "кел", "жаса", "оқы", "сөйле", "айт", "кет", "көр", "тап", "шық", "біл", "қорға", "жүр",
    "сат", "тексер", "ұста", "тіле", "сөк", "төле",
]
# Forms that are also another common word: the analyzer may put that word first but must list ours.
HOMOGRAPHS = frozenset({"алдыңыз", "көзде", "жолда", "қолда", "тіледі", "әкем", "күшті"})


def _assert_reduces(form: str, lemma: str) -> None:
    if form in HOMOGRAPHS:
        assert lemma in lemma_candidates(form), form
    else:
        assert lemma_key(form) == lemma, (form, lemma_candidates(form))


@pytest.mark.parametrize("noun", NOUNS)
def test_noun_paradigm_reduces_to_one_key(noun: str) -> None:
    for form in noun_forms(noun):
        _assert_reduces(form, noun)


@pytest.mark.parametrize("verb", VERBS)
def test_verb_paradigm_reduces_to_one_key(verb: str) -> None:
    for form in verb_forms(verb):
        _assert_reduces(form, verb)


def test_generator_spells_known_forms() -> None:
    assert {"кітабымның", "балаларына", "үйдегі", "жүректен"} <= set(
        noun_forms("кітап") + noun_forms("бала") + noun_forms("үй") + noun_forms("жүрек")
    )
    assert {"оқиды", "оқитын", "оқу", "табады", "жасамайды", "кетпеген"} <= set(
        verb_forms("оқы") + verb_forms("тап") + verb_forms("жаса") + verb_forms("кет")
    )


# --- derivation, alternations, loans, ambiguity ---------------------------------------------------------

@pytest.mark.parametrize(
    "word", ["қылмыстық", "балалық", "саудагер", "заңсыз", "заңнама", "балабақша", "жазушы", "оқушы"]
)
def test_derived_words_keep_themselves(word: str) -> None:
    assert lemma_key(word) == word


@pytest.mark.parametrize(
    ("form", "lemma"),
    [
        ("жоспарланып", "жоспарла"),  # passive voice keys to the active verb, as in UD
        ("сатылған", "сат"),
        ("табылды", "тап"),
        ("қорғалуы", "қорға"),
        ("келісті", "келіс"),  # reciprocal voice is kept (UD: кел)
        ("қылмыстықтың", "қылмыстық"),
        ("балабақшасына", "балабақша"),
        ("заңсыздыққа", "заңсыздық"),
        ("қамқорлығынсыз", "қамқорлық"),
    ],
)
def test_derived_stems_inflect(form: str, lemma: str) -> None:
    assert lemma_key(form) == lemma


@pytest.mark.parametrize(
    ("form", "lemma"),
    [
        ("кітабы", "кітап"), ("жүрегі", "жүрек"), ("құлағы", "құлақ"), ("халқы", "халық"),
        ("орнына", "орын"), ("аузынан", "ауыз"), ("тауып", "тап"), ("шығады", "шық"), ("оқиды", "оқы"),
        ("оқу", "оқы"), ("жою", "жой"), ("бабымен", "бап"),
    ],
)
def test_stem_alternations_are_restored(form: str, lemma: str) -> None:
    assert lemma_key(form) == lemma


@pytest.mark.parametrize(
    ("form", "lemma"),
    [
        ("полицияға", "полиция"), ("полицияның", "полиция"), ("Қазақстанда", "қазақстан"),
        ("Қазақстанның", "қазақстан"), ("Медведевтің", "медведев"), ("Еуровидениеге", "еуровидение"),
        ("Астанаға", "астана"), ("трафикингке", "трафикинг"), ("брифингте", "брифинг"),
        ("диалогы", "диалог"), ("министрге", "министр"), ("институтқа", "институт"),
    ],
)
def test_loans_and_names_inflect_like_native_words(form: str, lemma: str) -> None:
    assert lemma_key(form) == lemma


@pytest.mark.parametrize(
    ("form", "first", "also"),
    [("ала", "ал", "ала"), ("заңды", "заңды", "заң"), ("алдын", "алд", "алдын"), ("жылы", "жыл", "жылы")],
)
def test_ambiguous_forms_list_candidates_in_order(form: str, first: str, also: str) -> None:
    candidates = lemma_candidates(form)
    assert candidates[0] == first
    assert also in candidates


@pytest.mark.parametrize(
    ("verb", "lemma"),
    [("азаймады", "азай"), ("алу", "ал"), ("қорғау", "қорға"), ("қорғауға", "қорға"), ("бармайды", "бар")],
)
def test_verbal_nouns_and_negation_reduce_to_the_stem(verb: str, lemma: str) -> None:
    assert lemma_key(verb) == lemma


# --- any string -----------------------------------------------------------------------------------------

@pytest.mark.parametrize(
    ("word", "key"),
    [
        ("", ""), ("2019-жылы", "2019"), ("55-ші", "55"), ("2018-2022", "2018-2022"), ("2019", "2019"),
        ("ҚР-ның", "қр"), ("БҰҰ-ға", "бұұ"), ("зорлық-зомбылықтың", "зорлық-зомбылық"), ("...", "..."),
        ("Hello", "hello"), ("ЁЛКА", "елка"), ("балалар", "бала"), ("БАЛАЛАР", "бала"),
        ("мектептiң", "мектеп"),  # a Latin i typed for і
    ],
)
def test_any_string_has_a_key(word: str, key: str) -> None:
    assert lemma_key(word) == key


KAZAKH_LETTERS = "аәбвгғдежзийкқлмнңоөпрстуұүфхһцчшщыіэюя"


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=KAZAKH_LETTERS + string.ascii_letters + string.digits + "-.,«» ", max_size=20))
def test_candidates_are_never_empty(word: str) -> None:
    candidates = lemma_candidates(word)
    assert candidates and all(isinstance(candidate, str) for candidate in candidates)
    assert candidates[0] == lemma_key(word)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=KAZAKH_LETTERS, min_size=1, max_size=16))
def test_key_is_a_prefix_up_to_an_alternation(word: str) -> None:
    if word in IRREGULAR_FORMS:
        return
    key = lemma_key(word)
    # Alternation, a restored vowel (халқы → халық) or letter (оқиды → оқы) touch only the last two letters.
    assert word.startswith(key[:-2]) if len(key) > 2 else word[0] == key[0]


# --- the fast cold path gives what the plain algorithm gives ---------------------------------------------

def _plain_endings(word: str, allowed: frozenset[str]) -> list[tuple[int, tuple]]:
    """Every (cut, suffixes) the suffix table holds for ``word``, found by slicing each length."""
    from coding.lang.kk.analyzer import MAX_SUFFIX, SUFFIXES

    found = []
    for size in range(1, min(MAX_SUFFIX, len(word) - 1) + 1):
        kept = tuple(s for s in SUFFIXES.get(word[-size:], ()) if s.slot in allowed)
        if kept:
            found.append((len(word) - size, kept))
    return found


def _trie_endings(word: str, allowed: frozenset[str]) -> list[tuple[int, tuple]]:
    from coding.lang.kk.analyzer import SUFFIX_TRIES

    found, node = [], SUFFIX_TRIES[allowed]
    for cut in range(len(word) - 1, 0, -1):
        if (entry := node.get(word[cut])) is None:
            break
        node, suffixes = entry
        if suffixes is not None:
            found.append((cut, suffixes))
    return found


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=KAZAKH_LETTERS, min_size=1, max_size=16), st.sampled_from(["ALL", "P3", "V NEG"]))
def test_suffix_trie_finds_what_slicing_finds(word: str, context: str) -> None:
    from coding.lang.kk.analyzer import ALL_SLOTS, SUFFIX_TRIES

    allowed = ALL_SLOTS if context == "ALL" else frozenset(context.split())
    if allowed not in SUFFIX_TRIES:  # only the contexts some suffix names are indexed
        allowed = ALL_SLOTS
    assert _trie_endings(word, allowed) == _plain_endings(word, allowed)


def _plain_analysis(word: str) -> tuple[str, ...]:
    """The ranking without the shortcut: the bare word is scored first, every parse after it."""
    from coding.lang.kk import analyzer as kk

    scores: dict[str, float] = {}
    for kind in ("N", "V"):
        if (score := kk._stem_score(word, kind)) is not None:
            score -= kk.IMPERATIVE_COST if kind == "V" else 0.0
            score = score if kk._is_known(word) else min(score, kk.UNKNOWN_WHOLE)
            scores[word] = max(score, scores.get(word, score))
    for written, kind, cost, inner in kk._parses(word):
        for stem, extra in kk._alternants(written, kind) if inner.vowel_initial else ((written, 0.0),):
            if (score := kk._stem_score(stem, kind)) is not None:
                score = score - cost - extra
                if score > scores.get(stem, float("-inf")):
                    scores[stem] = score
    if not scores:
        return (word,)
    ranked = sorted(scores.items(), key=lambda item: (-item[1], -len(item[0])))
    best = ranked[0][1]
    others = [stem for stem, score in ranked[1:] if score >= best - kk.MARGIN and kk._is_known(stem)]
    return (ranked[0][0], *others[: kk.MAX_CANDIDATES - 1])


PLAIN_WORDS = sorted({w.lower() for text, term, _ in KK_FORMS for w in (text + " " + term).split() if w.isalpha()}
                     | set(sorted(NOUN_STEMS)[::40]) | set(sorted(VERB_STEMS)[::40]))


@pytest.mark.parametrize("word", PLAIN_WORDS)
def test_bare_word_shortcut_keeps_the_ranking_of_known_words(word: str) -> None:
    from coding.lang.kk.analyzer import _analyse

    assert _analyse(word) == _plain_analysis(word)


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet=KAZAKH_LETTERS, min_size=1, max_size=14))
def test_bare_word_shortcut_keeps_the_ranking(word: str) -> None:
    from coding.lang.kk.analyzer import _analyse

    assert _analyse(word) == _plain_analysis(word)


def test_emptied_sub_step_caches_change_no_answer(monkeypatch: pytest.MonkeyPatch) -> None:
    from coding.lang.kk import analyzer

    words = [w for text, _, _ in KK_FORMS for w in text.split()] + ["жоспарланып", "қорқады", "сатылған"]
    analyzer.clear_caches()
    expected = [lemma_candidates(w) for w in words]
    monkeypatch.setattr(analyzer, "SUB_STEP_WORDS", 3)  # empty the derivation caches every third new word
    analyzer.clear_caches()
    assert [lemma_candidates(w) for w in words] == expected
    analyzer.clear_caches()


def test_key_blocks_print_one_line_per_word_in_blocks() -> None:
    from coding.lemmas import key_blocks

    lines = ["балалар\n", "\n", "  саудасына \n", "қылмыстық"]
    assert list(key_blocks(lines, "kk", words_per_block=2)) == [
        "балалар\tбала\nсаудасына\tсауда\n", "қылмыстық\tқылмыстық\n"]
    assert "".join(key_blocks(lines, "kk")) == "".join(key_blocks(lines, "kk", words_per_block=1))


@pytest.mark.parametrize("stem", sorted((NOUN_STEMS | VERB_STEMS) - MINOR_STEMS)[::7])
def test_lemma_key_is_idempotent_on_known_stems(stem: str) -> None:
    from coding.lang.kk.analyzer import _active

    key = lemma_key(stem)
    # A passive stem keys to its active verb (орындал → орында), whose bare form may read as a noun.
    assert key == _active(stem) or lemma_key(key) == key


@pytest.mark.parametrize("word", sorted(NOUN_STEMS - MINOR_STEMS)[::5])
def test_known_nominal_stems_keep_themselves(word: str) -> None:
    assert lemma_key(word) == word


# --- the treebank, when present --------------------------------------------------------------------------

TREEBANK = Path(__file__).resolve().parents[2] / "shared" / "data" / "ud_kazakh_ktb"


@pytest.mark.skipif(not TREEBANK.is_dir(), reason="UD Kazakh-KTB not available in ../shared/data")
def test_treebank_pairwise_f1_beats_the_baselines() -> None:
    import sys

    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
    import lemma_eval

    types = lemma_eval.read_types(TREEBANK)
    ours = lemma_eval.pairwise_scores(types, lemma_key)["f1"]
    assert ours > 0.85
    assert ours > lemma_eval.pairwise_scores(types, lemma_eval.naive_key)["f1"] + 0.2


@pytest.mark.parametrize("form", ["отбасы", "отбасын", "отбасына", "отбасынан", "отбасында", "отбасындағы",
                                  "отбасының", "отбасылары", "отбасыларына"])
def test_a_compound_with_a_built_in_possessive_keys_to_itself(form: str) -> None:
    # отбасы "family" takes the possessive's case endings (отбасы|на): its forms are not of a stem *отба.
    assert lemma_candidates(form)[0] == "отбасы"


@pytest.mark.parametrize(("form", "key"), [("жылында", "жыл"), ("жылына", "жыл"), ("ұлын", "ұл"),
                                           ("баласына", "бала"), ("бәріне", "бәрі")])
def test_only_listed_compounds_keep_their_possessive(form: str, key: str) -> None:
    assert lemma_candidates(form)[0] == key


# --- a vowel dropped before a vowel ending, restored by rule for stems outside the lexicon ---------------

DROPPED_VOWEL = [
    ("ырқына", "ырық"),
    ("шырқы", "шырық"),
    ("әрпі", "әріп"),
    ("құлқы", "құлық"),
    ("сұрқы", "сұрық"),
    # listed stems, and the harmony the dropped vowel carried (қауп+і is front)
    ("қаупі", "қауіп"),
    ("қаупіне", "қауіп"),
    ("кәсіпорнына", "кәсіпорын"),
    ("халқымыздың", "халық"),
    # stems that truly end in two consonants stay as they are
    ("ұлты", "ұлт"),
    ("бұлты", "бұлт"),
    ("жұрты", "жұрт"),
    ("автобусы", "автобус"),
    ("статусы", "статус"),
    ("жанрға", "жанр"),
    # a back loan in к takes front endings
    ("банктің", "банк"),
    ("банкке", "банк"),
    ("паркте", "парк"),
    # lexicalised possessive compounds and a listed dropped vowel
    ("елбасына", "елбасы"),
    ("дүниежүзінде", "дүниежүзі"),
    ("қалпына", "қалып"),
]


@pytest.mark.parametrize(("form", "stem"), DROPPED_VOWEL)
def test_dropped_vowel_is_restored_by_rule(form: str, stem: str) -> None:
    assert lemma_key(form) == stem


def test_the_rule_restores_stems_the_lexicon_lacks() -> None:
    assert not {"ырық", "шырық", "әріп", "құлық", "сұрық"} & (NOUN_STEMS | VERB_STEMS)
