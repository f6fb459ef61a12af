"""Speed of the Kazakh lemma key on running text (warm, per-type cache) and on fresh types (cold).

Reads the word tokens of ``../shared/data/ud_kazakh_ktb/*.conllu`` (or ``--data``), repeats them until at
least ``--tokens`` tokens, and prints tokens/s of ``lemma_key`` after a warm-up pass, tokens/s of the
``kk_lemmatizer`` spaCy component on pre-tokenised Docs (setting ``lemma_`` and ``_.lemmas``), and cold
types/s with every cache empty (benchmarks/cold_path_speed.py measures the cold path on every shared data set).

Usage::

    python benchmarks/lemma_speed.py [--data ../shared/data/ud_kazakh_ktb] [--tokens 2000000]
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import spacy  # noqa: E402
from spacy.tokens import Doc  # noqa: E402

from coding.lang.kk import analyzer  # noqa: E402

DEFAULT_DATA = ROOT.parent / "shared" / "data" / "ud_kazakh_ktb"


def read_tokens(folder: Path) -> list[str]:
    """Every word token (column 2) of the ``*.conllu`` files in ``folder``."""
    tokens: list[str] = []
    for path in sorted(folder.glob("*.conllu")):
        with path.open(encoding="utf-8") as lines:
            for line in lines:
                cols = line.split("\t")
                if len(cols) > 2 and cols[0].isdigit():
                    tokens.append(cols[1])
    return tokens


def main(argv: list[str] | None = None) -> int:
    """Print warm tokens/s and cold types/s."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--tokens", type=int, default=2_000_000, help="running-text tokens to time")
    args = parser.parse_args(argv)
    tokens = read_tokens(args.data) if args.data.is_dir() else []
    if not tokens:
        print(f"no treebank found in {args.data}; skipping the speed benchmark")
        return 0
    types = sorted(set(tokens))

    analyzer.clear_caches()  # a cold start: no word, derivation or ending analysed yet
    start = time.perf_counter()
    for word in types:
        analyzer.lemma_candidates(word)
    cold = time.perf_counter() - start
    print(f"cold: {len(types)} types in {cold:.2f} s = {len(types) / cold:,.0f} types/s")

    text = tokens * (args.tokens // len(tokens) + 1)
    key = analyzer.lemma_key
    for word in tokens:  # warm-up
        key(word)
    start = time.perf_counter()
    for word in text:
        key(word)
    warm = time.perf_counter() - start
    print(f"warm: {len(text):,} tokens in {warm:.2f} s = {len(text) / warm:,.0f} tokens/s (lemma_key)")

    nlp = spacy.blank("kk")
    component = nlp.add_pipe("kk_lemmatizer")
    docs = [Doc(nlp.vocab, words=tokens[i : i + 1000]) for i in range(0, len(tokens), 1000)]
    rounds = max(1, args.tokens // (10 * len(tokens)))
    start = time.perf_counter()
    for _ in range(rounds):
        for doc in docs:
            component(doc)
    spent = time.perf_counter() - start
    count = rounds * len(tokens)
    print(f"component: {count:,} tokens in {spent:.2f} s = {count / spent:,.0f} tokens/s (kk_lemmatizer)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
