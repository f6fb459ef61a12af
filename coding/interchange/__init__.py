"""Codebook interchange: our YAML codebook to and from REFI-QDA (.qdc), LIWC (.dic), WordStat (.cat),
quanteda dictionaries (YAML) and an Excel sheet (one row per term).

Every format holds less than our codebook (none has our lemma terms; most have no exclusions, languages or
descriptions). What a format cannot express is reported as one warning line per loss, never dropped
silently: ``export_codebook`` and ``import_codebook`` return those lines with their result.
"""

from __future__ import annotations

import re
import uuid
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from coding.codebook import CODEBOOK_LANGUAGES, Codebook, Entry, ToneRules, parse_codebook
from coding.errors import InputError, OutputError
from coding.i18n import _, ngettext
from coding.terms import Term, TermSyntaxError, parse_term

Format = Literal["qdc", "liwc", "wordstat", "quanteda-yaml", "xlsx"]
FORMATS: tuple[str, ...] = ("qdc", "liwc", "wordstat", "quanteda-yaml", "xlsx")
EXTENSIONS: dict[str, str] = {"qdc": ".qdc", "liwc": ".dic", "wordstat": ".cat", "quanteda-yaml": ".yml",
                              "xlsx": ".xlsx"}
NAMES: dict[str, str] = {"qdc": "REFI-QDA", "liwc": "LIWC", "wordstat": "WordStat", "quanteda-yaml": "quanteda",
                         "xlsx": "Excel"}
# Deterministic GUIDs: the same codebook exported twice gives the same file, so exports can be diffed.
GUID_NAMESPACE = uuid.UUID("6f1d2c4e-8a43-4b7e-9a55-3c0de2b0a9f1")

_TRANSLIT = dict(zip(
    "абвгдеёжзийклмнопрстуфхцчшщъыьэюяәғқңөұүһі",
    ["a", "b", "v", "g", "d", "e", "e", "zh", "z", "i", "i", "k", "l", "m", "n", "o", "p", "r", "s", "t", "u",
     "f", "kh", "ts", "ch", "sh", "shch", "", "y", "", "e", "iu", "ia", "a", "g", "q", "n", "o", "u", "u", "h",
     "i"], strict=True))


def guid(kind: str, key: str) -> str:
    """A stable GUID for an element of an export (same input, same GUID)."""
    return str(uuid.uuid5(GUID_NAMESPACE, f"{kind}:{key}")).upper()


def slug_id(name: str, taken: set[str]) -> str:
    """A code id (``[a-z0-9_]+``) for a name from another tool, Cyrillic transliterated, unique in ``taken``.

    >>> slug_id("Бала саудасы", set())
    'bala_saudasy'
    """
    lowered = "".join(_TRANSLIT.get(char, char) for char in name.lower())
    base = re.sub(r"[^a-z0-9]+", "_", lowered).strip("_") or "code"
    candidate, number = base, 2
    while candidate in taken:
        candidate = f"{base}_{number}"
        number += 1
    taken.add(candidate)
    return candidate


class Losses:
    """What an export or import could not carry over, gathered and worded as one warning line per loss."""

    def __init__(self, tool: str) -> None:
        self.tool = tool
        self._terms: dict[tuple[str, str], list[str]] = defaultdict(list)
        self._lines: list[str] = []

    def note(self, line: str) -> None:
        """A loss that concerns the codebook as a whole or a whole kind of element."""
        if line not in self._lines:
            self._lines.append(line)

    def term(self, reason: str, where: str, term: str) -> None:
        """A term that changed or was dropped; ``reason`` says how (gathered per reason and entry)."""
        self._terms[(reason, where)].append(term)

    def lines(self) -> list[str]:
        """Every loss as one line: general ones first, then term losses per entry."""
        out = list(self._lines)
        for (reason, where), terms in self._terms.items():
            shown = ", ".join(f"'{t}'" for t in terms[:5]) + (_(" and {count} more").format(count=len(terms) - 5)
                                                              if len(terms) > 5 else "")
            out.append(f"{where}: {reason}: {shown}")
        return out


