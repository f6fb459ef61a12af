"""The codebook as an Excel workbook, the form many researchers prefer to edit: sheet ``Codebook`` with one
row per term (code, language, term, exclude, label, description, group, kind, color), sheet ``Tone`` (list —
positive, negative, negator, decrease, increase, intensifier or incidence —, language, term) and sheet
``About`` (title, version, languages, description, tone window and lexicon).

Nothing is lost: a label or description is written on the first row of its code (and language) and may
be repeated on other rows; a row with a label but no term carries a label alone.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from openpyxl import Workbook, load_workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from coding.cells import cell_text, keep_text
from coding.codebook import CODEBOOK_LANGUAGES, TONE_LEXICONS, Codebook, Entry, ToneRules
from coding.errors import InputError
from coding.exports.atomic import atomic_path
from coding.exports.layout import FONT_NAME
from coding.i18n import _
from coding.interchange import ImportedCodebook, Losses, build_codebook, condition_losses
from coding.terms import Term, TermSyntaxError, parse_term
from coding.zips import check_zip

CODEBOOK_COLUMNS: tuple[str, ...] = ("code", "language", "term", "exclude", "label", "description", "group",
                                     "kind", "color")
TONE_COLUMNS: tuple[str, ...] = ("list", "language", "term")
TONE_LISTS: tuple[str, ...] = ("positive", "negative", "negator", "decrease", "increase", "intensifier", "incidence")
_YES = {"1", "yes", "true", "x", "y", "да", "иә"}
_NO = {"", "0", "no", "false", "n", "нет", "жоқ"}


def _code_rows(kind: str, entry: Entry) -> Iterator[list[Any]]:
    first = True
    labelled: set[str] = set()
    languages = list(dict.fromkeys([*entry.terms, *entry.exclude, *entry.label]))
    for lang in languages:
        rows = [(t, False) for t in entry.terms.get(lang, ())] + [(t, True) for t in entry.exclude.get(lang, ())]
        if not rows:
            rows = [(None, False)]
        for term, excluded in rows:
            label = entry.label.get(lang, "") if lang not in labelled else ""
            labelled.add(lang)
            yield [entry.id, lang, term.text if term else "", 1 if excluded else None, label,
                   entry.description if first else "", entry.group if first else "", kind,
                   entry.color if first else ""]
            first = False


def _keep_text(cells: Any) -> None:
    """Store text starting with '=' (an exact-form term) as text, not as an Excel formula."""
    for cell in cells:
        keep_text(cell)


def write_codebook_xlsx(codebook: Codebook, path: Path) -> list[str]:
    """Write the codebook as an Excel workbook; returns the losses (the conditions of codes, which have no
    column; proximity terms are kept as written)."""
    losses = Losses("Excel")
    condition_losses(codebook, losses)
    book = Workbook()
    sheet = book.active
    sheet.title = "Codebook"
    sheet.append(list(CODEBOOK_COLUMNS))
    for kind, entry in codebook.entries():
        for row in _code_rows(kind, entry):
            sheet.append(row)
            _keep_text(sheet[sheet.max_row])
    about = book.create_sheet("About")
    about.append(["field", "value"])
    about.append(["codebook", codebook.title])
    about.append(["version", codebook.version])
    about.append(["languages", ", ".join(codebook.languages)])
    about.append(["description", codebook.description])
    if codebook.tone is not None:
        tone = book.create_sheet("Tone")
        tone.append(list(TONE_COLUMNS))
        lists = {"positive": codebook.tone.positive, "negative": codebook.tone.negative, **codebook.tone.shifters,
                 "intensifier": codebook.tone.intensifiers, "incidence": codebook.tone.incidence}
        for name, by_lang in lists.items():
            for lang, terms in by_lang.items():
                for term in terms:
                    tone.append([name, lang, term.text])
                    _keep_text(tone[tone.max_row])
        for lang, words in codebook.tone.negators.items():
            for word in words:
                tone.append(["negator", lang, word])
        about.append(["tone_window", codebook.tone.window])
        about.append(["tone_lexicon", codebook.tone.lexicon])
        about.append(["tone_lexicon_file", str(Path(codebook.tone.lexicon_file).resolve())
                      if codebook.tone.lexicon_file else ""])
    for ws in book.worksheets:
        for cell in ws[1]:
            cell.font = Font(name=FONT_NAME, bold=True)
        ws.freeze_panes = "A2"
        for index, cell in enumerate(ws[1], start=1):
            ws.column_dimensions[get_column_letter(index)].width = 60 if cell.value == "description" else 22
    with atomic_path(path) as temporary:
        book.save(temporary)
    return losses.lines()


class _Sheet:
    """Rows of one sheet as dicts by header, with the problems found, each naming sheet, row and column."""

    def __init__(self, path: Path, book: Any, name: str, columns: tuple[str, ...], required: tuple[str, ...],
                 problems: list[InputError]) -> None:
        self.path, self.name, self.problems = path, name, problems
        self.rows: list[tuple[int, dict[str, str]]] = []
        self.letters: dict[str, str] = {}
        if name not in book.sheetnames:
            return
        sheet = book[name]
        header = [cell_text(c) for c in next(sheet.iter_rows(min_row=1, max_row=1, values_only=True), ())]
        for index, title in enumerate(header, start=1):
            if title and title not in columns:
                self.problem(1, title, get_column_letter(index), _("unknown column '{title}'").format(title=title),
                             _("use the columns: {columns}").format(columns=', '.join(columns)))
            elif title:
                self.letters[title] = get_column_letter(index)
        missing = [c for c in required if c not in self.letters]
        if missing:
            self.problems.append(InputError(_("sheet '{name}' has no column {items}")
                                            .format(name=name, items=', '.join(repr(m) for m in missing)),
                                            path=path, line=1, hint=_("the first row names the columns: "
                                                                    "{columns}").format(columns=', '.join(columns))))
            return
        for number, values in enumerate(sheet.iter_rows(min_row=2, values_only=True), start=2):
            row = {title: cell_text(values[i]) if i < len(values) else "" for i, title in enumerate(header) if title}
            if any(row.values()):
                self.rows.append((number, row))

    def problem(self, row: int, column: str, letter: str, message: str, hint: str | None = None) -> None:
        self.problems.append(InputError(_("sheet '{name}', row {row}, column {letter} ({column}): {message}")
                                        .format(name=self.name, row=row, letter=letter, column=column, message=message),
                                        path=self.path, line=row, hint=hint))

    def cell(self, row: int, column: str, message: str, hint: str | None = None) -> None:
        self.problem(row, column, self.letters.get(column, "?"), message, hint)


def read_codebook_xlsx(path: Path) -> ImportedCodebook:
    """Read a codebook workbook written by ``write_codebook_xlsx`` (or edited from one).

    Raises:
        InputError: every problem at once, each naming sheet, row and column.
    """
    check_zip(path, InputError)
    try:
        # data_only=False: a term typed as "=word" that Excel kept as a formula is read as its text
        book = load_workbook(path, read_only=True, data_only=False)
    except Exception as error:  # openpyxl raises several unrelated types for a file that is not a workbook
        raise InputError(_("cannot read the codebook workbook, it is damaged or not a workbook "
                         "({name}: {error})").format(name=error.__class__.__name__, error=error), path=path,
                         hint=_("save it as an Excel workbook (.xlsx)")) from None
    problems: list[InputError] = []
    try:
        if "Codebook" not in book.sheetnames:
            raise InputError(_("the workbook has no sheet 'Codebook'"), path=path,
                             hint=_("export one with 'coding codebook export FILE --to xlsx' and edit it"))
        main = _Sheet(path, book, "Codebook", CODEBOOK_COLUMNS, ("code", "language", "term"), problems)
        about_rows = {row["field"]: row.get("value", "") for _, row in
                      _Sheet(path, book, "About", ("field", "value"), ("field", "value"), problems).rows}
        tone_sheet = _Sheet(path, book, "Tone", TONE_COLUMNS, TONE_COLUMNS, problems) if (
            "tone_window" in about_rows or "Tone" in book.sheetnames) else None
    except InputError:
        raise
    except Exception as error:  # damaged sheet XML shows only when the rows are read (BadZipFile, zlib.error...)
        raise InputError(_("a sheet of the workbook is damaged ({name}: {error})").format(name=error.__class__.__name__,
                                                                                          error=error), path=path,
                         hint=_("open the workbook in Excel or LibreOffice and save it again")) from None
    finally:
        book.close()  # a read-only workbook keeps its file open until closed
    languages = tuple(x.strip() for x in about_rows.get("languages", "").split(",") if x.strip())
    entries: dict[tuple[str, str], dict[str, Any]] = {}
    for number, row in main.rows:
        code, lang, text = row.get("code", ""), row.get("language", ""), row.get("term", "")
        kind = row.get("kind", "") or "code"
        if kind not in ("code", "direction"):
            main.cell(number, "kind", f"'{kind}' is not a kind", "use code or direction")
            continue
        if not re.fullmatch(r"[a-z0-9_]+", code):
            main.cell(number, "code", f"'{code}' is not a valid code id" if code else "the code is empty",
                      "use lower-case Latin letters, digits and _ only, e.g. child_trafficking")
            continue
        if lang not in CODEBOOK_LANGUAGES:
            main.cell(number, "language", f"'{lang}' is not a language" if lang else "the language is empty",
                      f"use one of: {', '.join(CODEBOOK_LANGUAGES)}")
            continue
        excluded = row.get("exclude", "").lower()
        if excluded not in _YES | _NO:
            main.cell(number, "exclude", f"'{row['exclude']}' is not yes or no",
                      "write 1 for an exclusion, leave it empty for a term")
            continue
        entry = entries.setdefault((kind, code), {"label": {}, "terms": {}, "exclude": {}, "first": number,
                                                   "description": "", "group": "", "color": ""})
        for key in ("description", "group", "color"):
            value = row.get(key, "")
            if value and entry[key] and value != entry[key]:
                main.cell(number, key, f"{kind} '{code}' already has another {key} (row {entry[key + '_row']})",
                          f"give the {key} once, on one row of the {kind}")
            elif value and not entry[key]:
                entry[key], entry[key + "_row"] = value, number
        label = row.get("label", "")
        if label:
            if entry["label"].get(lang, label) != label:
                main.cell(number, "label", f"{kind} '{code}' already has another {lang} label",
                          "give each language's label once")
            entry["label"][lang] = label
        if text:
            try:
                term = parse_term(text, lang)
            except TermSyntaxError as error:
                main.cell(number, "term", str(error))
                continue
            entry["exclude" if excluded in _YES else "terms"].setdefault(lang, []).append(term)
    tone = _read_tone(path, tone_sheet, about_rows, problems) if tone_sheet is not None else None
    for (kind, code), entry in entries.items():
        if not entry["terms"]:
            main.problem(entry["first"], "term", main.letters.get("term", "?"),
                         _("{kind} '{code}' has no terms").format(kind=kind, code=code),
                         _("give at least one row with a term (and no 1 in 'exclude')"))
    if problems:
        problems.sort(key=lambda p: p.line or 0)
        raise problems[0] if len(problems) == 1 else InputError(
            _("{n_problems} problems in the codebook workbook").format(n_problems=len(problems)), path=path,
            problems=problems)
    built: dict[str, list[Entry]] = {"code": [], "direction": []}
    for (kind, code), entry in entries.items():
        built[kind].append(Entry(
            id=code, label=entry["label"], terms={k: tuple(v) for k, v in entry["terms"].items()},
            exclude={k: tuple(v) for k, v in entry["exclude"].items()}, group=entry["group"],
            description=entry["description"], color=entry["color"]))
    if not languages:
        used = {lang for items in built.values() for e in items for lang in [*e.terms, *e.exclude, *e.label]}
        languages = tuple(x for x in CODEBOOK_LANGUAGES if x in used)
    book_ = build_codebook(about_rows.get("codebook") or path.stem, built["code"], directions=built["direction"],
                           languages=languages, source=f"{path} (converted)", version=about_rows.get("version", ""),
                           description=about_rows.get("description", ""), tone=tone)
    return ImportedCodebook(book_, [])


def _read_tone(path: Path, sheet: _Sheet, about: dict[str, str], problems: list[InputError]) -> ToneRules:
    lists: dict[str, dict[str, list[Any]]] = {name: {} for name in TONE_LISTS}
    for number, row in sheet.rows:
        name, lang, text = row.get("list", ""), row.get("language", ""), row.get("term", "")
        if name not in TONE_LISTS:
            sheet.cell(number, "list", f"'{name}' is not a tone list", f"use one of: {', '.join(TONE_LISTS)}")
        elif lang not in CODEBOOK_LANGUAGES:
            sheet.cell(number, "language", f"'{lang}' is not a language",
                       f"use one of: {', '.join(CODEBOOK_LANGUAGES)}")
        elif name == "negator":
            lists[name].setdefault(lang, []).append(text.lower())
        else:
            try:
                lists[name].setdefault(lang, []).append(parse_term(text, lang))
            except TermSyntaxError as error:
                sheet.cell(number, "term", str(error))
    window = about.get("tone_window", "3") or "3"
    if not window.isdigit():
        problems.append(InputError(_("sheet 'About': tone_window '{window}' is not a whole number")
                                   .format(window=window), path=path))
        window = "3"
    lexicon = about.get("tone_lexicon", "")
    if lexicon and lexicon not in TONE_LEXICONS:
        problems.append(InputError(_("sheet 'About': '{lexicon}' is not a known tone lexicon").format(lexicon=lexicon),
                                   path=path,
                                   hint=_("use one of: {TONE_LEXICONS}")
                                   .format(TONE_LEXICONS=', '.join(TONE_LEXICONS))))
    lexicon_file = about.get("tone_lexicon_file", "")
    if lexicon_file and not Path(lexicon_file).is_file():
        problems.append(InputError(_("sheet 'About': the tone lexicon file '{lexicon_file}' does not exist")
                                   .format(lexicon_file=lexicon_file),
                                   path=path, hint=_("give an absolute path")))

    def terms(name: str) -> dict[str, tuple[Term, ...]]:
        return {lang: tuple(items) for lang, items in lists[name].items()}

    return ToneRules(positive=terms("positive"), negative=terms("negative"),
                     negators={lang: tuple(words) for lang, words in lists["negator"].items()},
                     window=int(window), lexicon=lexicon, lexicon_file=lexicon_file,
                     shifters={kind: terms(kind) for kind in ("decrease", "increase") if lists[kind]},
                     intensifiers=terms("intensifier"), incidence=terms("incidence"))
