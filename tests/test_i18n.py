"""The interface in kk, ru and en: catalogs complete and current, the language chosen by option, environment
or locale, and what a researcher sees (errors, sheet names, review instructions, summaries) in each."""

from __future__ import annotations

import ast
import importlib.util
import os
import re
import string
from pathlib import Path

import click
import openpyxl
import pytest

from coding import i18n
from coding.cli import cli
from coding.i18n import DEFAULT_LABEL_LANG, choose_ui_lang
from tests.conftest import REPO
from tests.test_results import small_run

UNSET = getattr(click.core, "UNSET", None)  # click 8.3 marks an option without a default so
_SPEC = importlib.util.spec_from_file_location("i18n_tool", REPO / "tools" / "i18n.py")
tool = importlib.util.module_from_spec(_SPEC)
_SPEC.loader.exec_module(tool)  # type: ignore[union-attr]


def _key(message) -> tuple[str | None, str]:
    return (message.context, message.id if isinstance(message.id, str) else message.id[0])


def _fields(text: str, template: bool) -> set[str]:
    """The {placeholders} of a str.format template, with their conversion and format spec; of a plain
    message (never formatted, e.g. "'{\\rtf'"), every brace-delimited piece as written."""
    if not template:
        return set(re.findall(r"\{[\w\\.:!,]*\}?", text))
    return {f"{name}!{conv}:{spec}" for _, name, spec, conv in string.Formatter().parse(text) if name is not None}


@pytest.fixture(scope="module")
def extracted(tmp_path_factory: pytest.TempPathFactory):
    """The template extracted again from the source, written and read back as make i18n does."""
    pot = tmp_path_factory.mktemp("pot") / "coding.pot"
    pot.write_bytes(tool.po_bytes(tool.extract()))
    return tool.read_catalog(pot)


@pytest.fixture(scope="module", params=tool.LANGS)
def catalog(request: pytest.FixtureRequest):
    return request.param, tool.read_catalog(tool.path_for(request.param, "po"), request.param)


def test_po_files_are_up_to_date_with_the_source(extracted, catalog) -> None:
    lang, po = catalog
    source = {_key(m) for m in extracted if m.id}
    translated = {_key(m) for m in po if m.id}
    assert source - translated == set(), f"run 'make i18n': {lang} lacks messages of the source"
    assert translated - source == set(), f"run 'make i18n': {lang} has messages the source no longer has"


def test_every_message_is_translated(catalog) -> None:
    lang, po = catalog
    untranslated = [m.id for m in po if m.id and (m.fuzzy or not all(
        m.string if isinstance(m.string, tuple) else (m.string,)))]
    assert untranslated == []
    assert len([m for m in po if m.id]) > 600


def test_placeholders_are_the_msgids(catalog) -> None:
    lang, po = catalog
    wrong = []
    for message in po:
        if not message.id:
            continue
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        template = "python-brace-format" in message.flags
        want = _fields(ids[-1], template)
        wrong += [(ids[0], text) for text in strings if _fields(text, template) != want]
    assert wrong == []


def test_compiled_catalogs_match_the_po_files(catalog) -> None:
    lang, po = catalog
    assert tool.path_for(lang, "mo").read_bytes() == tool.mo_bytes(po), f"run 'make i18n' to compile {lang}"


def test_the_template_is_up_to_date(extracted) -> None:
    committed = tool.read_catalog(tool.TEMPLATE)
    assert {_key(m) for m in committed if m.id} == {_key(m) for m in extracted if m.id}


def test_the_po_files_carry_the_glossary(catalog) -> None:
    lang, po = catalog
    assert "кодтар кітабы / кодовая книга" in po.header_comment
    assert "Plural-Forms" in tool.path_for(lang, "po").read_text(encoding="utf-8")


