"""Throughput of `coding code` against spaCy's bare tokenizer with a sentencizer, on one core.

Builds a corpus of at least --mb megabytes of UTF-8 text from the sample corpus and the shared UD
sentences (when present), multiplied with varied words: sentences are shuffled, and about one word in ten
gets an extra inflection from a fixed list, so the analyzers meet new word types as in real text (the
type count is printed). Then it times, on the same text:

1. the whole `coding code` pipeline (load, normalise, detect language, split, match, code, write CSVs);
2. spaCy: `spacy.blank(lang)` with a sentencizer (`kk` is ours; spaCy has none) over every document.

Run: .venv/bin/python benchmarks/coding_speed.py [--mb 20]
"""

from __future__ import annotations

import argparse
import os
import random
import re
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared" / "data"
ENDINGS = {"kk": ["ның", "ға", "да", "дан", "лар", "ларды", "сы", "мен", "дағы", "ды"],
           "ru": ["а", "ов", "ами", "ой", "ые", "ому", "ах", "ей"], "en": ["s", "ed", "ing"]}
SENTENCE = re.compile(r"(?<=[.!?])\s+")


def source_sentences() -> dict[str, list[str]]:
    """Sentences per language from the sample corpus and the UD treebanks."""
    from coding.corpus import load_corpus

    by_lang: dict[str, list[str]] = {"kk": [], "ru": [], "en": []}
    for doc in load_corpus(REPO / "corpus").documents:
        for p in doc.paragraphs:
            by_lang.setdefault(p.lang, []).extend(SENTENCE.split(doc.text[p.start:p.end]))
    for name, lang in (("ud_kazakh_ktb", "kk"), ("ud_russian_gsd", "ru"), ("ud_russian_taiga", "ru")):
        for path in sorted((SHARED / name).glob("*.conllu")) if (SHARED / name).is_dir() else []:
            by_lang[lang] += [line[9:] for line in path.read_text(encoding="utf-8").splitlines()
                              if line.startswith("# text = ")]
    return {lang: s for lang, s in by_lang.items() if s}


def vary(sentence: str, lang: str, rng: random.Random) -> str:
    """``sentence`` with about one word in ten given an extra ending of ``lang``."""
    words = sentence.split(" ")
    for i, word in enumerate(words):
        if word.isalpha() and rng.random() < 0.1:
            words[i] = word + rng.choice(ENDINGS[lang])
    return " ".join(words)


def build_corpus(folder: Path, megabytes: float, seed: int = 13) -> int:
    """Write documents of ~200 KB until the corpus holds ``megabytes`` MB; returns the byte count."""
    rng = random.Random(seed)
    sentences = source_sentences()
    total = number = 0
    rows = ["file,doc_id,source_type,language"]
    while total < megabytes * 1_000_000:
        lang = rng.choice(sorted(sentences))
        paragraphs, size = [], 0
        while size < 200_000:
            paragraph = " ".join(vary(rng.choice(sentences[lang]), lang, rng) for _ in range(rng.randint(3, 8)))
            paragraphs.append(paragraph)
            size += len(paragraph.encode("utf-8"))
        number += 1
        name = f"doc{number:04d}.txt"
        (folder / name).write_text("\n\n".join(paragraphs), encoding="utf-8")
        rows.append(f"{name},d{number},{rng.choice(['media', 'official'])},{lang}")
        total += size
    (folder / "manifest.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    return total


def count_types(folder: Path) -> int:
    """Distinct lower-cased whitespace tokens of the corpus's .txt files."""
    return len({w for path in folder.glob("*.txt") for w in path.read_text(encoding="utf-8").lower().split()})


def time_coding(folder: Path, out: Path) -> float:
    """Seconds of the whole pipeline on one core (``out`` must not exist); prints the run's counts."""
    from coding.codebook import load_codebook
    from coding.engines import Engine
    from coding.runs import code_corpus

    start = time.perf_counter()
    run = code_corpus(folder, load_codebook(REPO / "codebooks" / "child_trafficking.yaml"), "sentence",
                      out=out, engine=Engine("local", jobs=1), cache=None)
    elapsed = time.perf_counter() - start
    print("  " + ", ".join(f"{name}: {value}" for name, value in run.counts.items()))
    return elapsed


def time_spacy(folder: Path) -> float:
    """Seconds of ``spacy.blank(lang)`` with a sentencizer over every document of the corpus."""
    import spacy

    import coding.lang.kk  # noqa: F401  (registers spacy.blank("kk"))

    pipelines = {}
    start = time.perf_counter()
    for line in (folder / "manifest.csv").read_text(encoding="utf-8").splitlines()[1:]:
        name, _, _, lang = line.split(",")
        if lang not in pipelines:
            pipelines[lang] = spacy.blank(lang)
            pipelines[lang].add_pipe("sentencizer")
            pipelines[lang].max_length = 2_000_000
        pipelines[lang]((folder / name).read_text(encoding="utf-8"))
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--mb", type=float, default=20.0, help="size of the corpus in MB (default 20)")
    args = parser.parse_args()
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})  # one core, as the target says
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "corpus"
        folder.mkdir()
        size = build_corpus(folder, args.mb) / 1_000_000
        print(f"corpus: {size:.1f} MB of UTF-8 text, {count_types(folder)} distinct whitespace tokens")
        coding_seconds = time_coding(folder, Path(tmp) / "out")
        spacy_seconds = time_spacy(folder)
    print(f"coding code:             {size / coding_seconds:6.2f} MB/s ({coding_seconds:.1f} s)")
    print(f"spaCy tokenizer+sentencizer: {size / spacy_seconds:6.2f} MB/s ({spacy_seconds:.1f} s)")
    print(f"ratio: {spacy_seconds / coding_seconds:.2f} of the baseline's speed (target >= 1.0)")


if __name__ == "__main__":
    main()
