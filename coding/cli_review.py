"""Commands for reliability and interchange: ``review export|import``, ``agree``, and ``codebook export|import``
(attached to the ``codebook`` group of ``coding.cli``). Each parses, calls one library function, prints.
"""

from __future__ import annotations

from pathlib import Path

import click

from coding.cli_i18n import Help, HelpCommand, HelpGroup
from coding.errors import InputError
from coding.i18n import DEFAULT_LABEL_LANG, N_, _, choose_label_lang

LANG_CHOICE = click.Choice(["kk", "ru", "en"])
FORMAT_CHOICE = click.Choice(["qdc", "liwc", "wordstat", "quanteda-yaml", "xlsx"])


def _warn(lines: list[str]) -> None:
    for line in lines:
        click.echo(_("Warning: {problem}").format(problem=line), err=True)


@click.group(cls=HelpGroup)
def review() -> None:
    """Review the machine's coding: a workbook for human coders, and their decisions back."""


@review.command("export")
@click.argument("run_dir", type=click.Path(path_type=Path))
@click.option("--out", required=True, type=click.Path(path_type=Path), help=N_("The workbook to write (.xlsx)."))
@click.option("--sample", "size", type=click.IntRange(min=1), help=N_("Review a stratified random sample of N units."))
@click.option("--seed", default=0, show_default=True, help=N_("Random seed of the sample (same seed, same sample)."))
@click.option("--by", type=click.Choice(["code", "document"]), default="code", show_default=True,
              help=N_("Strata of the sample: each code, or each document (plus the units with no match)."))
@click.option("--blind", is_flag=True, help=N_("Leave the decision cells empty and hide the machine's matches."))
@click.option("--label-lang", type=LANG_CHOICE,
              help=Help(N_("Language of code labels and of the instructions (default: the interface language if "
                           "the codebook has labels in it, else {default})."), default=DEFAULT_LABEL_LANG))
@click.option("--corpus", type=click.Path(path_type=Path), help=N_("The corpus folder, if not where run.json says."))
@click.option("--force", is_flag=True, help=N_("Replace an existing --out file."))
def review_export(run_dir: Path, out: Path, size: int | None, seed: int, by: str, blind: bool, label_lang: str | None,
                  corpus: Path | None, force: bool) -> None:
    """Write a review workbook: one row per unit with its text (matched words in bold), the machine's codes,
    a 0/1 column per code, tone and direction drop-downs. Give every coder a copy of the same file.

    Example:

        coding review export reports/run --out review.xlsx --sample 200 --seed 1
    """
    from coding.review import export_review

    done = export_review(run_dir, out, size=size, seed=seed, by=by, blind=blind,  # type: ignore[arg-type]
                         label_lang=label_lang and choose_label_lang(label_lang), corpus=corpus, force=force)
    strata = ", ".join(f"{name} {count}" for name, count in done.strata.items())
    sample = _(" (sample by {by}, seed {seed}: {strata})").format(by=by, seed=done.seed, strata=strata) if size else ""
    click.echo(_("Wrote {path}: {units} of {population} units{sample}.").format(path=done.path, units=done.units,
                                                                                population=done.population,
                                                                                sample=sample))


@review.command("import")
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--run", "run_dir", required=True, type=click.Path(path_type=Path),
              help=N_("The run the sheets belong to."))
@click.option("--coder", required=True, help=N_("Who filled the sheets in."))
@click.option("--round", "round_", type=int, help=N_("Store as this round (default: the coder's next round)."))
@click.option("--corpus", type=click.Path(path_type=Path), help=N_("The corpus folder, if not where run.json says."))
def review_import(files: tuple[Path, ...], run_dir: Path, coder: str, round_: int | None,
                  corpus: Path | None) -> None:
    """Check filled-in review workbooks and store their decisions in RUN_DIR/review.sqlite (the machine's
    results are not touched). Every problem is reported with its sheet, row and column; a file already
    imported for the coder is skipped.

    Example:

        coding review import review_aigerim.xlsx --run reports/run --coder aigerim
    """
    from coding.review import import_reviews

    for result in import_reviews(run_dir, files, coder=coder, round=round_, corpus=corpus):
        if result.status == "imported":
            click.echo(_("{path}: imported {units} units for coder {coder}, round "
                       "{round} ({codes} code decisions, {tones} tones, "
                       "{directions} directions).").format(path=result.path, units=result.units, coder=result.coder,
                                                           round=result.round, codes=result.codes, tones=result.tones,
                                                           directions=result.directions))
        else:
            click.echo(_("{path}: already imported for coder {coder} (round {round}); skipped.")
                       .format(path=result.path, coder=result.coder, round=result.round))


@click.command("agree", cls=HelpCommand)
@click.argument("run_dir", type=click.Path(path_type=Path))
@click.option("--coders", help=N_("Comma-separated coders to compare (default: every coder with an import)."))
@click.option("--include-machine", is_flag=True, help=N_("Count the machine as a coder named 'machine'."))
@click.option("--round", "round_", type=int, help=N_("Use each coder's round N instead of their latest decisions."))
@click.option("--out", type=click.Path(path_type=Path), help=N_("Also write the tables to FILE.xlsx or FILE.csv."))
def agree(run_dir: Path, coders: str | None, include_machine: bool, round_: int | None, out: Path | None) -> None:
    """Inter-coder agreement per code, over all codes, for tone and direction: percent agreement, Cohen's κ
    (mean over pairs), Fleiss' κ, Krippendorff's α; with --include-machine, the machine's precision, recall
    and F1 against each coder and their majority.

    Example:

        coding agree reports/run --include-machine --out agreement.xlsx
    """
    import pandas as pd

    from coding.agreement import MACHINE, agreement_report, write_agreement
    from coding.results import check_run_outputs
    from coding.review import agreement_variables

    check_run_outputs(run_dir, out)
    names = [c.strip() for c in coders.split(",") if c.strip()] if coders else None
    variables = agreement_variables(run_dir, coders=names, include_machine=include_machine, round=round_)
    report = agreement_report(variables, machine=MACHINE if include_machine else None)
    with pd.option_context("display.width", 200, "display.max_columns", 20):
        click.echo(report.summary.to_string(index=False))
        if include_machine and len(report.machine):
            click.echo(_("\nMachine against the coders:"))
            click.echo(report.machine.to_string(index=False))
    if out:
        written = write_agreement(report, out)
        click.echo(_("\nWritten to {files}").format(files=", ".join(map(str, written))))


