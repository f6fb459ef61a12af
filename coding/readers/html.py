"""HTML pages: the main text only (no scripts, menus, headers, footers), one paragraph per block."""

from __future__ import annotations

import codecs
import re
from pathlib import Path

from bs4 import BeautifulSoup, NavigableString, Tag

from coding.readers._common import finish, guarded, join_paragraphs, load_bytes
from coding.readers.text import decode_bytes

_DROP = {
    "script", "style", "noscript", "nav", "footer", "aside", "form", "template", "svg", "math",
    "iframe", "button", "select", "textarea", "menu", "head", "title", "object", "embed", "canvas",
    "video", "audio", "map", "dialog",
}  # fmt: skip
_DROP_ROLES = {"navigation", "banner", "contentinfo", "complementary", "menu", "menubar", "search"}
# Exact class/id tokens only: a substring match would also hit "navigator-article" and the like.
_DROP_TOKENS = {"menu", "nav", "navbar", "navigation", "sidebar", "breadcrumb", "breadcrumbs", "skip-link"}
_BLOCKS = {
    "p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "dl", "dt", "dd", "blockquote", "div",
    "td", "th", "tr", "table", "caption", "pre", "figure", "figcaption", "section", "article", "main",
    "header", "address", "hr", "center", "details", "summary", "fieldset", "legend", "body", "html",
}  # fmt: skip
_HIDDEN_STYLE = re.compile(r"display:\s*none|visibility:\s*hidden", re.IGNORECASE)
_HTML_SPACE = re.compile(r"[ \t\n\r\f]+")  # HTML white space; a no-break space is text
_META_CHARSET = re.compile(rb"""<meta[^>]+?charset\s*=\s*["']?\s*([A-Za-z0-9_.:\-]+)""", re.IGNORECASE)
_XML_ENCODING = re.compile(rb"""<\?xml[^>]+encoding\s*=\s*["']([A-Za-z0-9_.\-]+)""", re.IGNORECASE)
# WHATWG: pages labelled Latin-1/ASCII are decoded as windows-1252.
_LABEL_ALIASES = {"latin1": "cp1252", "iso8859-1": "cp1252", "ascii": "cp1252", "us-ascii": "cp1252"}


def _declared_codec(data: bytes) -> str | None:
    """The Python codec of the charset declared in a <meta> or XML declaration, if any is usable."""
    head = data[:4096]
    match = _META_CHARSET.search(head) or _XML_ENCODING.search(head)
    if not match:
        return None
    label = match.group(1).decode("ascii").lower()
    try:
        name = codecs.lookup(_LABEL_ALIASES.get(label, label)).name
    except LookupError:
        return None
    return _LABEL_ALIASES.get(name, name)


def decode_html(data: bytes, path: Path | str | None = None) -> str:
    """Decode an HTML page: BOM, else the declared charset, else detection.

    A page declared in a legacy charset but valid UTF-8 is read as UTF-8: browsers re-save pages
    as UTF-8 and keep the old <meta>.

    Args:
        data: the page's bytes.
        path: the file, for error messages.

    Returns:
        The decoded markup.
    """
    codec = _declared_codec(data)
    if codec is None or data.startswith((codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return decode_bytes(data, path)
    if not codec.startswith("utf-8") and not data.isascii():
        try:
            return data.decode("utf-8")
        except UnicodeDecodeError:
            pass
    try:
        return data.decode(codec)
    except UnicodeDecodeError:
        return decode_bytes(data, path)


def _is_junk(tag: Tag) -> bool:
    """Whether an element is navigation, boilerplate or hidden, and so not main text."""
    name = tag.name
    if name in _DROP:
        return True
    if name == "header" or tag.get("role") == "banner":
        return tag.find_parent(["article", "main"]) is None  # an article's own header holds its title
    if tag.get("role") in _DROP_ROLES or tag.has_attr("hidden") or tag.get("aria-hidden") == "true":
        return True
    if _HIDDEN_STYLE.search(tag.get("style") or ""):
        return True
    tokens = set(tag.get("class") or []) | {tag.get("id") or ""}
    return bool(tokens & _DROP_TOKENS) and name not in ("body", "html", "main", "article")


def _in_junk(tag: Tag) -> bool:
    """Whether the element or one of its ancestors is junk (a teaser <article> inside an <aside>)."""
    return _is_junk(tag) or any(_is_junk(parent) for parent in tag.parents if parent.name != "[document]")


class _Collector:
    """Walks an element tree, cutting a paragraph at every block element."""

    def __init__(self) -> None:
        self.paragraphs: list[str] = []
        self._buffer: list[str] = []

    def flush(self) -> None:
        text = "".join(self._buffer)
        self._buffer = []
        if text.strip():
            self.paragraphs.append(text)

    def walk(self, element: Tag, pre: bool = False) -> None:
        for child in element.children:
            if isinstance(child, NavigableString):
                if type(child) is NavigableString:  # not a comment, doctype or CDATA
                    self._buffer.append(str(child) if pre else _HTML_SPACE.sub(" ", str(child)))
            elif isinstance(child, Tag) and not _is_junk(child):
                if child.name == "br":
                    self._buffer.append("\n")
                elif child.name in _BLOCKS:
                    self.flush()
                    self.walk(child, pre or child.name == "pre")
                    self.flush()
                else:
                    self.walk(child, pre)


def _paragraphs(element: Tag) -> list[str]:
    collector = _Collector()
    collector.walk(element)
    collector.flush()
    return collector.paragraphs


def _size(paragraphs: list[str]) -> int:
    return sum(len(paragraph) for paragraph in paragraphs)


def _main_paragraphs(soup: BeautifulSoup) -> list[str]:
    """Paragraphs of the main content: the article(s), else <main>, else the whole body."""
    main = soup.find("main") or soup.find(attrs={"role": "main"})
    main_text = _paragraphs(main) if isinstance(main, Tag) and not _in_junk(main) else []
    articles = [
        tag for tag in soup.find_all("article") if tag.find_parent("article") is None and not _in_junk(tag)
    ]
    texts = [text for text in (_paragraphs(article) for article in articles) if text]
    if texts:
        longest = max(_size(text) for text in texts)
        # Related-story teasers are short articles too; keep only the substantial ones.
        chosen = [text for text in texts if _size(text) >= longest / 2]
        if _size(main_text) <= 2 * longest:
            return [paragraph for text in chosen for paragraph in text]
    return main_text or _paragraphs(soup.body or soup)


@guarded(".html", "open it in a browser and save it again, or save its text as .txt")
def read_html(path: Path) -> str:
    """Read an .html/.htm file's main text.

    Args:
        path: the file.

    Returns:
        Its text, one paragraph per block element (p, h1-h6, li, td, div with text...), separated
        by a blank line; <br> becomes a line break inside the paragraph.
    """
    soup = BeautifulSoup(decode_html(load_bytes(path), path), "lxml")
    return finish(join_paragraphs(_main_paragraphs(soup)), path)
