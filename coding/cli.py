"""The ``coding`` command line: parse, call one library function, print.

Every error the library raises on purpose (``CodingError``) is printed here, and only here, as one
``Error: ...`` line on stderr with exit status 2 (followed by one line per problem when it stands for
several) — never a traceback.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import Any

import click

from coding import __version__
from coding.cli_i18n import Help, HelpGroup, click_speaks_ui_lang
from coding.errors import CodingError, InputError, describe_os_error
from coding.i18n import (
    DEFAULT_LABEL_LANG,
    ENV_VAR,
    N_,
    UI_LANGS,
    _,
    choose_label_lang,
    choose_ui_lang,
    restore_ui_lang,
    saved_ui_lang,
    set_ui_lang,
)
from coding.tables import CONTEXT_CHARS


class CodingGroup(HelpGroup):
    """A click group that turns the package's errors into one clear line and exit status 2, and speaks
    the interface language in its help and click's messages for the length of one command."""

    def main(self, *args: Any, **kwargs: Any) -> Any:
        saved = saved_ui_lang()  # the choice lasts one command, also when it runs in-process (tests)
        try:
            with click_speaks_ui_lang():
                try:  # $CODING_UI_LANG or the locale already for 'coding --help' and usage errors
                    set_ui_lang(*choose_ui_lang(None))
                except ValueError:
                    pass  # the group's callback says what is wrong
                return super().main(*args, **kwargs)
        finally:
            restore_ui_lang(saved)

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except CodingError as error:
            click.echo(_("Error: {error}").format(error=error), err=True)
            for problem in error.problems:
                click.echo(f"  {problem}", err=True)
            ctx.exit(2)
        except BrokenPipeError:  # 'coding kwic ... | head': the reader has what it wanted
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())  # no second error when Python flushes stdout at exit
            ctx.exit(1)
        except OSError as error:  # the system refused a file (disk full, name too long, no permission)
            click.echo(_("Error: {error}").format(error=describe_os_error(error)), err=True)
            ctx.exit(2)


def labelled_langs(book: Any) -> set[str]:
    """The languages a codebook has labels in (for the default label language)."""
    return {lang for entry in (*book.codes, *book.directions) for lang, text in entry.label.items() if text}


def run_labels(results: Any) -> set[str]:
    """The label languages of a run's codebook; none when the codebook cannot be read (it is then needed
    only if labels in another language are asked for, and that says what is wrong)."""
    try:
        return labelled_langs(results.codebook)
    except (CodingError, OSError):
        return set()


def _progress(label: str, total: int) -> Any:
    """A progress bar on a terminal; silent in pipes and CI."""
    return click.progressbar(length=total, label=label, file=sys.stderr,
                             hidden=not sys.stderr.isatty())


@click.group(cls=CodingGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="coding")
@click.option("--ui-lang", type=click.Choice(list(UI_LANGS)), is_eager=True,
              callback=lambda ctx, param, value: value and set_ui_lang(value),  # already for --help
              help=Help(N_("Language of messages, sheet names, headings and charts (default: ${variable}, else "
                           "the locale, e.g. LANG=kk_KZ.UTF-8, else en)."), variable=ENV_VAR))
@click.pass_context
def cli(ctx: click.Context, ui_lang: str | None) -> None:
    """Thematic content analysis of Kazakh, Russian and English texts.

    Example:

        coding corpus info corpus

        coding --ui-lang kk corpus info corpus
    """
    try:
        lang, source = choose_ui_lang(ui_lang)
    except ValueError as error:
        raise InputError(_("{variable}='{value}' is not an interface language").format(variable=ENV_VAR,
                                                                                       value=error),
                         hint=_("use one of: {choices}").format(choices=", ".join(UI_LANGS))) from None
    set_ui_lang(lang, source)  # CodingGroup.main goes back to the language before at the end


@cli.group()
def corpus() -> None:
    """Inspect a corpus folder (documents plus an optional manifest.csv)."""