def entry_where(kind: str, entry_id: str, lang: str | None = None) -> str:
    shown = _("code '{id}'").format(id=entry_id) if kind == "code" else f"{kind} '{entry_id}'"
    return shown + (f" ({lang})" if lang else "")


def entry_globs(entry: Entry, languages: Iterable[str], losses: Losses, *, gaps: bool) -> Iterator[str]:
    """The glob patterns of a code's terms in ``languages``, reporting each term that changed or was dropped."""
    for language in languages:
        for term in entry.terms.get(language, ()):
            if term.proximity is not None:
                losses.note(_("{where}: '{term}' is a proximity rule ({operator}), which {tool} dictionaries cannot "
                              "hold: dropped").format(where=entry_where("code", entry.id, language), term=term.text,
                                                      operator=term.proximity.operator, tool=losses.tool))
                continue
            pattern, reason = term_to_glob(term, gaps=gaps)
            if reason:
                losses.term(reason, entry_where("code", entry.id, language), term.text)
            if pattern is not None:
                yield pattern


def term_to_glob(term: Term, *, gaps: bool) -> tuple[str | None, str | None]:
    """Our term in the glob syntax of LIWC/WordStat/quanteda (``word``, ``word*``), with the reason it
    changed (lemma words become their written form) or could not be written (a gap where ``gaps`` is False).
    """
    words, changed = [], None
    for word in term.words:
        if word.kind == "any":
            if not gaps:
                return None, _("gaps (*) cannot be written, terms dropped")
            words.append("*")
        elif word.kind == "exact":
            words.append(word.written[1:])
        elif word.kind == "prefix":
            words.append(word.written)
        else:
            words.append(word.written)
            changed = _("lemma terms written as the exact form, other inflected forms will not match")
    return " ".join(words), changed


_GLOB_PREFIX = re.compile(r"^[^*?]+\*$")


def glob_to_term(pattern: str, lang: str, *, gaps: bool) -> tuple[Term | None, str | None]:
    """A glob pattern (``word``, ``word*``, phrases; ``_`` joins words) as our term: plain words become
    exact forms (``=word``), as those tools match them. Returns the reason when it cannot be written."""
    parts = pattern.replace("_", " ").split()
    if not parts:
        return None, _("empty entries skipped")
    words = []
    for part in parts:
        if part == "*":
            if not gaps:
                return None, _("entries with a lone * skipped")
            words.append("*")
        elif _GLOB_PREFIX.match(part):
            words.append(part)
        elif "*" in part or "?" in part:
            return None, _("wildcards other than a final * cannot be written, entries skipped")
        else:
            words.append("=" + part)
    try:
        return parse_term(" ".join(words), lang), None
    except TermSyntaxError:
        return None, "entries that are not words (punctuation, emoticons) skipped"


def language_scope(codebook: Codebook, lang: str | None, losses: Losses) -> tuple[str, ...]:
    """The languages whose terms go into a format without languages, noting what that loses."""
    if lang is not None:
        if lang not in codebook.languages:
            raise InputError(_("the codebook has no language '{lang}'").format(lang=lang),
                             hint=_("use one of: {choices}").format(choices=', '.join(codebook.languages)))
        others = [x for x in codebook.languages if x != lang]
        if others:
            losses.note(_("{tool} has no languages: only the {lang} terms are exported "
                        "({others} left out)").format(tool=losses.tool, lang=lang, others=', '.join(others)))
        return (lang,)
    used = tuple(x for x in codebook.languages if any(e.terms.get(x) for e in codebook.codes))
    if len(used) > 1:
        losses.note(_("{tool} has no languages: the terms of {used} are merged into one list "
                    "(use --lang to export one language)").format(tool=losses.tool, used=', '.join(used)))
    return used


