"""Shared fixtures: small corpora written into tmp folders, the shared data folder, a CLI runner."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

REPO = Path(__file__).resolve().parents[1]
SHARED_DATA = REPO.parent / "shared" / "data"


@pytest.fixture(autouse=True)
def english_interface(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every test starts in English, whatever the machine's locale or $CODING_UI_LANG (the CLI reads them)."""
    from coding import i18n

    for name in (i18n.ENV_VAR, *i18n.LOCALE_VARS, "LANGUAGE"):
        monkeypatch.setenv(name, "")  # recorded, so what a test's CLI run puts there is undone after it
        monkeypatch.delenv(name)
    monkeypatch.setattr(i18n, "_current", ["en", "default"])


def shared(name: str) -> Path:
    """A folder of ../shared/data, or skip the test when it is absent."""
    folder = SHARED_DATA / name
    if not folder.is_dir():
        pytest.skip(f"{folder} is absent")
    return folder


# Tests that drive a real program a researcher uses (Chromium, LibreOffice). They skip when the program is
# absent (a user's `make test`); .ci/run installs the programs, and the summary says which of them ran.
REAL_PROGRAM = "real_program"
_REAL_PROGRAM_OUTCOMES: dict[str, str] = {}


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", f"{REAL_PROGRAM}(name): the test drives a real program (Chromium, "
                                       "LibreOffice); it skips when the program is not installed")


def pytest_runtest_logreport(report: pytest.TestReport) -> None:
    if REAL_PROGRAM not in report.keywords:
        return
    if report.skipped:
        reason = report.longrepr[2] if isinstance(report.longrepr, tuple) else str(report.longrepr)
        _REAL_PROGRAM_OUTCOMES[report.nodeid] = f"skipped ({reason.removeprefix('Skipped: ')})"
    elif report.when == "call" or report.failed:
        _REAL_PROGRAM_OUTCOMES[report.nodeid] = report.outcome


def pytest_terminal_summary(terminalreporter) -> None:  # noqa: ANN001
    if not _REAL_PROGRAM_OUTCOMES:
        return
    terminalreporter.write_sep("-", "tests with real programs")
    for nodeid, outcome in sorted(_REAL_PROGRAM_OUTCOMES.items()):
        terminalreporter.write_line(f"{outcome:>8}  {nodeid}" if outcome in ("passed", "failed")
                                    else f"{nodeid}: {outcome}")


@pytest.fixture(autouse=True, scope="session")
def _private_cache(tmp_path_factory) -> None:
    """The analysis cache of the tests' runs goes to a temporary folder, never the user's cache."""
    import os

    os.environ["CODING_CACHE_DIR"] = str(tmp_path_factory.mktemp("user-cache"))


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture
def small_corpus(tmp_path: Path) -> Path:
    """A hand-checked corpus: two Kazakh documents, one Russian, one English, with a manifest."""
    root = tmp_path / "corpus"
    (root / "media").mkdir(parents=True)
    (root / "media" / "kk1.txt").write_text(
        "Бала саудасы — ауыр қылмыс.\n\n"
        "Балалар саудасына қарсы күрес күшейді. Қылмыстық кодекстің 135-бабы бар.\n\n"
        "Құқық қорғау органдары балалардың құқықтарын қорғау үшін жұмыс істейді.\n",
        encoding="utf-8",
    )
    (root / "media" / "ru1.txt").write_text(
        "Торговля детьми остаётся проблемой. Случаи торговли детьми выявлены в 2019 г. в Алматы.\n\n"
        "Правоохранительные органы усилили защиту детей.\n",
        encoding="utf-8",
    )
    (root / "official").mkdir()
    (root / "official" / "kk2.txt").write_text(
        "Адам саудасының алдын алу шаралары қабылданды. Жәбірленушілерге көмек көрсетілді.\n",
        encoding="utf-8",
    )
    (root / "official" / "en1.txt").write_text(
        "Child trafficking remains a serious crime. Victims of trafficking need protection.\n",
        encoding="utf-8",
    )
    (root / "manifest.csv").write_text(
        "file,doc_id,title,source_type,outlet,date,language,url,region\n"
        "media/kk1.txt,k1,Бала саудасы,media,Egemen,2019-03-01,kk,,Алматы\n"
        "media/ru1.txt,r1,Торговля детьми,media,Vlast,2020,ru,,Астана\n"
        "official/kk2.txt,k2,Есеп,official,Ministry,2021-12-01,,,national\n"
        "official/en1.txt,e1,Report,official,IOM,2022-01-15,en,,national\n",
        encoding="utf-8",
    )
    return root


CODEBOOK_YAML = """\
codebook: Test codebook
version: "1.0"
languages: [kk, ru, en]
codes:
  - id: child_trafficking
    label: {kk: Бала саудасы, ru: Торговля детьми, en: Child trafficking}
    group: phenomenon
    terms:
      kk: [бала саудасы]
      ru: [торговля детьми]
      en: [child trafficking]
  - id: crime
    label: {kk: Қылмыс, ru: Преступление, en: Crime}
    terms:
      kk: [қылмыс]
      ru: [преступление]
      en: [crime]
  - id: protection
    label: {kk: Қорғау, ru: Защита, en: Protection}
    terms:
      kk: [қорғау]
      ru: [защита]
      en: [protection]
    exclude:
      kk: ["=құқық =қорғау"]
      ru: [правоохранительный орган]
"""


@pytest.fixture
def codebook_file(tmp_path: Path) -> Path:
    path = tmp_path / "codebook.yaml"
    path.write_text(CODEBOOK_YAML, encoding="utf-8")
    return path
