"""Build the illustrative sample corpus in ``corpus/`` from the plain-text sources.

Every document's text lives in ``tools/sample_sources/<doc_id>.txt`` (UTF-8): the first line is
the title, then a blank line, then paragraphs separated by blank lines (the first paragraph is the
byline). Lines inside one paragraph (numbered lists) are kept as separate lines / paragraphs.

This script writes each document into ``corpus/`` in the format listed in ``DOCS`` (``.txt`` in
UTF-8, UTF-8 with BOM or cp1251; ``.docx``; ``.odt``; ``.html``) and writes ``corpus/manifest.csv``.
It is deterministic: running it twice gives byte-identical files (fixed dates in the docx/odt
properties and in the zip entries).

Usage::

    .venv/bin/python tools/make_sample_corpus.py

The texts are illustrative, written by the coding team (see ``corpus/README.md``).
"""

from __future__ import annotations

import csv
import datetime as dt
import html
import io
import sys
import zipfile
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCES = Path(__file__).resolve().parent / "sample_sources"
CORPUS = ROOT / "corpus"

MANIFEST_COLUMNS = ["file", "doc_id", "title", "source_type", "outlet", "date", "language", "url", "region"]


@dataclass(frozen=True)
class Doc:
    doc_id: str
    file: str  # path relative to corpus/
    source_type: str  # media | official
    outlet: str
    date: str  # YYYY-MM-DD or a bare year
    language: str  # kk | ru | en, or "" for mixed-language documents
    region: str
    url: str = ""
    encoding: str = "utf-8"  # for .txt only: utf-8 | utf-8-sig | cp1251
    page_lang: str = ""  # for .html: the <html lang> and the menu language (kk | ru)


