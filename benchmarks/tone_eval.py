"""The tone rules on hand-written news sentences (kk, ru, en) and on Kazakh product reviews (KazSAnDRA).

1. tests/data/tone_sentences.tsv: one meaning per row written in kk, ru and en, each with the tone a careful
   coder gives it and the phenomenon it tests (negation, negation after the word, shifters, intensifiers,
   "not just", double negation, clause boundaries…). Prints the share right per language and per
   phenomenon, and how many meanings get one tone in all three languages. (The tests require all of them.)
   tests/data/tone_sentences_heldout.tsv: 30 more meanings, written after the rules and scored once before
   the fixes they prompted; tests/data/tone_sentences_blind.tsv: 20 written after those fixes, with no
   change since (see the README): how the rules and the lexicon fare on sentences not tuned for.
2. KazSAnDRA: scores the default Kazakh tone rules of codebooks/child_trafficking.yaml (domain lexicon; optionally with
qaznltk's lists merged in) on the review sentences of ../shared/data/kazsandra/04_pc_valid.zip and prints
macro-F1 over the two labels (0 negative, 1 positive) beside the qaznltk package's own `sentimize` on the
same texts. A `neutral` prediction counts as wrong for either label; coverage is printed too.
These are product reviews, not news: a check of the machinery, not of the domain lexicon's aim.

Run: .venv/bin/python benchmarks/tone_eval.py [--limit N] [--data ../shared/data/kazsandra]
"""

from __future__ import annotations

import argparse
import csv
import io
import sys
import zipfile
from dataclasses import replace
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def read_reviews(folder: Path, limit: int | None) -> list[tuple[str, int]]:
    """(text, label) pairs of the polarity validation split."""
    with zipfile.ZipFile(folder / "04_pc_valid.zip") as archive:
        name = next(n for n in archive.namelist() if n.endswith(".csv"))
        text = archive.read(name).decode("utf-8-sig")
    rows = [(row["text"], int(row["label"])) for row in csv.DictReader(io.StringIO(text))]
    return rows[:limit] if limit else rows


def macro_f1(gold: list[int], predicted: list[int | None]) -> tuple[float, float]:
    """Macro-F1 over labels 0 and 1 (None = no decision, wrong for both) and the share decided."""
    scores = []
    for label in (0, 1):
        tp = sum(1 for g, p in zip(gold, predicted, strict=True) if g == label and p == label)
        fp = sum(1 for g, p in zip(gold, predicted, strict=True) if g != label and p == label)
        fn = sum(1 for g, p in zip(gold, predicted, strict=True) if g == label and p != label)
        precision = tp / (tp + fp) if tp + fp else 0.0
        recall = tp / (tp + fn) if tp + fn else 0.0
        scores.append(2 * precision * recall / (precision + recall) if precision + recall else 0.0)
    coverage = sum(1 for p in predicted if p is not None) / len(predicted)
    return sum(scores) / 2, coverage


def ours(texts: list[str], lexicon: str) -> list[int | None]:
    from coding.codebook import load_codebook
    from coding.normalize import normalize_paragraph
    from coding.records import Unit
    from coding.tone import ToneScorer

    rules = load_codebook(REPO / "codebooks" / "child_trafficking.yaml").tone
    scorer = ToneScorer(replace(rules, lexicon=lexicon))
    out: list[int | None] = []
    for text in texts:
        text = normalize_paragraph(text)
        result = scorer.score(Unit("r", "r", "document", 0, len(text), text, "kk"))
        out.append(1 if result.score > 0 else 0 if result.score < 0 else None)
    return out


LANGS = ("kk", "ru", "en")


def hand_written(path: Path) -> None:
    """Print the share of hand-written sentences scored right, per language and per phenomenon."""
    from collections import defaultdict

    from coding.codebook import load_codebook
    from coding.records import Unit
    from coding.tone import ToneScorer

    scorer = ToneScorer(load_codebook(REPO / "codebooks" / "child_trafficking.yaml").tone)
    with path.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t"))
    right: dict[tuple[str, str], list[bool]] = defaultdict(list)
    same = 0
    for row in rows:
        tones = {}
        for lang in LANGS:
            text = row[lang]
            tones[lang] = scorer.score(Unit("s", "s", "sentence", 0, len(text), text, lang)).tone  # type: ignore[arg-type]
            right[(lang, row["phenomenon"])].append(tones[lang] == row["tone"])
        same += len(set(tones.values())) == 1
    phenomena = list(dict.fromkeys(row["phenomenon"] for row in rows))
    print(f"Hand-written sentences: {len(rows)} meanings × {len(LANGS)} languages ({path.relative_to(REPO)})")
    print(f"{'phenomenon':18s} {'n':>3s} " + " ".join(f"{lang:>6s}" for lang in LANGS))
    for phenomenon in [*phenomena, "all"]:
        cells = []
        for lang in LANGS:
            found = [ok for (la, ph), oks in right.items() if la == lang and phenomenon in (ph, "all") for ok in oks]
            cells.append(f"{sum(found) / len(found):6.1%}")
        n = sum(1 for row in rows if phenomenon in (row["phenomenon"], "all"))
        print(f"{phenomenon:18s} {n:3d} " + " ".join(cells))
    print(f"one tone in kk, ru and en: {same}/{len(rows)} meanings\n")


def qaznltk_baseline(texts: list[str]) -> list[int | None]:
    from qaznltk.qaznltk import QazNLTK

    model = QazNLTK()
    results = [model.sentimize(text) for text in texts]
    return [1 if r > 0 else 0 if r < 0 else None for r in results]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", type=Path, default=REPO.parent / "shared" / "data" / "kazsandra")
    parser.add_argument("--limit", type=int, default=None, help="only the first N reviews")
    args = parser.parse_args()
    hand_written(REPO / "tests" / "data" / "tone_sentences.tsv")
    hand_written(REPO / "tests" / "data" / "tone_sentences_heldout.tsv")
    hand_written(REPO / "tests" / "data" / "tone_sentences_blind.tsv")
    if not (args.data / "04_pc_valid.zip").is_file():
        print(f"{args.data} is absent: nothing to measure")
        sys.exit(0)
    reviews = read_reviews(args.data, args.limit)
    texts = [t for t, _ in reviews]
    gold = [label for _, label in reviews]
    print(f"{len(reviews)} reviews ({sum(gold)} positive, {len(gold) - sum(gold)} negative)")
    for name, predicted in (
        ("coding, domain lexicon", ours(texts, "")),
        ("coding, domain lexicon + qaznltk lists", ours(texts, "qaznltk")),
        ("qaznltk sentimize", qaznltk_baseline(texts)),
    ):
        f1, coverage = macro_f1(gold, predicted)
        print(f"{name:42s} macro-F1 {f1:.3f}  (decided {coverage:.1%})")


if __name__ == "__main__":
    main()
