"""The Python API: what the README's "From Python" block shows works, and ``import coding`` stays light."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

import coding
from coding.errors import InputError

REPO = Path(__file__).resolve().parents[1]


def readme_block() -> str:
    text = (REPO / "README.md").read_text(encoding="utf-8")
    section = text.split("### From Python", 1)[1]
    found = re.search(r"```python\n(.*?)```", section, re.DOTALL)
    assert found, "the README's From Python section has no python block"
    return found.group(1)


def test_the_readme_example_runs_on_the_sample_corpus(tmp_path: Path, monkeypatch) -> None:
    for name in ("corpus", "codebooks"):
        (tmp_path / name).symlink_to(REPO / name)
    monkeypatch.chdir(tmp_path)
    namespace: dict[str, object] = {}
    exec(compile(readme_block(), "README.md", "exec"), namespace)  # noqa: S102
    run = namespace["run"]
    assert run.counts["documents"] == 21 and run.counts["segments"] == len(run.segments)
    assert set(namespace["table"]["code"]) >= {"child_trafficking", "victim"}
    assert len(namespace["victims"]) > 0 and "Segments" in namespace["sheets"]
    assert (tmp_path / "reports" / "notebook.xlsx").stat().st_size > 0
    assert (tmp_path / "reports" / "notebook.html").stat().st_size > 0
    assert namespace["in_memory"].counts["units"] < run.counts["units"]  # paragraphs, not sentences


def test_every_public_name_resolves() -> None:
    assert set(coding.__all__) <= set(dir(coding))
    for name in coding.__all__:
        assert getattr(coding, name) is not None
    with pytest.raises(AttributeError):
        coding.no_such_name  # noqa: B018


def test_import_coding_loads_no_pipeline() -> None:
    loaded = subprocess.run([sys.executable, "-c", "import coding, sys; print(sorted(sys.modules))"],
                            capture_output=True, text=True, check=True).stdout
    assert "pandas" not in loaded and "coding.runs" not in loaded


def test_an_in_memory_run_cannot_be_exported_without_a_folder(tmp_path: Path) -> None:
    run = coding.code(REPO / "corpus", REPO / "codebooks" / "child_trafficking.yaml")
    with pytest.raises(InputError, match="kept in memory"):
        coding.export_xlsx(run, tmp_path / "x.xlsx")


def test_code_refuses_an_existing_folder_unless_forced(tmp_path: Path) -> None:
    out = tmp_path / "run"
    coding.code(REPO / "corpus", REPO / "codebooks" / "child_trafficking.yaml", out=out)
    with pytest.raises(coding.CodingError, match="already exists"):
        coding.code(REPO / "corpus", REPO / "codebooks" / "child_trafficking.yaml", out=out)
