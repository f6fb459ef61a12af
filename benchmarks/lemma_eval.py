"""Pairwise evaluation of lemma keys against UD treebank lemmas.

Over pairs of distinct (form, gold lemma) types of NOUN, PROPN, VERB and ADJ tokens, a pair is "same" in the
gold when the gold lemmas are equal and "same" in the prediction when the keys are equal (ё = е). Precision,
recall and F1 are computed over these pairs by counting pairs within groups, never by enumerating them.

Usage::

    python benchmarks/lemma_eval.py --lang kk [--data ../shared/data/ud_kazakh_ktb] [--errors 20]
    python benchmarks/lemma_eval.py --lang ru
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

SHARED = ROOT.parent / "shared" / "data"
DEFAULT_DATA = {
    "kk": [SHARED / "ud_kazakh_ktb"],
    "ru": [SHARED / "ud_russian_gsd", SHARED / "ud_russian_taiga"],
    "en": [SHARED / "ud_english_ewt"],
}
CONTENT_POS = frozenset({"NOUN", "PROPN", "VERB", "ADJ"})

# The naive baseline strips these 40 common noun and verb endings, longest first, again and again.
NAIVE_SUFFIXES = tuple(
    sorted(
        """лар лер дар дер тар тер ның нің дың дің тың тің ға ге на не ны ні ды ді ты ті да де та те
        дан ден нан нен мен сы сі ы і ған ген ып іп у""".split(),
        key=len,
        reverse=True,
    )
)


def fold(text: str) -> str:
    """Lower-case and fold ё into е, as both gold and keys are compared."""
    return text.lower().replace("ё", "е")


def read_types(folder: Path) -> set[tuple[str, str]]:
    """Distinct (form, gold lemma) pairs of content words in every ``*.conllu`` file of ``folder``."""
    types: set[tuple[str, str]] = set()
    for path in sorted(folder.glob("*.conllu")):
        with path.open(encoding="utf-8") as lines:
            for line in lines:
                cols = line.rstrip("\n").split("\t")
                if len(cols) < 4 or not cols[0].isdigit():
                    continue
                if cols[3] in CONTENT_POS:
                    types.add((fold(cols[1]), fold(cols[2])))
    return types


def _pairs(counts: Iterable[int]) -> int:
    return sum(n * (n - 1) // 2 for n in counts)


def pairwise_scores(types: set[tuple[str, str]], key: Callable[[str], str]) -> dict[str, float]:
    """Pairwise precision, recall and F1 of ``key`` on ``types`` (grouped counting)."""
    keys = {form: fold(key(form)) for form, _ in types}
    gold = Counter(lemma for _, lemma in types)
    predicted = Counter(keys[form] for form, _ in types)
    cells = Counter((lemma, keys[form]) for form, lemma in types)
    tp, gold_pairs, pred_pairs = _pairs(cells.values()), _pairs(gold.values()), _pairs(predicted.values())
    precision = tp / pred_pairs if pred_pairs else 1.0
    recall = tp / gold_pairs if gold_pairs else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": precision, "recall": recall, "f1": f1, "types": len(types)}


def prefix_key(form: str) -> str:
    """Baseline: the first four letters."""
    return form[:4]


def naive_key(form: str) -> str:
    """Baseline: greedily strip the 40 common endings while at least two letters remain."""
    stripped = True
    while stripped:
        stripped = False
        for suffix in NAIVE_SUFFIXES:
            if form.endswith(suffix) and len(form) - len(suffix) >= 2:
                form, stripped = form[: -len(suffix)], True
                break
    return form


def key_function(lang: str) -> Callable[[str], str]:
    """The project's key for ``lang``: the Kazakh analyzer, or ``coding.lemmas.lemma_key`` when present."""
    try:
        from coding.lemmas import lemma_key
    except ImportError:
        if lang != "kk":
            raise SystemExit(f"coding.lemmas is not available yet; cannot evaluate --lang {lang}") from None
        from coding.lang.kk.analyzer import lemma_key as kk_key

        return kk_key
    return lambda form: lemma_key(form, lang)


def print_errors(types: set[tuple[str, str]], key: Callable[[str], str], limit: int) -> None:
    """Print the largest wrongly merged key groups and wrongly split gold groups."""
    by_key: dict[str, list[tuple[str, str]]] = defaultdict(list)
    by_gold: dict[str, list[str]] = defaultdict(list)
    for form, lemma in types:
        by_key[fold(key(form))].append((form, lemma))
        by_gold[lemma].append(form)

    def merged_cost(members: list[tuple[str, str]]) -> int:
        return _pairs([len(members)]) - _pairs(Counter(lemma for _, lemma in members).values())

    def split_cost(forms: list[str]) -> int:
        return _pairs([len(forms)]) - _pairs(Counter(fold(key(form)) for form in forms).values())

    print(f"\nwrongly merged (key: form/gold ...), {limit} largest:")
    for k, members in sorted(by_key.items(), key=lambda item: -merged_cost(item[1]))[:limit]:
        if merged_cost(members):
            print(f"  {k}: " + " ".join(f"{form}/{lemma}" for form, lemma in sorted(members)))
    print(f"\nwrongly split (gold: form→key ...), {limit} largest:")
    for lemma, forms in sorted(by_gold.items(), key=lambda item: -split_cost(item[1]))[:limit]:
        if split_cost(forms):
            print(f"  {lemma}: " + " ".join(f"{form}→{fold(key(form))}" for form in sorted(forms)))


def main(argv: list[str] | None = None) -> int:
    """Run the evaluation and print P/R/F1 for the key and the two baselines."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--lang", choices=sorted(DEFAULT_DATA), default="kk")
    parser.add_argument("--data", type=Path, action="append", help="folder of *.conllu files (repeatable)")
    parser.add_argument("--errors", type=int, default=0, help="print the N largest merge/split errors")
    args = parser.parse_args(argv)
    folders = args.data or DEFAULT_DATA[args.lang]
    present = [folder for folder in folders if folder.is_dir() and any(folder.glob("*.conllu"))]
    if not present:
        print(f"no treebank found in {', '.join(map(str, folders))}; skipping evaluation")
        return 0
    key = key_function(args.lang)
    for folder in present:
        types = read_types(folder)
        print(f"{folder.name}: {len(types)} types")
        systems = [("key", key), ("prefix4", prefix_key)]
        if args.lang == "kk":
            systems.append(("naive40", naive_key))
        for name, system in systems:
            s = pairwise_scores(types, system)
            print(f"  {name:8s} P={s['precision']:.3f} R={s['recall']:.3f} F1={s['f1']:.3f}")
        if args.errors:
            print_errors(types, key, args.errors)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