def common_losses(codebook: Codebook, losses: Losses, *, groups: bool, descriptions: bool, labels: bool,
                  exclusions: bool, languages: tuple[str, ...]) -> None:
    """Note the parts of the codebook a format has no place for."""
    codes = codebook.codes
    losses.note(_("{tool} has no title, version or description for a codebook: they are left out (the file "
                "name becomes the title on import)").format(tool=losses.tool))
    if not groups and any(e.group for e in codes):
        losses.note(_("{tool} has no hierarchy: the groups of the codes are left out").format(tool=losses.tool))
    if not descriptions and any(e.description for e in codes):
        count = sum(1 for e in codes if e.description)
        losses.note(ngettext("{tool} has no descriptions: the description of {count} code is left out",
                             "{tool} has no descriptions: the descriptions of {count} codes are left out", count)
                    .format(tool=losses.tool, count=count))
    if not labels and any(e.label for e in codes):
        losses.note(_("{tool} names categories by id: the labels of the codes are left out").format(tool=losses.tool))
    if not exclusions:
        for entry in codes:
            for lang, terms in entry.exclude.items():
                for term in terms if lang in languages else ():
                    losses.term(_("no exclusions in {tool}, dropped").format(tool=losses.tool),
                                entry_where("code", entry.id, lang),
                                term.text)
    if any(e.color for e in codes):
        losses.note(_("{tool} has no colours: the colours of the codes are left out").format(tool=losses.tool))
    condition_losses(codebook, losses)
    if codebook.directions:
        count = len(codebook.directions)
        losses.note((ngettext("{tool} has one set of categories: the direction is not exported",
                              "{tool} has one set of categories: the {count} directions are not exported", count))
                    .format(tool=losses.tool, count=count))
    if codebook.tone is not None:
        losses.note(_("{tool} has no tone rules: the tone terms and negators are not exported")
                    .format(tool=losses.tool))


def condition_losses(codebook: Codebook, losses: Losses) -> None:
    """Note, one line per code, the conditions (``when``) a format cannot hold."""
    for entry in codebook.codes:
        if entry.when is not None:
            losses.note(_("{where}: {tool} has no conditions: 'when' ({condition}) is dropped, so the code counts "
                          "in every unit").format(where=entry_where("code", entry.id), tool=losses.tool,
                                                  condition=entry.when.shown))


@dataclass
class ImportedCodebook:
    """A codebook read from another format, and what could not be carried over."""

    codebook: Codebook
    warnings: list[str] = field(default_factory=list)


def build_codebook(title: str, codes: list[Entry], *, directions: list[Entry] | None = None,
                   languages: tuple[str, ...] | None = None, source: str | Path = "<import>",
                   version: str = "", description: str = "", tone: ToneRules | None = None) -> Codebook:
    """A codebook from imported entries, validated by writing and re-reading it as our YAML."""
    from coding.interchange.yaml_writer import dump_codebook

    if not codes:
        raise InputError(_("no codes could be imported"), path=source,
                         hint=_("check the file's format (see 'coding codebook import --help')"))
    if languages is None:
        used = {lang for e in [*codes, *(directions or [])] for lang in [*e.terms, *e.exclude]}
        languages = tuple(lang for lang in CODEBOOK_LANGUAGES if lang in used) or ("en",)
    book = Codebook(title=title, version=version, languages=languages, codes=tuple(codes),
                    directions=tuple(directions or ()), description=description, tone=tone)
    return parse_codebook(dump_codebook(book), source)


def output_path(source: Path, to: str, out: str | Path | None) -> Path:
    """Where an export goes: ``out``, or the source's name with the format's extension."""
    return Path(out) if out else source.with_suffix(EXTENSIONS[to])


def check_target(path: Path, force: bool) -> None:
    """Refuse to replace an existing file unless ``force``."""
    if path.exists() and not force:
        raise OutputError(_("'{path}' already exists").format(path=path),
                          hint=_("choose another --out, or add --force to replace it"))


