"""Speed of the matcher alone (``Matcher.match_unit``) with proximity terms, against the same words as plain
two-word terms, on the corpus ``coding_speed.py`` builds.

Three codebooks are timed over the same sentence units, their words cut and analysed once beforehand (as a
run shares them between matchers), each after one warm-up pass (the matcher learns its openers):

1. ``study``: codebooks/child_trafficking.yaml as it is (no proximity terms) — compare this line between
   two commits to see that plain matching did not slow down;
2. ``plain``: every two-word term ``A B`` of the study codebook, as it is;
3. ``near``: the same pairs as ``A NEAR/5 B`` (skipped where the code has no proximity terms).

The target: ``near`` costs at most twice ``plain``. The codebooks take turns pass by pass; prints the
median and the fastest of --repeat passes per codebook.

Run: .venv/bin/python benchmarks/near_speed.py [--mb 2] [--repeat 9]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from coding_speed import REPO, build_corpus  # noqa: E402


def pair_codebooks() -> tuple[str, str]:
    """YAML of the study codebook's two-word terms, as plain terms and as ``A NEAR/5 B``."""
    from coding.codebook import load_codebook

    study = load_codebook(REPO / "codebooks" / "child_trafficking.yaml")
    plain, near = ["codebook: plain", "codes:"], ["codebook: near", "codes:"]
    for entry in study.codes:
        pairs = {lang: [t.text for t in terms if len(t.text.split()) == 2 and "*" not in t.text]
                 for lang, terms in entry.terms.items()}
        pairs = {lang: items for lang, items in pairs.items() if items}
        if not pairs:
            continue
        for lines, joiner in ((plain, " "), (near, " NEAR/5 ")):
            lines.append(f"  - id: {entry.id}\n    terms:")
            for lang, items in pairs.items():
                written = ", ".join(f"'{joiner.join(t.split())}'" for t in items)
                lines.append(f"      {lang}: [{written}]")
    return "\n".join(plain) + "\n", "\n".join(near) + "\n"


def time_matchers(books: dict, analysed, repeat: int) -> dict[str, list[float]]:
    """Seconds of each pass of a Matcher per codebook over ``analysed`` (unit, words) pairs; the codebooks
    take turns pass by pass, so a change in the machine's load falls on all of them alike."""
    from coding.matcher import Matcher

    matchers = {name: Matcher(entries) for name, entries in books.items()}
    for name, matcher in matchers.items():  # warm-up: the matcher learns which word types open a pattern
        found = sum(len(matcher.match_unit(unit, words)) for unit, words in analysed)
        terms = sum(len(t) for e in books[name] for t in e.terms.values())
        print(f"  {name}: {terms} terms, {found} matches")
    seconds: dict[str, list[float]] = {name: [] for name in matchers}
    for _ in range(repeat):
        for name, matcher in matchers.items():
            start = time.perf_counter()
            for unit, words in analysed:
                matcher.match_unit(unit, words)
            seconds[name].append(time.perf_counter() - start)
    return seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--mb", type=float, default=2.0, help="size of the corpus in MB (default 2)")
    parser.add_argument("--repeat", type=int, default=9, help="timed passes per codebook (default 9)")
    args = parser.parse_args()
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})
    from coding.codebook import load_codebook, parse_codebook
    from coding.corpus import load_corpus
    from coding.errors import CodebookError
    from coding.matcher import unit_words
    from coding.units import split_units

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "corpus"
        folder.mkdir()
        size = build_corpus(folder, args.mb) / 1_000_000
        units = split_units(load_corpus(folder), "sentence")
    analysed = [(unit, unit_words(unit)) for unit in units]
    for _, words in analysed:
        words.candidates  # noqa: B018  (analyse every word once, outside the timings)
    print(f"corpus: {size:.1f} MB, {len(units)} sentence units")
    plain_yaml, near_yaml = pair_codebooks()
    books = {"study": load_codebook(REPO / "codebooks" / "child_trafficking.yaml").codes,
             "plain": parse_codebook(plain_yaml, "plain.yaml").codes}
    try:
        books["near"] = parse_codebook(near_yaml, "near.yaml").codes
    except CodebookError:
        print("near: this version of coding has no proximity terms; skipped")
    seconds = time_matchers(books, analysed, args.repeat)
    medians = {name: statistics.median(times) for name, times in seconds.items()}
    for name, times in seconds.items():
        print(f"  {name}: median {medians[name]:.3f} s, fastest {min(times):.3f} s of {len(times)} passes")
    if "near" in medians:
        print(f"near / plain: {medians['near'] / medians['plain']:.2f} of the medians, "
              f"{min(seconds['near']) / min(seconds['plain']):.2f} of the fastest (target <= 2.0)")


if __name__ == "__main__":
    main()
