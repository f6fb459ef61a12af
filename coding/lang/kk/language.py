"""The spaCy ``Language`` subclass for Kazakh, registered under ``"kk"``.

Registered twice on purpose: by the decorator when this module is imported, and through the
``spacy_languages`` entry point in pyproject.toml, so ``spacy.blank("kk")`` works in any program once the
package is installed, while importing the analyzer alone does not pay for importing spaCy.
"""

from __future__ import annotations

import spacy
from spacy.language import BaseDefaults, Language

from . import lemmatizer as _lemmatizer  # noqa: F401  (registers the "kk_lemmatizer" factory)
from .lex_attrs import LEX_ATTRS
from .punctuation import TOKENIZER_INFIXES, TOKENIZER_PREFIXES, TOKENIZER_SUFFIXES
from .stop_words import STOP_WORDS
from .tokenizer_exceptions import TOKENIZER_EXCEPTIONS


class KazakhDefaults(BaseDefaults):
    """Tokenizer rules, lexical attributes and stop words of Kazakh."""

    tokenizer_exceptions = TOKENIZER_EXCEPTIONS
    prefixes = TOKENIZER_PREFIXES
    suffixes = TOKENIZER_SUFFIXES
    infixes = TOKENIZER_INFIXES
    lex_attr_getters = LEX_ATTRS
    stop_words = STOP_WORDS
    writing_system = {"direction": "ltr", "has_case": True, "has_letters": True}


@spacy.registry.languages("kk")
class Kazakh(Language):
    """spaCy language class for Kazakh (``lang = "kk"``)."""

    lang = "kk"
    Defaults = KazakhDefaults


__all__ = ["Kazakh", "KazakhDefaults"]