def export_codebook(codebook: Codebook, to: str, path: str | Path, *, lang: str | None = None,
                    label_lang: str = "kk") -> list[str]:
    """Write ``codebook`` in format ``to`` at ``path``; returns one warning line per loss.

    ``lang`` limits formats without languages (LIWC, WordStat, quanteda) to one language's terms;
    ``label_lang`` is the language of the code names in a REFI-QDA codebook.
    """
    path = Path(path)
    if to == "qdc":
        from coding.interchange.qdc import write_qdc
        return write_qdc(codebook, path, label_lang=label_lang)
    if to == "liwc":
        from coding.interchange.liwc import write_liwc
        return write_liwc(codebook, path, lang=lang)
    if to == "wordstat":
        from coding.interchange.wordstat import write_wordstat
        return write_wordstat(codebook, path, lang=lang)
    if to == "quanteda-yaml":
        from coding.interchange.quanteda import write_quanteda
        return write_quanteda(codebook, path, lang=lang)
    if to == "xlsx":
        from coding.interchange.xlsx import write_codebook_xlsx
        return write_codebook_xlsx(codebook, path)
    raise InputError(_("'{to}' is not a codebook format").format(to=to),
                     hint=_("use one of: {choices}").format(choices=', '.join(FORMATS)))


def import_codebook(path: str | Path, from_: str, *, lang: str | None = None) -> ImportedCodebook:
    """Read a codebook in format ``from_``; ``lang`` is the language of its terms for formats without
    languages (LIWC, WordStat, quanteda, a REFI-QDA codebook from another tool)."""
    path = Path(path)
    if not path.is_file():
        raise InputError(_("cannot read '{path}': there is no such file").format(path=path), hint=_("check the path"))
    if lang is not None and lang not in CODEBOOK_LANGUAGES:
        raise InputError(_("'{lang}' is not a language of this toolkit").format(lang=lang),
                         hint=_("use one of: {CODEBOOK_LANGUAGES}")
                         .format(CODEBOOK_LANGUAGES=', '.join(CODEBOOK_LANGUAGES)))
    if from_ == "qdc":
        from coding.interchange.qdc import read_qdc
        return read_qdc(path, lang=lang)
    if from_ == "xlsx":
        from coding.interchange.xlsx import read_codebook_xlsx
        return read_codebook_xlsx(path)
    if from_ not in FORMATS:
        raise InputError(_("'{name}' is not a codebook format").format(name=from_),
                         hint=_("use one of: {choices}").format(choices=', '.join(FORMATS)))
    if lang is None:
        raise InputError(_("a {NAMES} dictionary does not say which language its terms are in")
                         .format(NAMES=NAMES[from_]),
                         path=path, hint=_("add --lang kk, --lang ru or --lang en"))
    if from_ == "liwc":
        from coding.interchange.liwc import read_liwc
        return read_liwc(path, lang=lang)
    if from_ == "wordstat":
        from coding.interchange.wordstat import read_wordstat
        return read_wordstat(path, lang=lang)
    from coding.interchange.quanteda import read_quanteda
    return read_quanteda(path, lang=lang)


def write_codebook_yaml(imported: ImportedCodebook, path: str | Path, *, source: str = "") -> Path:
    """Write an imported codebook as our YAML (atomically), with a header saying where it came from."""
    from coding.exports.atomic import atomic_text
    from coding.interchange.yaml_writer import dump_codebook

    path = Path(path)
    comment = f"Imported from {source} by 'coding codebook import'." if source else ""
    if imported.warnings:
        comment += "\nNot carried over:\n" + "\n".join(f"- {line}" for line in imported.warnings)
    with atomic_text(path) as handle:
        handle.write(dump_codebook(imported.codebook, comment=comment))
    return path


__all__ = ["FORMATS", "ImportedCodebook", "export_codebook", "import_codebook", "write_codebook_yaml"]
