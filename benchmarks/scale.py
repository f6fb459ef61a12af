"""Scale of `coding code`: wall time, MB/s and peak memory on corpora of 10 MB, 100 MB and 1 GB.

For each size it builds a corpus of article-sized plain-text documents (3–30 KB, a few sentences per
paragraph, blank lines between paragraphs) from the real text in ../shared/data — KazNERD news sentences,
UD Kazakh-KTB sentences and KazSAnDRA reviews for Kazakh, UD Russian GSD and Taiga sentences for Russian,
80 % / 20 % by bytes with --lang mix — replicated under different file names to reach the size. Every
document starts with its own number ("Құжат № 12345"), so no two documents share a SHA-256 and the
analysis cache cannot help a cold run. manifest.csv gives doc_id, source_type and date and leaves the
language to be detected. Building is timed apart and is not part of the numbers. Then, per size:

1. for each --jobs value, a cold `coding code` run with a new, empty --cache folder: wall time, MB/s, and
   the peak RSS of the whole process tree (the coding process and all its children, summed; sampled with
   psutil every 0.05 s);
2. a re-run with that cache after a one-term codebook edit (checked with `coding codebook check`);
3. spaCy's bare tokenizer with a sentencizer (`spacy.blank("kk")`, ours, / `spacy.blank("ru")`) in this
   one process over every document, to compare one-core throughput (coding --jobs 1 ÷ spaCy).

It prints one markdown table and the target checks (PASS/FAIL with the numbers); --report writes them to a
file. MB here is 10^6 bytes, for text and for memory alike.

Run: .venv/bin/python benchmarks/scale.py [--sizes 10,100,1000] [--jobs 1,2] [--lang mix]
     [--repeat N] [--no-spacy] [--workdir DIR] [--keep] [--report FILE]
--repeat N runs each size's round N times, interleaved, and reports medians with their range: this VM's
speed drifts by up to a factor of two between hours, and by 10-20 % between two runs minutes apart.
Run the 100 MB and 1 GB sizes alone on the machine: the numbers are only as good as the idle cores.
"""

from __future__ import annotations

import argparse
import csv
import io
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared" / "data"
CODEBOOK = REPO / "codebooks" / "child_trafficking.yaml"
MB = 1_000_000
KK_SHARE = 0.8  # of the bytes, with --lang mix
DOC_BYTES = (3_000, 30_000)
SENTENCES_PER_PARAGRAPH = (3, 6)
FILES_PER_FOLDER = 1000
HEADERS = {"kk": "Құжат № {n}", "ru": "Документ № {n}"}
EDIT_TERM = "бала сатушы"  # added to the first Kazakh term list of the codebook
SAMPLE_SECONDS = 0.05
TERMINAL = re.compile(r"[.!?…»\"')]$")

Lang = Literal["kk", "ru"]
LangOption = Literal["kk", "ru", "mix"]


@dataclass(frozen=True)
class BaseDocument:
    """A document of real sentences, before its number is put on top."""

    lang: Lang
    text: str


@dataclass(frozen=True)
class Corpus:
    """A built corpus: its folder, its documents (relative path, language) and its size in bytes."""

    folder: Path
    files: tuple[tuple[str, Lang], ...]
    size: int


@dataclass(frozen=True)
class Measure:
    """One `coding code` run: wall seconds, the peak RSS of its process tree in bytes, and the machine's
    one-minute load average just before it (other work on the cores skews the numbers)."""

    seconds: float
    peak_rss: int
    load: float


def _median(values: list[float]) -> float:
    ordered = sorted(values)
    middle = len(ordered) // 2
    return ordered[middle] if len(ordered) % 2 else (ordered[middle - 1] + ordered[middle]) / 2


def typical(measures: list[Measure]) -> Measure:
    """The median seconds of repeated runs, their highest peak RSS and the first run's load."""
    return Measure(_median([m.seconds for m in measures]), max(m.peak_rss for m in measures), measures[0].load)


def spread(measures: list[Measure]) -> str:
    """``" (50.1–57.3)"``: the range of repeated runs' seconds; empty for one run."""
    if len(measures) < 2:
        return ""
    seconds = [m.seconds for m in measures]
    return f" ({min(seconds):.1f}–{max(seconds):.1f})"