DOCS: list[Doc] = [
    Doc(
        "m01",
        "media/kk_2018_dalazharshysy_01.txt",
        "media",
        "Дала жаршысы",
        "2018-04-12",
        "kk",
        "Алматы",
        "https://dala-zharshysy.example/kogam/2018/04/12/bala-saudasy-unsiz-qasiret",
    ),
    Doc(
        "m02",
        "media/ru_2018_yuzhnymeridian_01.txt",
        "media",
        "Южный меридиан",
        "2018-09-27",
        "ru",
        "Шымкент",
        "https://yuzhny-meridian.example/incidents/2018/09/27/prigovor-torgovlya-nesovershennoletnimi",
        encoding="cp1251",
    ),
    Doc(
        "m03",
        "media/kk_2019_elordaainasy_01.docx",
        "media",
        "Елорда айнасы",
        "2019-02-19",
        "kk",
        "Астана",
        "https://elorda-ainasy.example/qogam/2019/02/19/aleumettik-zheliler-zhasyryn-qauip",
    ),
    Doc(
        "m04",
        "media/ru_2019_stepnoykurier_01.html",
        "media",
        "Степной курьер",
        "2019-06-05",
        "ru",
        "national",
        "https://stepnoy-kurier.example/society/2019/06/05/verbovka-v-odin-klik",
        page_lang="ru",
    ),
    Doc(
        "m05",
        "media/mixed_2019_ontustikshugylasy_01.txt",
        "media",
        "Оңтүстік шұғыласы",
        "2019-11-14",
        "",
        "Шымкент",
        "https://ontustik-shugylasy.example/2019/11/14/adam-saudasyna-qarsy-dongelek-ustel",
    ),
    Doc(
        "m06",
        "media/ru_2020_vestniktsentra_01.txt",
        "media",
        "Вестник Центра",
        "2020-05-20",
        "ru",
        "Қарағанды",
        "https://vestnik-tsentra.example/2020/05/20/pandemiya-i-deti",
        encoding="utf-8-sig",
    ),
    Doc(
        "m07",
        "media/kk_2020_auylainasy_01.html",
        "media",
        "Ауыл айнасы",
        "2020-08-03",
        "kk",
        "Түркістан облысы",
        "https://auyl-ainasy.example/qogam/2020/08/03/auyldan-ketken-ata-ana",
        page_lang="kk",
    ),
    Doc(
        "m08",
        "media/ru_2021_obzornedeli_01.docx",
        "media",
        "Обзор недели",
        "2021-01-28",
        "ru",
        "national",
        "https://obzor-nedeli.example/analytics/2021/01/28/statistika-torgovli-lyudmi",
    ),
    Doc(
        "m09",
        "media/kk_2021_elordaainasy_02.txt",
        "media",
        "Елорда айнасы",
        "2021-03-02",
        "kk",
        "Астана",
        "https://elorda-ainasy.example/bilim/2021/03/02/mekteptegi-profilaktika",
    ),
    Doc(
        "m10",
        "media/mixed_2021_almatyobozrevatel_01.docx",
        "media",
        "Алматинский обозреватель",
        "2021-07-22",
        "",
        "Алматы",
        "https://almaty-obozrevatel.example/2021/07/22/my-ne-dolzhny-molchat",
    ),
    Doc(
        "m11",
        "media/kk_2021_saryarkakhabarshysy_01.odt",
        "media",
        "Сарыарқа хабаршысы",
        "2021",
        "kk",
        "Қарағанды",
        "https://saryarqa-khabarshysy.example/qogam/balalar-uiinen-keiingi-omir",
    ),
    Doc(
        "m12",
        "media/ru_2022_stepnoykurier_02.txt",
        "media",
        "Степной курьер",
        "2022-02-08",
        "ru",
        "national",
        "https://stepnoy-kurier.example/law/2022/02/08/probely-v-zakone",
    ),
    Doc(
        "m13",
        "media/kk_2022_ontustikshugylasy_02.txt",
        "media",
        "Оңтүстік шұғыласы",
        "2022-06-30",
        "kk",
        "Шымкент",
        "https://ontustik-shugylasy.example/2022/06/30/kameletke-tolmagandardy-satqan-top-sottaldy",
    ),
    Doc(
        "m14",
        "media/ru_2022_almatyobozrevatel_02.txt",
        "media",
        "Алматинский обозреватель",
        "2022-10-18",
        "ru",
        "Алматы",
        "https://almaty-obozrevatel.example/2022/10/18/detskiy-trud-na-rynkah",
    ),
    Doc(
        "m15",
        "media/en_2020_steppedispatch_01.txt",
        "media",
        "The Steppe Dispatch",
        "2020-09-15",
        "en",
        "national",
        "https://steppe-dispatch.example/2020/09/15/lured-online-sold-abroad",
    ),
    Doc(
        "o01",
        "official/kk_2019_bgm_balakorgau_01.txt",
        "official",
        "ҚР БҒМ Балалардың құқықтарын қорғау комитеті",
        "2019-03-15",
        "kk",
        "national",
    ),
    Doc(
        "o02",
        "official/ru_2020_genprokuratura_01.txt",
        "official",
        "Генеральная прокуратура РК",
        "2020-02-11",
        "ru",
        "national",
    ),
    Doc(
        "o03",
        "official/kk_2021_balaukil_01.docx",
        "official",
        "ҚР Бала құқықтары жөніндегі уәкіл",
        "2021-04-26",
        "kk",
        "national",
    ),
    Doc("o04", "official/ru_2021_mazhilis_01.txt", "official", "Мажилис Парламента РК", "2021", "ru", "national"),
    Doc("o05", "official/kk_2022_ukimet_01.odt", "official", "ҚР Үкіметі", "2022-01-20", "kk", "national"),
    Doc(
        "o06",
        "official/en_2022_cacpn_01.txt",
        "official",
        "Central Asian Child Protection Network",
        "2022-12-28",
        "en",
        "national",
        "https://cacpn.example/reports/2022/child-trafficking-kazakhstan-summary",
    ),
]


# --------------------------------------------------------------------------- sources


@dataclass(frozen=True)
class Source:
    title: str
    byline: str
    blocks: list[list[str]]  # paragraphs after the byline; each is a list of lines
    raw: str  # the whole source text, normalised to "\n" and one trailing newline


def read_source(doc_id: str) -> Source:
    raw = (SOURCES / f"{doc_id}.txt").read_text(encoding="utf-8").replace("\r\n", "\n").strip() + "\n"
    parts = [p for p in raw.split("\n\n") if p.strip()]
    title = parts[0].strip()
    byline = parts[1].strip()
    blocks = [[line.strip() for line in p.strip().split("\n") if line.strip()] for p in parts[2:]]
    return Source(title, byline, blocks, raw)


def is_heading(block: list[str]) -> bool:
    """A one-line block that is short and has no closing punctuation is a section heading."""
    if len(block) != 1:
        return False
    line = block[0]
    return len(line) <= 90 and not line.endswith((".", ":", ";", "!", "?", "»", '"', ","))


def doc_datetime(date: str) -> dt.datetime:
    if len(date) == 4:
        return dt.datetime(int(date), 1, 1, 9, 0, 0, tzinfo=dt.UTC)
    y, m, d = (int(x) for x in date.split("-"))
    return dt.datetime(y, m, d, 9, 0, 0, tzinfo=dt.UTC)


def normalise_zip(data: bytes, when: dt.datetime) -> bytes:
    """Rewrite a zip with fixed timestamps and attributes, keeping entry order and compression."""
    stamp = (when.year, when.month, when.day, when.hour, when.minute, when.second)
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            zi = zipfile.ZipInfo(info.filename, date_time=stamp)
            zi.compress_type = info.compress_type
            zi.create_system = 3
            zi.external_attr = 0o644 << 16
            dst.writestr(zi, src.read(info.filename))
    return out.getvalue()


