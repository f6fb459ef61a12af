"""The cold path of ``coding code`` on real text: new Kazakh word types per second, and the MB/s of language
identification and normalisation.

A large corpus keeps bringing new types (Heaps' law), so what a type costs the first time it is seen is what
bounds the analysis of a big corpus; the warm path (a cache hit) is ~100 times cheaper. For each shared
data set the distinct lower-cased word types (``coding.words``' definition of a word) are analysed once
with every cache of the analyzer empty, on one core; the best of ``--repeat`` runs is printed. Then
``detect_language`` runs on each paragraph (a KazNERD paragraph is five sentences, a UD one a sentence, a
KazSAnDRA one a review) and ``normalize_text`` on all of them joined by blank lines, as ``coding code``
does for every document.

- ``kaznerd``: the KazNERD validation sentences (1.5 MB of Kazakh TV news);
- ``ud_kazakh_ktb``: the word forms (column 2) of the UD Kazakh-KTB ``*.conllu`` files;
- ``kazsandra``: the ``text`` column of the KazSAnDRA validation reviews (Kazakh, Latin Kazakh, Russian).

``--cli`` also times ``coding lemmas --lang kk`` end to end on the letter-only KazNERD types, and an empty
input to show what starting the command costs.

Usage::

    python benchmarks/cold_path_speed.py [--data ../shared/data] [--repeat 3] [--cli]
"""

from __future__ import annotations

import argparse
import csv
import io
import subprocess
import sys
import tempfile
import time
import zipfile
from collections.abc import Callable, Iterable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from coding.lang.kk import analyzer  # noqa: E402
from coding.language import detect_language  # noqa: E402
from coding.normalize import normalize_text  # noqa: E402
from coding.words import WORD_RE  # noqa: E402

DEFAULT_DATA = ROOT.parent / "shared" / "data"


def kaznerd_texts(data: Path) -> Iterable[str]:
    """The KazNERD validation sentences, one a line."""
    path = data / "kaznerd_valid" / "kaznerd_valid_sentences.txt"
    if path.is_file():
        yield from path.read_text(encoding="utf-8").splitlines()


def ud_sentences(data: Path) -> Iterable[str]:
    """The ``# text =`` sentences of the UD Kazakh and Russian treebanks."""
    for name in ("ud_kazakh_ktb", "ud_russian_gsd", "ud_russian_taiga"):
        for path in sorted((data / name).glob("*.conllu")):
            with path.open(encoding="utf-8") as lines:
                yield from (line[len("# text = "):].rstrip("\n") for line in lines if line.startswith("# text = "))


def ud_forms(data: Path) -> Iterable[str]:
    """Every word form (column 2) of the UD Kazakh-KTB treebank."""
    for path in sorted((data / "ud_kazakh_ktb").glob("*.conllu")):
        with path.open(encoding="utf-8") as lines:
            for line in lines:
                cols = line.split("\t")
                if len(cols) > 2 and cols[0].isdigit():
                    yield cols[1]


def kazsandra_texts(data: Path) -> Iterable[str]:
    """The ``text`` column of every CSV inside the KazSAnDRA zips."""
    for path in sorted((data / "kazsandra").glob("*.zip")):
        with zipfile.ZipFile(path) as archive:
            for name in archive.namelist():
                with archive.open(name) as raw:
                    for row in csv.DictReader(io.TextIOWrapper(raw, encoding="utf-8")):
                        yield row["text"]


def distinct_types(texts: Iterable[str]) -> list[str]:
    """The distinct lower-cased words of ``texts``, sorted (so every run meets them in one order)."""
    return sorted({word.lower() for text in texts for word in WORD_RE.findall(text)})


DATA_SETS: dict[str, Callable[[Path], Iterable[str]]] = {
    "kaznerd": kaznerd_texts,
    "ud_kazakh_ktb": ud_forms,
    "kazsandra": kazsandra_texts,
}


def forget_everything() -> None:
    """Empty every cache of the analyzer, as in a new process."""
    if hasattr(analyzer, "clear_caches"):
        analyzer.clear_caches()
        return
    for value in vars(analyzer).values():  # an analyzer from before clear_caches existed
        if callable(getattr(value, "cache_clear", None)):
            value.cache_clear()


