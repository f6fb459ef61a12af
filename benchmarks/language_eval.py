"""Language-identification accuracy on the sentences of the shared UD treebanks.

Each sentence of ../shared/data/ud_kazakh_ktb/*.conllu is labelled kk, each of ud_russian_*/ ru.
Run: .venv/bin/python benchmarks/language_eval.py [--data ../shared/data]
"""

from __future__ import annotations

import argparse
from collections import Counter
from pathlib import Path

from coding.language import detect_language

SETS = {"ud_kazakh_ktb": "kk", "ud_russian_gsd": "ru", "ud_russian_taiga": "ru"}


def sentences(folder: Path) -> list[str]:
    """The ``# text =`` lines of every .conllu file in ``folder``."""
    texts = []
    for path in sorted(folder.glob("*.conllu")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.startswith("# text = "):
                texts.append(line[len("# text = "):])
    return texts


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--data", type=Path, default=Path(__file__).resolve().parents[1].parent / "shared/data")
    args = parser.parse_args()
    total = right = 0
    for name, gold in SETS.items():
        folder = args.data / name
        if not folder.is_dir():
            print(f"{name}: absent, skipped")
            continue
        texts = sentences(folder)
        predicted = Counter(detect_language(text) for text in texts)
        correct = predicted[gold]
        total += len(texts)
        right += correct
        print(f"{name}: {correct}/{len(texts)} = {correct / len(texts):.4f} (predicted: {dict(predicted)})")
    if total:
        print(f"overall: {right}/{total} = {right / total:.4f}")


if __name__ == "__main__":
    main()
