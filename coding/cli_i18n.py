"""The command line's own texts in the interface language: the commands' help and click's messages.

* The commands' help (their docstrings, with the ``Example:`` block) and short help are msgids of the
  ``coding`` catalog — ``tools/i18n.py`` collects them by walking the registered command tree — and
  :class:`HelpCommand` / :class:`HelpGroup` look them up when the help is formatted. The options' help
  (marked ``N_()`` where declared, or :class:`Help` when it has placeholders) is looked up at the same
  moment, so the language chosen by ``--ui-lang`` is already the one of ``coding --ui-lang kk --help``.
* click's own messages (``Usage:``, ``Options:``, ``Error: Missing option …``, ``[default: …]``) are
  marked by click with the standard library's ``gettext``; their translations are the second, small
  catalog ``coding/locale/{kk,ru}/LC_MESSAGES/click.mo``. :func:`click_speaks_ui_lang` puts a
  ``_``/``ngettext`` that reads it into click's modules for the length of one command (``CodingGroup.main``)
  and then puts click's own back, so no other user of click and no global gettext domain is touched.
"""

from __future__ import annotations

import gettext
import importlib
import inspect
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from typing import Any

import click

from coding import i18n
from coding.i18n import LOCALE_DIR

CLICK_DOMAIN = "click"
# click's modules that translate with a module-level 'from gettext import gettext as _' (and ngettext).
CLICK_MODULES = ("core", "decorators", "exceptions", "formatting", "parser", "termui", "types", "utils",
                 "shell_completion", "_termui_impl")


@cache
def _click_catalog(lang: str) -> gettext.NullTranslations:
    if lang == "en":
        return gettext.NullTranslations()
    return gettext.translation(CLICK_DOMAIN, localedir=str(LOCALE_DIR), languages=[lang], fallback=True)


def click_gettext(message: str) -> str:
    """One of click's messages in the interface language."""
    return _click_catalog(i18n.ui_lang()).gettext(message)


def click_ngettext(singular: str, plural: str, n: int) -> str:
    """One of click's messages with a number in the interface language."""
    return _click_catalog(i18n.ui_lang()).ngettext(singular, plural, n)


@contextmanager
def click_speaks_ui_lang() -> Iterator[None]:
    """click's messages in the interface language while the block runs (English when it is en)."""
    saved: list[tuple[Any, str, Any]] = []
    for name in CLICK_MODULES:
        try:
            module = importlib.import_module(f"click.{name}")
        except ImportError:  # a module another click version does not have
            continue
        for attr, ours in (("_", click_gettext), ("ngettext", click_ngettext)):
            if hasattr(module, attr):
                saved.append((module, attr, getattr(module, attr)))
                setattr(module, attr, ours)
    try:
        yield
    finally:
        for module, attr, original in reversed(saved):
            setattr(module, attr, original)


_TEMPLATES: dict[str, tuple[str, dict[str, Any]]] = {}


def Help(msgid: str, **fields: Any) -> str:  # noqa: N802 (reads like the class it stands for)
    """An option's help with {placeholders}: the English text, translated from its msgid when shown.

    ``help=Help(N_("... else {default})."), default=DEFAULT_LABEL_LANG)`` (click keeps an option's help
    as a plain str, so the msgid and the values are remembered here, by the English text).
    """
    text = msgid.format(**fields)
    _TEMPLATES[text] = (msgid, fields)
    return text


def help_text(text: str) -> str:
    """An option's or command's help in the interface language (the coding catalog, then click's)."""
    if text in _TEMPLATES:
        msgid, fields = _TEMPLATES[text]
        return i18n._(msgid).format(**fields)
    translated = i18n._(text)
    return translated if translated != text else click_gettext(text)


def command_help_msgid(help: str | None) -> str | None:
    """The msgid of a command's help: its docstring without the indentation (as click shows it)."""
    return inspect.cleandoc(help) if help else help


class HelpCommand(click.Command):
    """A command whose help, short help and options' help speak the interface language."""

    @property  # type: ignore[override]
    def help(self) -> str | None:
        return help_text(self._help_msgid) if self._help_msgid else self._help_msgid

    @help.setter
    def help(self, value: str | None) -> None:
        self._help_msgid = command_help_msgid(value)

    @property  # type: ignore[override]
    def short_help(self) -> str | None:
        return help_text(self._short_help_msgid) if self._short_help_msgid else self._short_help_msgid

    @short_help.setter
    def short_help(self, value: str | None) -> None:
        self._short_help_msgid = value

    def get_help_option(self, ctx: click.Context) -> click.Option | None:
        if self._help_option is None:  # click makes it once, its help in the language of that moment:
            with english():  # make it in English, translated like the other options when shown
                return super().get_help_option(ctx)
        return super().get_help_option(ctx)

    def format_help(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        params = [param for param in self.get_params(ctx) if getattr(param, "help", None)]
        originals = [param.help for param in params]  # type: ignore[attr-defined]
        try:
            for param in params:
                param.help = help_text(param.help)  # type: ignore[attr-defined]
            super().format_help(ctx, formatter)
        finally:
            for param, text in zip(params, originals, strict=True):
                param.help = text  # type: ignore[attr-defined]


class HelpGroup(HelpCommand, click.Group):
    """A group of :class:`HelpCommand` s (its subgroups are HelpGroups)."""

    command_class = HelpCommand
    group_class = None  # set below: the class itself, not the subclass (CodingGroup) a group is made of


HelpGroup.group_class = HelpGroup


@contextmanager
def english() -> Iterator[None]:
    saved = i18n.saved_ui_lang()
    i18n._current[:] = ["en", "default"]
    try:
        yield
    finally:
        i18n.restore_ui_lang(saved)


def walk_commands(command: click.Command, path: tuple[str, ...] = ()) -> Iterator[tuple[tuple[str, ...],
                                                                                         click.Command]]:
    """Every command under ``command`` (itself first) with the names that lead to it."""
    yield path, command
    for name, sub in sorted(getattr(command, "commands", {}).items()):
        yield from walk_commands(sub, (*path, name))
