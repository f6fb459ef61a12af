"""The review state of a run: an SQLite database, ``RUN_DIR/review.sqlite``, beside the machine's results
(which it never touches).

Tables: ``units`` (a snapshot of the run's units: id, document, position, language, text), ``coders``,
``imports`` (file name, SHA-256 of the file, coder, round, time), ``decisions`` (unit, coder, round, code,
0/1), ``tone_decisions``, ``direction_decisions`` (one row per direction chosen) and ``comments``. Each
import is one transaction: a file is stored whole or not at all. A file already imported for a coder
(same SHA-256) is recognised and skipped, so nothing is counted twice.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import pandas as pd

from coding.errors import InputError, OutputError
from coding.i18n import _
from coding.records import Unit

DATABASE = "review.sqlite"
SCHEMA_VERSION = "1"
RESERVED_CODERS: tuple[str, ...] = ("machine", "majority")

SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS units (
    unit_id TEXT PRIMARY KEY, doc_id TEXT NOT NULL, position INTEGER NOT NULL, lang TEXT NOT NULL,
    text TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS units_by_position ON units (position);
CREATE TABLE IF NOT EXISTS coders (
    coder_id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE, added TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS imports (
    import_id INTEGER PRIMARY KEY, file_name TEXT NOT NULL, sha256 TEXT NOT NULL,
    coder_id INTEGER NOT NULL REFERENCES coders (coder_id), round INTEGER NOT NULL CHECK (round >= 1),
    imported_at TEXT NOT NULL, units INTEGER NOT NULL, UNIQUE (sha256, coder_id));
CREATE TABLE IF NOT EXISTS decisions (
    import_id INTEGER NOT NULL REFERENCES imports (import_id), unit_id TEXT NOT NULL REFERENCES units (unit_id),
    coder_id INTEGER NOT NULL REFERENCES coders (coder_id), round INTEGER NOT NULL, code TEXT NOT NULL,
    value INTEGER NOT NULL CHECK (value IN (0, 1)), PRIMARY KEY (unit_id, coder_id, round, code));
CREATE TABLE IF NOT EXISTS tone_decisions (
    import_id INTEGER NOT NULL REFERENCES imports (import_id), unit_id TEXT NOT NULL REFERENCES units (unit_id),
    coder_id INTEGER NOT NULL REFERENCES coders (coder_id), round INTEGER NOT NULL, tone TEXT NOT NULL,
    PRIMARY KEY (unit_id, coder_id, round));
CREATE TABLE IF NOT EXISTS direction_decisions (
    import_id INTEGER NOT NULL REFERENCES imports (import_id), unit_id TEXT NOT NULL REFERENCES units (unit_id),
    coder_id INTEGER NOT NULL REFERENCES coders (coder_id), round INTEGER NOT NULL, direction TEXT NOT NULL,
    PRIMARY KEY (unit_id, coder_id, round, direction));
CREATE TABLE IF NOT EXISTS comments (
    import_id INTEGER NOT NULL REFERENCES imports (import_id), unit_id TEXT NOT NULL REFERENCES units (unit_id),
    coder_id INTEGER NOT NULL REFERENCES coders (coder_id), round INTEGER NOT NULL, comment TEXT NOT NULL,
    PRIMARY KEY (unit_id, coder_id, round));
"""


@dataclass(frozen=True)
class UnitDecision:
    """One coder's decisions on one unit from one sheet row: codes (0/1; absent = not decided), tone,
    directions (empty = not decided; ``("unspecified",)`` = none applies) and a comment."""

    unit_id: str
    codes: dict[str, int] = field(default_factory=dict, hash=False)
    tone: str = ""
    directions: tuple[str, ...] = ()
    comment: str = ""


@dataclass(frozen=True)
class PastImport:
    """An import already stored."""

    file_name: str
    coder: str
    round: int
    imported_at: str

# Rounds are numbered from 1; SQLite holds at most 2**63 - 1, and nobody reviews a million times.
MAX_ROUND = 1_000_000


