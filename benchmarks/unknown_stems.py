"""How often the Kazakh analyzer keys a word to a stem it does not know, and how often its key is UD's lemma.

1. KazNERD validation sentences (real TV news, ../shared/data/kaznerd_valid): the share of distinct
   lower-cased word types (Kazakh letters only) whose key is an *unknown stem* — neither in the lexicon nor
   derived from a lexicon word by a kept derivation (``analyzer._is_known``); over all the sentences, and
   over the types found only in the odd-numbered ones (the lexicon's news words were picked from the
   even-numbered ones).
2. UD Kazakh-KTB (../shared/data/ud_kazakh_ktb, gold lemmas): exact lemma accuracy of the key over the
   distinct (form, lemma) types of NOUN, PROPN, VERB, ADJ tokens, and over those whose gold lemma has a
   high vowel between its last two consonants (…CыC/…CіC: орын, халық, ерін) written without it
   (орны, халқы, ерні).
   The pairwise F1 is benchmarks/lemma_eval.py's.

Both parts skip cleanly when the data is absent. Run: python benchmarks/unknown_stems.py
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

SHARED = ROOT.parent / "shared" / "data"
KAZNERD = SHARED / "kaznerd_valid" / "kaznerd_valid_sentences.txt"
KTB = SHARED / "ud_kazakh_ktb"
CONTENT_POS = frozenset({"NOUN", "PROPN", "VERB", "ADJ"})
_KAZAKH_WORD = re.compile(r"[а-яәғқңөұүһіё]+")
_DROPPED_SHAPE = re.compile(r"[бвгғджзйклмнңпрстуфхһцчшщ][ыі][бвгғджзйклмнңпрстфхһцчшщ]$")


def unknown_share(path: Path) -> None:
    from coding.lang.kk.analyzer import _is_known, lemma_key

    halves: tuple[set[str], set[str]] = (set(), set())
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines()):
        halves[number % 2].update(_KAZAKH_WORD.findall(line.lower().replace("ё", "е")))
    # The news words of stems._NEWS were picked among the unknown keys of the even-numbered sentences, so
    # the odd-numbered ones (their types not in the even half) are the fair measure.
    odd_only = halves[1] - halves[0]
    for name, types in (("all", halves[0] | halves[1]), ("odd-numbered only", odd_only)):
        unknown = [word for word in types if not _is_known(lemma_key(word))]
        print(f"KazNERD valid, {name}: {len(types)} word types; key an unknown stem: {len(unknown)} "
              f"({100 * len(unknown) / len(types):.1f}%)")


def ktb_accuracy(folder: Path) -> None:
    from coding.lang.kk.analyzer import lemma_key

    types: set[tuple[str, str]] = set()
    for conllu in sorted(folder.glob("*.conllu")):
        for line in conllu.read_text(encoding="utf-8").splitlines():
            cols = line.split("\t")
            if len(cols) > 3 and cols[0].isdigit() and cols[3] in CONTENT_POS:
                types.add((cols[1].lower().replace("ё", "е"), cols[2].lower().replace("ё", "е")))
    right = sum(lemma_key(form) == lemma for form, lemma in types)
    print(f"UD KTB: {len(types)} (form, lemma) types; key == gold lemma: {right} ({100 * right / len(types):.1f}%)")
    # Forms that drop the vowel: the gold lemma's …CыC/…CіC is not in the form as written.
    dropped = [(form, lemma) for form, lemma in types
               if _DROPPED_SHAPE.search(lemma) and not form.startswith(lemma)
               and form.startswith(lemma[:-2] + lemma[-1])]
    right = sum(lemma_key(form) == lemma for form, lemma in dropped)
    shown = " ".join(f"{form}→{lemma_key(form)}" for form, lemma in sorted(dropped)
                     if lemma_key(form) != lemma)
    print(f"  of them written with the vowel dropped: {len(dropped)}; key == gold: {right}"
          + (f"; wrong: {shown}" if shown else ""))


def main() -> int:
    if KAZNERD.is_file():
        unknown_share(KAZNERD)
    else:
        print(f"no {KAZNERD}; skipping the unknown-stem share")
    if KTB.is_dir() and any(KTB.glob("*.conllu")):
        ktb_accuracy(KTB)
    else:
        print(f"no treebank in {KTB}; skipping the lemma accuracy")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
