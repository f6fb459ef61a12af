"""Plain text and Markdown: encoding detection for real Kazakh/Russian/English files."""

from __future__ import annotations

import codecs
import math
import re
from pathlib import Path

from charset_normalizer import from_bytes

from coding.errors import ReaderError
from coding.i18n import _
from coding.readers._common import finish, guarded, join_paragraphs, load_bytes, sniff

# Single-byte encodings tried when the file is not UTF-8/UTF-16, in order of preference on a tie.
# KZ-1048 differs from cp1251 only where cp1251 has Serbian/Ukrainian letters, so it wins only
# when those bytes read as Kazakh letters; cp1252 catches English/French text with accents.
SINGLE_BYTE = ("cp1251", "koi8_r", "kz1048", "cp1252")

# Letter frequencies of Russian (and the Kazakh-only letters), as fractions of all letters.
_FREQ = {
    "о": 0.1097, "е": 0.0845, "а": 0.0801, "и": 0.0735, "н": 0.0670, "т": 0.0626, "с": 0.0547,
    "р": 0.0473, "в": 0.0454, "л": 0.0440, "к": 0.0349, "м": 0.0321, "д": 0.0298, "п": 0.0281,
    "у": 0.0262, "я": 0.0201, "ы": 0.0190, "ь": 0.0174, "г": 0.0170, "з": 0.0165, "б": 0.0159,
    "ч": 0.0144, "й": 0.0121, "х": 0.0097, "ж": 0.0094, "ш": 0.0073, "ю": 0.0064, "ц": 0.0048,
    "щ": 0.0036, "э": 0.0032, "ф": 0.0026, "ъ": 0.0004, "ё": 0.0020,
    "і": 0.0300, "қ": 0.0250, "ә": 0.0200, "ң": 0.0150, "ғ": 0.0120, "ұ": 0.0120, "ү": 0.0100,
    "ө": 0.0080, "һ": 0.0005,
}  # fmt: skip
_LOG_FREQ = {letter: math.log(freq) for letter, freq in _FREQ.items()}
_PUNCT = set("«»„“”‘’‚—–…•№°§\xa0\xad‐‑·×±©®™€‹›")
_WORD = re.compile(r"[^\W\d_]+")
_LATIN = re.compile(r"[A-Za-z]")
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
# Below this mean score per non-ASCII character (or with over 20% symbols among them) no
# Cyrillic/Latin reading is plausible.
_IMPLAUSIBLE = -7.0
_SAMPLE = 100_000


def _char_score(char: str) -> float:
    """Log-likelihood-like score of one non-ASCII character appearing in kk/ru/en text."""
    lower = char.lower()
    if lower in _LOG_FREQ:
        return _LOG_FREQ[lower]
    if char in _PUNCT:
        return -3.0
    if char.isalpha():
        if _CYRILLIC.match(char):
            return -8.0  # Serbian/Ukrainian/Belarusian letters: what mis-decoded bytes look like
        return -6.0 if char <= "\u017f" else -9.0  # Latin-1/Latin Extended-A vs anything else
    return -10.0  # box drawing, maths, control characters


def plausibility(text: str) -> float:
    """Score how much ``text`` looks like real Kazakh/Russian/English text; higher is better.

    Only non-ASCII characters count (every candidate encoding decodes ASCII alike): letter
    frequencies, plus penalties for words mixing Latin and Cyrillic or with impossible case
    (``тНПЦНБКЪ`` is how cp1251 Russian looks when read as KOI8-R).

    Args:
        text: decoded text.

    Returns:
        A sum of per-character and per-word scores (0 for pure ASCII).
    """
    score = sum(_char_score(char) for char in text if ord(char) >= 0x80)
    for word in _WORD.findall(text):
        if word.isascii():
            continue
        if _LATIN.search(word) and _CYRILLIC.search(word):
            score -= 6.0
        if not (word.islower() or word.isupper() or word.istitle()):
            score -= 6.0
    return score