def check_round(round: int | None) -> None:
    """Refuse a review round outside 1..MAX_ROUND (raises InputError)."""
    if round is not None and not 1 <= round <= MAX_ROUND:
        raise InputError(_("round {round} is not a round").format(round=round),
                         hint=_("rounds are numbered from 1 to {MAX_ROUND:,}").format(MAX_ROUND=MAX_ROUND))



def check_coder(name: str) -> str:
    """A coder's name, stripped; raises InputError for an empty, reserved or comma-holding name."""
    cleaned = " ".join(name.split())
    if not cleaned or cleaned.lower() in RESERVED_CODERS or "," in cleaned:
        raise InputError(_("'{name}' cannot be a coder's name").format(name=name),
                         hint=_("give a name without commas, other than 'machine' and 'majority', "
                                "e.g. --coder aigerim"))
    return cleaned


class ReviewStore:
    """``review.sqlite`` of one run. Open with ``ReviewStore.open(run_dir, fingerprint)``; close when done."""

    def __init__(self, path: Path) -> None:
        self.path = path
        try:
            self.db = sqlite3.connect(path, isolation_level=None, timeout=30)
            self.db.execute("PRAGMA foreign_keys = ON")
            self.db.executescript(SCHEMA)
        except sqlite3.Error as error:
            raise OutputError(_("cannot open the review database ({error})").format(error=error), path=path,
                              hint=_("check that the run folder is writable and the file is not damaged")) from None

    @classmethod
    def open(cls, run_dir: str | Path, fingerprint: str) -> ReviewStore:
        """Open (or create) the run's review database; refuses one made for other units.

        Raises:
            InputError: the database belongs to a run with other documents or another unit kind.
        """
        store = cls(Path(run_dir) / DATABASE)
        found = store.meta("fingerprint")
        if found is None:
            store.set_meta({"fingerprint": fingerprint, "schema_version": SCHEMA_VERSION})
        elif found != fingerprint:
            store.close()
            raise InputError(_("the review decisions in this folder were made on other units (the corpus or the "
                             "unit kind changed since)"), path=store.path,
                             hint=_("code into a new --out folder to start a new review, or move review.sqlite away"))
        return store

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> ReviewStore:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    def meta(self, key: str) -> str | None:
        row = self.db.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return row[0] if row else None

    def set_meta(self, values: dict[str, str]) -> None:
        with self._transaction():
            self.db.executemany("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)", values.items())

    def _transaction(self) -> _Transaction:
        return _Transaction(self.db)

    def has_units(self) -> bool:
        return self.db.execute("SELECT 1 FROM units LIMIT 1").fetchone() is not None

    def save_units(self, units: Iterable[Unit]) -> None:
        """Keep the run's units (ids and texts, position in text order), so imports can be checked without
        reloading the corpus. ``units`` may be a generator: they are stored as they come, in one
        transaction, and nothing is kept when it raises."""
        with self._transaction():
            self.db.executemany(
                "INSERT OR IGNORE INTO units (unit_id, doc_id, position, lang, text) VALUES (?, ?, ?, ?, ?)",
                ((u.unit_id, u.doc_id, i, u.lang, u.text) for i, u in enumerate(units)))

    def unit_count(self) -> int:
        """How many units the review knows (the run's units, coded or not)."""
        return int(self.db.execute("SELECT COUNT(*) FROM units").fetchone()[0])

    def positions(self, unit_ids: Sequence[str]) -> dict[str, int]:
        """The position in text order of each of these units that the review knows."""
        found: dict[str, int] = {}
        for start in range(0, len(unit_ids), _BATCH):
            batch = list(unit_ids[start:start + _BATCH])
            marks = ",".join("?" * len(batch))
            found.update(self.db.execute(f"SELECT unit_id, position FROM units WHERE unit_id IN ({marks})", batch))
        return found

    def units_at(self, positions: Sequence[int]) -> dict[int, tuple[str, str]]:
        """(unit_id, doc_id) of the units at these positions."""
        found: dict[int, tuple[str, str]] = {}
        for start in range(0, len(positions), _BATCH):
            batch = list(positions[start:start + _BATCH])
            marks = ",".join("?" * len(batch))
            for position, unit_id, doc_id in self.db.execute(
                    f"SELECT position, unit_id, doc_id FROM units WHERE position IN ({marks})", batch):
                found[position] = (unit_id, doc_id)
        return found

    def unit_texts(self) -> Mapping[str, str]:
        """Every unit's text by id, read from the database when asked for (in corpus order when iterated),
        so a run of any size is checked without holding its texts."""
        return _UnitTexts(self.db)

    def coders(self) -> list[str]:
        """The coders with at least one import, in the order they were added."""
        return [r[0] for r in self.db.execute(
            "SELECT name FROM coders WHERE coder_id IN (SELECT coder_id FROM imports) ORDER BY coder_id")]

    def chosen_coders(self, coders: Sequence[str] | None) -> list[str]:
        """The coders asked for (all with imports when None), each checked to exist in this review."""
        known = self.coders()
        for name in coders or ():
            if name not in known:
                raise InputError(_("there is no coder '{name}' in this run's review").format(name=name),
                                 hint=_("coders with imports: {value}").format(value=', '.join(known) or 'none yet'))
        return list(known if coders is None else coders)

    def next_round(self, coder: str) -> int:
        """The round after the coder's last one (1 for a new coder)."""
        row = self.db.execute("SELECT MAX(i.round) FROM imports i JOIN coders c USING (coder_id) WHERE c.name = ?",
                              (coder,)).fetchone()
        return (row[0] or 0) + 1

    def find_import(self, sha256: str, coder: str) -> PastImport | None:
        """The earlier import of the same file (same SHA-256) for this coder, if any."""
        row = self.db.execute(
            "SELECT i.file_name, c.name, i.round, i.imported_at FROM imports i JOIN coders c USING (coder_id) "
            "WHERE i.sha256 = ? AND c.name = ?", (sha256, coder)).fetchone()
        return PastImport(*row) if row else None

    def imports(self) -> list[PastImport]:
        """Every import, oldest first."""
        return [PastImport(*row) for row in self.db.execute(
            "SELECT i.file_name, c.name, i.round, i.imported_at FROM imports i JOIN coders c USING (coder_id) "
            "ORDER BY i.import_id")]

    def add_import(self, *, file_name: str, sha256: str, coder: str, round: int,
                   decisions: Iterable[UnitDecision]) -> int:
        """Store one file's decisions in one transaction; returns the import's id.

        Raises:
            InputError: the coder already has decisions on some of these units in this round.
            OutputError: the database refused the write; nothing of this file was stored.
        """
        decisions = list(decisions)
        try:
            with self._transaction():
                row = self.db.execute("SELECT coder_id FROM coders WHERE name = ?", (coder,)).fetchone()
                if row is None:
                    row = (self.db.execute("INSERT INTO coders (name, added) VALUES (?, ?)",
                                           (coder, _now())).lastrowid,)
                coder_id = row[0]
                earlier = {r[0] for r in self.db.execute(
                    "SELECT unit_id FROM decisions WHERE coder_id = ?1 AND round = ?2 UNION "
                    "SELECT unit_id FROM tone_decisions WHERE coder_id = ?1 AND round = ?2 UNION "
                    "SELECT unit_id FROM direction_decisions WHERE coder_id = ?1 AND round = ?2", (coder_id, round))}
                taken = len(earlier & {d.unit_id for d in decisions})
                if taken:
                    raise InputError(_("coder '{coder}' already has decisions on {taken} of these units in round "
                                     "{round}").format(coder=coder, taken=taken, round=round), path=file_name,
                                     hint=_("import it as a new round (leave out --round) to keep both"))
                import_id = self.db.execute(
                    "INSERT INTO imports (file_name, sha256, coder_id, round, imported_at, units) "
                    "VALUES (?, ?, ?, ?, ?, ?)", (file_name, sha256, coder_id, round, _now(), len(decisions))).lastrowid
                key = (import_id, coder_id, round)
                self.db.executemany(
                    "INSERT INTO decisions (import_id, coder_id, round, unit_id, code, value) "
                    "VALUES (?, ?, ?, ?, ?, ?)",
                    ((*key, d.unit_id, code, value) for d in decisions for code, value in d.codes.items()))
                self.db.executemany(
                    "INSERT INTO tone_decisions (import_id, coder_id, round, unit_id, tone) VALUES (?, ?, ?, ?, ?)",
                    ((*key, d.unit_id, d.tone) for d in decisions if d.tone))
                self.db.executemany(
                    "INSERT INTO direction_decisions (import_id, coder_id, round, unit_id, direction) "
                    "VALUES (?, ?, ?, ?, ?)",
                    ((*key, d.unit_id, direction) for d in decisions for direction in dict.fromkeys(d.directions)))
                self.db.executemany(
                    "INSERT INTO comments (import_id, coder_id, round, unit_id, comment) VALUES (?, ?, ?, ?, ?)",
                    ((*key, d.unit_id, d.comment) for d in decisions if d.comment))
                return import_id
        except sqlite3.Error as error:
            raise OutputError(_("could not store the decisions ({error}); nothing of this file was stored")
                              .format(error=error),
                              path=file_name,
                              hint=_("check that the run folder is writable, then import again")) from None

    def _latest(self, table: str, columns: str, coders: Sequence[str] | None, round: int | None) -> pd.DataFrame:
        """Rows of a decision table from each coder's latest round on each unit (or from ``round``)."""
        where, params = "", []
        if coders is not None:
            where = f" AND c.name IN ({','.join('?' * len(coders))})"
            params = list(coders)
        if round is not None:
            pick = "t.round = ?"
            params.append(round)
        else:
            pick = (f"t.round = (SELECT MAX(x.round) FROM {table} x WHERE x.unit_id = t.unit_id "
                    "AND x.coder_id = t.coder_id)")
        query = (f"SELECT t.unit_id, c.name AS coder, {columns} FROM {table} t JOIN coders c USING (coder_id) "
                 f"JOIN units u USING (unit_id) WHERE {pick}{where} ORDER BY u.position, c.coder_id")
        return pd.read_sql_query(query, self.db, params=params)

    def code_decisions(self, coders: Sequence[str] | None = None, round: int | None = None) -> pd.DataFrame:
        """Columns unit_id, coder, code, value: each coder's latest decisions (or those of ``round``)."""
        return self._latest("decisions", "t.code, t.value", coders, round)

    def tone_decisions(self, coders: Sequence[str] | None = None, round: int | None = None) -> pd.DataFrame:
        """Columns unit_id, coder, tone."""
        return self._latest("tone_decisions", "t.tone", coders, round)

    def direction_decisions(self, coders: Sequence[str] | None = None, round: int | None = None) -> pd.DataFrame:
        """Columns unit_id, coder, direction (one row per direction chosen)."""
        return self._latest("direction_decisions", "t.direction", coders, round)