@dataclass
class Row:
    """The numbers of one size × jobs row of the table: every repeat's cold and cached runs (``cold`` and
    ``cached`` are their medians, see ``typical``)."""

    size_mb: int
    jobs: int
    corpus_mb: float
    documents: int
    colds: list[Measure] = field(default_factory=list)
    cacheds: list[Measure] = field(default_factory=list)
    spacy_runs: list[float] = field(default_factory=list)
    cache_mb: float = 0.0

    @property
    def cold(self) -> Measure:
        return typical(self.colds)

    @property
    def cached(self) -> Measure | None:
        return typical(self.cacheds) if self.cacheds else None

    @property
    def spacy_seconds(self) -> float:
        return _median(self.spacy_runs) if self.spacy_runs else float("nan")

    @property
    def mb_per_s(self) -> float:
        return self.corpus_mb / self.cold.seconds

    @property
    def spacy_mb_per_s(self) -> float:
        return self.corpus_mb / self.spacy_seconds


# --- the text of the shared data -------------------------------------------------------------------------


def ud_sentences(folder: Path) -> list[str]:
    """The ``# text = `` lines of every .conllu file in ``folder``, in file order."""
    sentences: list[str] = []
    for path in sorted(folder.glob("*.conllu")) if folder.is_dir() else []:
        with path.open(encoding="utf-8") as lines:
            sentences += [line[9:].strip() for line in lines if line.startswith("# text = ")]
    return sentences


