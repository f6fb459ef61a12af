"""Every inflected form each term matched in a corpus — for tools without Kazakh morphology.

``form_rows`` is the table (one row per code, term and form, most frequent first); ``forms_codebook``
writes the codebook again with each term replaced by the forms it matched, as exact ``=form`` terms,
so that a program that compares plain words (or a colleague reading the YAML) finds what this toolkit
found in this corpus. Only forms seen in the corpus are listed (generating a paradigm is another tool).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from coding.codebook import Codebook
from coding.diagnostics import TermReport, TermUse, corpus_term_report
from coding.errors import InputError
from coding.i18n import _
from coding.records import UnitKind

FORMS_COLUMNS: tuple[str, ...] = ("code", "role", "lang", "term", "compared_as", "form", "count", "exact_term")
FORMS_SUFFIXES: tuple[str, ...] = (".csv", ".xlsx", ".yaml", ".yml")


def exact_term(form: str) -> str:
    """A matched form as an exact term: every word with ``=`` (``балалар саудасына`` → ``=балалар =саудасына``)."""
    return " ".join(f"={word}" for word in form.split())


def form_rows(report: TermReport) -> list[dict[str, Any]]:
    """One row per term (and exclusion) and form it matched alone, in codebook order, most frequent first."""
    rows = []
    for use in report.uses:
        for form, count in use.forms.most_common():
            rows.append({"code": use.code, "role": use.role, "lang": use.lang, "term": use.term.text,
                         "compared_as": use.term.normalized, "form": form, "count": count,
                         "exact_term": exact_term(form)})
    return rows


def _quoted(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)  # a JSON string is a YAML double-quoted scalar


def _terms_block(uses: list[TermUse], indent: str) -> list[str]:
    lines: list[str] = []
    for lang in dict.fromkeys(use.lang for use in uses):
        lines.append(f"{indent}{lang}:")
        seen: set[str] = set()  # a form two terms of the code matched is written once
        for use in (u for u in uses if u.lang == lang):
            new = [(form, count) for form, count in use.forms.most_common() if exact_term(form) not in seen]
            note = "" if new else (" — no form seen in the corpus" if not use.forms else " — its forms are above")
            lines.append(f"{indent}  # {use.term.text}{note}")
            for form, count in new:
                seen.add(exact_term(form))
                lines.append(f"{indent}  - {_quoted(exact_term(form))}  # {count}")
            if not use.forms:
                lines.append(f"{indent}  - {_quoted(use.term.text)}")
    return lines


def forms_codebook(codebook: Codebook, report: TermReport) -> str:
    """The codebook's codes as YAML, each term replaced by the exact forms it matched (a comment names the
    term they come from and each form's count). A term with no form in the corpus is kept as written."""
    lines = [
        f"# The codes of {Path(codebook.path).name or 'the codebook'} with every term written out as the exact",
        f"# forms it matched in the corpus ({report.documents} documents, {report.units} {report.unit} units),",
        "# for tools that compare plain words. Directions and tone are not included.",
        "",
        f"codebook: {_quoted(codebook.title + ' (forms seen in the corpus)')}",
        f"version: {_quoted(codebook.version)}",
        f"languages: [{', '.join(codebook.languages)}]",
        "",
        "codes:",
    ]
    for entry in codebook.codes:
        lines.append(f"  - id: {entry.id}")
        if entry.label:
            labels = ", ".join(f"{lang}: {_quoted(text)}" for lang, text in entry.label.items())
            lines.append(f"    label: {{{labels}}}")
        if entry.group:
            lines.append(f"    group: {_quoted(entry.group)}")
        for role, key in (("term", "terms"), ("exclude", "exclude")):
            uses = [use for use in report.uses if use.code == entry.id and use.role == role]
            if uses:
                lines.append(f"    {key}:")
                lines.extend(_terms_block(uses, "      "))
    return "\n".join(lines) + "\n"


def check_forms_file(out: Path) -> None:
    """Refuse an output name that is not .csv, .xlsx or .yaml (raises InputError), before any work."""
    if out.suffix.lower() not in FORMS_SUFFIXES:
        raise InputError(_("cannot write the forms to '{name}'").format(name=out.name),
                         hint=_("name the file .csv or .xlsx (a table) or .yaml (the codebook with =form terms)"))


def corpus_forms(codebook: Codebook, corpus: str | Path, unit: UnitKind = "sentence", *, out: Path | None = None,
                 cache_folder: Path | None = None, use_cache: bool = True) -> TermReport:
    """``codebook forms``: match every term in the corpus (through the analysis cache) and write its forms
    to ``out`` (.csv/.xlsx: the table; .yaml: the codebook with ``=form`` terms) when given."""
    from coding.exports.atomic import atomic_text
    from coding.exports.sheets import write_tables

    if out is not None:
        check_forms_file(out)
    report = corpus_term_report(codebook, corpus, unit, out=out, cache_folder=cache_folder, use_cache=use_cache)
    if out is not None and out.suffix.lower() in (".yaml", ".yml"):
        with atomic_text(out) as handle:
            handle.write(forms_codebook(codebook, report))
    elif out is not None:
        write_tables({"forms": form_rows(report)}, out, {"forms": FORMS_COLUMNS})
    return report
