"""Speed of the matcher alone (``Matcher.match_unit``) with proximity terms, against the same words as plain
two-word terms, on the corpus ``coding_speed.py`` builds.

Three codebooks are timed over the same sentence units, their words cut and analysed once beforehand (as a
run shares them between matchers), each after one warm-up pass (the matcher learns its openers):

1. ``study``: codebooks/child_trafficking.yaml as it is (no proximity terms) — compare this line between
   two commits to see that plain matching did not slow down;
2. ``plain``: every two-word term ``A B`` of the study codebook, as it is;
3. ``near``: the same pairs as ``A NEAR/5 B`` (skipped where the code has no proximity terms).

The target: ``near`` costs at most twice ``plain``. Prints the median of --repeat passes per codebook.

Run: .venv/bin/python benchmarks/near_speed.py [--mb 2] [--repeat 5]
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


def time_matcher(entries, analysed, repeat: int) -> list[float]:
    """Seconds of ``repeat`` passes of a Matcher of ``entries`` over ``analysed`` (unit, words) pairs."""
    from coding.matcher import Matcher

    matcher = Matcher(entries)
    for unit, words in analysed:  # warm-up: the matcher learns which word types open a pattern
        matcher.match_unit(unit, words)
    seconds = []
    for _ in range(repeat):
        start = time.perf_counter()
        found = 0
        for unit, words in analysed:
            found += len(matcher.match_unit(unit, words))
        seconds.append(time.perf_counter() - start)
    print(f"    {found} matches", end="")
    return seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--mb", type=float, default=2.0, help="size of the corpus in MB (default 2)")
    parser.add_argument("--repeat", type=int, default=5, help="timed passes per codebook (default 5)")
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
    medians = {}
    for name, entries in books.items():
        print(f"  {name}: {sum(len(t) for e in entries for t in e.terms.values())} terms", end="")
        medians[name] = statistics.median(time_matcher(entries, analysed, args.repeat))
        print(f", median {medians[name]:.3f} s")
    if "near" in medians:
        print(f"near / plain: {medians['near'] / medians['plain']:.2f} (target <= 2.0)")


if __name__ == "__main__":
    main()