# --ui-lang, then $CODING_UI_LANG, then the locale (LC_ALL, LC_MESSAGES, LANG), then English.
CHOICES = [
    ("kk", {"CODING_UI_LANG": "ru", "LANG": "ru_RU.UTF-8"}, ("kk", "option")),
    (None, {"CODING_UI_LANG": "ru", "LANG": "kk_KZ.UTF-8"}, ("ru", "env")),
    (None, {"CODING_UI_LANG": "KK"}, ("kk", "env")),
    (None, {"LANG": "kk_KZ.UTF-8"}, ("kk", "locale")),
    (None, {"LANG": "kk_KZ.UTF-8", "LC_MESSAGES": "ru_RU.UTF-8"}, ("ru", "locale")),
    (None, {"LANG": "kk_KZ.UTF-8", "LC_MESSAGES": "ru_RU", "LC_ALL": "en_US.UTF-8"}, ("en", "locale")),
    (None, {"LANG": "ru"}, ("ru", "locale")),
    (None, {"LANG": "de_DE.UTF-8"}, ("en", "default")),
    (None, {"LANG": "C.UTF-8"}, ("en", "default")),
    (None, {}, ("en", "default")),
]


@pytest.mark.parametrize(("option", "environ", "chosen"), CHOICES)
def test_choose_ui_lang(option: str | None, environ: dict[str, str], chosen: tuple[str, str]) -> None:
    assert choose_ui_lang(option, environ) == chosen


MISSING_CORPUS = {
    "en": "Error: the corpus folder '{path}' does not exist or is not a folder; give the path of the folder "
          "that holds the documents\n",
    "kk": "Қате: '{path}' корпус қалтасы жоқ немесе қалта емес; құжаттар жатқан қалтаның жолын беріңіз\n",
    "ru": "Ошибка: папка корпуса '{path}' не существует или не является папкой; укажите путь к папке с "
          "документами\n",
}


@pytest.mark.parametrize("lang", ["kk", "ru", "en"])
def test_a_cli_error_in_each_language(runner, tmp_path: Path, lang: str) -> None:
    missing = tmp_path / "no-such-corpus"
    result = runner.invoke(cli, ["--ui-lang", lang, "corpus", "info", str(missing)])
    assert result.exit_code == 2
    assert result.stderr == MISSING_CORPUS[lang].format(path=missing)


NEAR_BOOK = "codebook: t\nlanguages: [kk]\ncodes:\n  - id: a\n    terms: {kk: [бала, бала NEAR сату]}\n"
CYCLE_BOOK = ("codebook: t\nlanguages: [kk]\ncodes:\n  - id: a\n    terms: {kk: [бала]}\n    when: {all: [b]}\n"
              "  - id: b\n    terms: {kk: [сату]}\n    when: {any: [a]}\n")
RULE_ERRORS = {
    "kk": ("Қате: {path}:5: code 'a' terms (kk): 'NEAR' ішінде қашықтық жоқ; неше сөз аралығында екенін жазыңыз, "
           "мысалы NEAR/5\n",
           "Қате: {path}:6: 'a' коды, when: шарттар тұйық шеңбер құрайды (a → b → a); код өзіне-өзі тәуелді бола "
           "алмайды, тіпті басқа кодтар арқылы да; осы шарттардың бірін алып тастаңыз\n"),
    "ru": ("Ошибка: {path}:5: code 'a' terms (kk): в 'NEAR' нет расстояния; напишите, на сколько слов, например "
           "NEAR/5\n",
           "Ошибка: {path}:6: код 'a', when: условия образуют цикл (a → b → a); код не может зависеть от самого "
           "себя, даже через другие коды; уберите одно из этих условий\n"),
}


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_a_proximity_term_error_and_a_condition_cycle_in_each_language(runner, tmp_path: Path, lang: str) -> None:
    for text, want in zip((NEAR_BOOK, CYCLE_BOOK), RULE_ERRORS[lang], strict=True):
        path = tmp_path / "book.yaml"
        path.write_text(text, encoding="utf-8")
        result = runner.invoke(cli, ["--ui-lang", lang, "codebook", "check", str(path)])
        assert result.exit_code == 2
        assert result.stderr == want.format(path=path)


def test_an_expand_forms_summary_in_russian(runner, tmp_path: Path) -> None:
    path = tmp_path / "book.yaml"
    path.write_text("codebook: t\nlanguages: [ru]\ncodes:\n  - id: trade\n    terms: {ru: [\"=дети\", \"=ребенок\"]}\n",
                    encoding="utf-8")
    result = runner.invoke(cli, ["--ui-lang", "ru", "codebook", "export", str(path), "--to", "liwc", "--out",
                                 str(tmp_path / "book.dic"), "--expand-forms"])
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[:3] == ["  код 'trade' (ru), термин '=дети': 1 форма",
                                              "  код 'trade' (ru), термин '=ребенок': 1 форма",
                                              "Развёрнуто 2 термина, форм: 2."]


