"""Extract, update and compile the interface catalogs (``make i18n``); the tests use the same functions.

    python tools/i18n.py            # extract coding/locale/coding.pot, update the kk and ru .po, compile .mo

Two catalogs per language: ``coding.po`` (the marked messages of coding/ and every registered command's
help, found by walking the click command tree) and ``click.po`` (click's own messages, extracted from the
installed click package; an entry another click version has is kept, so one catalog serves them all).

Needs Babel (``pip install -e ".[test]"``); running the toolkit does not (the standard library reads .mo).
"""

from __future__ import annotations

import inspect
import io
import sys
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

REPO = Path(__file__).resolve().parents[1]
LOCALE = REPO / "coding" / "locale"
TEMPLATE = LOCALE / "coding.pot"
LANGS = ("kk", "ru")
# coding.i18n's markers: _ and ngettext translate now, N_ marks a constant, NC_(key, text) a caption.
KEYWORDS = {**DEFAULT_KEYWORDS, "NC_": ((1, "c"), 2)}
METHOD_MAP = [("coding/**.py", "python")]
HEADER = """\
Interface of `coding` (thematic content analysis): messages, sheets, charts, review workbook.
Keep file names, option names (--corpus), code ids and {placeholders} as they are.
Glossary (kk / ru):
  code: код / код;  codebook: кодтар кітабы / кодовая книга;  coding unit: кодтау бірлігі / единица
  кодирования;  corpus: корпус / корпус;  document: құжат / документ;  term: термин / термин;
  coder: кодтаушы / кодировщик;  intercoder agreement: кодтаушылар арасындағы келісім / согласованность
  кодировщиков (надёжность кодирования);  segment: сегмент / сегмент;  tone: тоналдық / тональность;
  semantic direction: мағыналық бағыт / смысловое направление;  run (folder): нәтижелер қалтасы / папка
  результатов;  analysis cache: талдау кэші / кэш анализа;  workbook: жұмыс кітабы / рабочая книга;
  sheet: парақ / лист;  manifest: манифест / манифест;  review: тексеру / проверка."""


CLICK_TEMPLATE = LOCALE / "click.pot"
CLICK_KEYWORDS = {"_": None, "gettext": None, "ngettext": (1, 2)}
# click translates these through a variable (``_(extra["required"])``), so the extractor cannot see them.
CLICK_DYNAMIC = ("required",)
CLICK_HEADER = """\
click's own messages (usage, help sections, usage errors) for `coding`'s interface language.
Keep option names, {placeholders} and %(name)s as they are. Entries of other click versions stay."""


def path_for(lang: str, ext: str, domain: str = "coding") -> Path:
    return LOCALE / lang / "LC_MESSAGES" / f"{domain}.{ext}"


def command_helps() -> list[tuple[str, str, int, str]]:
    """(msgid, file, line, command) of every registered command's help and short help."""
    sys.path.insert(0, str(REPO))
    from coding.cli import cli
    from coding.cli_i18n import command_help_msgid, walk_commands

    found = []
    for path, command in walk_commands(cli):
        callback = inspect.unwrap(command.callback) if command.callback else None
        filename = Path(inspect.getsourcefile(callback)).resolve().relative_to(REPO).as_posix() if callback else ""
        lineno = callback.__code__.co_firstlineno if callback else 0
        name = " ".join(("coding", *path))
        for text in (getattr(command, "_help_msgid", command_help_msgid(command.help)),
                     getattr(command, "_short_help_msgid", command.short_help)):
            if text:
                found.append((text, filename, lineno, name))
    return found


def extract(root: Path = REPO) -> Catalog:
    """Every marked message of coding/ as a template catalog."""
    catalog = Catalog(project="coding", header_comment="# " + HEADER.replace("\n", "\n# "), fuzzy=False)
    for filename, lineno, message, comments, context in extract_from_dir(
            root, METHOD_MAP, keywords=KEYWORDS, comment_tags=("Translators:",), strip_comment_tags=True):
        catalog.add(message, None, [(filename, lineno)], auto_comments=comments, context=context)
    for message, filename, lineno, name in command_helps():
        catalog.add(message, None, [(filename, lineno)], flags=("no-python-format",),
                    auto_comments=[f"The help of '{name}': translate the prose; keep the command lines, "
                                   "option names, file names and the blank lines (and \\b) as they are."])
    return catalog


