"""The analysis cache: what does not depend on the codebook, kept between runs in one SQLite file.

Per document (keyed by the SHA-256 of its bytes, its manifest language and ``versions.document_version()``):
the normalised text, its language, and its paragraphs with their languages and sentence spans. Per word
type and language (with ``versions.analyzer_version``): its lemma candidates. Per document and unit kind
(``unit_words_key``): each unit's words as the matcher cuts them (``matcher.unit_words``). Per document, unit
kind and tone rules (``tone_key``): the tone of its units, which depends on the codebook's tone rules only, so
an edit of the codes does not score the tone again. Re-coding a corpus after a codebook edit then reads the
cache instead of parsing, normalising, detecting, cutting into words and analysing again.

Every document entry carries a BLAKE2 digest of its bytes, checked on each read: a damaged entry, a
truncated or unreadable database file is never trusted, only recomputed (and, for a damaged file, replaced).
One process writes (the one that merges results); worker processes open the file read-only.
The default folder is the user cache folder (``platformdirs``); never the corpus folder.
"""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import zlib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from coding.errors import OutputError
from coding.i18n import _
from coding.records import Document, Lang, Paragraph
from coding.versions import analyzer_version, code_digest, document_version

CACHE_FILE = "analysis.sqlite"
_SCHEMA = """
CREATE TABLE IF NOT EXISTS documents (key TEXT PRIMARY KEY, version TEXT NOT NULL, digest TEXT NOT NULL,
                                      data BLOB NOT NULL) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS words (lang TEXT NOT NULL, word TEXT NOT NULL, version TEXT NOT NULL,
                                  candidates TEXT NOT NULL, PRIMARY KEY (lang, word)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS tones (key TEXT PRIMARY KEY, digest TEXT NOT NULL, data BLOB NOT NULL) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS unit_words (key TEXT PRIMARY KEY, digest TEXT NOT NULL, data BLOB NOT NULL) WITHOUT ROWID;
"""
# A document's tones: (unit number, tone, score, evidence) of its units that are not plainly neutral.
Tones = list[tuple[int, str, int, str]]
# A document's units' words (lower-cased, as ``matcher.unit_words`` cuts them), in unit order; None for a unit
# that mixes languages (it is cut run by run, and cut again from its text).
UnitWordLists = list[list[str] | None]

Analysis = tuple[str, Lang, tuple[Paragraph, ...]]
_QUERY_WORDS = 500  # words looked up in one query: far below SQLite's limit of bound parameters


def default_cache_dir() -> Path:
    """``$CODING_CACHE_DIR``, else the user cache folder of the toolkit (``~/.cache/coding`` on Linux)."""
    if os.environ.get("CODING_CACHE_DIR"):
        return Path(os.environ["CODING_CACHE_DIR"])
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("coding", appauthor=False))


def document_key(sha256: str, manifest_lang: str) -> str:
    """The cache key of a document's analysis."""
    return f"{sha256}:{manifest_lang}:{document_version()}"


def tone_key(sha256: str, manifest_lang: str, unit: str, rules: str) -> str:
    """The cache key of a document's tones: its analysis, the unit kind, the tone rules' fingerprint."""
    return f"{document_key(sha256, manifest_lang)}|{unit}|{rules}"


def unit_words_key(sha256: str, manifest_lang: str, unit: str) -> str:
    """The cache key of a document's units' words: its analysis, the unit kind, and the package's code
    (``versions.code_digest``: the words are what the code's word pattern, lower-casing and transliteration
    make of the units)."""
    return f"{document_key(sha256, manifest_lang)}|{unit}|{code_digest()}"


def encode_unit_words(units: UnitWordLists) -> tuple[str, bytes]:
    """``(digest, data)`` of a document's units' words: one line a unit, its words joined by spaces, "\t" for
    a unit cut run by run (or, should one ever do, whose words hold a space, a tab or a line break)."""
    lines = []
    for words in units:
        line = " ".join(words) if words is not None else "\t"
        if words is not None and (line.count(" ") != len(words) - 1 and words or "\n" in line or "\t" in line):
            line = "\t"
        lines.append(line)
    text = "\n".join(lines)
    data = zlib.compress(text.encode("utf-8"), 1)
    return _digest(data), data


def decode_unit_words(digest: str, data: bytes) -> UnitWordLists | None:
    """A document's units' words, or None when the entry is damaged."""
    if _digest(data) != digest:
        return None
    try:
        lines = zlib.decompress(data).decode("utf-8").split("\n")
    except (zlib.error, UnicodeDecodeError):
        return None
    return [None if line == "\t" else line.split(" ") if line else [] for line in lines]


def encode_tones(tones: Tones) -> tuple[str, bytes]:
    """``(digest, data)`` of a document's tones."""
    data = zlib.compress(json.dumps(tones, ensure_ascii=False, separators=(",", ":")).encode("utf-8"))
    return _digest(data), data


def decode_tones(digest: str, data: bytes) -> Tones | None:
    """A document's tones, or None when the entry is damaged."""
    if _digest(data) != digest:
        return None
    try:
        return [(int(i), str(t), int(score), str(evidence))
                for i, t, score, evidence in json.loads(zlib.decompress(data).decode("utf-8"))]
    except (zlib.error, UnicodeDecodeError, ValueError, TypeError):
        return None