# (arguments before the command, environment) -> the language of the error line.
PRECEDENCE = [
    ([], {"LANG": "kk_KZ.UTF-8"}, "kk"),
    ([], {"LC_ALL": "ru_RU.UTF-8", "LANG": "kk_KZ.UTF-8"}, "ru"),
    ([], {"CODING_UI_LANG": "ru", "LANG": "kk_KZ.UTF-8"}, "ru"),
    (["--ui-lang", "en"], {"CODING_UI_LANG": "ru", "LANG": "kk_KZ.UTF-8"}, "en"),
    (["--ui-lang", "kk"], {"CODING_UI_LANG": "en"}, "kk"),
    ([], {}, "en"),
]


@pytest.mark.parametrize(("args", "environ", "lang"), PRECEDENCE)
def test_option_over_environment_over_locale(runner, tmp_path: Path, monkeypatch, args, environ, lang) -> None:
    for name, value in environ.items():
        monkeypatch.setenv(name, value)
    missing = tmp_path / "no-such-corpus"
    result = runner.invoke(cli, [*args, "corpus", "check", str(missing)])
    assert result.stderr == MISSING_CORPUS[lang].format(path=missing)


def test_an_unknown_environment_language_is_an_error(runner, monkeypatch) -> None:
    monkeypatch.setenv("CODING_UI_LANG", "de")
    result = runner.invoke(cli, ["cache", "info"])
    assert result.exit_code == 2
    assert result.stderr == "Error: CODING_UI_LANG='de' is not an interface language; use one of: kk, ru, en\n"


def test_worker_processes_learn_the_language_from_the_environment(runner, tmp_path: Path) -> None:
    i18n.set_ui_lang("ru")  # what the CLI's group does
    assert os.environ["CODING_UI_LANG"] == "ru"
    assert i18n._from_env() == ("ru", "env")  # what a spawned worker's import of coding.i18n finds


def test_the_cli_choice_lasts_one_command(runner, tmp_path: Path) -> None:
    runner.invoke(cli, ["--ui-lang", "ru", "corpus", "check", str(tmp_path / "none")])
    assert "CODING_UI_LANG" not in os.environ
    assert (i18n.ui_lang(), i18n.ui_lang_source()) == ("en", "default")


def test_the_python_api_speaks_english_until_told() -> None:
    from coding.errors import InputError
    from coding.results import check_label_lang

    with pytest.raises(InputError, match="^'xx' is not a label language; use one of: kk, ru, en$"):
        check_label_lang("xx")
    i18n.set_ui_lang("ru")
    with pytest.raises(InputError, match="^'xx' — не язык названий; используйте одно из: kk, ru, en$"):
        check_label_lang("xx")


SHEET_NAMES = {
    "en": ["Summary", "Frequencies", "By document", "Directions", "Tone", "Segments", "Codebook", "Charts"],
    "kk": ["Жиынтық", "Жиіліктер", "Құжаттар бойынша", "Бағыттар", "Тоналдық", "Сегменттер", "Кодтар кітабы",
           "Диаграммалар"],
    "ru": ["Сводка", "Частоты", "По документам", "Направления", "Тональность", "Сегменты", "Кодовая книга",
           "Диаграммы"],
}
# The first header of the Frequencies sheet: the table speaks the label language, which --ui-lang sets
# when the codebook has labels in it.
FIRST_HEADER = {"en": "Code", "kk": "Код", "ru": "Код"}
SUMMARY_NOTE = {"en": "Each document's file and SHA-256 are on the 'By document' sheet.",
                "kk": "Әр құжаттың файлы мен SHA-256 мәні — «Құжаттар бойынша» парағында.",
                "ru": "Файл и SHA-256 каждого документа — на листе «По документам»."}


@pytest.fixture(scope="module")
def run_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return small_run(tmp_path_factory.mktemp("i18n"))


