"""Regression tests of issue 16: bad input never crashes, hangs, eats memory or leaks into outputs.

Each test is named for the failure it guards against; the CLI tests assert one ``Error:`` line, exit status
2 and no traceback.
"""

from __future__ import annotations

import csv
import json
import os
from pathlib import Path

import pytest

from coding.cli import cli

TANGUT = "\U00017000"


def _one_error_line(result) -> str:
    """The CLI's single error line (and no traceback), for failing commands."""
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output and result.exception is None or isinstance(result.exception,
                                                                                          SystemExit)
    lines = result.stderr.splitlines()
    assert lines and lines[0].startswith("Error: "), result.stderr
    return lines[0]


# --- No traceback, ever ---------------------------------------------------------------------------------

def test_tangut_letter_in_russian_text_keys_to_itself(runner, small_corpus: Path, codebook_file: Path,
                                                      tmp_path: Path) -> None:
    from coding.lemmas import lemma_candidates, lemma_key

    assert lemma_key(f"{TANGUT}людьми", "ru") == f"{TANGUT}людьми"
    assert lemma_candidates("торговли", "ru") == ("торговля",)
    with (small_corpus / "media" / "ru1.txt").open("a", encoding="utf-8") as handle:
        handle.write(f"\nТорговля {TANGUT}детьми и {TANGUT} остаются проблемой в стране.\n")
    result = runner.invoke(cli, ["code", str(small_corpus), "--codebook", str(codebook_file),
                                 "--out", str(tmp_path / "run"), "--jobs", "1", "--no-cache"])
    assert result.exit_code == 0, result.output
    result = runner.invoke(cli, ["kwic", str(small_corpus), "торговля", "--lang", "ru", "--no-cache"])
    assert result.exit_code == 0 and f"{TANGUT}детьми" in result.output
    result = runner.invoke(cli, ["explain", f"{TANGUT}", "--lang", "ru"])
    assert result.exit_code == 0 and f"key: {TANGUT}" in result.output


def test_file_name_not_utf8_is_escaped_in_every_output(runner, small_corpus: Path, codebook_file: Path,
                                                       tmp_path: Path) -> None:
    (small_corpus / "manifest.csv").unlink()
    name = os.fsdecode(b"\x8f\xe0\xa8\xac\xa5\xe0.txt")  # cp866 bytes, as a Windows zip leaves them
    try:
        (small_corpus / name).write_text("Торговля детьми остаётся проблемой в стране.\n", encoding="utf-8")
    except (OSError, UnicodeError):
        pytest.skip("this file system refuses names that are not UTF-8")
    out = tmp_path / "run"
    result = runner.invoke(cli, ["code", str(small_corpus), "--codebook", str(codebook_file), "--out", str(out),
                                 "--jobs", "1", "--no-cache", "--xlsx", str(tmp_path / "r.xlsx")])
    assert result.exit_code == 0, result.output
    with (out / "documents.csv").open(encoding="utf-8-sig") as handle:
        ids = {row["doc_id"] for row in csv.DictReader(handle)}
    assert "\\x8f\u0a2c\\xa5\\xe0" in ids
    assert json.dumps("\\x8f\u0a2c\\xa5\\xe0.txt", ensure_ascii=False) in (out / "run.json").read_text("utf-8")
    info = runner.invoke(cli, ["corpus", "info", str(small_corpus), "--json"])
    assert info.exit_code == 0, info.output
    assert "\\x8f\u0a2c\\xa5\\xe0.txt" in {d["file"] for d in json.loads(info.stdout)["documents"]}
    for command in (["export", str(out), "--qdpx", str(tmp_path / "p.qdpx")],
                    ["review", "export", str(out), "--out", str(tmp_path / "review.xlsx")]):
        result = runner.invoke(cli, command)
        assert result.exit_code == 0, result.output
