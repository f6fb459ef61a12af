"""REFI-QDA codebooks (``.qdc``, namespace ``urn:QDA-XML:codebook:1.0``), the exchange format of ATLAS.ti,
NVivo, MAXQDA, QDA Miner and QualCoder; also the codebook inside a REFI-QDA project (``.qde``, ``.qdpx``).

A REFI-QDA code has a name, a GUID, a colour, a description and child codes, but no terms. On export our
groups become non-codable parent codes, directions children of a non-codable ``Directions`` code, and
each code's description ends with a ``[coding]`` block (YAML: id, kind, labels, terms, exclusions), so a
codebook exported by us comes back whole and other tools still show the terms to a human coder.

Reading is tolerant, as real files deviate from the schema (see ``../shared/data/refi_qda/SOURCE.md``):
any namespace or none (ATLAS.ti 23 writes ``codebook:0:4``, some tools ``codebook:1:0``), GUIDs with or
without braces, a missing ``isCodable``, a project file (``project.qde`` in any letter case) instead of a
codebook. A code from another tool has no terms, so its name becomes a provisional term, reported.
"""

from __future__ import annotations

import re
import zipfile
import zlib
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import yaml
from lxml import etree

from coding import __version__
from coding.codebook import CODEBOOK_LANGUAGES, Codebook, Entry
from coding.conditions import CONDITION_KINDS, Condition
from coding.errors import InputError
from coding.exports.atomic import atomic_path
from coding.i18n import _, ngettext
from coding.interchange import ImportedCodebook, Losses, build_codebook, guid, slug_id
from coding.interchange.yaml_writer import condition_data
from coding.terms import Term, TermSyntaxError, parse_term
from coding.words import WORD_RE
from coding.yaml_limits import load_yaml
from coding.zips import check_member

CODEBOOK_NS = "urn:QDA-XML:codebook:1.0"
PROJECT_NS = "urn:QDA-XML:project:1.0"
MARKER = "[coding]"
DIRECTIONS = "Directions"
_RGB = re.compile(r"^#([A-Fa-f0-9]{6}|[A-Fa-f0-9]{3})$")


def _block(kind: str, entry: Entry) -> str:
    data: dict[str, Any] = {"id": entry.id, "kind": kind}
    if entry.label:
        data["label"] = dict(entry.label)
    if entry.group:
        data["group"] = entry.group
    data["terms"] = {lang: [t.text for t in terms] for lang, terms in entry.terms.items()}
    if entry.exclude:
        data["exclude"] = {lang: [t.text for t in terms] for lang, terms in entry.exclude.items()}
    if entry.when is not None:
        data["when"] = condition_data(entry.when)
    return MARKER + "\n" + yaml.safe_dump(data, allow_unicode=True, sort_keys=False, default_flow_style=None,
                                          width=100)


