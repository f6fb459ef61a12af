"""A coding run as a REFI-QDA project (``.qdpx``), to continue the analysis in ATLAS.ti, NVivo, MAXQDA or
QualCoder: a zip holding ``project.qde`` and ``sources/``.

- Every document of the run is a ``TextSource`` whose plain text, ``sources/GUID.txt`` (UTF-8, no BOM), is
  the normalised text our offsets refer to; its metadata are text ``Variables``.
- The codebook: codes (groups as non-codable parents, directions under ``Directions``), see ``qdc``.
- Every coded segment is a ``PlainTextSelection`` coded by the user ``coding (machine)``. REFI-QDA 1.5
  §10.2 counts positions in Unicode code points from 0 — Python's string indices — and its example
  (start 139, end 195 for a 56-character selection) makes the end exclusive, as our ``end`` is.
- The machine's directions, and each reviewer's decisions from ``review.sqlite`` (codes marked 1 and the
  directions chosen, latest round), are selections of the whole unit by that user; reviewers are ``Users``.
"""

from __future__ import annotations

import zipfile
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path

from lxml import etree

from coding import __version__
from coding.errors import InputError
from coding.exports.atomic import atomic_path
from coding.interchange import ImportedCodebook, Losses, guid
from coding.interchange.qdc import PROJECT_NS, append_codes, read_qdc
from coding.records import Unit
from coding.review.sample import MachineCoding, RunInfo, load_run_corpus, machine_codings, open_run
from coding.review.store import DATABASE, ReviewStore
from coding.units import split_units

MACHINE_USER = "coding (machine)"
_Q = f"{{{PROJECT_NS}}}"


def _element(parent: etree._Element, tag: str, /, **attributes: str) -> etree._Element:
    return etree.SubElement(parent, _Q + tag, {k: v for k, v in attributes.items() if v != ""})


def _selection(source: etree._Element, key: str, start: int, end: int, name: str, user: str, when: str,
               code_guids: Sequence[str]) -> None:
    selection = _element(source, "PlainTextSelection", guid=guid("selection", key), name=name[:200],
                         startPosition=str(start), endPosition=str(end), creatingUser=user, creationDateTime=when)
    for number, code_guid in enumerate(code_guids):
        coding = _element(selection, "Coding", guid=guid("coding", f"{key}:{number}"), creatingUser=user,
                          creationDateTime=when)
        _element(coding, "CodeRef", targetGUID=code_guid)


def write_qdpx(run_dir: str | Path, path: str | Path, *, coders: Sequence[str] | None = None,
               label_lang: str = "en", corpus: str | Path | None = None,
               codebook: str | Path | None = None) -> Path:
    """Write a run (documents, codebook, coded segments, and the reviewers' decisions) as a REFI-QDA project.

    Args:
        run_dir: the run's folder (``coding code --out``).
        path: the ``.qdpx`` file to write (atomically).
        coders: the reviewers to include from ``review.sqlite`` (default: all; ``[]``: none).
        label_lang: the language of the code names.
        corpus, codebook: where the run's corpus and codebook are, if not where run.json says.

    Raises:
        InputError: the run cannot be read, its corpus changed, or a coder is unknown.
    """
    info = open_run(run_dir, codebook=codebook)
    loaded = load_run_corpus(info, corpus=corpus)
    machine = machine_codings(info)
    units = {u.unit_id: u for u in split_units(loaded, info.unit)}
    when = info.provenance.get("started") or datetime.now(UTC).isoformat(timespec="seconds")
    reviews = _reviews(info, coders)
    machine_guid = guid("user", "machine")
    root = etree.Element(_Q + "Project", nsmap={None: PROJECT_NS}, name=info.codebook.title or info.run_dir.name,
                         origin=f"coding {__version__}", creatingUserGUID=machine_guid, creationDateTime=when)
    users = _element(root, "Users")
    _element(users, "User", guid=machine_guid, name=MACHINE_USER)
    for name in reviews:
        _element(users, "User", guid=guid("user", f"coder:{name}"), name=name)
    codes = _element(_element(root, "CodeBook"), "Codes")
    code_guids = append_codes(codes, PROJECT_NS, info.codebook, label_lang=label_lang, losses=Losses("REFI-QDA"))
    columns = list(loaded.metadata_columns)
    if columns:
        variables = _element(root, "Variables")
        for column in columns:
            _element(variables, "Variable", guid=guid("variable", column), name=column, typeOfVariable="Text")
    sources = _element(root, "Sources")
    texts: dict[str, str] = {}
    by_doc: dict[str, list[Unit]] = {}
    for unit in units.values():
        by_doc.setdefault(unit.doc_id, []).append(unit)
    for document in loaded.documents:
        source_guid = guid("source", document.doc_id)
        texts[source_guid] = document.text
        source = _element(sources, "TextSource", guid=source_guid, name=document.path,
                          plainTextPath=f"internal://{source_guid}.txt", creatingUser=machine_guid,
                          creationDateTime=when)
        if document.title:
            _element(source, "Description").text = document.title
        _add_selections(source, by_doc.get(document.doc_id, []), machine, code_guids, machine_guid, when, reviews)
        for column in columns:
            if document.metadata.get(column):
                value = _element(source, "VariableValue")
                _element(value, "VariableRef", targetGUID=guid("variable", column))
                _element(value, "TextValue").text = document.metadata[column]
    _element(root, "Description").text = (
        f"Coded by coding {__version__} ({info.unit} units) with the codebook '{info.codebook.title}' "
        f"{info.codebook.version}; run {info.run_dir.name}, started {when}.")
    path = Path(path)
    with atomic_path(path) as temporary:
        with zipfile.ZipFile(temporary, "w", compression=zipfile.ZIP_DEFLATED) as archive:
            archive.writestr("project.qde", etree.tostring(root, xml_declaration=True, encoding="UTF-8",
                                                           pretty_print=True))
            for source_guid, text in texts.items():
                archive.writestr(f"sources/{source_guid}.txt", text.encode("utf-8"))
    return path