# --------------------------------------------------------------------------- writers


def write_txt(doc: Doc, src: Source, path: Path) -> None:
    path.write_bytes(src.raw.encode(doc.encoding))  # strict: fails if cp1251 cannot hold a character


def write_docx(doc: Doc, src: Source, path: Path) -> None:
    import docx

    when = doc_datetime(doc.date).replace(tzinfo=None)
    d = docx.Document()
    props = d.core_properties
    props.title = src.title
    props.author = "coding team (illustrative sample)"
    props.last_modified_by = "coding team (illustrative sample)"
    props.created = when
    props.modified = when
    props.last_printed = when
    props.revision = 1
    if doc.language:  # mixed-language documents declare none
        props.language = doc.language
    props.comments = "Illustrative text written for the coding sample corpus; not a real publication."
    d.add_heading(src.title, level=1)
    d.add_paragraph(src.byline)
    for block in src.blocks:
        if is_heading(block):
            d.add_heading(block[0], level=2)
        else:
            for line in block:
                d.add_paragraph(line)
    buf = io.BytesIO()
    d.save(buf)
    path.write_bytes(normalise_zip(buf.getvalue(), doc_datetime(doc.date)))


def write_odt(doc: Doc, src: Source, path: Path) -> None:
    from odf import dc, meta
    from odf.opendocument import OpenDocumentText
    from odf.style import ParagraphProperties, Style, TextProperties
    from odf.text import H, P

    when = doc_datetime(doc.date).strftime("%Y-%m-%dT%H:%M:%S")
    d = OpenDocumentText()
    d.meta.addElement(dc.Title(text=src.title))
    if doc.language:
        d.meta.addElement(dc.Language(text=doc.language))
    d.meta.addElement(dc.Date(text=when))
    d.meta.addElement(meta.CreationDate(text=when))
    d.meta.addElement(meta.InitialCreator(text="coding team (illustrative sample)"))
    h1 = Style(name="Heading 1", family="paragraph")
    h1.addElement(TextProperties(fontsize="16pt", fontweight="bold"))
    h1.addElement(ParagraphProperties(marginbottom="0.3cm"))
    h2 = Style(name="Heading 2", family="paragraph")
    h2.addElement(TextProperties(fontsize="13pt", fontweight="bold"))
    byline = Style(name="Byline", family="paragraph")
    byline.addElement(TextProperties(fontstyle="italic"))
    body = Style(name="Body", family="paragraph")
    body.addElement(ParagraphProperties(marginbottom="0.2cm"))
    for s in (h1, h2, byline, body):
        d.styles.addElement(s)
    d.text.addElement(H(outlinelevel=1, stylename=h1, text=src.title))
    d.text.addElement(P(stylename=byline, text=src.byline))
    for block in src.blocks:
        if is_heading(block):
            d.text.addElement(H(outlinelevel=2, stylename=h2, text=block[0]))
        else:
            for line in block:
                d.text.addElement(P(stylename=body, text=line))
    buf = io.BytesIO()
    d.write(buf)
    path.write_bytes(normalise_zip(buf.getvalue(), doc_datetime(doc.date)))


HTML_UI = {
    "ru": {
        "menu": ["Главная", "Новости", "Общество", "Экономика", "Происшествия", "Спорт", "Культура"],
        "search": "Поиск по сайту",
        "home": "Главная",
        "section": "Общество",
        "share": "Поделиться:",
        "related": "Читайте также",
        "related_items": [
            "Синоптики обещают похолодание до конца недели",
            "В торговом центре на Абая открылся новый кинотеатр",
            "Полиция предупреждает о мошенниках в мессенджерах",
        ],
        "footer_menu": ["О редакции", "Реклама", "Контакты", "Политика конфиденциальности"],
        "copyright": "Все права защищены. При использовании материалов ссылка на сайт обязательна.",
        "subscribe": "Подпишитесь на нашу рассылку",
        "cookies": "Мы используем файлы cookie, чтобы сайт работал лучше.",
    },
    "kk": {
        "menu": ["Басты бет", "Жаңалықтар", "Қоғам", "Экономика", "Оқиға", "Спорт", "Мәдениет"],
        "search": "Сайттан іздеу",
        "home": "Басты бет",
        "section": "Қоғам",
        "share": "Бөлісу:",
        "related": "Тақырыпқа қатысты",
        "related_items": [
            "Ауданда жаңа балабақша ашылды",
            "Полиция: интернет-алаяқтық қылмыстары көбейді",
            "Көктемгі егіс науқаны басталды",
        ],
        "footer_menu": ["Редакция туралы", "Жарнама", "Байланыс", "Құпиялылық саясаты"],
        "copyright": "Барлық құқықтар қорғалған. Материалдарды пайдаланғанда сайтқа сілтеме жасау міндетті.",
        "subscribe": "Жаңалықтарға жазылыңыз",
        "cookies": "Сайт жақсы жұмыс істеуі үшін cookie файлдарын пайдаланамыз.",
    },
}