def click_dir() -> Path:
    import click

    return Path(click.__file__).resolve().parent


def extract_click() -> Catalog:
    """click's own messages, from the installed click package (without locations: they change often)."""
    catalog = Catalog(project="click", header_comment="# " + CLICK_HEADER.replace("\n", "\n# "), fuzzy=False)
    for _filename, _lineno, message, comments, context in extract_from_dir(
            click_dir(), [("**.py", "python")], keywords=CLICK_KEYWORDS):
        catalog.add(message, None, [], auto_comments=comments, context=context)
    for message in CLICK_DYNAMIC:
        catalog.add(message, None, [], auto_comments=["[required] after an option's help"])
    return catalog


def update_click(lang: str, template: Catalog) -> Catalog:
    """click.po of ``lang`` with the installed click's messages added; none removed."""
    po = path_for(lang, "po", "click")
    catalog = read_catalog(po, lang) if po.exists() else Catalog(locale=lang, project="click")
    catalog.header_comment = template.header_comment
    catalog.fuzzy = False
    for message in template:
        if message.id and catalog.get(message.id, message.context) is None:
            catalog.add(message.id, None, [], flags=message.flags, context=message.context)
    return catalog


def read_catalog(path: Path, locale: str | None = None) -> Catalog:
    with path.open("rb") as file:
        return read_po(file, locale=locale)


def po_bytes(catalog: Catalog) -> bytes:
    buffer = io.BytesIO()
    write_po(buffer, catalog, width=116, sort_output=False, include_previous=False)
    return buffer.getvalue()


def mo_bytes(catalog: Catalog) -> bytes:
    buffer = io.BytesIO()
    write_mo(buffer, catalog, use_fuzzy=False)
    return buffer.getvalue()


def main() -> int:
    template = extract()
    if TEMPLATE.exists():  # the same messages keep their date, so 'make i18n' twice changes no file
        previous = read_catalog(TEMPLATE)
        if {(m.context, m.id) for m in previous} == {(m.context, m.id) for m in template}:
            template.creation_date = previous.creation_date
    TEMPLATE.parent.mkdir(parents=True, exist_ok=True)
    TEMPLATE.write_bytes(po_bytes(template))
    for lang in LANGS:
        po = path_for(lang, "po")
        catalog = read_catalog(po, lang) if po.exists() else Catalog(locale=lang, project="coding")
        catalog.header_comment = template.header_comment
        catalog.fuzzy = False  # a fuzzy header would be left out of the .mo, and with it the plural forms
        catalog.update(template, no_fuzzy_matching=True, update_header_comment=True)
        catalog.obsolete.clear()
        po.parent.mkdir(parents=True, exist_ok=True)
        po.write_bytes(po_bytes(catalog))
        path_for(lang, "mo").write_bytes(mo_bytes(read_catalog(po, lang)))
        missing = sum(1 for m in catalog if m.id and (not m.string or m.fuzzy or
                                                     (isinstance(m.string, tuple) and not all(m.string))))
        print(f"{po.relative_to(REPO)}: {len(catalog) - 1} messages, {missing} untranslated")
    click_template = extract_click()
    previous = read_catalog(CLICK_TEMPLATE) if CLICK_TEMPLATE.exists() else None
    if previous is not None and {(m.context, m.id) for m in previous} == {(m.context, m.id) for m in click_template}:
        click_template.creation_date = previous.creation_date
    CLICK_TEMPLATE.write_bytes(po_bytes(click_template))
    for lang in LANGS:
        catalog = update_click(lang, click_template)
        po = path_for(lang, "po", "click")
        po.write_bytes(po_bytes(catalog))
        path_for(lang, "mo", "click").write_bytes(mo_bytes(read_catalog(po, lang)))
        missing = sum(1 for m in catalog if m.id and (not m.string or (isinstance(m.string, tuple)
                                                                         and not all(m.string))))
        print(f"{po.relative_to(REPO)}: {len(catalog) - 1} messages, {missing} untranslated")
    return 0


if __name__ == "__main__":
    sys.exit(main())
