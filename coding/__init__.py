"""coding: thematic content analysis of Kazakh, Russian and English texts.

The Python API (see the README's "From Python"): ``code`` a corpus with a codebook, ``load_run`` a run
folder back, ``export_xlsx`` / ``export_html`` / ``export_charts`` / ``export_qdpx``; ``load_corpus``,
``open_corpus`` and ``load_codebook`` for the inputs, ``load_results`` for reading a large run in chunks.
Names are imported on first use, so that ``import coding`` (and the command line) start fast.
"""

from __future__ import annotations

from importlib import import_module
from typing import Any

__version__ = "0.1.0"

_EXPORTS: dict[str, str] = {
    "code": "coding.api",
    "load_run": "coding.api",
    "export_xlsx": "coding.api",
    "export_html": "coding.api",
    "export_charts": "coding.api",
    "export_qdpx": "coding.api",
    "Run": "coding.runs",
    "code_corpus": "coding.runs",
    "load_corpus": "coding.corpus",
    "open_corpus": "coding.corpus",
    "load_codebook": "coding.codebook",
    "Codebook": "coding.codebook",
    "load_results": "coding.results",
    "Results": "coding.results",
    "CodingError": "coding.errors",
}
__all__ = ["__version__", *_EXPORTS]


def __getattr__(name: str) -> Any:
    if name in _EXPORTS:
        return getattr(import_module(_EXPORTS[name]), name)
    raise AttributeError(f"module 'coding' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(__all__)
