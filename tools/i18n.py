"""Extract, update and compile the interface catalogs (``make i18n``); the tests use the same functions.

    python tools/i18n.py            # extract coding/locale/coding.pot, update the kk and ru .po, compile .mo

Needs Babel (``pip install -e ".[test]"``); running the toolkit does not (the standard library reads .mo).
"""

from __future__ import annotations

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


def path_for(lang: str, ext: str) -> Path:
    return LOCALE / lang / "LC_MESSAGES" / f"coding.{ext}"


def extract(root: Path = REPO) -> Catalog:
    """Every marked message of coding/ as a template catalog."""
    catalog = Catalog(project="coding", header_comment="# " + HEADER.replace("\n", "\n# "), fuzzy=False)
    for filename, lineno, message, comments, context in extract_from_dir(
            root, METHOD_MAP, keywords=KEYWORDS, comment_tags=("Translators:",), strip_comment_tags=True):
        catalog.add(message, None, [(filename, lineno)], auto_comments=comments, context=context)
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
    return 0


if __name__ == "__main__":
    sys.exit(main())