def _digest(data: bytes) -> str:
    return hashlib.blake2b(data, digest_size=16).hexdigest()


def encode_analysis(text: str, lang: str, paragraphs: Iterable[Paragraph]) -> tuple[str, bytes]:
    """(digest, compressed bytes) of a document's analysis."""
    payload = [text, lang, [[p.index, p.start, p.end, p.lang, [list(s) for s in p.sentences], p.script,
                             [list(run) for run in p.runs]] for p in paragraphs]]
    data = zlib.compress(json.dumps(payload, ensure_ascii=False, separators=(",", ":")).encode("utf-8"), 1)
    return _digest(data), data


def decode_analysis(digest: str, data: bytes) -> Analysis | None:
    """The analysis stored as ``data``, or None when it does not match its digest or cannot be decoded."""
    if _digest(data) != digest:
        return None
    try:
        text, lang, paragraphs = json.loads(zlib.decompress(data).decode("utf-8"))
        return text, lang, tuple(Paragraph(i, s, e, pl, tuple((a, b) for a, b in sentences), script,
                                           tuple((a, b, rl, rs) for a, b, rl, rs in runs))
                                 for i, s, e, pl, sentences, script, runs in paragraphs)
    except (zlib.error, UnicodeDecodeError, ValueError, TypeError):
        return None


@dataclass(frozen=True)
class CacheInfo:
    """What ``coding cache info`` prints."""

    path: Path
    bytes: int
    documents: int
    words: int