def kaznerd_sentences(folder: Path) -> list[str]:
    """KazNERD's validation sentences, one a line."""
    path = folder / "kaznerd_valid_sentences.txt"
    if not path.is_file():
        return []
    return [line.strip() for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def kazsandra_reviews(folder: Path) -> list[str]:
    """The distinct review texts of KazSAnDRA's zipped CSVs (column ``text``), each ending a sentence."""
    seen: dict[str, None] = {}
    for path in sorted(folder.glob("*.zip")) if folder.is_dir() else []:
        with zipfile.ZipFile(path) as archive:
            for name in archive.namelist():
                if not name.endswith(".csv"):
                    continue
                with archive.open(name) as raw:
                    for record in csv.DictReader(io.TextIOWrapper(raw, encoding="utf-8")):
                        text = " ".join((record.get("text") or "").split())
                        if text:
                            seen.setdefault(text if TERMINAL.search(text) else text + ".")
    return list(seen)


def source_texts(shared: Path) -> dict[Lang, list[list[str]]]:
    """Per language, the sentence streams (one per source) to cut documents from."""
    kk = [kaznerd_sentences(shared / "kaznerd_valid"), ud_sentences(shared / "ud_kazakh_ktb"),
          kazsandra_reviews(shared / "kazsandra")]
    ru = [ud_sentences(shared / "ud_russian_gsd"), ud_sentences(shared / "ud_russian_taiga")]
    return {"kk": [s for s in kk if s], "ru": [s for s in ru if s]}


def cut_documents(sentences: list[str], lang: Lang, rng: random.Random) -> list[BaseDocument]:
    """Consecutive sentences grouped into paragraphs, and paragraphs into documents of 3–30 KB."""
    documents: list[BaseDocument] = []
    i = 0
    while i < len(sentences):
        target, paragraphs, size = rng.randint(*DOC_BYTES), [], 0
        while size < target and i < len(sentences):
            count = rng.randint(*SENTENCES_PER_PARAGRAPH)
            paragraph = " ".join(sentences[i:i + count])
            i += count
            paragraphs.append(paragraph)
            size += len(paragraph.encode("utf-8")) + 2
        if size >= DOC_BYTES[0]:  # the short tail of a source is dropped
            documents.append(BaseDocument(lang, "\n\n".join(paragraphs)))
    return documents


def base_documents(shared: Path, lang: LangOption, seed: int = 13) -> dict[Lang, list[BaseDocument]]:
    """The documents to replicate, per language, in a fixed shuffled order."""
    rng = random.Random(seed)
    wanted: tuple[Lang, ...] = ("kk", "ru") if lang == "mix" else (lang,)
    pools: dict[Lang, list[BaseDocument]] = {}
    for name, streams in source_texts(shared).items():
        if name in wanted:
            pools[name] = [doc for stream in streams for doc in cut_documents(stream, name, rng)]
            rng.shuffle(pools[name])
    return {name: docs for name, docs in pools.items() if docs}


# --- the corpus ------------------------------------------------------------------------------------------


def byte_shares(pools: dict[Lang, list[BaseDocument]]) -> dict[Lang, float]:
    """The share of the corpus bytes each language gets."""
    if len(pools) == 1:
        return {next(iter(pools)): 1.0}
    return {"kk": KK_SHARE, "ru": 1.0 - KK_SHARE}


def replicas(pools: dict[Lang, list[BaseDocument]], size: int) -> Iterator[tuple[int, Lang, str]]:
    """Numbered documents, each language cycling through its pool, until ``size`` bytes: (n, lang, text)."""
    shares = byte_shares(pools)
    written = dict.fromkeys(pools, 0)
    position = dict.fromkeys(pools, 0)
    total = n = 0
    while total < size:
        # The language furthest behind its share comes next, so the mix holds at every size.
        lang = min(pools, key=lambda name: written[name] / shares[name])
        base = pools[lang][position[lang] % len(pools[lang])]
        position[lang] += 1
        n += 1
        text = HEADERS[lang].format(n=n) + "\n\n" + base.text + "\n"
        length = len(text.encode("utf-8"))
        written[lang] += length
        total += length
        yield n, lang, text


def build_corpus(folder: Path, pools: dict[Lang, list[BaseDocument]], size_mb: int, seed: int = 13) -> Corpus:
    """Write the documents of ``size_mb`` MB and manifest.csv into ``folder`` (which must not exist)."""
    rng = random.Random(seed)
    folder.mkdir(parents=True)
    files: list[tuple[str, Lang]] = []
    total = 0
    with (folder / "manifest.csv").open("w", encoding="utf-8", newline="") as handle:
        manifest = csv.writer(handle)
        manifest.writerow(["file", "doc_id", "source_type", "date", "language"])
        for n, lang, text in replicas(pools, size_mb * MB):
            name = f"docs/{n // FILES_PER_FOLDER:04d}/{lang}_{n:07d}.txt"
            path = folder / name
            path.parent.mkdir(parents=True, exist_ok=True)
            data = text.encode("utf-8")
            path.write_bytes(data)
            date = f"{rng.randint(2018, 2022)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
            manifest.writerow([name, f"d{n:07d}", rng.choice(["media", "official"]), date, ""])
            files.append((name, lang))
            total += len(data)
    return Corpus(folder, tuple(files), total)


# --- the codebook edit -----------------------------------------------------------------------------------


def edit_codebook(source: Path, target: Path, term: str = EDIT_TERM) -> str:
    """Copy the codebook with ``term`` added to its first Kazakh term list; returns the edited code's id."""
    lines = source.read_text(encoding="utf-8").splitlines(keepends=True)
    code = ""
    for i, line in enumerate(lines):
        if match := re.match(r"^\s+- id: (\S+)", line):
            code = match.group(1)
        if i and lines[i - 1].strip() == "terms:" and re.match(r"^\s+kk: \[.*\]\s*$", line):
            lines[i] = line.rstrip().removesuffix("]") + f", {term}]\n"
            target.write_text("".join(lines), encoding="utf-8")
            return code
    raise SystemExit(f"{source}: found no 'terms: kk: [...]' list to add a term to")


def check_codebook(path: Path) -> None:
    """Stop when `coding codebook check` does not accept ``path``."""
    result = subprocess.run([*coding_command(), "codebook", "check", str(path)], capture_output=True, text=True)
    if result.returncode != 0:
        raise SystemExit(f"the edited codebook is not valid:\n{result.stdout}{result.stderr}")


# --- running and measuring -------------------------------------------------------------------------------


def coding_command() -> list[str]:
    """The `coding` CLI of this Python environment (there is no ``coding.__main__``)."""
    script = Path(sys.executable).parent / "coding"
    if script.is_file():
        return [str(script)]
    return [sys.executable, "-c", "from coding.cli import main; main()"]


def tree_rss(pid: int) -> int:
    """The summed RSS of a process and all its descendants, in bytes (0 once it is gone)."""
    import psutil

    try:
        root = psutil.Process(pid)
        processes = [root, *root.children(recursive=True)]
    except psutil.Error:
        return 0
    total = 0
    for process in processes:
        try:
            total += process.memory_info().rss
        except psutil.Error:  # it ended between the listing and the reading
            pass
    return total


def sample_peak(pid: int, stop: threading.Event, peak: list[int]) -> None:
    """Keep the highest tree RSS of ``pid`` in ``peak[0]`` until ``stop`` is set."""
    while not stop.is_set():
        peak[0] = max(peak[0], tree_rss(pid))
        stop.wait(SAMPLE_SECONDS)


def run_sampled(command: list[str]) -> Measure:
    """Time one command and sample the peak RSS of its process tree; stop with its output when it fails."""
    stop, peak = threading.Event(), [0]
    load = os.getloadavg()[0]
    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    sampler = threading.Thread(target=sample_peak, args=(process.pid, stop, peak), daemon=True)
    sampler.start()
    stdout, stderr = process.communicate()
    seconds = time.perf_counter() - start
    stop.set()
    sampler.join()
    if process.returncode != 0:
        raise SystemExit(f"failed (exit status {process.returncode}): {' '.join(command)}\n"
                         f"--- stdout\n{stdout}--- stderr\n{stderr}")
    return Measure(seconds, peak[0], load)


def run_coding(corpus: Path, codebook: Path, out: Path, cache: Path, jobs: int) -> Measure:
    """Time one `coding code` run (see ``run_sampled``)."""
    return run_sampled([*coding_command(), "code", str(corpus), "--codebook", str(codebook), "--out", str(out),
                        "--force", "--jobs", str(jobs), "--cache", str(cache), "--unit", "sentence"])


def folder_bytes(folder: Path) -> int:
    """The bytes of every file under ``folder``."""
    return sum(path.stat().st_size for path in folder.rglob("*") if path.is_file())


def time_spacy(corpus: Corpus) -> float:
    """Seconds for spaCy's blank pipeline with a sentencizer over every document, in this process."""
    import spacy

    import coding.lang.kk  # noqa: F401  (registers spacy.blank("kk"))

    start = time.perf_counter()
    for lang in sorted({lang for _, lang in corpus.files}):
        nlp = spacy.blank(lang)
        nlp.add_pipe("sentencizer")
        texts = ((corpus.folder / name).read_text(encoding="utf-8") for name, file_lang in corpus.files
                 if file_lang == lang)
        for _ in nlp.pipe(texts, batch_size=64):
            pass
    return time.perf_counter() - start


# --- one size --------------------------------------------------------------------------------------------


def measure_size(size_mb: int, jobs_values: list[int], pools: dict[Lang, list[BaseDocument]], workdir: Path,
                 edited: Path, keep: bool, repeat: int = 1, spacy: bool = True) -> list[Row]:
    """Build the corpus of ``size_mb`` MB and measure it: one row per jobs value. With ``repeat``, the whole
    round (each jobs value cold and cached, then spaCy) runs that many times, interleaved, so that a slow
    spell of the machine weighs on every figure alike; the table gives medians."""
    start = time.perf_counter()
    corpus = build_corpus(workdir / f"corpus_{size_mb}mb", pools, size_mb)
    corpus_mb = corpus.size / MB
    print(f"[{size_mb} MB] corpus: {corpus_mb:.1f} MB, {len(corpus.files)} documents, "
          f"built in {time.perf_counter() - start:.1f} s (not counted)", flush=True)
    rows = [Row(size_mb, jobs, corpus_mb, len(corpus.files)) for jobs in jobs_values]
    for round_number in range(1, repeat + 1):
        for row in rows:
            jobs = row.jobs
            cache = workdir / f"cache_{size_mb}mb_j{jobs}_{round_number}"
            cache.mkdir()
            out = workdir / f"out_{size_mb}mb_j{jobs}_{round_number}"
            cold = run_coding(corpus.folder, CODEBOOK, out / "cold", cache, jobs)
            cached = run_coding(corpus.folder, edited, out / "cached", cache, jobs)
            row.colds.append(cold)
            row.cacheds.append(cached)
            row.cache_mb = folder_bytes(cache) / MB
            print(f"[{size_mb} MB, round {round_number}] --jobs {jobs}: cold {cold.seconds:.1f} s "
                  f"({corpus_mb / cold.seconds:.2f} MB/s, peak RSS {cold.peak_rss / MB:.0f} MB); cached re-run "
                  f"after the edit {cached.seconds:.1f} s ({cached.seconds / cold.seconds:.0%}, peak RSS "
                  f"{cached.peak_rss / MB:.0f} MB); cache {row.cache_mb:.0f} MB; load before: {cold.load:.1f}, "
                  f"{cached.load:.1f}", flush=True)
            if not keep:
                shutil.rmtree(out)
                shutil.rmtree(cache)
        if spacy:
            seconds = time_spacy(corpus)
            for row in rows:
                row.spacy_runs.append(seconds)
            print(f"[{size_mb} MB, round {round_number}] spaCy tokenizer + sentencizer: {seconds:.1f} s "
                  f"({corpus_mb / seconds:.2f} MB/s)", flush=True)
    if not keep:
        shutil.rmtree(corpus.folder)
    return rows


# --- the report ------------------------------------------------------------------------------------------


def table(rows: list[Row]) -> str:
    """The markdown table of every row (medians of the repeats, their range in brackets)."""
    lines = ["| size | jobs | MB | documents | wall s | MB/s | peak RSS MB | cached re-run s (% of cold) "
             "| spaCy MB/s | ratio (cold) | ratio (cached) | load |",
             "|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|"]
    for r in rows:
        cached = r.cached.seconds if r.cached else float("nan")
        lines.append(f"| {r.size_mb} MB | {r.jobs} | {r.corpus_mb:.1f} | {r.documents} | {r.cold.seconds:.1f}"
                     f"{spread(r.colds)} | {r.mb_per_s:.2f} | {r.cold.peak_rss / MB:.0f} | {cached:.1f}"
                     f"{spread(r.cacheds)} ({cached / r.cold.seconds:.0%}) | {r.spacy_mb_per_s:.2f} "
                     f"| {r.mb_per_s / r.spacy_mb_per_s:.2f} | {r.corpus_mb / cached / r.spacy_mb_per_s:.2f} "
                     f"| {r.cold.load:.1f} |")
    return "\n".join(lines)


def verdict(passed: bool, text: str) -> str:
    return f"- {'PASS' if passed else 'FAIL'}: {text}"


def checks(rows: list[Row]) -> list[str]:
    """The target checks that these rows can decide, each PASS/FAIL with its numbers."""
    by = {(r.size_mb, r.jobs): r for r in rows}
    sizes = sorted({r.size_mb for r in rows})
    jobs_values = sorted({r.jobs for r in rows})
    out: list[str] = []
    for jobs in jobs_values:
        big, mid = by.get((1000, jobs)), by.get((100, jobs))
        if big:
            out.append(verdict(big.cold.peak_rss < 1.5e9, f"--jobs {jobs}: peak RSS on 1 GB "
                               f"{big.cold.peak_rss / MB:.0f} MB < 1500 MB"))
        if big and mid:
            growth = big.cold.peak_rss / mid.cold.peak_rss - 1
            out.append(verdict(growth <= 0.15, f"--jobs {jobs}: peak RSS 1 GB vs 100 MB {growth:+.0%} "
                               f"({big.cold.peak_rss / MB:.0f} vs {mid.cold.peak_rss / MB:.0f} MB; within 15 %)"))
            factor = big.cold.seconds / mid.cold.seconds
            out.append(verdict(factor <= 11, f"--jobs {jobs}: time 1 GB / 100 MB = {factor:.1f} × "
                               f"({big.cold.seconds:.0f} / {mid.cold.seconds:.0f} s; at most 11 ×)"))
    if not (1000 in sizes and 100 in sizes):
        out.append("- n/a: memory and time linearity need the 100 and 1000 MB sizes")
    for size in sizes:
        one, two = by.get((size, 1)), by.get((size, 2))
        if one and two:
            speedup = one.cold.seconds / two.cold.seconds
            out.append(verdict(speedup >= 1.8, f"{size} MB: --jobs 2 is {speedup:.2f} × faster than --jobs 1 "
                               f"({two.cold.seconds:.1f} vs {one.cold.seconds:.1f} s; at least 1.8 ×)"))
        for r in (by.get((size, jobs)) for jobs in jobs_values):
            if r and r.cached:
                share = r.cached.seconds / r.cold.seconds
                out.append(verdict(share <= 0.25, f"{size} MB, --jobs {r.jobs}: cached re-run after the edit "
                                   f"{share:.0%} of the cold run ({r.cached.seconds:.1f} / {r.cold.seconds:.1f} s; "
                                   "at most 25 %)"))
        if one and one.spacy_runs:
            ratio = one.mb_per_s / one.spacy_mb_per_s
            out.append(verdict(ratio >= 1.0, f"{size} MB: one-core throughput {one.mb_per_s:.2f} MB/s = "
                               f"{ratio:.2f} × spaCy's {one.spacy_mb_per_s:.2f} MB/s (at least 1.0 ×)"))
    return out


def report(rows: list[Row], lang: LangOption, edited_code: str) -> str:
    """The markdown report: the table, the conditions and the target checks."""
    return "\n".join([
        f"## coding code at scale (--lang {lang}, --unit sentence, child_trafficking codebook)", "",
        table(rows), "",
        "MB = 10^6 bytes. Wall time includes starting the `coding` process. Peak RSS: the coding process tree, "
        f"summed, sampled every {SAMPLE_SECONDS} s. Cached re-run: same --jobs, the cold run's cache, after "
        f"adding '{EDIT_TERM}' to code '{edited_code}'. spaCy: blank kk/ru + sentencizer, one process. "
        "Ratio: coding MB/s ÷ spaCy MB/s (cold; cached re-run). Load: the one-minute load average before the cold "
        "run; above about 0.5 other work shared the cores and the timings are pessimistic.", "",
        "### Targets", "", *checks(rows), ""])


# --- main ------------------------------------------------------------------------------------------------


def int_list(text: str) -> list[int]:
    """``"10,100"`` → ``[10, 100]``."""
    try:
        values = [int(part) for part in text.split(",") if part.strip()]
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"'{text}' is not a comma-separated list of whole numbers") from exc
    if not values or min(values) < 1:
        raise argparse.ArgumentTypeError(f"'{text}': give positive whole numbers, e.g. 10,100")
    return values


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int_list, default=[10, 100, 1000], help="corpus sizes in MB (10,100,1000)")
    parser.add_argument("--jobs", type=int_list, default=[1, 2], help="--jobs values to run (default 1,2)")
    parser.add_argument("--lang", choices=["kk", "ru", "mix"], default="mix", help="languages (mix: 80 %% kk)")
    parser.add_argument("--workdir", type=Path, help="build in a new folder inside DIR (default: the temp folder)")
    parser.add_argument("--keep", action="store_true", help="keep the corpora, outputs and caches")
    parser.add_argument("--report", type=Path, help="also write the markdown report to this file")
    parser.add_argument("--repeat", type=int, default=1, help="rounds per size, interleaved; medians (default 1)")
    parser.add_argument("--no-spacy", action="store_true", help="leave out the spaCy comparison")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> None:
    args = parse_args(argv)
    if not SHARED.is_dir():
        print(f"{SHARED} is absent: this benchmark needs the shared data; nothing to do.")
        return
    try:
        import psutil  # noqa: F401
    except ImportError:
        raise SystemExit('psutil is needed to sample memory: pip install -e ".[test]"') from None
    pools = base_documents(SHARED, args.lang)
    if not pools or (args.lang == "mix" and len(pools) < 2):
        print(f"{SHARED} holds too little {args.lang} text for this benchmark; nothing to do.")
        return
    for lang, docs in pools.items():
        print(f"base documents, {lang}: {len(docs)} ({sum(len(d.text.encode()) for d in docs) / MB:.1f} MB)")
    if args.workdir:
        args.workdir.mkdir(parents=True, exist_ok=True)
    # A new folder of our own (inside --workdir when given), so that cleaning up never touches anything else.
    workdir = Path(tempfile.mkdtemp(prefix="coding-scale-", dir=args.workdir))
    try:
        edited = workdir / "edited_codebook.yaml"
        edited_code = edit_codebook(CODEBOOK, edited)
        check_codebook(edited)
        rows = [row for size in args.sizes
                for row in measure_size(size, args.jobs, pools, workdir, edited, args.keep, args.repeat,
                                        not args.no_spacy)]
    finally:
        if not args.keep:
            shutil.rmtree(workdir, ignore_errors=True)
    text = report(rows, args.lang, edited_code)
    print("\n" + text)
    if args.report:
        args.report.write_text(text, encoding="utf-8")
    if args.keep:
        print(f"kept: {workdir}")


if __name__ == "__main__":
    main()