@pytest.mark.parametrize("lang", ["kk", "ru", "en"])
def test_workbook_sheet_names_in_each_language(runner, run_dir: Path, lang: str) -> None:
    out = run_dir.parent / f"results_{lang}.xlsx"
    result = runner.invoke(cli, ["--ui-lang", lang, "export", str(run_dir), "--xlsx", str(out)])
    assert result.exit_code == 0, result.output
    book = openpyxl.load_workbook(out)
    names = [n for n in book.sheetnames if n in SHEET_NAMES[lang]]
    assert names == SHEET_NAMES[lang]
    assert book[SHEET_NAMES[lang][1]]["A1"].value == FIRST_HEADER[lang]
    notes = [c.value for row in book[SHEET_NAMES[lang][0]].iter_rows() for c in row if isinstance(c.value, str)]
    assert SUMMARY_NOTE[lang] in notes
    count = len(book.sheetnames)
    assert result.stdout.splitlines()[0] == {
        "en": f"Workbook: {out} ({count} sheets: {', '.join(book.sheetnames)})",
        "kk": f"Жұмыс кітабы: {out} ({count} парақ: {', '.join(book.sheetnames)})",
        "ru": f"Рабочая книга: {out} ({count} листов: {', '.join(book.sheetnames)})",
    }[lang]


def test_label_lang_alone_sets_the_interface(runner, run_dir: Path) -> None:
    out = run_dir.parent / "label_ru.xlsx"
    result = runner.invoke(cli, ["export", str(run_dir), "--xlsx", str(out), "--label-lang", "ru"])
    assert result.stdout.startswith(f"Рабочая книга: {out} (")
    assert openpyxl.load_workbook(out).sheetnames[0] == "Сводка"


def test_ui_lang_sets_the_label_language_default(runner, run_dir: Path) -> None:
    for args, label in ((["--ui-lang", "ru"], "Ребёнок"), ([], "Бала"), (["--ui-lang", "en"], "Child")):
        out = run_dir.parent / f"labels_{label}.xlsx"
        assert runner.invoke(cli, [*args, "export", str(run_dir), "--xlsx", str(out)]).exit_code == 0
        frequencies = openpyxl.load_workbook(out).worksheets[1]
        labels = [row[1] for row in frequencies.iter_rows(min_row=3, max_col=2, values_only=True)]
        assert label in labels, (args, labels)


def test_an_explicit_label_lang_keeps_the_chosen_interface(runner, run_dir: Path) -> None:
    out = run_dir.parent / "ui_kk_labels_en.xlsx"
    result = runner.invoke(cli, ["--ui-lang", "kk", "export", str(run_dir), "--xlsx", str(out), "--label-lang", "en"])
    assert result.stdout.startswith("Жұмыс кітабы: ")
    assert openpyxl.load_workbook(out).worksheets[1]["A1"].value == "Code"


def test_export_and_codebook_export_share_the_default_label_language() -> None:
    from coding.cli import code
    from coding.cli_export import export
    from coding.cli_review import codebook_export, review_export

    for command in (code, export, codebook_export, review_export):
        option = next(p for p in command.params if p.name == "label_lang")
        # No default of its own: choose_label_lang gives the interface language, else DEFAULT_LABEL_LANG.
        assert not option.show_default and option.get_default(click.Context(command)) in (None, UNSET)
        assert f"else {DEFAULT_LABEL_LANG})" in option.help
    assert i18n.choose_label_lang(None, {"kk", "ru", "en"}) == DEFAULT_LABEL_LANG == "kk"


def test_review_instructions_in_kazakh(runner, run_dir: Path) -> None:
    out = run_dir.parent / "review_kk.xlsx"
    result = runner.invoke(cli, ["--ui-lang", "kk", "review", "export", str(run_dir), "--out", str(out), "--force"])
    assert result.exit_code == 0, result.output
    book = openpyxl.load_workbook(out)
    assert "Review" in book.sheetnames  # read back by 'coding review import': never translated
    texts = [c.value for row in book["Нұсқаулық"].iter_rows() for c in row if isinstance(c.value, str)]
    assert "Қалай тексеру керек" in texts
    assert "Ескертпе" in texts
    assert texts[0] == "coding — тексеру парағы"