_BATCH = 500  # ids per query: below SQLite's limit of bound parameters


class _UnitTexts(Mapping[str, str]):
    """The ``units`` table as a read-only mapping unit_id → text."""

    def __init__(self, db: sqlite3.Connection) -> None:
        self.db = db

    def __getitem__(self, unit_id: str) -> str:
        row = self.db.execute("SELECT text FROM units WHERE unit_id = ?", (unit_id,)).fetchone()
        if row is None:
            raise KeyError(unit_id)
        return row[0]

    def __contains__(self, unit_id: object) -> bool:
        return self.db.execute("SELECT 1 FROM units WHERE unit_id = ?", (unit_id,)).fetchone() is not None

    def __iter__(self) -> Iterator[str]:
        return (row[0] for row in self.db.execute("SELECT unit_id FROM units ORDER BY position"))

    def __len__(self) -> int:
        return int(self.db.execute("SELECT COUNT(*) FROM units").fetchone()[0])


class _Transaction:
    """BEGIN IMMEDIATE … COMMIT, or ROLLBACK when the block raises: an import is stored whole or not at all."""

    def __init__(self, db: sqlite3.Connection) -> None:
        self.db = db

    def __enter__(self) -> None:
        self.db.execute("BEGIN IMMEDIATE")

    def __exit__(self, kind: type[BaseException] | None, *_: object) -> None:
        self.db.execute("COMMIT" if kind is None else "ROLLBACK")


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")
