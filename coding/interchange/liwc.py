"""LIWC dictionaries (``.dic``): a ``%``-delimited list of numbered categories, then one entry per line
followed by the numbers of its categories.

LIWC matches each entry as a whole word, case-insensitively, with ``*`` only at the end (``protect*``);
LIWC2015 and LIWC-22 also match phrases (``child trafficking``), older versions do not. LIWC2015 marks
subcategories by indenting their lines with tabs, which we read as groups. LIWC has no languages,
exclusions, descriptions or lemmas: see ``coding.interchange`` for how each loss is reported.
"""

from __future__ import annotations

import re
from pathlib import Path

from coding.codebook import Codebook, Entry
from coding.errors import InputError
from coding.exports.atomic import atomic_text
from coding.i18n import _
from coding.interchange import (
    ImportedCodebook,
    Losses,
    build_codebook,
    common_losses,
    entry_globs,
    glob_to_term,
    language_scope,
    slug_id,
)
from coding.readers.text import decode_bytes
from coding.terms import Term


def liwc_text(codebook: Codebook, *, lang: str | None = None) -> tuple[str, list[str]]:
    """The codebook's codes as LIWC dictionary text, and the losses."""
    losses = Losses("LIWC")
    languages = language_scope(codebook, lang, losses)
    common_losses(codebook, losses, groups=False, descriptions=False, labels=False, exclusions=False,
                  languages=languages)
    categories = [f"{number}\t{entry.id}" for number, entry in enumerate(codebook.codes, start=1)]
    entries: dict[str, tuple[str, list[int]]] = {}
    for number, entry in enumerate(codebook.codes, start=1):
        for pattern in entry_globs(entry, languages, losses, gaps=False):
            if " " in pattern:
                losses.note(_("phrases (terms of several words) are matched by LIWC2015 and LIWC-22 only; "
                            "LIWC2007 and older ignore them"))
            written, numbers = entries.setdefault(pattern.casefold(), (pattern, []))
            if number not in numbers:
                numbers.append(number)
    lines = ["%", *categories, "%"]
    lines.extend("\t".join([written, *map(str, numbers)]) for written, numbers in entries.values())
    return "\n".join(lines) + "\n", losses.lines()


def write_liwc(codebook: Codebook, path: Path, *, lang: str | None = None) -> list[str]:
    """Write the codebook's codes as a LIWC ``.dic`` file (UTF-8); returns the losses."""
    text, losses = liwc_text(codebook, lang=lang)
    with atomic_text(path) as handle:
        handle.write(text)
    return losses


_CATEGORY = re.compile(r"^(\d+)\s+(.+)$")
_SPACED_NUMBERS = re.compile(r"^(.*?)\s+(\d+(?:\s+\d+)*)$")


def read_liwc(path: Path, *, lang: str) -> ImportedCodebook:
    """Read a LIWC ``.dic`` file as a codebook whose terms are in ``lang``.

    Plain entries become exact forms (``=word``), ``word*`` stays a prefix; indented (LIWC2015) categories
    become groups of their parent. Conditional entries (LIWC2007 ``<of>`` and ``(…)``) are skipped and
    reported.
    """
    losses = Losses("LIWC")
    lines = decode_bytes(path.read_bytes(), path).splitlines()
    marks = [i for i, line in enumerate(lines) if line.strip() == "%"]
    if len(marks) < 2:
        raise InputError(_("this is not a LIWC dictionary: its category list should be enclosed in two lines "
                         "holding only '%'"), path=path, hint=_("check the file, or choose another --from format"))
    problems: list[InputError] = []
    names: dict[str, tuple[str, int]] = {}
    parents: dict[str, str] = {}
    stack: list[tuple[int, str]] = []
    for index in range(marks[0] + 1, marks[1]):
        raw = lines[index]
        if not raw.strip():
            continue
        found = _CATEGORY.match(raw.strip())
        if not found:
            problems.append(InputError(_("'{strip}' is not a category line (a number, a tab, a name)")
                                       .format(strip=raw.strip()),
                                       path=path, line=index + 1))
            continue
        depth = len(raw) - len(raw.lstrip("\t"))
        number, name = found.group(1), found.group(2).strip()
        names[number] = (name, index + 1)
        while stack and stack[-1][0] >= depth:
            stack.pop()
        if stack:
            parents[number] = stack[-1][1]
        stack.append((depth, number))
    if problems:
        raise problems[0] if len(problems) == 1 else InputError(
            _("{n_problems} problems in the LIWC category list").format(n_problems=len(problems)), path=path,
            problems=problems)
    terms: dict[str, list[Term]] = {number: [] for number in names}
    for index in range(marks[1] + 1, len(lines)):
        line = lines[index].strip()
        if not line:
            continue
        if "<of>" in line or re.search(r"\(.*\)", line):
            losses.term(_("conditional entries (LIWC2007 '<of>' or '(…)') skipped"), "LIWC", line.split("\t")[0])
            continue
        fields = [f.strip() for f in line.split("\t") if f.strip()]
        if len(fields) == 1 and (found := _SPACED_NUMBERS.match(line)):
            fields = [found.group(1), *found.group(2).split()]
        pattern, numbers = fields[0], [n for field in fields[1:] for n in field.split()]
        for number in numbers:
            if number not in names:
                losses.term(_("entries in undefined category {number} skipped").format(number=number), "LIWC", pattern)
                continue
            term, reason = glob_to_term(pattern, lang, gaps=False)
            if term is None:
                losses.term(str(reason), _("category '{name}'").format(name=names[number][0]), pattern)
            elif term not in terms[number]:
                terms[number].append(term)
    taken: set[str] = set()
    ids = {number: slug_id(name, taken) for number, (name, _) in names.items()}

    def group_of(number: str) -> str:
        chain = []
        while number in parents:
            number = parents[number]
            chain.append(names[number][0])
        return " > ".join(reversed(chain))

    codes = []
    for number, (name, _line) in names.items():
        if not terms[number]:
            if number not in parents.values():
                losses.note(_("category '{name}' has no entries and is skipped").format(name=name))
            continue
        group = group_of(number)
        if " > " in group:
            losses.note(_("category '{name}' is nested deeper than one level: its group is the path '{group}'")
                        .format(name=name, group=group))
        codes.append(Entry(id=ids[number], label={lang: name} if name != ids[number] else {},
                           terms={lang: tuple(terms[number])}, group=group))
    book = build_codebook(path.stem, codes, languages=(lang,), source=f"{path} (converted)")
    return ImportedCodebook(book, losses.lines())