def append_codes(codes: etree._Element, ns: str, codebook: Codebook, *, label_lang: str,
                 losses: Losses, palette: Mapping[str, str] | None = None) -> dict[str, str]:
    """Add the codebook's codes (groups as parents, directions under ``Directions``) to a ``Codes`` element
    in namespace ``ns``; returns the GUID of each ``code:ID`` and ``direction:ID``. ``palette`` gives
    codes their colours (``#rrggbb``), else the codebook's own ``color`` is used."""
    palette = palette or {}
    guids: dict[str, str] = {}

    def add(parent: etree._Element, name: str, key: str, codable: bool) -> etree._Element:
        element = etree.SubElement(parent, f"{{{ns}}}Code", guid=guid("code", key), name=name,
                                   isCodable="true" if codable else "false")
        guids[key] = element.get("guid")
        return element

    def add_entry(parent: etree._Element, kind: str, entry: Entry) -> None:
        element = add(parent, entry.label_in(label_lang), f"{kind}:{entry.id}", True)
        if kind == "code" and entry.id in palette:
            element.set("color", palette[entry.id].upper())
        elif entry.color:
            if _RGB.match(entry.color):
                element.set("color", entry.color)
            else:
                losses.note(_("{kind} '{id}': colour '{color}' is not #RRGGBB and is left out").format(kind=kind,
                                                                                                       id=entry.id,
                                                                                                       color=entry.color))
        description = etree.SubElement(element, f"{{{ns}}}Description")
        description.text = (entry.description + "\n\n" if entry.description else "") + _block(kind, entry)

    parents: dict[str, etree._Element] = {}
    for entry in codebook.codes:
        parent = codes
        if entry.group:
            if entry.group not in parents:
                parents[entry.group] = add(codes, entry.group, f"group:{entry.group}", False)
            parent = parents[entry.group]
        add_entry(parent, "code", entry)
    if codebook.directions:
        root = add(codes, DIRECTIONS, "group:directions", False)
        for entry in codebook.directions:
            add_entry(root, "direction", entry)
    if codebook.tone is not None:
        losses.note(_("REFI-QDA has no tone rules: the tone terms and negators are not exported"))
    for entry in (*codebook.codes, *codebook.directions):
        rules = [t.text for terms in (*entry.terms.values(), *entry.exclude.values()) for t in terms if t.proximity]
        for rule in rules:
            losses.note(_("code '{entry}': REFI-QDA has no proximity rules: '{rule}' is kept only in the [coding] "
                          "block of the code's description, which only coding reads back")
                        .format(entry=entry.id, rule=rule))
        if entry.when is not None:
            losses.note(_("code '{entry}': REFI-QDA has no conditions: 'when' ({condition}) is kept only in the "
                          "[coding] block of the code's description, which only coding reads back")
                        .format(entry=entry.id, condition=entry.when.shown))
    return guids


def qdc_tree(codebook: Codebook, *, label_lang: str = "kk") -> tuple[etree._ElementTree, list[str]]:
    """The codebook as a REFI-QDA ``CodeBook`` document, and the losses."""
    losses = Losses("REFI-QDA")
    root = etree.Element(f"{{{CODEBOOK_NS}}}CodeBook", nsmap={None: CODEBOOK_NS}, origin=f"coding {__version__}")
    codes = etree.SubElement(root, f"{{{CODEBOOK_NS}}}Codes")
    append_codes(codes, CODEBOOK_NS, codebook, label_lang=label_lang, losses=losses)
    losses.note(_("a REFI-QDA codebook has no title, version or description: they are left out (the file name "
                "becomes the title on import)"))
    return etree.ElementTree(root), losses.lines()


def write_qdc(codebook: Codebook, path: Path, *, label_lang: str = "kk") -> list[str]:
    """Write the codebook as a REFI-QDA ``.qdc`` file; returns the losses."""
    tree, losses = qdc_tree(codebook, label_lang=label_lang)
    with atomic_path(path) as temporary:
        tree.write(str(temporary), xml_declaration=True, encoding="UTF-8", pretty_print=True)
    return losses


def _local(element: etree._Element) -> str:
    if not isinstance(element.tag, str):
        return ""
    try:
        return etree.QName(element).localname
    except ValueError:  # lxml's recovery keeps a damaged tag (':xml') that QName refuses
        return element.tag.rpartition("}")[2]


def _children(element: etree._Element, name: str) -> list[etree._Element]:
    return [child for child in element if _local(child) == name]


def _project_bytes(path: Path) -> bytes:
    """The XML of a ``.qdc``/``.qde`` file, or of the ``.qde`` inside a ``.qdpx`` archive."""
    if not zipfile.is_zipfile(path):
        return path.read_bytes()
    try:
        with zipfile.ZipFile(path) as archive:
            names = [n for n in archive.namelist() if n.lower().endswith(".qde")]
            if not names:
                raise InputError(_("this REFI-QDA project holds no project.qde"), path=path,
                                 hint=_("export the project again from your QDA program"))
            names.sort(key=lambda n: (n.lower() != "project.qde", len(n)))
            check_member(archive.getinfo(names[0]), InputError, path=path)
            return archive.read(names[0])
    except (zipfile.BadZipFile, zlib.error, EOFError, ValueError) as error:
        raise InputError(_("the project archive is damaged ({name}: {error})").format(name=type(error).__name__,
                                                                                      error=error), path=path,
                         hint=_("export the project again from your QDA program")) from None