class AnalysisCache:
    """One cache database. ``readonly`` for worker processes; the writer also drops stale versions."""

    def __init__(self, folder: str | Path, *, readonly: bool = False) -> None:
        self.folder = Path(folder)
        self.path = self.folder / CACHE_FILE
        self.readonly = readonly
        self._db: sqlite3.Connection | None = None
        self.broken = False
        self._open()

    def _open(self) -> None:
        if self.readonly:
            if not self.path.is_file():
                self.broken = True
                return
            try:
                self._db = sqlite3.connect(f"file:{self.path}?mode=ro", uri=True, check_same_thread=False)
                self._db.execute("SELECT 1 FROM documents LIMIT 1").fetchall()
            except sqlite3.DatabaseError:
                self.broken = True
            return
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise OutputError(_("the cache folder '{folder}' cannot be created ({strerror})").format(folder=self.folder,
                                                                                                     strerror=error.strerror),
                              hint=_("choose another with --cache DIR, or add --no-cache")) from None
        try:
            self._db = self._connect()
        except sqlite3.DatabaseError:
            self._replace()

    def _connect(self) -> sqlite3.Connection:
        db = sqlite3.connect(self.path, check_same_thread=False)
        db.execute("PRAGMA journal_mode=WAL")
        db.execute("PRAGMA synchronous=NORMAL")
        db.executescript(_SCHEMA)
        check = db.execute("PRAGMA quick_check(1)").fetchone()
        if not check or check[0] != "ok":
            db.close()
            raise sqlite3.DatabaseError(f"quick_check: {check}")
        db.execute("DELETE FROM documents WHERE version != ?", (document_version(),))
        db.execute("DELETE FROM tones WHERE instr(key, ?) = 0", (f":{document_version()}|",))
        db.execute("DELETE FROM unit_words WHERE instr(key, ?) = 0 OR substr(key, -?) != ?",
                   (f":{document_version()}|", len(code_digest()), code_digest()))
        for lang in ("kk", "ru", "en", "other"):
            db.execute("DELETE FROM words WHERE lang = ? AND version != ?", (lang, analyzer_version(lang)))
        db.commit()
        return db

    def _replace(self) -> None:
        """A damaged database file is moved out of the way and started anew."""
        if self._db is not None:
            self._db.close()
        for suffix in ("", "-wal", "-shm"):
            Path(f"{self.path}{suffix}").unlink(missing_ok=True)
        self._db = self._connect()

    def close(self) -> None:
        if self._db is not None:
            self._db.close()
            self._db = None

    # Reading (any process).

    def document(self, sha256: str, manifest_lang: str) -> Analysis | None:
        """The cached analysis of a document, or None (missing, stale, damaged)."""
        if self._db is None or self.broken:
            return None
        try:
            row = self._db.execute("SELECT digest, data FROM documents WHERE key = ?",
                                   (document_key(sha256, manifest_lang),)).fetchone()
        except sqlite3.DatabaseError:
            self.broken = True
            return None
        return decode_analysis(row[0], row[1]) if row else None

    def tones(self, key: str) -> Tones | None:
        """The cached tones of a document (``tone_key``), or None (missing, damaged)."""
        if self._db is None or self.broken:
            return None
        try:
            row = self._db.execute("SELECT digest, data FROM tones WHERE key = ?", (key,)).fetchone()
        except sqlite3.DatabaseError:
            self.broken = True
            return None
        return decode_tones(row[0], row[1]) if row else None

    def unit_words(self, key: str) -> UnitWordLists | None:
        """The cached words of a document's units (``unit_words_key``), or None (missing, damaged)."""
        if self._db is None or self.broken:
            return None
        try:
            row = self._db.execute("SELECT digest, data FROM unit_words WHERE key = ?", (key,)).fetchone()
        except sqlite3.DatabaseError:
            self.broken = True
            return None
        return decode_unit_words(row[0], row[1]) if row else None

    def words(self, lang: str, word: str) -> tuple[str, ...] | None:
        """The cached lemma candidates of a word, or None."""
        return self.words_many(lang, (word,)).get(word)

    def words_many(self, lang: str, words: Iterable[str]) -> dict[str, tuple[str, ...]]:
        """The cached lemma candidates of those ``words`` that are in the cache (one query per 500 words)."""
        if self._db is None or self.broken:
            return {}
        wanted = list(words)
        found: dict[str, tuple[str, ...]] = {}
        version = analyzer_version(lang)
        try:
            for start in range(0, len(wanted), _QUERY_WORDS):
                chunk = wanted[start:start + _QUERY_WORDS]
                rows = self._db.execute(
                    f"SELECT word, candidates FROM words WHERE lang = ? AND version = ? "
                    f"AND word IN ({','.join('?' * len(chunk))})", (lang, version, *chunk))
                found.update((word, tuple(candidates.split("\t"))) for word, candidates in rows)
        except sqlite3.DatabaseError:
            self.broken = True
            return {}
        return found

    # Writing (the merging process only).

    def store(self, documents: Iterable[tuple[str, str, bytes]],
              words: Mapping[str, Mapping[str, tuple[str, ...]]],
              tones: Iterable[tuple[str, str, bytes]] = (),
              unit_words: Iterable[tuple[str, str, bytes]] = ()) -> None:
        """Add document analyses ``(key, digest, data)``, word analyses ``{lang: {word: candidates}}``,
        documents' tones ``(tone_key, digest, data)`` and their units' words ``(unit_words_key, digest, data)``."""
        if self._db is None or self.readonly:
            return
        version = document_version()
        document_rows = [(key, version, digest, data) for key, digest, data in documents]
        word_rows = [(lang, word, analyzer_version(lang), "\t".join(candidates))
                     for lang, found in words.items() for word, candidates in found.items()]
        tone_rows = list(tones)
        unit_rows = list(unit_words)
        if not document_rows and not word_rows and not tone_rows and not unit_rows:
            return
        for attempt in (1, 2):
            try:
                with self._db:
                    self._db.executemany("INSERT OR REPLACE INTO documents VALUES (?, ?, ?, ?)", document_rows)
                    self._db.executemany("INSERT OR IGNORE INTO words VALUES (?, ?, ?, ?)", word_rows)
                    self._db.executemany("INSERT OR REPLACE INTO tones VALUES (?, ?, ?)", tone_rows)
                    self._db.executemany("INSERT OR REPLACE INTO unit_words VALUES (?, ?, ?)", unit_rows)
                return
            except sqlite3.DatabaseError:
                if attempt == 2:
                    raise
                self._replace()

    def store_document(self, document: Document, manifest_lang: str) -> None:
        """Add one document's analysis."""
        digest, data = encode_analysis(document.text, document.lang, document.paragraphs)
        self.store([(document_key(document.sha256, manifest_lang), digest, data)], {})

    def info(self) -> CacheInfo:
        """Size on disk and entries."""
        size = sum(Path(f"{self.path}{s}").stat().st_size for s in ("", "-wal", "-shm")
                   if Path(f"{self.path}{s}").exists())
        documents = words = 0
        if self._db is not None:
            documents = self._db.execute("SELECT count(*) FROM documents").fetchone()[0]
            words = self._db.execute("SELECT count(*) FROM words").fetchone()[0]
        return CacheInfo(self.path, size, documents, words)

    def clear(self) -> None:
        """Remove every entry and give the space back."""
        if self._db is None:
            return
        with self._db:
            self._db.execute("DELETE FROM documents")
            self._db.execute("DELETE FROM words")
            self._db.execute("DELETE FROM tones")
            self._db.execute("DELETE FROM unit_words")
        self._db.execute("VACUUM")


def describe_cache(folder: str | Path | None = None, *, clear: bool = False) -> CacheInfo:
    """Size and entries of the cache in ``folder`` (default: ``default_cache_dir()``); with ``clear``, as
    they were before emptying it."""
    cache = AnalysisCache(folder or default_cache_dir())
    try:
        info = cache.info()
        if clear:
            cache.clear()
        return info
    finally:
        cache.close()


def check_cache_dir(folder: Path, protected: Iterable[Path]) -> None:
    """Refuse a cache folder inside a protected folder (the corpus)."""
    from coding.exports.atomic import is_inside

    for root in protected:
        root = root.resolve()
        if is_inside(folder, root):
            raise OutputError(_("the cache folder '{folder}' is inside the corpus folder '{root}', which is never "
                              "written to").format(folder=folder, root=root),
                              hint=_("choose a cache folder outside the corpus, or add --no-cache"))
