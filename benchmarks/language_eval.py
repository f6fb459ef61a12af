"""Language-identification accuracy: UD treebank sentences (kk, ru), Kazakh news in each Latin spelling,
and Russian sentences quoted inside Kazakh paragraphs; and the time detection costs per paragraph.

Each sentence of ../shared/data/ud_kazakh_ktb/*.conllu is labelled kk, each of ud_russian_*/ ru. The KazNERD
news sentences (kaznerd_valid/) are written in the 2021, 2018 and informal Latin spellings
(``coding.lang.kk.latin.to_latin``) and must come out as ``kk`` in ``Latn``. For the sentence runs, three
KazNERD sentences are joined into a paragraph with one UD Russian sentence (plain or in «quotes») in the
middle: the Russian sentence must be a ``ru`` run and the rest ``kk``; paragraphs of four KazNERD sentences
must have no run at all.
Run: .venv/bin/python benchmarks/language_eval.py [--data ../shared/data]
"""

from __future__ import annotations

import argparse
import random
import time
from collections import Counter
from pathlib import Path

from coding.corpus import analyse_text
from coding.lang.kk.latin import to_latin
from coding.language import detect_language, identify_language

SETS = {"ud_kazakh_ktb": "kk", "ud_russian_gsd": "ru", "ud_russian_taiga": "ru"}


def sentences(folder: Path) -> list[str]:
    """The ``# text =`` lines of every .conllu file in ``folder``."""
    texts = []
    for path in sorted(folder.glob("*.conllu")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.startswith("# text = "):
                texts.append(line[len("# text = "):])
    return texts


def news(data: Path) -> list[str]:
    """KazNERD's Kazakh news sentences of six words or more."""
    path = data / "kaznerd_valid" / "kaznerd_valid_sentences.txt"
    if not path.is_file():
        return []
    return [line for line in path.read_text(encoding="utf-8").splitlines() if len(line.split()) >= 6]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--data", type=Path, default=Path(__file__).resolve().parents[1].parent / "shared/data")
    args = parser.parse_args()
    total = right = 0
    russian: list[str] = []
    for name, gold in SETS.items():
        folder = args.data / name
        if not folder.is_dir():
            print(f"{name}: absent, skipped")
            continue
        texts = sentences(folder)
        if gold == "ru":
            russian += [t for t in texts if len(t.split()) >= 6]
        predicted = Counter(detect_language(text) for text in texts)
        correct = predicted[gold]
        total += len(texts)
        right += correct
        print(f"{name}: {correct}/{len(texts)} = {correct / len(texts):.4f} (predicted: {dict(predicted)})")
    if total:
        print(f"overall: {right}/{total} = {right / total:.4f}")
    kazakh = news(args.data)
    if not kazakh:
        print("kaznerd_valid: absent, Latin and run measurements skipped")
        return
    for alphabet in ("2021", "2018", "informal"):
        found = Counter(identify_language(to_latin(text, alphabet)) for text in kazakh)  # type: ignore[arg-type]
        share = found[("kk", "Latn")] / len(kazakh)
        print(f"kaznerd in Latin {alphabet}: kk+Latn {share:.4f} (others: {dict(found.most_common()[1:4])})")
    rng = random.Random(7)
    plain = quoted = clean = cut = 0
    trials = 500
    for _ in range(trials):
        first, second, third, fourth = rng.sample(kazakh, 4)
        quote = rng.choice(russian) if russian else ""
        for paragraph, wrap in ((f"{first} {quote} {second}", False), (f"{first} «{quote.rstrip('.')}», – деді ол. "
                                                                       f"{second}", True)):
            text, _, paragraphs = analyse_text(paragraph)
            if not wrap:  # whether the splitter cut the Russian sentence off (Taiga's lower-case ones are not)
                cut += quote in [text[s:e] for s, e in paragraphs[0].sentences]
            langs = [(text[s:e], lang) for s, e, lang, _ in paragraphs[0].runs]
            russian_runs = [t for t, lang in langs if lang == "ru"]
            if len(russian_runs) == 1 and quote.rstrip(".")[:20] in russian_runs[0] and \
                    all(lang == "kk" for t, lang in langs if t not in russian_runs):
                quoted += wrap
                plain += not wrap
        _, _, paragraphs = analyse_text(f"{first} {second} {third} {fourth}")
        clean += not paragraphs[0].runs
    print(f"runs: Russian sentence found in {plain}/{trials} paragraphs (the splitter cut it off in {cut}), "
          f"Russian «quotation» in {quoted}/{trials}; Kazakh-only paragraphs without runs {clean}/{trials}")
    paragraphs_text = ["\n\n".join(" ".join(kazakh[i:i + 4]) for i in range(start, start + 400, 4))
                       for start in range(0, min(len(kazakh) - 400, 4000), 400)]
    start = time.perf_counter()
    count = 0
    for document in paragraphs_text:
        count += len(analyse_text(document)[2])
    seconds = time.perf_counter() - start
    size = sum(len(d.encode("utf-8")) for d in paragraphs_text) / 1e6
    print(f"analyse_text (normalise, detect, split) on Kazakh news: {count} paragraphs, {size:.2f} MB in "
          f"{seconds:.2f} s = {size / seconds:.2f} MB/s")


if __name__ == "__main__":
    main()
