"""Tone lexicons beyond the codebook's own lists: qaznltk's Kazakh word lists, and lexicon files.

- ``tone: {lexicon: qaznltk}`` merges the positive (253) and negative (243) Kazakh words that the MIT
  ``qaznltk`` package ships; they were made for general sentiment (reviews, news), not for this domain.
- ``tone: {lexicon_file: PATH}`` reads a word list with a polarity per word. Recognised layouts:
  SezimEmoLex (``word;...;sentiment;...``, sentiment -1/0/1), RuSentiLex (``word, POS, lemma, sentiment,
  source``), LINIS Crowd (``"Words";"mean";...``, mean in [-2, 2]) and a plain two-column CSV/TSV
  ``term,polarity`` with ``positive``/``negative`` or a signed number. The language is given by the
  file's letters (``kk`` when it holds Kazakh letters, else ``ru``/``en``) or by a ``lang`` column.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

from coding.errors import CodebookError
from coding.i18n import _
from coding.language import KAZAKH_LETTERS

Polar = dict[str, dict[str, list[str]]]  # polarity -> lang -> words


def qaznltk_words() -> Polar:
    """The Kazakh positive and negative words shipped by the ``qaznltk`` package."""
    try:
        import qaznltk
    except ImportError:
        raise CodebookError(_("the tone lexicon 'qaznltk' needs the qaznltk package"),
                            hint=_("install it with: pip install qaznltk")) from None
    base = Path(qaznltk.__file__).parent / "special_words"
    words: Polar = {}
    for polarity in ("positive", "negative"):
        text = (base / f"{polarity}_words.txt").read_text(encoding="utf-8")
        words[polarity] = {"kk": [w.strip() for w in text.splitlines() if w.strip()]}
    return words


def _polarity(value: str) -> str | None:
    value = value.strip().lower()
    if value in ("positive", "pos", "+"):
        return "positive"
    if value in ("negative", "neg", "-"):
        return "negative"
    try:
        number = float(value.replace(",", "."))
    except ValueError:
        return None
    return "positive" if number > 0 else "negative" if number < 0 else None


def _file_language(words: list[str]) -> str:
    """kk when a tenth of the Cyrillic words show Kazakh letters (many Kazakh words have none), else ru."""
    cyrillic = [w for w in words if not w.isascii()]
    kazakh = sum(1 for w in cyrillic if KAZAKH_LETTERS.intersection(w))
    return "kk" if cyrillic and kazakh >= len(cyrillic) / 10 else "ru"


def read_lexicon_file(path: str | Path, default_lang: str | None = None) -> Polar:
    """Read a polarity lexicon file (see the module's docstring for the layouts)."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as error:
        raise CodebookError(_("cannot read the tone lexicon file ({error})").format(error=error), path=path,
                            hint=_("give a UTF-8 text file")) from None
    lines = [line for line in text.splitlines() if line.strip() and not line.startswith("!")]
    if not lines:
        raise CodebookError(_("the tone lexicon file is empty"), path=path)
    header = lines[0].lower()
    delimiter = ";" if header.count(";") > header.count(",") else "\t" if "\t" in header else ","
    rows = list(csv.reader(io.StringIO("\n".join(lines)), delimiter=delimiter, skipinitialspace=True))
    names = [c.strip().strip('"').lower() for c in rows[0]]
    words: Polar = {"positive": {}, "negative": {}}
    cyrillic_lang = default_lang or _file_language([row[0].strip().strip('"').lower() for row in rows if row])

    def add(word: str, polarity: str | None, lang: str | None = None) -> None:
        word = word.strip().strip('"').lower()
        if polarity and word:
            lang = lang or default_lang or ("en" if word.isascii() else cyrillic_lang)
            words[polarity].setdefault(lang, []).append(word)

    if "sentiment" in names and "word" in names:  # SezimEmoLex
        w, s = names.index("word"), names.index("sentiment")
        for row in rows[1:]:
            if len(row) > max(w, s):
                add(row[w], _polarity(row[s]))
    elif "words" in names and "mean" in names:  # LINIS Crowd
        w, s = names.index("words"), names.index("mean")
        for row in rows[1:]:
            if len(row) > max(w, s):
                mean = _polarity(row[s])
                add(row[w], mean if mean and abs(float(row[s].replace(",", "."))) >= 1 else None)
    elif len(names) >= 4 and _polarity(names[3]) is not None or header.endswith(("positive", "negative")):
        for row in rows:  # RuSentiLex: word, POS, lemma, sentiment, source (no header)
            if len(row) >= 4:
                add(row[2] or row[0], _polarity(row[3]))
    else:
        lang_col = names.index("lang") if "lang" in names else None
        start = 1 if _polarity(rows[0][-1]) is None else 0
        for row in rows[start:]:
            if len(row) >= 2:
                add(row[0], _polarity(row[1]), row[lang_col] if lang_col is not None and lang_col < len(row) else None)
    if not any(words.values()):
        raise CodebookError(_("no polar word found in the tone lexicon file"), path=path,
                            hint=_("use two columns: term,polarity (positive/negative or a signed number)"))
    return words
