"""The interface language: gettext catalogs for Kazakh and Russian, English in the source.

Every text the toolkit shows a researcher (errors and hints, warnings, summaries, sheet names, headings,
chart titles, the review workbook's instructions) is written in English in the source, marked with
``_()`` (or ``N_()`` where it is translated later, ``NC_()`` for a caption with its key as context), and
translated from ``coding/locale/{kk,ru}/LC_MESSAGES/coding.mo`` (compiled from the ``.po`` files next to
them by ``make i18n``). Only the standard library's ``gettext`` reads them, so Babel is needed to
extract and compile, not to run. The commands' help and click's own messages (a second catalog,
``click.mo``) follow the same language through :mod:`coding.cli_i18n`.

The language is chosen once (the CLI does it in its group callback, :func:`choose_ui_lang`): the
``--ui-lang`` option, else ``$CODING_UI_LANG``, else the locale (``LC_ALL``, ``LC_MESSAGES``, ``LANG``:
``kk_KZ.UTF-8``, ``ru_RU.UTF-8``), else English. The Python API speaks English unless ``set_ui_lang`` is
called or ``$CODING_UI_LANG`` is set — which is also how worker processes learn the CLI's choice.

Messages take named placeholders, so a translator can reorder them:
``_("'{term}' has no letters to compare").format(term=term)``.
"""

from __future__ import annotations

import gettext
import os
from collections.abc import Collection, Mapping
from functools import cache
from pathlib import Path
from typing import Literal

UiLang = Literal["kk", "ru", "en"]
UI_LANGS: tuple[str, ...] = ("kk", "ru", "en")
# The label language of the tables when neither --label-lang nor an interface language chooses one
# ('coding code', 'coding export', 'coding review export' and 'coding codebook export' alike).
DEFAULT_LABEL_LANG = "kk"
ENV_VAR = "CODING_UI_LANG"
LOCALE_VARS: tuple[str, ...] = ("LC_ALL", "LC_MESSAGES", "LANG")
LOCALE_DIR = Path(__file__).resolve().parent / "locale"
DOMAIN = "coding"

# Where the current language came from: "option" (--ui-lang), "env" ($CODING_UI_LANG), "label"
# (--label-lang), "locale", or "default" (English).
Source = Literal["option", "env", "label", "locale", "default"]


def _from_env() -> tuple[str, Source]:
    value = os.environ.get(ENV_VAR, "").strip().lower()
    return (value, "env") if value in UI_LANGS else ("en", "default")


_current: list = list(_from_env())  # [lang, source]; a list so the functions below can set it


@cache
def _catalog(lang: str) -> gettext.NullTranslations:
    if lang == "en":
        return gettext.NullTranslations()
    return gettext.translation(DOMAIN, localedir=str(LOCALE_DIR), languages=[lang], fallback=True)


def ui_lang() -> str:
    """The current interface language (kk, ru or en)."""
    return _current[0]


def ui_lang_source() -> str:
    """Where the current interface language came from: option, env, label, locale or default."""
    return _current[1]


def set_ui_lang(lang: str, source: Source = "option") -> None:
    """Speak ``lang`` (kk, ru or en) from now on, in this process and in the worker processes it starts.

    Raises:
        ValueError: ``lang`` is not one of kk, ru, en.
    """
    if lang not in UI_LANGS:
        raise ValueError(f"'{lang}' is not an interface language; use one of: {', '.join(UI_LANGS)}")
    _current[:] = [lang, source]
    if source != "default":
        os.environ[ENV_VAR] = lang  # multiprocessing and Dask workers on this machine import it from here


def saved_ui_lang() -> tuple[str, str, str | None]:
    """The current language, its source and $CODING_UI_LANG, for ``restore_ui_lang``."""
    return _current[0], _current[1], os.environ.get(ENV_VAR)


def restore_ui_lang(saved: tuple[str, str, str | None]) -> None:
    """Go back to a ``saved_ui_lang()``: the CLI's choice lasts one command, also when it runs in-process."""
    lang, source, environ_value = saved
    _current[:] = [lang, source]
    if environ_value is None:
        os.environ.pop(ENV_VAR, None)
    else:
        os.environ[ENV_VAR] = environ_value


def locale_lang(environ: Mapping[str, str]) -> str | None:
    """The interface language the locale asks for: the first set of LC_ALL, LC_MESSAGES, LANG decides
    (``kk_KZ.UTF-8`` → kk, ``ru_RU`` → ru, ``en_US`` → en, ``C`` or another language → None)."""
    for name in LOCALE_VARS:
        value = environ.get(name, "")
        if value:
            lang = value.split(".")[0].split("@")[0].split("_")[0].lower()
            return lang if lang in UI_LANGS else None
    return None


def choose_ui_lang(option: str | None = None, environ: Mapping[str, str] | None = None) -> tuple[str, Source]:
    """The interface language and where it came from: ``option`` (--ui-lang), else $CODING_UI_LANG,
    else the locale, else English.

    Raises:
        ValueError: $CODING_UI_LANG is set to something other than kk, ru, en.

    >>> choose_ui_lang(None, {"LANG": "ru_RU.UTF-8"})
    ('ru', 'locale')
    """
    environ = os.environ if environ is None else environ
    if option:
        return option, "option"
    value = environ.get(ENV_VAR, "").strip()
    if value:
        if value.lower() not in UI_LANGS:
            raise ValueError(value)
        return value.lower(), "env"
    from_locale = locale_lang(environ)
    if from_locale:
        return from_locale, "locale"
    return "en", "default"


def choose_label_lang(option: str | None, labelled: Collection[str] = ()) -> str:
    """The label language of a command: ``option`` (--label-lang) when given — and then also the
    interface language, unless --ui-lang or $CODING_UI_LANG chose one —, else the interface language
    when it was chosen and the codebook has labels in it (``labelled``), else ``DEFAULT_LABEL_LANG``."""
    lang, source = _current
    if option:
        if source in ("locale", "default"):
            set_ui_lang(option, "label")
        return option
    if source != "default" and lang in labelled:
        return lang
    return DEFAULT_LABEL_LANG


def _(message: str) -> str:
    """``message`` in the interface language."""
    return _catalog(_current[0]).gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    """The form of ``singular``/``plural`` for the number ``n``, in the interface language."""
    return _catalog(_current[0]).ngettext(singular, plural, n)


def translate(message: str, lang: str) -> str:
    """``message`` in ``lang`` whatever the interface language (the exports speak their label language)."""
    return _catalog(lang).gettext(message)


def pgettext_in(lang: str, context: str, message: str) -> str:
    """``message`` of ``context`` (a caption's key) in ``lang``."""
    return _catalog(lang).pgettext(context, message)


def N_(message: str) -> str:
    """Mark ``message`` for the catalogs without translating it now (a constant translated where used)."""
    return message


def NC_(context: str, message: str) -> str:
    """Mark ``message`` with its ``context`` for the catalogs (a caption: translated by ``pgettext_in``)."""
    return message