@corpus.command("info")
@click.argument("path", type=click.Path(path_type=Path))
@click.option("--json", "as_json", is_flag=True, help=N_("Print machine-readable JSON."))
@click.option("--strict", is_flag=True, help=N_("Fail when any file cannot be read."))
def corpus_info(path: Path, as_json: bool, strict: bool) -> None:
    """List the documents of a corpus with language, source type, date and counts, then totals
    by source type and language.

    Example:

        coding corpus info corpus --json
    """
    from coding.cache import AnalysisCache, check_cache_dir, default_cache_dir
    from coding.corpus import corpus_files, open_corpus
    from coding.errors import CorpusError, ReaderError
    from coding.records import Corpus
    from coding.runs import NO_DOCUMENTS_HINT
    from coding.summary import LANGUAGE_NOTE, corpus_summary, document_table, totals_table

    source = open_corpus(path)
    source.check()
    check_cache_dir(default_cache_dir(), [source.root])
    cache = AnalysisCache(default_cache_dir())  # what is read here, 'coding code' need not read again
    try:
        with _progress(_("Reading documents"), sum(1 for _ in corpus_files(source.root))) as bar:
            documents = document_table(source.documents(on_file=lambda _: bar.update(1), cache=cache))
    finally:
        cache.close()
    unreadable = [problem for problem in source.problems if isinstance(problem, ReaderError)]
    if strict and unreadable:
        raise CorpusError(_("{n_unreadable} file(s) could not be read (--strict): {unreadable}")
                          .format(n_unreadable=len(unreadable), unreadable=unreadable[0]),
                          hint=_("run 'coding corpus check' to list them, or drop --strict"))
    for problem in source.problems:  # first: they may say why no document could be read
        click.echo(_("Warning: {problem}").format(problem=problem), err=True)
    if not len(documents):
        raise CorpusError(_("no documents found in '{path}'").format(path=path), hint=_(NO_DOCUMENTS_HINT))
    if as_json:
        loaded = Corpus(str(source.root), (), tuple(source.problems), source.metadata_columns, source.manifest)
        click.echo(json.dumps(corpus_summary(loaded, documents), ensure_ascii=False, indent=2))
        return
    click.echo(documents.to_string(index=False))
    for by in ("source_type", "language"):
        click.echo("\n" + (_("By source type:") if by == "source_type"
                            else _("By language: ({note})").format(note=_(LANGUAGE_NOTE))))
        click.echo(totals_table(documents, by).to_string(index=False))


@corpus.command("check")
@click.argument("path", type=click.Path(path_type=Path))
def corpus_check(path: Path) -> None:
    """Report every problem of a corpus (manifest rows, unreadable files), one per line;
    exit status 1 if there is any.

    Example:

        coding corpus check corpus
    """
    from coding.corpus import check_corpus

    problems = check_corpus(path)
    for problem in problems:
        click.echo(str(problem))
    if problems:
        click.echo(_("{n_problems} problem(s) found.").format(n_problems=len(problems)), err=True)
        sys.exit(1)
    click.echo(_("No problems found."))


UNIT_CHOICE = click.Choice(["sentence", "paragraph", "document"])
LANG_CHOICE = click.Choice(["kk", "ru", "en"])
LABEL_LANG_HELP = Help(N_("Language of the code labels in the tables (default: the interface language if the "
                          "codebook has labels in it, else {default})."), default=DEFAULT_LABEL_LANG)


@cli.group()
def codebook() -> None:
    """Validate and inspect a codebook (YAML)."""


CACHE_OPTION = click.option("--cache", "cache_dir", type=click.Path(path_type=Path, file_okay=False),
                            help=N_("Folder of the analysis cache (default: the user cache folder)."))
NO_CACHE_OPTION = click.option("--no-cache", is_flag=True, help=N_("Neither read nor write the analysis cache."))


@codebook.command("check")
@click.argument("file", type=click.Path(path_type=Path))
@click.option("--corpus", "corpus_path", type=click.Path(path_type=Path),
              help=N_("Also report what every term does in this corpus folder."))
@click.option("--unit", type=UNIT_CHOICE, default="sentence", show_default=True,
              help=N_("The unit counted (with --corpus)."))
@click.option("--out", type=click.Path(path_type=Path, dir_okay=False),
              help=N_("Write the per-term table (with --corpus) to FILE.xlsx or FILE.csv."))