@click.command("export", cls=HelpCommand)
@click.argument("file", type=click.Path(path_type=Path))
@click.option("--to", "to", required=True, type=FORMAT_CHOICE, help=N_("The format to write."))
@click.option("--out", type=click.Path(path_type=Path), help=N_("The file to write (default: FILE with the format's "
                                                             "extension)."))
@click.option("--lang", type=LANG_CHOICE, help=N_("Only this language's terms (LIWC, WordStat, quanteda have no "
                                               "languages; default: all merged)."))
@click.option("--label-lang", type=LANG_CHOICE,
              help=Help(N_("Language of the code names in a REFI-QDA codebook (the same default as 'coding "
                           "export': the interface language if the codebook has labels in it, else {default})."),
                        default=DEFAULT_LABEL_LANG))
@click.option("--force", is_flag=True, help=N_("Replace an existing --out file."))
@click.option("--expand-forms", is_flag=True,
              help=N_("Write each term as its explicit forms (the corpus's, then generated ones), for tools "
                      "without morphology."))
@click.option("--corpus", "corpus_path", type=click.Path(path_type=Path, file_okay=False),
              help=N_("With --expand-forms: put the forms each term matched in this corpus first."))
@click.option("--max-forms", type=click.IntRange(min=1), default=200, show_default=True, metavar="N",
              help=N_("With --expand-forms: at most N forms per term."))
def codebook_export(file: Path, to: str, out: Path | None, lang: str | None, label_lang: str | None,
                    force: bool, expand_forms: bool, corpus_path: Path | None, max_forms: int) -> None:
    """Write a codebook as REFI-QDA (.qdc), LIWC (.dic), WordStat (.cat), quanteda YAML (.yml) or Excel (.xlsx).
    What the format cannot hold is printed as one warning line per loss. With --expand-forms every term is
    written as the forms it stands for (those it matched in --corpus first), so LIWC, WordStat, quanteda or
    MAXQDA users match Kazakh and Russian inflection with their own tool; the count of forms of each term
    is printed.

    Example:

        coding codebook export codebooks/child_trafficking.yaml --to xlsx --out codebook.xlsx

        coding codebook export codebooks/child_trafficking.yaml --to liwc --expand-forms --corpus corpus
    """
    from coding.cli import labelled_langs
    from coding.codebook import load_codebook
    from coding.interchange import check_target, export_codebook, output_path

    if (corpus_path is not None or max_forms != 200) and not expand_forms:
        raise InputError(_("--corpus and --max-forms only apply with --expand-forms"),
                         hint=_("add --expand-forms, or leave them out"))
    book = load_codebook(file)
    label_lang = choose_label_lang(label_lang, labelled_langs(book))
    target = output_path(file, to, out)
    check_target(target, force)
    if expand_forms:
        from coding.expand import expand_for_export, expansion_lines

        book, expansions = expand_for_export(book, corpus=corpus_path, max_forms=max_forms)
        for line in expansion_lines(expansions, max_forms=max_forms, corpus=corpus_path is not None):
            click.echo(line)
    _warn(export_codebook(book, to, target, lang=lang, label_lang=label_lang))
    click.echo(_("Wrote {target}: {n_codes} codes.").format(target=target, n_codes=len(book.codes)))


@click.command("import", cls=HelpCommand)
@click.argument("file", type=click.Path(path_type=Path))
@click.option("--from", "from_", required=True, type=FORMAT_CHOICE, help=N_("The format of FILE."))
@click.option("--out", required=True, type=click.Path(path_type=Path), help=N_("The codebook YAML to write."))
@click.option("--lang", type=LANG_CHOICE, help=N_("The language of the terms (formats without languages)."))
@click.option("--force", is_flag=True, help=N_("Replace an existing --out file."))
def codebook_import(file: Path, from_: str, out: Path, lang: str | None, force: bool) -> None:
    """Read a codebook from REFI-QDA (.qdc or a .qdpx project), LIWC, WordStat, quanteda YAML or Excel and write
    it as our YAML codebook. What could not be carried over is printed as warning lines (and noted at the top
    of the written file).

    Example:

        coding codebook import codebook.xlsx --from xlsx --out codebooks/study.yaml
    """
    from coding.interchange import check_target, import_codebook, write_codebook_yaml

    check_target(out, force)
    imported = import_codebook(file, from_, lang=lang)
    _warn(imported.warnings)
    write_codebook_yaml(imported, out, source=file.name)
    book = imported.codebook
    click.echo(_("Wrote {out}: {n_codes} codes, {n_directions} directions "
               "({languages}).").format(out=out, n_codes=len(book.codes), n_directions=len(book.directions),
                                        languages=', '.join(book.languages)))
