"""WordStat (Provalis Research) category dictionaries (``.cat``): categories on lines of their own, their
entries below them indented by one more tab and followed by a weight, ``PROTECT* (1)``; nesting by tabs
gives the hierarchy, which holds our groups.

WordStat matches entries case-insensitively, with ``*`` at the end for prefixes; phrases are written with
spaces (``_`` is read as a space too). It keeps exclusions, rules and descriptions in other files, so
those are reported as losses.
"""

from __future__ import annotations

import re
from pathlib import Path

from coding.codebook import Codebook, Entry
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


def wordstat_text(codebook: Codebook, *, lang: str | None = None) -> tuple[str, list[str]]:
    """The codebook's codes as WordStat dictionary text (groups as parent categories), and the losses."""
    losses = Losses("WordStat")
    languages = language_scope(codebook, lang, losses)
    common_losses(codebook, losses, groups=True, descriptions=False, labels=False, exclusions=False,
                  languages=languages)
    lines: list[str] = []
    groups = {entry.group for entry in codebook.codes}
    if groups & {entry.id for entry in codebook.codes}:
        losses.note(_("a group has the name of a code: WordStat shows them as one category"))
    written_groups: set[str] = set()
    for entry in codebook.codes:
        depth = 0
        if entry.group:
            depth = 1
            if entry.group not in written_groups:
                lines.append(entry.group)
                written_groups.add(entry.group)
        lines.append("\t" * depth + entry.id)
        seen: set[str] = set()
        for pattern in entry_globs(entry, languages, losses, gaps=False):
            if pattern.casefold() not in seen:
                seen.add(pattern.casefold())
                lines.append("\t" * (depth + 1) + f"{pattern} (1)")
    # WordStat lists a group's codes together, so codes of one group are written under one heading
    ordered = _grouped(lines)
    return "\n".join(ordered) + "\n", losses.lines()


def _grouped(lines: list[str]) -> list[str]:
    blocks: dict[str, list[str]] = {}
    current = ""
    for line in lines:
        if not line.startswith("\t"):
            current = line
            blocks.setdefault(current, [current])
        else:
            blocks[current].append(line)
    return [line for block in blocks.values() for line in block]


def write_wordstat(codebook: Codebook, path: Path, *, lang: str | None = None) -> list[str]:
    """Write the codebook's codes as a WordStat ``.cat`` file (UTF-8); returns the losses."""
    text, losses = wordstat_text(codebook, lang=lang)
    with atomic_text(path) as handle:
        handle.write(text)
    return losses


_ENTRY = re.compile(r"^(.*\S)\s+\((\d+)\)$")


def read_wordstat(path: Path, *, lang: str) -> ImportedCodebook:
    """Read a WordStat ``.cat`` file as a codebook whose terms are in ``lang``.

    A category holding entries becomes a code; the categories above it become its group (a path
    ``A > B`` when nested deeper). Plain entries become exact forms (``=word``).
    """
    losses = Losses("WordStat")
    names: list[str] = []
    paths: list[tuple[str, ...]] = []
    terms: list[list[Term]] = []
    stack: list[tuple[int, int]] = []  # (depth, category index)
    for raw in decode_bytes(path.read_bytes(), path).splitlines():
        if not raw.strip():
            continue
        depth = len(raw) - len(raw.lstrip("\t"))
        line = raw.strip()
        found = _ENTRY.match(line)
        while stack and stack[-1][0] >= depth:
            stack.pop()
        if found:
            if found.group(2) != "1":
                losses.note(_("WordStat weights are not kept: every entry counts once"))
            if not stack:
                losses.term(_("entries outside any category skipped"), "WordStat", found.group(1))
                continue
            index = stack[-1][1]
            term, reason = glob_to_term(found.group(1), lang, gaps=False)
            if term is None:
                losses.term(str(reason), _("category '{name}'").format(name=names[index]), found.group(1))
            elif term not in terms[index]:
                terms[index].append(term)
            continue
        paths.append(tuple(names[i] for _, i in stack))
        names.append(line)
        terms.append([])
        stack.append((depth, len(names) - 1))
    taken: set[str] = set()
    parents = {name for path_ in paths for name in path_}
    codes = []
    for name, path_, found_terms in zip(names, paths, terms, strict=True):
        if not found_terms:
            if name not in parents:
                losses.note(_("category '{name}' has no entries and is skipped").format(name=name))
            continue
        code_id = slug_id(name, taken)
        group = " > ".join(path_)
        if len(path_) > 1:
            losses.note(_("category '{name}' is nested deeper than one level: its group is the path '{group}'")
                        .format(name=name, group=group))
        codes.append(Entry(id=code_id, label={lang: name} if name != code_id else {},
                           terms={lang: tuple(found_terms)}, group=group))
    book = build_codebook(path.stem, codes, languages=(lang,), source=f"{path} (converted)")
    return ImportedCodebook(book, losses.lines())