def test_stats_summary_in_russian(runner, tmp_path: Path) -> None:
    result = runner.invoke(cli, ["--ui-lang", "ru", "stats", "series",
                                 str(REPO / "corpus" / "statistics" / "article_135_cases.csv"),
                                 "--out", str(tmp_path / "stats")])
    assert result.exit_code == 0, result.output
    assert "рядов: 1, периодов: " in result.stdout
    assert "средний годовой прирост" in result.stdout


def test_captions_come_from_the_catalogs() -> None:
    from coding.results import caption

    assert (caption("year", "kk"), caption("year", "ru"), caption("year", "en")) == ("Жыл", "Год", "Year")
    i18n.set_ui_lang("ru")  # the exports speak their label language, whatever the interface
    assert caption("year", "kk") == "Жыл"


def _local_underscores(function: ast.AST) -> tuple[list[int], list[int]]:
    """Lines where ``function`` binds ``_`` as a local name, and lines where it calls ``_()``."""
    binds, calls = [], []
    nested = (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda, ast.ClassDef)

    def visit(node: ast.AST, in_comprehension: bool) -> None:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, nested):
                continue
            inner = in_comprehension or isinstance(child, (ast.ListComp, ast.SetComp, ast.DictComp, ast.GeneratorExp))
            if isinstance(child, ast.Name) and child.id == "_" and isinstance(child.ctx, ast.Store) and not inner:
                binds.append(child.lineno)
            if isinstance(child, ast.Call) and isinstance(child.func, ast.Name) and child.func.id == "_":
                calls.append(child.lineno)
            visit(child, inner)

    visit(function, False)
    return binds, calls