@CACHE_OPTION
@NO_CACHE_OPTION
def codebook_check(file: Path, corpus_path: Path | None, unit: str, out: Path | None, cache_dir: Path | None,
                   no_cache: bool) -> None:
    """Validate a codebook; every problem is printed as FILE:LINE: message.

    With --corpus, also match every term in the corpus: hits, documents, units and the forms it matched;
    terms with no hit, terms shadowed by another term of their code, exclusions that never fire,
    over-broad terms (forms the analyzer also reads as another word), duplicates and terms shared by
    two codes.

    Example:

        coding codebook check codebooks/child_trafficking.yaml

        coding codebook check codebooks/child_trafficking.yaml --corpus corpus --out reports/terms.xlsx
    """
    from coding.codebook import load_codebook

    book = load_codebook(file)
    terms = sum(len(t) for c in (*book.codes, *book.directions) for t in c.terms.values())
    click.echo(_("{file}: OK — {n_codes} codes, {n_directions} directions, {terms} terms "
               "({languages}).").format(file=file, n_codes=len(book.codes), n_directions=len(book.directions),
                                        terms=terms, languages=', '.join(book.languages)))
    if corpus_path is None:
        if out is not None:
            raise InputError(_("--out writes the per-term table of --corpus"),
                             hint=_("add --corpus DIR, or drop --out"))
        return
    from coding.diagnostics import check_in_corpus, problem_lines

    report = check_in_corpus(book, corpus_path, unit, out=out, cache_folder=cache_dir,  # type: ignore[arg-type]
                             use_cache=not no_cache)
    for problem in report.problems:
        click.echo(_("Warning: {problem}").format(problem=problem), err=True)
    counted = [use for use in report.uses if use.role == "term"]
    click.echo(_("In {corpus_path}: {documents} documents, {units} {unit} units; "
               "{counting} of {n_counted} terms count for their code.").format(corpus_path=corpus_path,
                                                                          documents=report.documents,
                                                                          units=report.units, unit=unit,
                                                                          counting=sum(1 for u in counted if u.hits),
                                                                          n_counted=len(counted)))
    lines = list(problem_lines(report))
    for line in lines:
        click.echo(line)
    if not lines:
        click.echo(_("Every term has hits; no term is shadowed, over-broad or duplicated."))
    if out is not None:
        click.echo(_("Per-term table: {out}").format(out=out))


@codebook.command("show")
@click.argument("file", type=click.Path(path_type=Path))
@click.option("--lang", type=LANG_CHOICE, help=N_("Only the terms of this language."))
def codebook_show(file: Path, lang: str | None) -> None:
    """Print every term of a codebook with the normalised form the matcher compares, then how each
    proximity term (NEAR/BEFORE) and each condition (when) was read.

    Example:

        coding codebook show codebooks/child_trafficking.yaml --lang kk
    """
    import pandas as pd

    from coding.codebook import codebook_rows, load_codebook
    from coding.explain import rule_readings

    book = load_codebook(file)
    rows = [r for r in codebook_rows(book) if lang is None or r["lang"] == lang]
    click.echo(pd.DataFrame(rows).to_string(index=False))
    readings = rule_readings(book, lang)
    if readings:
        click.echo(_("\nRead as:"))
        for line in readings:
            click.echo(f"  {line}")


@cli.command("code")
@click.argument("corpus_path", metavar="CORPUS", type=click.Path(path_type=Path))
@click.option("--codebook", "codebook_path", required=True, type=click.Path(path_type=Path),
              help=N_("The codebook YAML file."))
@click.option("--unit", type=UNIT_CHOICE, default="sentence", show_default=True, help=N_("The coding unit."))
@click.option("--out", required=True, type=click.Path(path_type=Path), help=N_("Folder for the results."))
@click.option("--force", is_flag=True, help=N_("Replace the results in an existing --out folder."))
@click.option("--strict", is_flag=True, help=N_("Fail when any file of the corpus cannot be read."))
@click.option("--label-lang", type=LANG_CHOICE, help=LABEL_LANG_HELP)
@click.option("--directions", "directions_for", type=click.Choice(["coded", "all"]), default="coded",
              show_default=True, help=N_("Give semantic directions to coded units only, or to all units."))
@click.option("--xlsx", "xlsx_path", type=click.Path(path_type=Path, dir_okay=False),
              help=N_("Also write the results workbook (as 'coding export --xlsx') to FILE.xlsx."))
@click.option("--jobs", type=click.IntRange(min=1, max=256),
              help=N_("Processes to code with, 1 to 256 (default: one per core)."))
@click.option("--engine", type=click.Choice(["local", "dask"]), default="local", show_default=True,
              help=N_("Run the batches here, or on a Dask cluster (pip install \"coding[dask]\")."))
