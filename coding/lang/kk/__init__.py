"""The Kazakh language for spaCy: ``import coding.lang.kk; spacy.blank("kk")``.

Laid out like spaCy's own Kyrgyz and Tatar languages (``spacy/lang/ky``, ``spacy/lang/tt``): constants live in
``stop_words``, ``punctuation``, ``lex_attrs`` and ``tokenizer_exceptions``; the suffix-chain lemmatizer is
``analyzer`` and its pipeline component ``kk_lemmatizer`` is registered by ``lemmatizer``. The language
class lives in ``language`` and is loaded on first use, so that the matcher, which needs only the
analyzer, does not import spaCy.
"""

from __future__ import annotations

from typing import Any

__all__ = ["Kazakh", "KazakhDefaults"]


def __getattr__(name: str) -> Any:
    if name in __all__:
        from . import language

        return getattr(language, name)
    raise AttributeError(name)


def register() -> None:
    """Register ``"kk"`` with spaCy now (the entry point does it too once the package is installed)."""
    from . import language  # noqa: F401