def _parse(path: Path) -> etree._Element:
    data = _project_bytes(path)
    parser = etree.XMLParser(recover=True, remove_blank_text=True, resolve_entities=False, no_network=True)
    try:
        root = etree.fromstring(data, parser)
    except (etree.XMLSyntaxError, ValueError):
        root = None
    if root is None:  # a declared encoding that does not match the bytes: read them as UTF-8
        text = data.decode("utf-8-sig", errors="replace")
        try:
            root = etree.fromstring(re.sub(r"^\s*<\?xml[^>]*\?>", "", text).encode("utf-8"), parser)
        except (etree.XMLSyntaxError, ValueError):
            root = None
    if root is None:
        raise InputError(_("this is not a REFI-QDA file (no XML could be read)"), path=path,
                         hint=_("give a .qdc codebook, or a .qdpx project"))
    return root


def _description(element: etree._Element) -> str:
    found = _children(element, "Description")
    return (found[0].text or "").strip() if found else ""


def _our_block(text: str) -> tuple[str, dict[str, Any] | None]:
    """Split a description into the human text and our ``[coding]`` block (None when absent or broken)."""
    position = text.rfind(MARKER)
    if position < 0 or (position and text[position - 1] != "\n"):
        return text, None
    try:
        data = load_yaml(text[position + len(MARKER):], "<description>", InputError)
    except InputError:
        return text, None
    if not isinstance(data, dict) or "id" not in data:
        return text, None
    return text[:position].strip(), data


def _terms(data: Any, where: str, losses: Losses) -> dict[str, tuple[Term, ...]]:
    result: dict[str, tuple[Term, ...]] = {}
    if not isinstance(data, dict):
        return result
    for lang, items in data.items():
        if lang not in CODEBOOK_LANGUAGES:
            losses.note(_("{where}: terms in unknown language '{lang}' skipped").format(where=where, lang=lang))
            continue
        parsed = []
        for item in items if isinstance(items, list) else [items]:
            try:
                parsed.append(parse_term(str(item), lang))
            except TermSyntaxError:
                losses.term(_("terms that cannot be parsed skipped"), where, str(item))
        result[lang] = tuple(parsed)
    return result


def _condition(data: Any, where: str, losses: Losses) -> Condition | None:
    """A code's condition from our block (the ids are checked when the codebook is built)."""
    if data is None:
        return None
    if not isinstance(data, dict) or not set(data) <= set(CONDITION_KINDS):
        losses.note(_("{where}: its condition (when) cannot be read and is skipped").format(where=where))
        return None
    return Condition(**{kind: tuple(str(i) for i in (v if isinstance(v, list) else [v])) for kind, v in data.items()})