@click.option("--scheduler", help=N_("The Dask scheduler, tcp://HOST:8786 (default: a cluster on this machine)."))
@click.option("--cache", "cache_dir", type=click.Path(path_type=Path, file_okay=False),
              help=N_("Folder of the analysis cache (default: the user cache folder; see 'coding cache info')."))
@click.option("--no-cache", is_flag=True, help=N_("Neither read nor write the analysis cache."))
@click.option("--parquet", is_flag=True, help=N_("Also write segments and units as Parquet files."))
@click.option("--context", "context_chars", type=click.IntRange(min=0, max=100_000), default=CONTEXT_CHARS,
              show_default=True, help=N_("Characters of the unit's text on each side of a match in segments.csv."))
@click.option("--tone-csv", is_flag=True,
              help=N_("Also write tone.csv: the machine's tone of every unit, coded or not (for review and agree)."))
def code(corpus_path: Path, codebook_path: Path, unit: str, out: Path, force: bool, strict: bool,
         label_lang: str | None, directions_for: str, xlsx_path: Path | None, jobs: int | None, engine: str,
         scheduler: str | None, cache_dir: Path | None, no_cache: bool, parquet: bool, context_chars: int,
         tone_csv: bool) -> None:
    """Code a corpus with a codebook and write segments.csv, units.csv, frequencies*.csv and run.json.

    Documents are read one batch at a time and coded by --jobs processes (or a Dask cluster); the
    results are the same, byte for byte, whatever the engine and the number of jobs. What does not depend
    on the codebook is kept in the analysis cache, so coding again after a codebook edit is fast.

    Example:

        coding code corpus --codebook codebooks/child_trafficking.yaml --out reports/run
    """
    from coding.cache import default_cache_dir
    from coding.codebook import load_codebook
    from coding.corpus import check_corpus_folder, corpus_files
    from coding.engines import Engine, default_jobs
    from coding.exports.atomic import check_output_dir, check_output_file
    from coding.runs import code_corpus

    book = load_codebook(codebook_path)
    label_lang = choose_label_lang(label_lang, labelled_langs(book))
    check_output_dir(out, force=force, protected=(corpus_path,))
    if xlsx_path:
        check_output_file(xlsx_path, corpus_path)
    if scheduler and engine != "dask":
        raise InputError(_("--scheduler goes with --engine dask"), hint=_("add --engine dask, or drop --scheduler"))
    chosen = Engine(engine, jobs or default_jobs(), scheduler)  # type: ignore[arg-type]
    # The run opens the corpus itself, after starting its worker processes (see coding.engines.start_engine).
    total = sum(1 for _ in corpus_files(check_corpus_folder(corpus_path)))
    with _progress(_("Coding documents"), total) as bar:
        run = code_corpus(corpus_path, book, unit, out=out, label_lang=label_lang,  # type: ignore[arg-type]
                          directions_for=directions_for, engine=chosen, parquet=parquet, strict=strict,  # type: ignore[arg-type]
                          tone_csv=tone_csv,
                          cache=None if no_cache else (cache_dir or default_cache_dir()),
                          context=context_chars, on_progress=lambda done: bar.update(done - bar.pos))
    for problem in run.problems:
        click.echo(_("Warning: {problem}").format(problem=problem), err=True)
    counts = run.counts
    click.echo(_("Coded {documents} documents, {units} {unit} units: {segments} segments in {coded_units} units. "
                 "Results in {out}/").format(documents=counts["documents"], units=counts["units"], unit=unit,
                                             segments=counts["segments"], coded_units=counts["coded_units"], out=out))
    if tone_csv:
        click.echo(_("Tone of all {units} units in {path}").format(units=counts["units"], path=out / "tone.csv"))
    if xlsx_path:
        from coding.exports.xlsx import write_workbook
        from coding.results import load_results

        sheets = write_workbook(load_results(out, corpus=corpus_path, codebook=codebook_path), xlsx_path,
                                label_lang)
        click.echo(_("Workbook: {xlsx_path} ({n_sheets} sheets)").format(xlsx_path=xlsx_path, n_sheets=len(sheets)))


