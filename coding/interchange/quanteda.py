"""quanteda dictionaries in YAML (``dictionary(file = "x.yml")`` in R): nested keys are categories, lists
of patterns are their entries.

quanteda's default ``glob`` patterns match whole tokens case-insensitively: ``word``, ``word*``; a pattern
with spaces is a phrase, each word a glob, so a lone ``*`` is a gap (``бала * сату``) as in our terms.
Nested keys hold our groups (``phenomenon: {child_trafficking: [...]}``); a key ``__`` holds the entries of
a key that also has subcategories, as quanteda's ``as.yaml`` writes them.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

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
from coding.yaml_limits import load_yaml


def quanteda_data(codebook: Codebook, *, lang: str | None = None) -> tuple[dict[str, Any], list[str]]:
    """The codebook's codes as a quanteda dictionary (nested dict), and the losses."""
    losses = Losses("quanteda")
    languages = language_scope(codebook, lang, losses)
    common_losses(codebook, losses, groups=True, descriptions=False, labels=False, exclusions=False,
                  languages=languages)
    data: dict[str, Any] = {}
    for entry in codebook.codes:
        patterns = list(dict.fromkeys(entry_globs(entry, languages, losses, gaps=True)))
        parent = data
        if entry.group:
            if not isinstance(data.setdefault(entry.group, {}), dict):
                losses.note(_("group '{group}' has the name of a code: its codes are written at the top level")
                            .format(group=entry.group))
            else:
                parent = data[entry.group]
        if entry.id in parent:
            losses.note(_("code '{id}' has the name of a group: the group's codes are written at the top level")
                        .format(id=entry.id))
            continue
        parent[entry.id] = patterns
    return data, losses.lines()


def write_quanteda(codebook: Codebook, path: Path, *, lang: str | None = None) -> list[str]:
    """Write the codebook's codes as a quanteda YAML dictionary; returns the losses."""
    data, losses = quanteda_data(codebook, lang=lang)
    with atomic_text(path) as handle:
        yaml.safe_dump(data, handle, allow_unicode=True, sort_keys=False, default_flow_style=False, width=110)
    return losses


def read_quanteda(path: Path, *, lang: str) -> ImportedCodebook:
    """Read a quanteda YAML dictionary as a codebook whose terms are in ``lang``.

    Keys with entries become codes, the keys above them their group (a path ``A > B`` when nested deeper).
    Plain patterns become exact forms (``=word``); ``word*`` stays a prefix, ``*`` a gap.
    """
    losses = Losses("quanteda")
    data = load_yaml(decode_bytes(path.read_bytes(), path), path, InputError)
    if not isinstance(data, dict):
        raise InputError(_("a quanteda dictionary must be a mapping of 'category: [entries]'"), path=path,
                         hint=_("e.g. 'crime: [crime, offence*]'"))
    found: list[tuple[tuple[str, ...], str, list[Term]]] = []

    def walk(node: dict, path_: tuple[str, ...]) -> None:
        for key, value in node.items():
            name = str(key)
            own = path_ if name == "__" else (*path_, name)
            if isinstance(value, dict):
                walk(value, own)
                continue
            items = value if isinstance(value, list) else [value]
            terms: list[Term] = []
            for item in items:
                if isinstance(item, dict | list) or item is None:
                    losses.term(_("nested values that are not patterns skipped"), _("key '{name}'").format(name=name),
                                str(item))
                    continue
                term, reason = glob_to_term(str(item), lang, gaps=True)
                if term is None:
                    losses.term(str(reason), _("key '{name}'").format(name=own[-1] if own else name), str(item))
                elif term not in terms:
                    terms.append(term)
            if not own:
                losses.term(_("entries outside any key skipped"), "quanteda", ", ".join(map(str, items)))
                continue
            found.append((own[:-1], own[-1], terms))

    walk(data, ())
    taken: set[str] = set()
    codes = []
    for parents, name, terms in found:
        if not terms:
            losses.note(_("key '{name}' has no usable entries and is skipped").format(name=name))
            continue
        code_id = slug_id(name, taken)
        group = " > ".join(parents)
        if len(parents) > 1:
            losses.note(_("key '{name}' is nested deeper than one level: its group is the path '{group}'")
                        .format(name=name, group=group))
        codes.append(Entry(id=code_id, label={lang: name} if name != code_id else {}, terms={lang: tuple(terms)},
                           group=group))
    book = build_codebook(path.stem, codes, languages=(lang,), source=f"{path} (converted)")
    return ImportedCodebook(book, losses.lines())