def _reviews(info: RunInfo, coders: Sequence[str] | None) -> dict[str, dict[str, tuple[list[str], list[str]]]]:
    """Per reviewer: unit id → (codes marked 1, directions chosen), from review.sqlite when it exists."""
    if not (info.run_dir / DATABASE).is_file():
        if coders:
            raise InputError(f"this run has no review decisions, so there is no coder '{coders[0]}'",
                             hint="import review sheets first with 'coding review import'")
        return {}
    with ReviewStore.open(info.run_dir, info.fingerprint) as store:
        chosen = store.chosen_coders(coders)
        if not chosen:
            return {}
        decided = store.code_decisions(chosen)
        directions = store.direction_decisions(chosen)
    result: dict[str, dict[str, tuple[list[str], list[str]]]] = {name: {} for name in chosen}
    for row in decided[decided["value"] == 1].itertuples(index=False):
        result[row.coder].setdefault(row.unit_id, ([], []))[0].append(row.code)
    for row in directions.itertuples(index=False):
        if row.direction != "unspecified":
            result[row.coder].setdefault(row.unit_id, ([], []))[1].append(row.direction)
    return result


def _add_selections(source: etree._Element, units: list[Unit],
                    machine: dict[str, MachineCoding], code_guids: dict[str, str], machine_guid: str, when: str,
                    reviews: dict[str, dict[str, tuple[list[str], list[str]]]]) -> None:
    known = set(code_guids)
    for unit in units:
        coded = machine.get(unit.unit_id)
        if coded is None:
            continue
        for number, (start, end, code, surface) in enumerate(coded.spans):
            if f"code:{code}" in known:
                _selection(source, f"machine:{unit.unit_id}:{number}", start, end, surface, machine_guid, when,
                           [code_guids[f"code:{code}"]])
        framed = [code_guids[f"direction:{d}"] for d in coded.directions if f"direction:{d}" in known]
        if framed:
            _selection(source, f"machine:{unit.unit_id}:directions", unit.start, unit.end, unit.text[:60],
                       machine_guid, when, framed)
    for name, decisions in reviews.items():
        user = guid("user", f"coder:{name}")
        for unit in units:
            codes, directions = decisions.get(unit.unit_id, ([], []))
            targets = ([code_guids[f"code:{c}"] for c in codes if f"code:{c}" in known]
                       + [code_guids[f"direction:{d}"] for d in directions if f"direction:{d}" in known])
            if targets:
                _selection(source, f"coder:{name}:{unit.unit_id}", unit.start, unit.end, unit.text[:60], user, "",
                           targets)


def read_qdpx_codebook(path: str | Path, *, lang: str | None = None) -> ImportedCodebook:
    """The codebook of a ``.qdpx`` project (see ``coding.interchange.qdc.read_qdc``)."""
    return read_qdc(Path(path), lang=lang)