@cli.command("kwic")
@click.argument("corpus_path", metavar="CORPUS", type=click.Path(path_type=Path))
@click.argument("term", required=False)
@click.option("--lang", type=LANG_CHOICE, help=N_("The term's language (required with TERM)."))
@click.option("--codebook", "codebook_path", type=click.Path(path_type=Path), help=N_("Codebook, with --code."))
@click.option("--code", "code_id", help=N_("Show the matches of this code of --codebook."))
@click.option("--window", default=8, show_default=True, type=click.IntRange(min=0, max=1000),
              help=N_("Words of context on each side (0 to 1000)."))
@click.option("--out", type=click.Path(path_type=Path), help=N_("Write the concordance to FILE.csv or FILE.xlsx."))
@click.option("--cache", "cache_dir", type=click.Path(path_type=Path, file_okay=False),
              help=N_("Folder of the analysis cache (default: the user cache folder)."))
@click.option("--no-cache", is_flag=True, help=N_("Neither read nor write the analysis cache."))
@click.option("--sort", "order", type=click.Choice(["doc", "left", "right"]), default="doc", show_default=True,
              help=N_("Corpus order, or sorted by the words left or right of the match."))
def kwic(corpus_path: Path, term: str | None, lang: str | None, codebook_path: Path | None,
         code_id: str | None, window: int, out: Path | None, cache_dir: Path | None, no_cache: bool,
         order: str) -> None:
    """Keyword in context for a term (in the codebook's term syntax) or for a code's terms. Documents are
    read one at a time (from the analysis cache when it has them) and lines are printed as found.

    Example:

        coding kwic corpus "бала саудасы" --lang kk --window 6

        coding kwic corpus --codebook codebooks/child_trafficking.yaml --code protection
    """
    from coding.cache import AnalysisCache, check_cache_dir, default_cache_dir
    from coding.codebook import load_codebook
    from coding.corpus import open_corpus
    from coding.exports.atomic import check_output_file
    from coding.kwic import code_entries, format_line, kwic_columns, kwic_rows, sort_kwic, term_entry, write_kwic

    if term and not code_id:
        if not lang:
            raise InputError(_("a TERM needs its language"), hint=_("add --lang kk, --lang ru or --lang en"))
        entries = [term_entry(term, lang)]
    elif code_id and codebook_path and not term:
        entries = code_entries(load_codebook(codebook_path), code_id)
    else:
        raise InputError(_("give either a TERM with --lang, or --codebook FILE with --code ID"),
                         hint=_("see 'coding kwic --help'"))
    source = open_corpus(corpus_path)
    source.check()
    if out:
        check_output_file(out, source.root)
    cache = None
    if not no_cache:
        check_cache_dir(cache_dir or default_cache_dir(), [source.root])
        cache = AnalysisCache(cache_dir or default_cache_dir())
    try:
        lines = sort_kwic(kwic_rows(source.documents(cache=cache), entries, window=window, lang=lang),
                          order)  # type: ignore[arg-type]
        if out:
            written = write_kwic(lines, out, kwic_columns(source.metadata_columns))
            click.echo(_("{written} lines written to {out}").format(written=written, out=out))
        else:
            found = 0
            for line in lines:
                click.echo(format_line(line))
                found += 1
            if not found:
                click.echo(_("No matches."))
    finally:
        if cache is not None:
            cache.close()
    for problem in source.problems:
        click.echo(_("Warning: {problem}").format(problem=problem), err=True)


@cli.command("explain")
@click.argument("word")
@click.option("--lang", type=LANG_CHOICE, required=True, help=N_("The word's language."))
@click.option("--codebook", "codebook_path", type=click.Path(path_type=Path),
              help=N_("Show which terms of this codebook the word fits."))