def write_html(doc: Doc, src: Source, path: Path) -> None:
    ui = HTML_UI[doc.page_lang]
    e = html.escape
    year = doc.date[:4]
    menu = "\n".join(f'        <li><a href="/{i}/">{e(item)}</a></li>' for i, item in enumerate(ui["menu"]))
    related = "\n".join(
        f'        <li><a href="/news/{year}/{i}/">{e(item)}</a></li>' for i, item in enumerate(ui["related_items"])
    )
    footer_menu = " ".join(f'<a href="/page/{i}/">{e(item)}</a>' for i, item in enumerate(ui["footer_menu"]))
    body: list[str] = []
    for block in src.blocks:
        if is_heading(block):
            body.append(f"      <h2>{e(block[0])}</h2>")
        else:
            body.extend(f"      <p>{e(line)}</p>" for line in block)
    page = f"""<!DOCTYPE html>
<html lang="{doc.page_lang}">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>{e(src.title)} | {e(doc.outlet)}</title>
  <meta name="description" content="{e(src.blocks[0][0][:150])}">
  <meta property="og:title" content="{e(src.title)}">
  <link rel="stylesheet" href="/static/css/main.css?v=3.2">
  <script async src="/static/js/counter.js"></script>
  <script>
    window.dataLayer = window.dataLayer || [];
    function track() {{ dataLayer.push(arguments); }}
    track("page_view", {{ section: "society", published: "{doc.date}" }});
  </script>
</head>
<body>
  <div class="cookie-banner">{e(ui["cookies"])} <button>OK</button></div>
  <header class="site-header">
    <div class="logo"><a href="/">{e(doc.outlet)}</a></div>
    <nav class="main-menu">
      <ul>
{menu}
      </ul>
    </nav>
    <form class="search" action="/search/"><input type="search" name="q" placeholder="{e(ui["search"])}"></form>
  </header>
  <div class="breadcrumbs"><a href="/">{e(ui["home"])}</a> / <a href="/2/">{e(ui["section"])}</a></div>
  <main class="content">
    <article class="news-item">
      <h1>{e(src.title)}</h1>
      <div class="meta"><time datetime="{doc.date}">{e(src.byline)}</time></div>
{chr(10).join(body)}
    </article>
    <div class="share">{e(ui["share"])} <a href="#">Facebook</a> <a href="#">WhatsApp</a> <a href="#">Telegram</a></div>
    <aside class="related">
      <h3>{e(ui["related"])}</h3>
      <ul>
{related}
      </ul>
    </aside>
  </main>
  <footer class="site-footer">
    <nav class="footer-menu">{footer_menu}</nav>
    <form class="subscribe"><label>{e(ui["subscribe"])}</label> <input type="email" name="email"></form>
    <p>&copy; {year} {e(doc.outlet)}. {e(ui["copyright"])}</p>
  </footer>
  <script>
    document.querySelectorAll(".share a").forEach(function (a) {{
      a.addEventListener("click", function () {{ track("share", {{ network: a.textContent }}); }});
    }});
  </script>
</body>
</html>
"""
    path.write_text(page, encoding="utf-8", newline="\n")


WRITERS = {".txt": write_txt, ".docx": write_docx, ".odt": write_odt, ".html": write_html}


# --------------------------------------------------------------------------- main


def main() -> int:
    rows = []
    seen: set[str] = set()
    for doc in DOCS:
        if doc.doc_id in seen:
            raise SystemExit(f"duplicate doc_id {doc.doc_id}")
        seen.add(doc.doc_id)
        src = read_source(doc.doc_id)
        out = CORPUS / doc.file
        out.parent.mkdir(parents=True, exist_ok=True)
        WRITERS[out.suffix](doc, src, out)
        rows.append(
            {
                "file": doc.file,
                "doc_id": doc.doc_id,
                "title": src.title,
                "source_type": doc.source_type,
                "outlet": doc.outlet,
                "date": doc.date,
                "language": doc.language,
                "url": doc.url,
                "region": doc.region,
            }
        )
        print(f"wrote corpus/{doc.file}")
    with open(CORPUS / "manifest.csv", "w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=MANIFEST_COLUMNS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    print(f"wrote corpus/manifest.csv ({len(rows)} documents)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
