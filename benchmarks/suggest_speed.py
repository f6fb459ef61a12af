"""`coding suggest` against `coding code` on the same corpus: is suggesting no slower than coding?

Builds a Kazakh corpus of --size MB (default 50) the way benchmarks/scale.py does (real sentences of
../shared/data — KazNERD news, UD Kazakh-KTB, KazSAnDRA — replicated under numbered documents), then times,
each in its own process with its own new analysis cache:

1. `coding code --jobs 1` cold, then again with its cache (after no edit: what a re-run costs);
2. `coding suggest --code elections` (codebooks/kk_news_sample.yaml) cold, then again with its cache;
3. the same two for `coding codebook check --corpus`.

One process each (suggest and check run in one process; coding gets --jobs 1 for a like-for-like figure,
and the default --jobs is also timed). Prints a markdown table with wall seconds, MB/s and peak RSS.
Building is not timed. Run once, alone on the machine:

    .venv/bin/python benchmarks/suggest_speed.py [--size 50] [--workdir DIR] [--keep]
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from scale import MB, SHARED, base_documents, build_corpus, coding_command, run_sampled  # noqa: E402

REPO = Path(__file__).resolve().parents[1]
CODEBOOK = REPO / "codebooks" / "kk_news_sample.yaml"


def timed(arguments: list[str]) -> tuple[float, int]:
    """Wall seconds and peak RSS (bytes, the process tree) of one `coding` command; stops on failure."""
    measure = run_sampled([*coding_command(), *arguments])
    return measure.seconds, measure.peak_rss


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--size", type=int, default=50, help="Corpus size in MB (10^6 bytes).")
    parser.add_argument("--workdir", type=Path, help="Folder for the corpus and caches (default: a temp folder).")
    parser.add_argument("--keep", action="store_true", help="Keep the work folder.")
    args = parser.parse_args(argv)
    if not (SHARED / "kaznerd_valid").is_dir():
        raise SystemExit(f"{SHARED} is absent: this benchmark needs the shared data")
    work = args.workdir or Path(tempfile.mkdtemp(prefix="suggest-speed-"))
    try:
        corpus = build_corpus(work / "corpus", base_documents(SHARED, "kk"), args.size)
        megabytes = corpus.size / MB
        runs = {
            "code --jobs 1": ["code", str(corpus.folder), "--codebook", str(CODEBOOK), "--out", str(work / "run"),
                              "--force", "--jobs", "1", "--cache", str(work / "cache-code")],
            "code (default --jobs)": ["code", str(corpus.folder), "--codebook", str(CODEBOOK), "--out",
                                      str(work / "run2"), "--force", "--cache", str(work / "cache-code2")],
            "suggest --code elections": ["suggest", str(corpus.folder), "--codebook", str(CODEBOOK), "--code",
                                         "elections", "--out", str(work / "suggest.xlsx"), "--cache",
                                         str(work / "cache-suggest")],
            "codebook check --corpus": ["codebook", "check", str(CODEBOOK), "--corpus", str(corpus.folder),
                                        "--out", str(work / "terms.xlsx"), "--cache", str(work / "cache-check")],
        }
        print(f"Corpus: {megabytes:.1f} MB, {len(corpus.files)} documents (Kazakh)\n")
        print("| command | cold s | MB/s | peak RSS MB | with its cache s | MB/s |")
        print("|---|--:|--:|--:|--:|--:|")
        for name, arguments in runs.items():
            cold, rss = timed(arguments)
            warm, _ = timed(arguments)
            print(f"| {name} | {cold:.1f} | {megabytes / cold:.2f} | {rss / MB:.0f} | {warm:.1f} | "
                  f"{megabytes / warm:.2f} |", flush=True)
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