def test_no_function_hides_the_translation_function() -> None:
    """A throwaway ``for _, x in …`` makes ``_`` local to the whole function: its ``_("…")`` calls then fail
    (UnboundLocalError) exactly when an error is to be reported — found so in the codebook's tone check."""
    hidden = []
    for path in sorted((REPO / "coding").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                binds, calls = _local_underscores(node)
                if binds and calls:
                    hidden.append(f"{path.relative_to(REPO)}:{binds[0]} {node.name}")
    assert hidden == []


def test_regression_tone_window_error_without_shifters_in_kazakh(tmp_path: Path) -> None:
    from coding.codebook import load_codebook
    from coding.errors import CodebookError

    path = tmp_path / "book.yaml"
    path.write_text("codebook: t\nlanguages: [kk]\ncodes:\n  - id: a\n    terms: {kk: [бала]}\n"
                    "tone:\n  window: x\n", encoding="utf-8")
    i18n.set_ui_lang("kk")
    with pytest.raises(CodebookError) as raised:
        load_codebook(path)
    assert str(raised.value) == (f"{path}:7: тоналдық терезесі 'x' — 0-ден 50-ге дейінгі бүтін сан емес; "
                                             "терістеуіш неше сөзге әсер ететінін көрсетіңіз, мысалы 3")


def test_option_help_in_the_interface_language_for_one_command(runner) -> None:
    russian = runner.invoke(cli, ["--ui-lang", "ru", "codebook", "show", "--help"])
    assert "Только термины этого языка." in russian.stdout
    english = runner.invoke(cli, ["codebook", "show", "--help"])
    assert "Only the terms of this language." in english.stdout
    assert "Только" not in english.stdout


# The commands' own help (coding.po) and click's messages (click.po) in the interface language.
from coding import cli_i18n  # noqa: E402


@pytest.fixture(scope="module", params=tool.LANGS)
def click_catalog(request: pytest.FixtureRequest):
    return request.param, tool.read_catalog(tool.path_for(request.param, "po", "click"), request.param)


@pytest.fixture(scope="module")
def installed_click():
    """The msgids of the installed click (the catalog may hold more: those of other click versions)."""
    return {_key(m) for m in tool.extract_click() if m.id}


def test_every_command_help_is_translated() -> None:
    helps = tool.command_helps()
    assert {name for _text, _file, _line, name in helps} >= {
        "coding", "coding corpus", "coding codebook", "coding review", "coding stats", "coding cache",
        "coding code", "coding export", "coding codebook export", "coding stats series"}
    for lang in tool.LANGS:
        untranslated = [name for text, _file, _line, name in helps if i18n.translate(text, lang) == text]
        assert untranslated == [], lang
        for text, _file, _line, name in helps:  # the Example: command lines and click's \b blocks stay
            commands = [line for line in text.splitlines() if line.lstrip().startswith(("coding ", "printf "))]
            translated = i18n.translate(text, lang)
            assert [line for line in commands if line.split("#")[0].rstrip() not in translated] == [], name
            assert translated.count("\b") == text.count("\b"), name
            assert translated.count("\n\n") == text.count("\n\n"), name


def test_click_messages_are_translated(click_catalog, installed_click) -> None:
    lang, po = click_catalog
    have = {_key(m) for m in po if m.id}
    missing = installed_click - have
    if missing:
        # A click release newer than the catalog: its new messages show in English until 'make i18n' adds them
        # and a translator writes them; a user's 'make test' on a fresh machine must not fail for that.
        import click

        pytest.skip(f"click {click.__version__} has {len(missing)} message(s) that {lang}/click.po lacks; run "
                    "'python tools/i18n.py' and translate them")
    untranslated = [m.id for m in po if m.id and _key(m) in installed_click and not all(
        m.string if isinstance(m.string, tuple) else (m.string,))]  # another click version's: skipped
    assert untranslated == []
    wrong = []
    for message in po:
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        if message.id and "python-brace-format" in message.flags:
            wrong += [(ids[0], text) for text in strings if _fields(text, True) != _fields(ids[-1], True)]
    assert wrong == []
    assert tool.path_for(lang, "mo", "click").read_bytes() == tool.mo_bytes(po)


def test_command_help_and_click_words_in_kazakh(runner) -> None:
    result = runner.invoke(cli, ["--ui-lang", "kk", "code", "--help"])
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("Қолданылуы: cli code [OPTIONS] CORPUS")
    assert "Корпусты кодтар кітабымен кодтап, segments.csv" in result.stdout
    assert "Мысал:" in result.stdout
    assert "coding code corpus --codebook codebooks/child_trafficking.yaml" in result.stdout
    assert "\nОпциялар:\n" in result.stdout
    assert "[міндетті]" in result.stdout and "[әдепкісі: sentence]" in result.stdout
    assert "Кестелердегі код атауларының тілі" in result.stdout  # a help with a {placeholder}
    assert "Осы анықтаманы көрсетіп, шығу." in result.stdout


def test_group_help_in_russian_from_the_locale(runner) -> None:
    result = runner.invoke(cli, ["--help"], env={"LANG": "ru_RU.UTF-8", "CODING_UI_LANG": None, "LC_ALL": None,
                                                 "LC_MESSAGES": None})
    assert result.stdout.startswith("Использование: cli [OPTIONS] COMMAND [ARGS]...")
    assert "Тематический контент-анализ текстов" in result.stdout
    assert "\nКоманды:\n" in result.stdout
    assert "Закодировать корпус по кодовой книге" in result.stdout  # the short help in the command list


@pytest.mark.parametrize(("lang", "line"), [("kk", "Қате: Көрсетілмеген опция '--codebook'."),
                                            ("ru", "Ошибка: Не указан параметр '--codebook'."),
                                            (None, "Error: Missing option '--codebook'.")])
def test_a_missing_option_in_the_interface_language(runner, tmp_path: Path, lang: str | None, line: str) -> None:
    args = ["--ui-lang", lang] if lang else []
    result = runner.invoke(cli, [*args, "code", str(tmp_path)])
    assert result.exit_code == 2
    assert result.stderr.splitlines()[-1] == line


def test_click_speaks_english_again_after_the_command(runner, tmp_path: Path) -> None:
    import gettext

    runner.invoke(cli, ["--ui-lang", "kk", "code", str(tmp_path)])
    assert click.core._ is gettext.gettext and click.exceptions.ngettext is gettext.ngettext
    assert i18n.ui_lang() == "en"
    english = runner.invoke(cli, ["code", "--help"])
    assert english.stdout.startswith("Usage: cli code [OPTIONS] CORPUS")
    assert "\nOptions:\n" in english.stdout and "Show this message and exit." in english.stdout
    assert "Code a corpus with a codebook and write segments.csv" in english.stdout
    assert "Language of the code labels in the tables" in english.stdout and "else kk)." in english.stdout
    assert cli_i18n.help_text("Show this message and exit.") == "Show this message and exit."
