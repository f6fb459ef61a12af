from __future__ import annotations

import json
from pathlib import Path

from coding import __version__
from coding.cli import cli
from tests.conftest import REPO


def test_version(runner) -> None:
    result = runner.invoke(cli, ["--version"])
    assert result.exit_code == 0 and result.output == f"coding, version {__version__}\n"


def test_corpus_info_json(runner, small_corpus: Path) -> None:
    result = runner.invoke(cli, ["corpus", "info", str(small_corpus), "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    docs = {d["doc_id"]: d for d in data["documents"]}
    assert docs["k1"]["language"] == "kk" and docs["k1"]["paragraphs"] == 3 and docs["k1"]["sentences"] == 4
    assert docs["r1"]["words"] == 18
    assert {row["source_type"] for row in data["by_source_type"]} == {"media", "official", "all"}


def test_corpus_info_table(runner, small_corpus: Path) -> None:
    result = runner.invoke(cli, ["corpus", "info", str(small_corpus)])
    assert result.exit_code == 0
    assert "By source type:" in result.output
    assert ("By language: (documents: by main language; documents_with_lang_units: documents with paragraphs "
            "or sentences in the language, as frequencies_by_language.csv counts them)") in result.output
    assert result.output.splitlines()[0].split() == ["doc_id", "language", "languages", "script", "source_type",
                                                    "date", "words", "paragraphs", "sentences", "file"]


def test_corpus_check(runner, small_corpus: Path, tmp_path: Path) -> None:
    assert runner.invoke(cli, ["corpus", "check", str(small_corpus)]).output == "No problems found.\n"
    (small_corpus / "bad.docx").write_bytes(b"not a zip")
    result = runner.invoke(cli, ["corpus", "check", str(small_corpus)])
    assert result.exit_code == 1
    assert any(line.startswith(f"{small_corpus / 'bad.docx'}: ") for line in result.stdout.splitlines())


def test_missing_corpus_is_one_clear_line(runner, tmp_path: Path) -> None:
    result = runner.invoke(cli, ["corpus", "info", str(tmp_path / "nope")])
    assert result.exit_code == 2
    assert result.stderr == (f"Error: the corpus folder '{tmp_path / 'nope'}' does not exist or is not a "
                             "folder; give the path of the folder that holds the documents\n")


def test_codebook_check(runner, codebook_file: Path, tmp_path: Path) -> None:
    result = runner.invoke(cli, ["codebook", "check", str(codebook_file)])
    assert result.exit_code == 0 and "3 codes" in result.output
    bad = tmp_path / "bad.yaml"
    bad.write_text("codebook: x\ncodes:\n  - id: a\n    terms: {de: [x]}\n", encoding="utf-8")
    result = runner.invoke(cli, ["codebook", "check", str(bad)])
    assert result.exit_code == 2
    assert result.stderr == f"Error: {bad}: 2 problems in the codebook\n" \
        f"  {bad}:4: code 'a' terms: language 'de' is not declared in 'languages'; add it to 'languages' " \
        "or use one of: kk, ru, en\n" \
        f"  {bad}:4: code 'a' has no terms; give at least one term in at least one language\n"


def test_codebook_show(runner, codebook_file: Path) -> None:
    result = runner.invoke(cli, ["codebook", "show", str(codebook_file), "--lang", "ru"])
    assert result.exit_code == 0 and "торговля ребенок" in result.output


def test_code_writes_results(runner, small_corpus: Path, codebook_file: Path, tmp_path: Path) -> None:
    out = tmp_path / "run"
    args = ["code", str(small_corpus), "--codebook", str(codebook_file), "--out", str(out)]
    result = runner.invoke(cli, args)
    assert result.exit_code == 0, result.output
    assert result.output == f"Coded 4 documents, 11 sentence units: 10 segments in 8 units. Results in {out}/\n"
    assert {p.name for p in out.iterdir()} == {"segments.csv", "units.csv", "frequencies.csv", "documents.csv",
                                               "frequencies_by_source_type.csv", "frequencies_by_language.csv",
                                               "run.json"}
    again = runner.invoke(cli, args)
    assert again.exit_code == 2 and "already exists" in again.stderr
    book = tmp_path / "results.xlsx"
    forced = runner.invoke(cli, [*args, "--force", "--xlsx", str(book)])
    assert forced.exit_code == 0 and forced.output.splitlines()[-1].startswith(f"Workbook: {book} (")
    from openpyxl import load_workbook

    frequencies = load_workbook(book)["Frequencies"]
    assert any(row[0].value == "child_trafficking" for row in frequencies.iter_rows())


def test_kwic(runner, small_corpus: Path, codebook_file: Path, tmp_path: Path) -> None:
    result = runner.invoke(cli, ["kwic", str(small_corpus), "бала саудасы", "--lang", "kk", "--window", "3"])
    assert result.exit_code == 0
    lines = result.output.splitlines()
    assert len(lines) == 2 and "| Балалар саудасына |" in lines[1] and "[k1:2:1]" in lines[1]
    out = tmp_path / "k.xlsx"
    result = runner.invoke(cli, ["kwic", str(small_corpus), "--codebook", str(codebook_file),
                                 "--code", "protection", "--out", str(out)])
    assert result.exit_code == 0 and result.output == f"3 lines written to {out}\n"
    import pandas as pd

    assert sorted(pd.read_excel(out)["match"]) == ["protection", "защиту", "қорғау"]
    missing = runner.invoke(cli, ["kwic", str(small_corpus), "бала"])
    assert missing.exit_code == 2 and missing.stderr.startswith("Error: a TERM needs its language")


def test_explain(runner, codebook_file: Path) -> None:
    result = runner.invoke(cli, ["explain", "торговли", "--lang", "ru", "--codebook", str(codebook_file)])
    assert result.exit_code == 0
    assert "key: торговля" in result.output
    assert "fits word 1 of code 'child_trafficking' term 'торговля детьми'" in result.output


def test_explain_latin_kazakh(runner, codebook_file: Path) -> None:
    result = runner.invoke(cli, ["explain", "saýdasyna", "--lang", "kk", "--codebook", str(codebook_file)])
    assert result.exit_code == 0
    assert result.output == (
        "word: saýdasyna\ntransliteration: саудасына (from the 2018 Latin spelling)\nkey: сауда\n"
        "candidates: сауда\nfits word 2 of code 'child_trafficking' term 'бала саудасы' "
        "(compared as 'бала сауда<poss>')\n")
    cyrillic = runner.invoke(cli, ["explain", "Балалар", "--lang", "kk"])
    assert cyrillic.output == "word: Балалар\nlatin (2021): balalar\nkey: бала\ncandidates: бала\n"


def test_lemmas_reads_stdin(runner) -> None:
    result = runner.invoke(cli, ["lemmas", "--lang", "ru"], input="торговли\nдетьми\n\n")
    assert result.exit_code == 0 and result.output == "торговли\tторговля\nдетьми\tребенок\n"


def test_every_command_has_help_with_an_example_and_is_in_the_readme(runner) -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    commands = [["corpus", "info"], ["corpus", "check"], ["codebook", "check"], ["codebook", "show"], ["code"],
                ["kwic"], ["explain"], ["lemmas"], ["stats", "series"], ["stats", "compare"], ["stats", "cooccur"],
                ["review", "export"], ["review", "import"], ["agree"], ["codebook", "export"], ["codebook", "import"],
                ["export"], ["cache", "info"], ["cache", "clear"], ["suggest"], ["codebook", "forms"]]
    for command in commands:
        result = runner.invoke(cli, [*command, "--help"])
        assert result.exit_code == 0 and "Example:" in result.output, command
        assert f"coding {' '.join(command)}" in readme, command


def test_export_qdpx(runner, small_corpus: Path, codebook_file: Path, tmp_path: Path) -> None:
    import zipfile

    out = tmp_path / "run"
    assert runner.invoke(cli, ["code", str(small_corpus), "--codebook", str(codebook_file), "--out", str(out)]
                         ).exit_code == 0
    project = tmp_path / "p.qdpx"
    result = runner.invoke(cli, ["export", str(out), "--qdpx", str(project)])
    assert result.exit_code == 0, result.output
    assert result.output == f"REFI-QDA project: {project}\n"
    with zipfile.ZipFile(project) as archive:
        names = archive.namelist()
    assert "project.qde" in names and sum(n.startswith("sources/") for n in names) == 4


def test_code_tone_csv(runner, small_corpus: Path, codebook_file: Path, tmp_path: Path) -> None:
    out = tmp_path / "run"
    args = ["code", str(small_corpus), "--codebook", str(codebook_file), "--out", str(out), "--tone-csv"]
    refused = runner.invoke(cli, args)
    assert refused.exit_code == 2
    assert refused.stderr == (f"Error: {codebook_file}: tone.csv needs tone rules, and the codebook has no "
                              "'tone:' section; add a 'tone:' section to the codebook, or drop --tone-csv\n")
    with codebook_file.open("a", encoding="utf-8") as handle:
        handle.write("tone:\n  positive: {kk: [көмек]}\n")
    result = runner.invoke(cli, args)
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[-1] == f"Tone of all 11 units in {out / 'tone.csv'}"
    assert len((out / "tone.csv").read_text(encoding="utf-8-sig").splitlines()) == 12


def test_kwic_lines_carry_the_documents_metadata_and_sort(runner, small_corpus: Path, codebook_file: Path,
                                                          tmp_path: Path) -> None:
    import pandas as pd

    out = tmp_path / "k.csv"
    args = ["kwic", str(small_corpus), "--codebook", str(codebook_file), "--code", "crime", "--out", str(out)]
    assert runner.invoke(cli, args).exit_code == 0
    lines = pd.read_csv(out, encoding="utf-8-sig", keep_default_na=False)
    assert {"title", "source_type", "outlet", "date", "region"} <= set(lines.columns)
    assert (lines["source_type"] != "").all()
    for order in ("left", "right"):
        assert runner.invoke(cli, [*args, "--sort", order]).exit_code == 0
        ordered = pd.read_csv(out, encoding="utf-8-sig", keep_default_na=False)
        side = ordered[order].str.lower().str.split()
        keys = [words[::-1] if order == "left" else words for words in side]
        assert keys == sorted(keys) and len(ordered) == len(lines)
