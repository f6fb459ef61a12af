"""Write a codebook back as YAML in our own format, so a codebook imported from another tool (or built in
Python) can be read by ``load_codebook`` and edited by hand.

``parse_codebook(dump_codebook(book))`` gives back an equal codebook (apart from provenance: file path,
SHA-256 and the YAML line of each entry; see ``comparable``).
"""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Any

import yaml

from coding.codebook import Codebook, Entry, ToneRules
from coding.conditions import CONDITION_KINDS, Condition
from coding.terms import Term


class _Dumper(yaml.SafeDumper):
    """Block style for the structure, flow style ``[a, b]`` for term lists and labels, as people write them."""

    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
        # indent "- id:" under "codes:" as hand-written codebooks do
        return super().increase_indent(flow, False)


def _string(dumper: yaml.SafeDumper, data: str) -> yaml.ScalarNode:
    # the codebook's own advice: quote a term that starts with = (PyYAML would leave it plain)
    style = '"' if data.startswith("=") else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", data, style=style)


_Dumper.add_representer(str, _string)


def _terms(terms: dict[str, tuple[Term, ...]]) -> dict[str, list[str]]:
    return {lang: [term.text for term in items] for lang, items in terms.items()}


def _entry(entry: Entry) -> dict[str, Any]:
    data: dict[str, Any] = {"id": entry.id}
    if entry.label:
        data["label"] = dict(entry.label)
    for key in ("group", "description", "color"):
        if getattr(entry, key):
            data[key] = getattr(entry, key)
    data["terms"] = _terms(entry.terms)
    if entry.exclude:
        data["exclude"] = _terms(entry.exclude)
    if entry.when is not None:
        data["when"] = condition_data(entry.when)
    return data


def condition_data(when: Condition) -> dict[str, list[str]]:
    """A code's condition in the YAML shape (``{all: [...], any: [...], none: [...]}``, empty kinds left out)."""
    return {kind: list(getattr(when, kind)) for kind in CONDITION_KINDS if getattr(when, kind)}


def _tone(tone: ToneRules) -> dict[str, Any]:
    data: dict[str, Any] = {}
    for key in ("positive", "negative"):
        if getattr(tone, key):
            data[key] = _terms(getattr(tone, key))
    if tone.negators:
        data["negators"] = {lang: list(words) for lang, words in tone.negators.items()}
    shifters = {kind: _terms(by_lang) for kind, by_lang in tone.shifters.items() if by_lang}
    if shifters:
        data["shifters"] = shifters
    for key in ("intensifiers", "incidence"):
        if getattr(tone, key):
            data[key] = _terms(getattr(tone, key))
    data["window"] = tone.window
    if tone.lexicon:
        data["lexicon"] = tone.lexicon
    if tone.lexicon_file:
        # parse_codebook resolves a relative path against the codebook's folder, which may differ now
        data["lexicon_file"] = str(Path(tone.lexicon_file).resolve())
    return data


def codebook_data(codebook: Codebook) -> dict[str, Any]:
    """The codebook as plain Python data in the YAML file's shape."""
    data: dict[str, Any] = {"codebook": codebook.title}
    if codebook.version:
        data["version"] = codebook.version
    data["languages"] = list(codebook.languages)
    if codebook.description:
        data["description"] = codebook.description
    data["codes"] = [_entry(entry) for entry in codebook.codes]
    if codebook.directions:
        data["directions"] = [_entry(entry) for entry in codebook.directions]
    if codebook.tone is not None:
        data["tone"] = _tone(codebook.tone)
    return data


def dump_codebook(codebook: Codebook, *, comment: str = "") -> str:
    """The codebook as YAML text that ``parse_codebook`` reads back to an equal codebook.

    ``comment`` (one or more lines) is written at the top as ``# …`` lines, e.g. where it was imported from.
    """
    text = yaml.dump(codebook_data(codebook), Dumper=_Dumper, allow_unicode=True, sort_keys=False,
                     default_flow_style=None, width=110, indent=2)
    header = "".join(f"# {line}\n".replace("# \n", "#\n") for line in comment.splitlines())
    return header + text


def comparable(codebook: Codebook) -> Codebook:
    """The codebook without its provenance (path, SHA-256, YAML lines), for comparing two codebooks."""
    def strip(entries: tuple[Entry, ...]) -> tuple[Entry, ...]:
        return tuple(dataclasses.replace(entry, line=0) for entry in entries)

    return dataclasses.replace(codebook, path="", sha256="", codes=strip(codebook.codes),
                               directions=strip(codebook.directions))
