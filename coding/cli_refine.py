"""Commands that grow a codebook from the corpus: ``suggest`` and ``codebook forms`` (attached to the
``codebook`` group of ``coding.cli``). Each parses, calls one library function, prints."""

from __future__ import annotations

from pathlib import Path

import click

from coding.cli_i18n import HelpCommand
from coding.i18n import N_, _

LANG_CHOICE = click.Choice(["kk", "ru", "en"])
UNIT_CHOICE = click.Choice(["sentence", "paragraph", "document"])


@click.command("suggest", cls=HelpCommand)
@click.argument("corpus_path", metavar="CORPUS", type=click.Path(path_type=Path))
@click.option("--codebook", "codebook_path", type=click.Path(path_type=Path), help=N_("The codebook YAML file."))
@click.option("--code", "code_id", help=N_("The code to suggest terms for."))
@click.option("--seed", help=N_('Terms of a code that does not exist yet, separated by commas: "бала, жасөспірім".'))
@click.option("--lang", type=LANG_CHOICE, default="kk", show_default=True, help=N_("Only units in this language."))
@click.option("--unit", type=UNIT_CHOICE, default="sentence", show_default=True, help=N_("The unit of the code."))
@click.option("--top", type=click.IntRange(min=1), default=50, show_default=True, help=N_("Rows per list."))
@click.option("--min-freq", type=click.IntRange(min=1), default=3, show_default=True,
              help=N_("Least frequency in the code's units (keyness) or near its matches (collocates, phrases)."))
@click.option("--window", type=click.IntRange(min=1, max=50), default=5, show_default=True,
              help=N_("Words on each side of a match for collocates and phrases."))
@click.option("--out", type=click.Path(path_type=Path, dir_okay=False),
              help=N_("Write the lists to FILE.xlsx (a sheet each) or FILE.csv (one table)."))
@click.option("--cache", "cache_dir", type=click.Path(path_type=Path, file_okay=False),
              help=N_("Folder of the analysis cache (default: the user cache folder)."))
@click.option("--no-cache", is_flag=True, help=N_("Neither read nor write the analysis cache."))
def suggest(corpus_path: Path, codebook_path: Path | None, code_id: str | None, seed: str | None, lang: str,
            unit: str, top: int, min_freq: int, window: int, out: Path | None, cache_dir: Path | None,
            no_cache: bool) -> None:
    """Suggest terms for a code, one row per lemma key with its forms: words key to the code's units
    (log-likelihood G², p-value, log ratio), collocates of its matches (log-Dice, MI) and recurring
    two- and three-word phrases, each written in the term syntax with three concordance lines. Words of
    the codebook, stop words and numbers are left out.

    Example:

        coding suggest corpus --codebook codebooks/child_trafficking.yaml --code child_trafficking --lang kk

        coding suggest corpus --seed "жасөспірім, кәмелетке толмаған" --lang kk --out reports/seed.xlsx
    """
    from coding.codebook import load_codebook
    from coding.suggest import SuggestOptions, suggest_for_code, summary_lines

    book = load_codebook(codebook_path) if codebook_path else None
    options = SuggestOptions(lang=lang, unit=unit, top=top, min_freq=min_freq, window=window)  # type: ignore[arg-type]
    found = suggest_for_code(corpus_path, codebook=book, code=code_id, seed=seed, options=options, out=out,
                             cache_folder=cache_dir, use_cache=not no_cache)
    for problem in found.problems:
        click.echo(_("Warning: {problem}").format(problem=problem), err=True)
    for line in summary_lines(found, rows=min(top, 15)):
        click.echo(line)
    if out is not None:
        click.echo(_("\nAll rows with concordance lines: {out}").format(out=out))


@click.command("forms", cls=HelpCommand)
@click.argument("file", type=click.Path(path_type=Path))
@click.option("--corpus", "corpus_path", required=True, type=click.Path(path_type=Path),
              help=N_("The corpus folder the forms are read from."))
@click.option("--unit", type=UNIT_CHOICE, default="sentence", show_default=True, help=N_("The unit matched in."))
@click.option("--out", type=click.Path(path_type=Path, dir_okay=False),
              help=N_("FILE.csv or FILE.xlsx: the table; FILE.yaml: the codebook with every term as =form terms."))
@click.option("--cache", "cache_dir", type=click.Path(path_type=Path, file_okay=False),
              help=N_("Folder of the analysis cache (default: the user cache folder)."))
@click.option("--no-cache", is_flag=True, help=N_("Neither read nor write the analysis cache."))
def codebook_forms(file: Path, corpus_path: Path, unit: str, out: Path | None, cache_dir: Path | None,
                   no_cache: bool) -> None:
    """List every inflected form each term of the codebook's codes matched in the corpus, most frequent
    first: a table, or the codebook written out with exact =form terms for tools without Kazakh morphology.

    Example:

        coding codebook forms codebooks/child_trafficking.yaml --corpus corpus --out reports/forms.yaml
    """
    from coding.codebook import load_codebook
    from coding.forms import corpus_forms, form_rows

    book = load_codebook(file)
    report = corpus_forms(book, corpus_path, unit, out=out, cache_folder=cache_dir,  # type: ignore[arg-type]
                          use_cache=not no_cache)
    for problem in report.problems:
        click.echo(_("Warning: {problem}").format(problem=problem), err=True)
    rows = form_rows(report)
    if out is None:
        for row in rows:
            click.echo(f"{row['code']}\t{row['lang']}\t{row['role']}\t{row['term']}\t{row['form']}\t{row['count']}")
    unseen = sum(1 for use in report.uses if not use.forms)
    click.echo(_("{forms} forms of {terms} terms ({unseen} with no form in the corpus)")
               .format(forms=len(rows), terms=len(report.uses) - unseen, unseen=unseen)
               + (_(" written to {out}").format(out=out) if out else "."), err=out is None)
