"""coding: thematic content analysis of Kazakh, Russian and English texts."""

from __future__ import annotations

__version__ = "0.1.0"
