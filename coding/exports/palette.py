"""Colours shared by every export, so a code has one colour in the workbook, the charts and the report.

A code takes the ``color`` its codebook entry gives, else the next colour of a colour-blind-safe
qualitative palette (Tableau 10, then its lighter companions). Tones use a diverging red–grey–blue scale,
which reads in greyscale print and for red–green colour blindness.
"""

from __future__ import annotations

from itertools import cycle

from matplotlib.colors import to_hex, to_rgb

from coding.codebook import Codebook
from coding.errors import CodebookError
from coding.i18n import _

CODE_PALETTE: tuple[str, ...] = (
    "#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f", "#edc948", "#b07aa1", "#ff9da7", "#9c755f",
    "#bab0ac", "#a0cbe8", "#ffbe7d", "#8cd17d", "#b6992d", "#f1ce63", "#86bcb6", "#d37295", "#fabfd2",
    "#79706e", "#d4a6c8",
)  # fmt: skip
SERIES_PALETTE: tuple[str, ...] = ("#1b9e77", "#d95f02", "#7570b3", "#e7298a", "#66a61e", "#e6ab02",
                                   "#a6761d", "#666666")
TONE_COLORS: dict[str, str] = {"negative": "#d6604d", "neutral": "#bababa", "positive": "#4393c3"}


def code_colors(codebook: Codebook) -> dict[str, str]:
    """Each code's colour as ``#rrggbb``, in codebook order.

    Raises:
        CodebookError: an entry's ``color`` is not a colour (a name such as ``teal`` or ``#rrggbb``).
    """
    colors: dict[str, str] = {}
    free = cycle(CODE_PALETTE)
    for entry in codebook.codes:
        if entry.color:
            try:
                colors[entry.id] = to_hex(entry.color if not _is_bare_hex(entry.color) else f"#{entry.color}")
            except ValueError:
                raise CodebookError(_("code '{id}': color '{color}' is not a colour").format(id=entry.id,
                                                                                             color=entry.color),
                                    path=codebook.path, line=entry.line,
                                    hint=_("write it as #rrggbb (e.g. '#4e79a7', quoted) or a name such as teal")
                                    ) from None
        else:
            colors[entry.id] = next(free)
    return colors


def series_color(index: int) -> str:
    """The colour of the ``index``-th series of a chart whose series are not codes (e.g. source types)."""
    return SERIES_PALETTE[index % len(SERIES_PALETTE)]


def tint(color: str, strength: float = 0.35) -> str:
    """``color`` mixed with white (``strength`` of the colour): a highlight that keeps black text readable."""
    red, green, blue = to_rgb(color)
    return to_hex(tuple(1 - strength * (1 - channel) for channel in (red, green, blue)))


def _is_bare_hex(text: str) -> bool:
    # An unquoted '#' starts a YAML comment, so authors often write colours without it.
    return len(text) in (3, 6) and all(ch in "0123456789abcdefABCDEF" for ch in text)