def read_qdc(path: Path, *, lang: str | None = None) -> ImportedCodebook:
    """Read the codebook of a ``.qdc``, ``.qde`` or ``.qdpx`` file.

    Codes exported by us come back with their id, labels, terms, exclusions and group. A code from another
    tool becomes a code whose provisional term is its name, in ``lang`` (required then); a non-codable code
    with children becomes a group (nested deeper: a path ``A > B``).
    """
    losses = Losses("REFI-QDA")
    root = _parse(path)
    book = root if _local(root) == "CodeBook" else next(
        (e for e in root.iter() if _local(e) == "CodeBook"), None)
    if book is None:
        raise InputError(_("this REFI-QDA file has no codebook (no codes)"), path=path,
                         hint=_("export the codebook from your QDA program once it has codes"))
    containers = _children(book, "Codes") or [book]
    top = [code for container in containers for code in _children(container, "Code")]
    if not top:
        raise InputError(_("the codebook in this REFI-QDA file has no codes"), path=path,
                         hint=_("export the codebook from your QDA program once it has codes"))
    if _local(root) == "Project" and any(_local(e) == "Sources" for e in root):
        losses.note(_("only the project's codebook is imported: its sources and codings are not"))
    if _children(book, "Sets") or any(_local(e) == "Sets" for e in root):
        losses.note(_("REFI-QDA sets (collections of codes) are not imported"))
    taken: set[str] = set()
    entries: dict[str, list[Entry]] = {"code": [], "direction": []}
    nameless: list[str] = []
    provisional: list[str] = []

    def visit(element: etree._Element, ancestors: tuple[str, ...]) -> None:
        name = (element.get("name") or "").strip() or (element.get("guid") or "").strip("{}") or "code"
        codable = (element.get("isCodable") or "true").strip().lower() not in ("false", "0")
        children = _children(element, "Code")
        text, data = _our_block(_description(element))
        color = (element.get("color") or "").strip()
        if data is not None:
            kind = "direction" if data.get("kind") == "direction" else "code"
            code_id = str(data["id"])
            if not re.fullmatch(r"[a-z0-9_]+", code_id) or code_id in taken:
                code_id = slug_id(code_id, taken)
                losses.note(_("code '{id}': id changed to '{code_id}' (invalid or given twice)").format(id=data['id'],
                                                                                                        code_id=code_id))
            taken.add(code_id)
            where = f"{kind} '{code_id}'"
            terms = _terms(data.get("terms"), where, losses)
            labels = data.get("label") or {}
            if not isinstance(labels, dict):  # a block edited by hand: one label, for the languages of the terms
                labels = dict.fromkeys([lang for lang in CODEBOOK_LANGUAGES if terms.get(lang)], labels)
            label = {str(k): str(v) for k, v in labels.items() if k in CODEBOOK_LANGUAGES}
            group = str(data["group"]) if "group" in data else " > ".join(
                a for a in ancestors if not (kind == "direction" and a == DIRECTIONS))
            entries[kind].append(Entry(id=code_id, label=label, terms=terms,
                                       exclude=_terms(data.get("exclude"), where, losses), group=group,
                                       description=text, color=color,
                                       when=_condition(data.get("when"), where, losses) if kind == "code" else None))
        elif codable:
            words = [m.group() for m in WORD_RE.finditer(name)]
            if not words:
                losses.note(_("code '{name}' has no letters in its name to use as a term and is skipped")
                            .format(name=name))
            elif lang is None:
                nameless.append(name)
            else:
                code_id = slug_id(name, taken)
                if len(ancestors) > 1:
                    losses.note(_("code '{name}' is nested deeper than one level: its group is the path "
                                "'{ancestors}'").format(name=name, ancestors=' > '.join(ancestors)))
                provisional.append(code_id)
                entries["code"].append(Entry(
                    id=code_id, label={lang: name} if name != code_id else {},
                    terms={lang: (parse_term(" ".join(words), lang),)}, group=" > ".join(ancestors),
                    description=text, color=color))
        elif not children:
            losses.note(_("code '{name}' is not codable and has no child codes: skipped").format(name=name))
        for child in children:
            visit(child, (*ancestors, name))

    for element in top:
        visit(element, ())
    if nameless:
        raise InputError(_("the codes of this REFI-QDA codebook have no terms ({n_nameless}, e.g. '{nameless}'): "
                         "their names become provisional terms, and those need a language")
                         .format(n_nameless=len(nameless), nameless=nameless[0]), path=path,
                         hint=_("add --lang kk, --lang ru or --lang en"))
    if provisional:
        shown = ", ".join(provisional[:5]) + (_(" and {count} more").format(count=len(provisional) - 5)
                                              if len(provisional) > 5 else "")
        losses.note(ngettext("REFI-QDA codes have no terms: the names of {count} code ({shown}) are used as "
                             "provisional {lang} terms; replace them with real terms",
                             "REFI-QDA codes have no terms: the names of {count} codes ({shown}) are used as "
                             "provisional {lang} terms; replace them with real terms", len(provisional))
                    .format(count=len(provisional), shown=shown, lang=lang))
    for entry in [e for kind in entries for e in entries[kind] if not any(e.terms.values())]:
        losses.note(_("code '{id}' has no terms left and is skipped").format(id=entry.id))
    codes = [e for e in entries["code"] if any(e.terms.values())]
    directions = [e for e in entries["direction"] if any(e.terms.values())]
    title = root.get("name") or path.stem
    imported = build_codebook(title, codes, directions=directions, source=f"{path} (converted)")
    return ImportedCodebook(imported, losses.lines())