def _cp1251_fallback(error: UnicodeError) -> tuple[str, int]:
    # A mostly-UTF-8 file with a few cp1251 bytes (pasted text) keeps those words readable.
    assert isinstance(error, UnicodeDecodeError)
    return error.object[error.start : error.end].decode("cp1251", errors="replace"), error.end


codecs.register_error("coding-readers-cp1251", _cp1251_fallback)


def _undecodable(path: Path | str | None, why: str) -> ReaderError:
    return ReaderError(
        _("is not readable text ({why})").format(why=why),
        path=path,
        hint=_("open it in a text editor and save it as UTF-8, or give it the right extension"),
    )


def _bom(data: bytes, path: Path | str | None) -> str | None:
    """Decode data that starts with a byte-order mark; None when there is none."""
    for bom, codec in (
        (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF32_LE, "utf-32"),
        (codecs.BOM_UTF32_BE, "utf-32"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if data.startswith(bom):
            try:
                return data.decode(codec)
            except UnicodeDecodeError as exc:
                raise _undecodable(path, _("it starts like {codec} but is not: {exc}").format(codec=codec.upper(),
                                                                                              exc=exc)) from exc
    return None


def _utf16_without_bom(data: bytes) -> str | None:
    """Recognise BOM-less UTF-16: one byte of each pair is nearly always 0x00 (Latin) or 0x04 (Cyrillic)."""
    if len(data) % 2:
        return None
    pairs = len(data) // 2
    for codec, high, low in (("utf-16-le", data[1::2], data[0::2]), ("utf-16-be", data[0::2], data[1::2])):
        if not high.count(0) or low.count(0) > 0.05 * pairs or high.count(0) + high.count(4) < 0.9 * pairs:
            continue
        try:
            text = data.decode(codec)
        except UnicodeDecodeError:
            continue
        if not re.search(r"[\x00-\x08\x0e-\x1f]", text):
            return text
    return None


def _mostly_utf8(data: bytes) -> str | None:
    """Decode UTF-8 with a few invalid bytes (read as cp1251); None when it is not mostly UTF-8."""
    replaced = data.decode("utf-8", errors="replace")
    bad = replaced.count("\ufffd") - data.count("\ufffd".encode())
    good = len(replaced) - len(replaced.encode("ascii", errors="ignore")) - bad
    if good >= 2 * bad and good >= 3:
        return data.decode("utf-8", errors="coding-readers-cp1251")
    return None


def decode_bytes(data: bytes, path: Path | str | None = None) -> str:
    """Decode a text file's bytes, detecting the encoding.

    Order: byte-order mark; BOM-less UTF-16 (NUL-byte pattern); strict UTF-8 (nearly-valid UTF-8
    is accepted too); then the best-scoring of cp1251, KOI8-R, KZ-1048 and cp1252; charset-normalizer
    only when none of those reads plausibly.

    Args:
        data: the raw bytes.
        path: the file they came from, for error messages.

    Returns:
        The decoded text, without a BOM; line endings untouched.

    Raises:
        ReaderError: binary data or an encoding that cannot be worked out.
    """
    text = _bom(data, path)
    if text is not None:
        return text
    if b"\x00" in data:
        text = _utf16_without_bom(data)
        if text is not None:
            return text
        real = sniff(data)
        why = (_("it looks like a {real} file").format(real=real) if real in (".pdf", ".rtf")
               else _("it contains binary data"))
        raise _undecodable(path, why)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    text = _mostly_utf8(data)
    if text is not None:
        return text
    data = data.rstrip(b"\x1a")  # DOS end-of-file marker
    controls = len(re.findall(rb"[\x01-\x08\x0e-\x1a\x1c-\x1f]", data))
    if controls > 0.01 * len(data):
        raise _undecodable(path, _("it contains binary data"))
    text = _mixed_lines(data)
    if text is not None:
        return text
    return _single_byte(data, path)


def _mixed_lines(data: bytes) -> str | None:
    """Decode a file whose lines are in two encodings (a UTF-8 paragraph pasted into a cp1251 file): each
    line that is valid UTF-8 with letters beyond ASCII as UTF-8, the others in the single-byte encoding
    that reads them best. None when no line is such UTF-8 (the file has one encoding)."""
    lines = data.split(b"\n")
    utf8: dict[int, str] = {}
    for index, line in enumerate(lines):
        if not line.isascii():
            try:
                utf8[index] = line.decode("utf-8")
            except UnicodeDecodeError:
                continue
    if not utf8:
        return None
    rest = [index for index in range(len(lines)) if index not in utf8]
    decoded = _single_byte(b"\n".join(lines[index] for index in rest), None).split("\n")
    utf8.update(zip(rest, decoded, strict=True))
    return "\n".join(utf8[index] for index in range(len(lines)))


def _single_byte(data: bytes, path: Path | str | None) -> str:
    """The single-byte encoding (or charset-normalizer's guess) that reads ``data`` most plausibly."""
    best, best_score, sample = None, -math.inf, ""
    for codec in SINGLE_BYTE:
        try:
            candidate = data.decode(codec)
        except UnicodeDecodeError:
            continue
        score = plausibility(candidate[:_SAMPLE])  # the start is enough to tell, and keeps big files fast
        if score > best_score:
            best, best_score, sample = candidate, score, candidate[:_SAMPLE]
    if best is not None:
        high = [char for char in sample if ord(char) >= 0x80]
        junk = sum(1 for char in high if _char_score(char) <= -9)
        if best_score >= _IMPLAUSIBLE * len(high) and junk <= 0.2 * len(high):
            return best
    guess = from_bytes(data).best()
    if guess is not None:
        return str(guess)
    raise _undecodable(path, _("its encoding could not be worked out"))


_HEADING = re.compile(r"^ {0,3}(#{1,6})(?:[ \t]+|$)(.*?)(?:[ \t]+#+)?[ \t]*$")
_LIST_ITEM = re.compile(r"^ {0,3}(?:[-*+]|\d{1,9}[.)])[ \t]+\S")
_RULE = re.compile(r"^ {0,3}(?:(?:-[ \t]*){3,}|(?:\*[ \t]*){3,}|(?:_[ \t]*){3,}|=+)[ \t]*$")
_FENCE = re.compile(r"^ {0,3}(```|~~~)")


def _plain_paragraphs(text: str) -> list[str]:
    """Blank lines separate paragraphs; a file with no blank line has one paragraph per line (Word's
    plain-text export), unless its lines look like hard-wrapped prose (see coding.normalize)."""
    from coding.normalize import split_raw_paragraphs

    return split_raw_paragraphs(text)


def _markdown_paragraphs(text: str) -> list[str]:
    """Markdown blocks: blank lines separate paragraphs; headings (without '#') and list items stand alone."""
    paragraphs: list[str] = []
    current: list[str] = []
    fenced = False

    def flush() -> None:
        if current:
            paragraphs.append("\n".join(current))
            current.clear()

    for line in text.split("\n"):
        if _FENCE.match(line):
            fenced = not fenced
            flush()
            continue
        if fenced:
            current.append(line)
            continue
        heading = _HEADING.match(line)
        if heading:
            flush()
            paragraphs.append(heading.group(2))
        elif not line.strip() or _RULE.match(line):
            flush()
        else:
            if _LIST_ITEM.match(line):
                flush()
            current.append(line)
    flush()
    return paragraphs


@guarded(".txt", "open it in a text editor and save it again as UTF-8 text")
def read_text(path: Path) -> str:
    """Read a .txt or .md file.

    Args:
        path: the file.

    Returns:
        Its text, "\\r\\n" turned into "\\n", paragraphs separated by one blank line.
    """
    text = decode_bytes(load_bytes(path), path)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if path.suffix.lower() == ".md":
        paragraphs = _markdown_paragraphs(text)
    else:
        paragraphs = _plain_paragraphs(text)
    return finish(join_paragraphs(paragraphs), path)
