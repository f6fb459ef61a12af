"""Which lemma candidates should the matcher use? Measured on the UD treebanks' gold lemmas.

A term word fits a text word under one of two policies:

- ``key``        — the two keys are equal (only the most likely lemma of each side counts);
- ``candidates`` — the term word's key is among the text word's candidates (what the matcher does).

Over ordered pairs (a, b) of distinct (form, gold lemma) types of NOUN, PROPN, VERB and ADJ — a read as
the term's word, b as the text's — a pair should fit when the gold lemmas are equal. Precision, recall and
F1 of each policy are printed per treebank. Ambiguous forms (Kazakh ала, заңды; Russian стали) are where
the policies differ.

Run: .venv/bin/python benchmarks/match_policy_eval.py [--lang kk|ru]
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter, defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from lemma_eval import DEFAULT_DATA, read_types  # noqa: E402


def scores(types: set[tuple[str, str]], lang: str) -> dict[str, tuple[float, float, float]]:
    from coding.lemmas import lemma_candidates

    forms = sorted(types)
    candidates = {form: lemma_candidates(form, lang) for form, _ in forms}
    gold_pairs = sum(n * (n - 1) for n in Counter(gold for _, gold in forms).values())
    by_key: dict[str, list[str]] = defaultdict(list)  # key → gold lemmas of the term-side types
    for form, gold in forms:
        by_key[candidates[form][0]].append(gold)
    result = {}
    for policy in ("key", "candidates"):
        predicted = correct = 0
        for form, gold in forms:  # form read as the text's word
            keys = candidates[form][:1] if policy == "key" else candidates[form]
            for key in dict.fromkeys(keys):
                golds = by_key.get(key, [])
                predicted += len(golds)
                correct += sum(1 for g in golds if g == gold)
            predicted -= 1  # the type itself, which always fits
            correct -= 1
        precision = correct / predicted if predicted else 0.0
        recall = correct / gold_pairs if gold_pairs else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        result[policy] = (precision, recall, f1)
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--lang", choices=("kk", "ru"), default="kk")
    args = parser.parse_args()
    for folder in DEFAULT_DATA[args.lang]:
        if not folder.is_dir():
            print(f"{folder.name}: absent, skipped")
            continue
        types = read_types(folder)
        print(f"{folder.name}: {len(types)} types")
        for policy, (p, r, f) in scores(types, args.lang).items():
            print(f"  {policy:10s} P={p:.3f} R={r:.3f} F1={f:.3f}")


if __name__ == "__main__":
    main()
