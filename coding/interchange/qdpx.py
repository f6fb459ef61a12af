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

import tempfile
import zipfile
from collections.abc import Iterator, Sequence
from datetime import UTC, datetime
from pathlib import Path

from lxml import etree

from coding import __version__
from coding.errors import InputError
from coding.exports.atomic import atomic_path
from coding.exports.palette import code_colors
from coding.i18n import _
from coding.interchange import ImportedCodebook, Losses, guid
from coding.interchange.qdc import PROJECT_NS, append_codes, read_qdc
from coding.records import Document, Unit
from coding.review.sample import (
    MachineCoding,
    RunInfo,
    machine_codings_by_document,
    open_run,
    run_documents,
)
from coding.review.store import DATABASE, ReviewStore
from coding.units import document_units

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
               label_lang: str = "kk", corpus: str | Path | None = None,
               codebook: str | Path | None = None) -> Path:
    """Write a run (documents, codebook, coded segments, and the reviewers' decisions) as a REFI-QDA project.

    The project is written one document at a time: its text goes into the zip and its ``TextSource`` (with
    its selections) into ``project.qde``, streamed through a temporary file, so memory holds one document
    and the reviewers' decisions, whatever the size of the run.

    Args:
        run_dir: the run's folder (``coding code --out``).
        path: the ``.qdpx`` file to write (atomically).
        coders: the reviewers to include from ``review.sqlite`` (default: all; ``[]``: none).
        label_lang: the language of the code names.
        corpus, codebook: where the run's corpus and codebook are, if not where run.json says.

    Raises:
        InputError: the run cannot be read, its corpus changed, or a coder is unknown.
    """
    from coding.results import check_run_outputs

    check_run_outputs(run_dir, path, corpus=corpus)
    info = open_run(run_dir, codebook=codebook)
    when = info.provenance.get("started") or datetime.now(UTC).isoformat(timespec="seconds")
    reviews = _reviews(info, coders)
    machine_guid = guid("user", "machine")
    users = _detached("Users")
    _element(users, "User", guid=machine_guid, name=MACHINE_USER)
    for name in reviews:
        _element(users, "User", guid=guid("user", f"coder:{name}"), name=name)
    book = _detached("CodeBook")
    # The colours of the report and the charts, so that a QDA program shows each code as the report does.
    code_guids = append_codes(_element(book, "Codes"), PROJECT_NS, info.codebook, label_lang=label_lang,
                              losses=Losses("REFI-QDA"), palette=code_colors(info.codebook))
    columns = list(_metadata_columns(info, corpus))
    description = _detached("Description")
    description.text = (f"Coded by coding {__version__} ({info.unit} units) with the codebook '{info.codebook.title}' "
                        f"{info.codebook.version}; run {info.run_dir.name}, started {when}.")
    path = Path(path)
    with atomic_path(path) as temporary, tempfile.TemporaryDirectory() as scratch:
        project = Path(scratch) / "project.qde"
        with zipfile.ZipFile(temporary, "w", compression=zipfile.ZIP_DEFLATED) as archive:
            with etree.xmlfile(str(project), encoding="UTF-8") as xf:
                xf.write_declaration()
                with xf.element(_Q + "Project", {"name": info.codebook.title or info.run_dir.name,
                                                 "origin": f"coding {__version__}", "creatingUserGUID": machine_guid,
                                                 "creationDateTime": when}, nsmap={None: PROJECT_NS}):
                    xf.write(users, pretty_print=True)
                    xf.write(book, pretty_print=True)
                    if columns:
                        variables = _detached("Variables")
                        for column in columns:
                            _element(variables, "Variable", guid=guid("variable", column), name=column,
                                     typeOfVariable="Text")
                        xf.write(variables, pretty_print=True)
                    with xf.element(_Q + "Sources"):
                        for document, machine in _documents_with_codings(info, corpus):
                            source_guid = guid("source", document.doc_id)
                            archive.writestr(f"sources/{source_guid}.txt", document.text.encode("utf-8"))
                            xf.write(_source(document, source_guid, machine, code_guids, machine_guid, when,
                                             reviews, columns, info), pretty_print=True)
                    xf.write(description, pretty_print=True)
            archive.write(project, "project.qde")
    return path


def _detached(tag: str) -> etree._Element:
    return etree.Element(_Q + tag, nsmap={None: PROJECT_NS})


def _metadata_columns(info: RunInfo, corpus: str | Path | None) -> tuple[str, ...]:
    """The manifest's metadata columns (the corpus folder's manifest is read, no document)."""
    from coding.corpus import open_corpus
    from coding.review.sample import recorded_path

    root = Path(corpus) if corpus else recorded_path(info.provenance.get("corpus", {}).get("root", ""), info.run_dir)
    if root is None or not root.is_dir():
        return ()  # run_documents reports the missing folder
    return open_corpus(root).metadata_columns


def _documents_with_codings(info: RunInfo, corpus: str | Path | None
                            ) -> Iterator[tuple[Document, dict[str, MachineCoding]]]:
    """Each document of the run with the machine's decisions on its units, both read in corpus order."""
    codings = machine_codings_by_document(info)
    pending = next(codings, None)
    for document in run_documents(info, corpus=corpus):
        if pending is not None and pending[0] == document.doc_id:
            yield document, pending[1]
            pending = next(codings, None)
        else:
            yield document, {}
    if pending is not None:
        raise InputError(_("units.csv lists document '{pending}' out of the corpus order").format(pending=pending[0]),
                         path=info.run_dir,
                         hint=_("run 'coding code' again to rewrite the results"))


def _source(document: Document, source_guid: str, machine: dict[str, MachineCoding], code_guids: dict[str, str],
            machine_guid: str, when: str, reviews: dict[str, dict[str, tuple[list[str], list[str]]]],
            columns: Sequence[str], info: RunInfo) -> etree._Element:
    source = _detached("TextSource")
    # The document id, not its file path: QDA programs add their own extension to the name, and a folder
    # in it reads as a path (QualCoder warned "Cannot copy TextSource file … .txt.txt" for every source).
    for key, value in (("guid", source_guid), ("name", document.doc_id),
                       ("plainTextPath", f"internal://{source_guid}.txt"), ("creatingUser", machine_guid),
                       ("creationDateTime", when)):
        source.set(key, value)
    if document.title:
        _element(source, "Description").text = document.title
    _add_selections(source, list(document_units(document, info.unit)), machine, code_guids, machine_guid, when,
                    reviews)
    for column in columns:
        if document.metadata.get(column):
            value = _element(source, "VariableValue")
            _element(value, "VariableRef", targetGUID=guid("variable", column))
            _element(value, "TextValue").text = document.metadata[column]
    return source


def _reviews(info: RunInfo, coders: Sequence[str] | None) -> dict[str, dict[str, tuple[list[str], list[str]]]]:
    """Per reviewer: unit id → (codes marked 1, directions chosen), from review.sqlite when it exists."""
    if not (info.run_dir / DATABASE).is_file():
        if coders:
            raise InputError(_("this run has no review decisions, so there is no coder '{coders}'")
                             .format(coders=coders[0]),
                             hint=_("import review sheets first with 'coding review import'"))
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