def explain(word: str, lang: str, codebook_path: Path | None) -> None:
    """Show a word's lemma key and candidates, and which codebook terms it would match.

    Example:

        coding explain балалар --lang kk --codebook codebooks/child_trafficking.yaml

        coding explain saýdasyna --lang kk   # Latin Kazakh: shows the Cyrillic it is analysed as
    """
    from coding.codebook import load_codebook
    from coding.explain import explain_word

    book = load_codebook(codebook_path) if codebook_path else None
    result = explain_word(word, lang, book)
    click.echo(_("word: {word}").format(word=result.word))
    if result.alphabet:
        click.echo(_("transliteration: {analysed} (from the {alphabet} Latin spelling)")
                   .format(analysed=result.analysed, alphabet=result.alphabet))
    elif result.latin:
        click.echo(_("latin (2021): {latin}").format(latin=result.latin))
    click.echo(_("key: {key}\ncandidates: {candidates}").format(key=result.key,
                                                                candidates=", ".join(result.candidates)))
    if book is not None:
        if not result.fits:
            click.echo(_("fits no term of the codebook"))
        for fit in result.fits:
            if fit.part:
                click.echo(_("fits word {position} of part {part} of {kind} '{entry}' {role} '{term}' "
                             "(read as: {read_as})").format(position=fit.position, part=fit.part, kind=fit.kind,
                                                            entry=fit.entry, role=fit.role, term=fit.term,
                                                            read_as=fit.read_as))
            else:
                click.echo(_("fits word {position} of {kind} '{entry}' {role} '{term}' "
                             "(compared as '{compared_as}')").format(position=fit.position, kind=fit.kind,
                                                                     entry=fit.entry, role=fit.role, term=fit.term,
                                                                     compared_as=fit.compared_as))
        conditions = {entry.id: entry.when for entry in book.codes if entry.when is not None}
        for entry_id in dict.fromkeys(fit.entry for fit in result.fits if fit.kind == "code"):
            if entry_id in conditions:
                click.echo(_("code '{entry}' counts only in units where its condition holds: {condition}")
                           .format(entry=entry_id, condition=conditions[entry_id].shown))


@cli.command("lemmas")
@click.argument("file", default="-", type=click.File("rb"))
@click.option("--lang", type=LANG_CHOICE, required=True, help=N_("The words' language."))
def lemmas(file, lang: str) -> None:
    """Read words, one per line (standard input without FILE), print WORD<TAB>KEY: the key the
    matcher compares.

    Example:

        printf 'балалар\\nсаудасына\\n' | coding lemmas --lang kk
    """
    from coding.lemmas import decoded_lines, key_blocks

    # Lines are written in blocks: one echo (a write and a flush) per word cost a fifth of the command's
    # time on 20k new words. Someone typing words at a terminal gets each answer at once.
    words = decoded_lines(file, getattr(file, "name", "<stdin>"))
    for block in key_blocks(words, lang, words_per_block=1 if file.isatty() else 1024):
        click.echo(block, nl=False)


@cli.group("cache")
def cache_group() -> None:
    """The analysis cache: what does not depend on the codebook (text, paragraphs, languages, sentences,
    word analyses), kept between runs so that coding again after a codebook edit is fast."""


CACHE_FOLDER = click.option("--cache", "cache_dir", type=click.Path(path_type=Path, file_okay=False),
                            help=N_("The cache folder (default: $CODING_CACHE_DIR or the user cache folder)."))


@cache_group.command("info")
@CACHE_FOLDER
def cache_info(cache_dir: Path | None) -> None:
    """Print where the cache is, its size and how many documents and words it holds.

    Example:

        coding cache info
    """
    from coding.cache import describe_cache

    info = describe_cache(cache_dir)
    click.echo(_("{path}: {megabytes:.1f} MB, {documents} documents, {words} word types").format(path=info.path,
                                                                                             megabytes=info.bytes / 1e6,
                                                                                             documents=info.documents,
                                                                                             words=info.words))


@cache_group.command("clear")
@CACHE_FOLDER
def cache_clear(cache_dir: Path | None) -> None:
    """Empty the cache (the next run analyses every document again).

    Example:

        coding cache clear
    """
    from coding.cache import describe_cache

    before = describe_cache(cache_dir, clear=True)
    click.echo(_("Cleared {path}: {documents} documents, {words} word types removed").format(path=before.path,
                                                                                             documents=before.documents,
                                                                                             words=before.words))


def _register_subcommands() -> None:
    """Commands that live in their own modules (they import their heavy libraries lazily)."""
    from coding.cli_export import export
    from coding.cli_refine import codebook_forms, suggest
    from coding.cli_review import agree, codebook_export, codebook_import, review
    from coding.cli_stats import stats

    cli.add_command(export)
    cli.add_command(stats)
    cli.add_command(review)
    cli.add_command(agree)
    cli.add_command(suggest)
    codebook.add_command(codebook_export)
    codebook.add_command(codebook_import)
    codebook.add_command(codebook_forms)


_register_subcommands()


def main() -> None:
    """Entry point of the ``coding`` console script."""
    cli(prog_name="coding")