def cold_seconds(types: list[str], repeat: int) -> float:
    """The best time of ``repeat`` cold passes of ``lemma_candidates`` over ``types``."""
    best = float("inf")
    for _ in range(repeat):
        forget_everything()
        start = time.perf_counter()
        for word in types:
            analyzer.lemma_candidates(word)
        best = min(best, time.perf_counter() - start)
    return best


def cli_seconds(words: list[str]) -> float:
    """Wall time of ``coding lemmas --lang kk`` on ``words`` (one a line), output discarded."""
    with tempfile.NamedTemporaryFile("w", encoding="utf-8", suffix=".txt", delete=False) as handle:
        handle.write("".join(word + "\n" for word in words))
    command = [sys.executable, "-m", "coding", "lemmas", "--lang", "kk", handle.name]
    try:
        start = time.perf_counter()
        subprocess.run(command, check=True, stdout=subprocess.DEVNULL, cwd=ROOT)
        return time.perf_counter() - start
    finally:
        Path(handle.name).unlink()


def report(name: str, types: list[str], repeat: int) -> None:
    """Print cold types/s of ``types``, and of the letter-only ones."""
    for label, chosen in ((name, types), (f"{name} (letters only)", [t for t in types if t.isalpha()])):
        seconds = cold_seconds(chosen, repeat)
        print(f"{label:32s} {len(chosen):7,} types in {seconds:6.3f} s = {len(chosen) / seconds:9,.0f} types/s")


def kaznerd_paragraphs(data: Path) -> list[str]:
    """KazNERD sentences in paragraphs of five, the size of a news paragraph."""
    sentences = list(kaznerd_texts(data))
    return [" ".join(sentences[i : i + 5]) for i in range(0, len(sentences), 5)]


PARAGRAPHS: dict[str, Callable[[Path], Iterable[str]]] = {
    "kaznerd": kaznerd_paragraphs,
    "ud (kk, ru)": ud_sentences,
    "kazsandra": kazsandra_texts,
}


def best_seconds(run: Callable[[], object], repeat: int) -> float:
    """The best wall time of ``repeat`` calls of ``run``."""
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        run()
        best = min(best, time.perf_counter() - start)
    return best


def report_text(name: str, paragraphs: list[str], repeat: int) -> None:
    """Print MB/s of ``detect_language`` per paragraph and of ``normalize_text`` on the joined text."""
    raw = "\n\n".join(paragraphs)
    megabytes = len(raw.encode("utf-8")) / 1e6
    detect = best_seconds(lambda: [detect_language(p) for p in paragraphs], repeat)
    normalize = best_seconds(lambda: normalize_text(raw), repeat)
    print(f"{name:14s} {len(paragraphs):7,} paragraphs, {megabytes:5.2f} MB: detect_language "
          f"{megabytes / detect:6.1f} MB/s ({detect / len(paragraphs) * 1e6:5.1f} us a paragraph), "
          f"normalize_text {megabytes / normalize:6.1f} MB/s")


def main(argv: list[str] | None = None) -> int:
    """Print cold new-types/s for each shared data set found."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--repeat", type=int, default=3, help="cold passes per data set; the best is printed")
    parser.add_argument("--cli", action="store_true", help="also time `coding lemmas --lang kk` end to end")
    args = parser.parse_args(argv)
    found = {name: distinct_types(read(args.data)) for name, read in DATA_SETS.items()} if args.data.is_dir() else {}
    found = {name: types for name, types in found.items() if types}
    if not found:
        print(f"no Kazakh data set found in {args.data}; skipping the cold-path benchmark")
        return 0
    print("Kazakh analyzer, new types (every cache empty):")
    for name, types in found.items():
        report(name, types, args.repeat)
    if args.cli and "kaznerd" in found:
        letters = [t for t in found["kaznerd"] if t.isalpha()]
        startup, total = cli_seconds([]), cli_seconds(letters)
        print(f"coding lemmas --lang kk: {len(letters):,} types in {total:.2f} s = {len(letters) / total:,.0f} "
              f"types/s end to end (of which {startup:.2f} s starting the command)")
    print("Language identification and normalisation:")
    for name, read in PARAGRAPHS.items():
        if paragraphs := [p for p in read(args.data) if p.strip()]:
            report_text(name, paragraphs, args.repeat)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
