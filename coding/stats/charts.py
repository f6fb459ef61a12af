"""Pictures of the statistics (matplotlib, PNG or SVG): the series over time, their percent changes, a
co-occurrence heat map and a code network.

Figures are drawn on matplotlib's Agg canvas without pyplot, so no window opens and no global state
changes; the font is DejaVu Sans, which has the Kazakh letters (ә, ғ, қ, ң, ө, ұ, ү, һ, і). SVG text is
drawn as paths, so the letters show even where the font is not installed; ``cooccurrence_svg`` keeps it as
text for pages that inline the pictures (the HTML report), whose own fonts show it.
"""

from __future__ import annotations

import io
import math
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Literal

import numpy as np

from coding.exports.atomic import atomic_path
from coding.i18n import _, ui_lang
from coding.stats.cooccur import Cooccurrence
from coding.stats.series import SeriesDynamics

if TYPE_CHECKING:
    from matplotlib.figure import Figure

ChartFormat = Literal["png", "svg"]
STYLE = {"font.family": "DejaVu Sans", "font.size": 10, "svg.fonttype": "path", "svg.hashsalt": "coding",
         "axes.spines.top": False, "axes.spines.right": False}


@contextmanager
def _figure(path: Path, fmt: ChartFormat, size: tuple[float, float]) -> Iterator[object]:
    """A figure in the house style, saved atomically to ``path`` when the block ends."""
    import matplotlib
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    with matplotlib.rc_context(STYLE):
        figure = Figure(figsize=size, layout="constrained")
        FigureCanvasAgg(figure)
        yield figure
        # No creation date in the file, so the same results give the same bytes.
        metadata = {"Date": None} if fmt == "svg" else {"Software": None}
        with atomic_path(path) as temporary:
            figure.savefig(temporary, format=fmt, dpi=150, metadata=metadata)


def _check_format(fmt: str) -> None:
    if fmt not in ("png", "svg"):
        from coding.errors import InputError

        raise InputError(_("'{fmt}' is not a chart format").format(fmt=fmt), hint=_("use png or svg"))


def series_charts(result: SeriesDynamics, folder: str | Path, fmt: ChartFormat = "png") -> list[Path]:
    """Draw ``NAME_levels`` (each series over the periods, values labelled) and ``NAME_change`` (percent
    change on the previous period, bars) into ``folder``; returns the paths."""
    _check_format(fmt)
    folder = Path(folder)
    periods = [str(p) for p in result.values.index]
    x = np.arange(len(periods))
    levels, change = folder / f"{result.name}_levels.{fmt}", folder / f"{result.name}_change.{fmt}"
    with _figure(levels, fmt, (7, 4)) as figure:
        axes = figure.add_subplot()
        for series in result.values.columns:
            values = result.values[series].to_numpy()
            axes.plot(x, values, marker="o", label=series)
            for xi, value in zip(x, values, strict=True):
                axes.annotate(f"{value}", (xi, value), textcoords="offset points", xytext=(0, 6), ha="center",
                              fontsize=8)
        axes.set_xticks(x, periods)
        axes.set_xlabel(result.period_column)
        axes.set_ylabel(_("value"))
        axes.set_ylim(bottom=0)
        axes.legend(frameon=False)
    with _figure(change, fmt, (7, 4)) as figure:
        axes = figure.add_subplot()
        names = list(result.values.columns)
        width = 0.8 / len(names)
        wide = result.wide("pct_change")
        for number, series in enumerate(names):
            values = wide[series].astype(float).to_numpy()
            offsets = x + (number - (len(names) - 1) / 2) * width
            bars = axes.bar(offsets, np.nan_to_num(values), width, label=series)
            labels = ["" if math.isnan(v) else f"{v:+.1f} %" for v in values]
            axes.bar_label(bars, labels=labels, fontsize=8, padding=2)
        axes.axhline(0, color="black", linewidth=0.8)
        axes.set_xticks(x, periods)
        axes.set_xlabel(result.period_column)
        axes.set_ylabel(_("% change on the previous period"))
        axes.legend(frameon=False)
    return [levels, change]


def _heatmap(figure: Figure, result: Cooccurrence, labels: Sequence[str], title: str, colorbar: str) -> None:
    axes = figure.add_subplot()
    counts = result.counts.to_numpy()
    n = len(labels)
    off_diagonal = np.ma.masked_array(counts, mask=np.eye(n, dtype=bool))
    image = axes.imshow(off_diagonal, cmap="Blues", vmin=0)
    axes.imshow(np.ma.masked_array(np.ones_like(counts), mask=~np.eye(n, dtype=bool)), cmap="Greys",
                vmin=0, vmax=4)
    top = max(int(off_diagonal.max() or 0), 1)
    for i in range(n):
        for j in range(n):
            dark = i != j and counts[i, j] > top * 0.6
            axes.text(j, i, str(counts[i, j]), ha="center", va="center", fontsize=9,
                      color="white" if dark else "black", style="italic" if i == j else "normal")
    axes.set_xticks(range(n), labels, rotation=45, ha="right")
    axes.set_yticks(range(n), labels)
    axes.spines[:].set_visible(False)
    axes.set_title(title)
    figure.colorbar(image, ax=axes, shrink=0.8, label=colorbar)


def _network(figure: Figure, result: Cooccurrence, labels: Sequence[str], title: str) -> None:
    axes = figure.add_subplot()
    counts = result.counts.to_numpy()
    n = len(labels)
    angles = np.pi / 2 - 2 * np.pi * np.arange(n) / max(n, 1)
    xs, ys = np.cos(angles), np.sin(angles)
    strongest = max((counts[i, j] for i in range(n) for j in range(i + 1, n)), default=0) or 1
    for i in range(n):
        for j in range(i + 1, n):
            if counts[i, j]:
                share = counts[i, j] / strongest
                axes.plot([xs[i], xs[j]], [ys[i], ys[j]], color="tab:blue", linewidth=0.5 + 7.5 * share,
                          alpha=0.25 + 0.5 * share, solid_capstyle="round", zorder=1)
                # Off the midpoint, so the labels of the diameters do not pile up in the centre.
                x, y = 0.62 * xs[i] + 0.38 * xs[j], 0.62 * ys[i] + 0.38 * ys[j]
                axes.text(x, y, str(counts[i, j]), fontsize=9, ha="center", va="center", color="dimgrey",
                          zorder=2, bbox={"boxstyle": "round,pad=0.15", "facecolor": "white",
                                          "linewidth": 0})
    sizes = np.diag(counts).astype(float)
    areas = 200 + 2800 * sizes / (sizes.max() or 1)
    axes.scatter(xs, ys, s=areas, color="tab:orange", edgecolor="white", linewidth=1.5, zorder=3)
    for x, y, label, size, area in zip(xs, ys, labels, sizes, areas, strict=True):
        away = math.sqrt(area / math.pi) + 6  # the node's radius in points, plus a gap
        axes.annotate(f"{label} ({int(size)})", (x, y), xytext=(away * x, away * y),
                      textcoords="offset points",
                      ha="left" if x > 0.3 else "right" if x < -0.3 else "center",
                      va="bottom" if y > 0.3 else "top" if y < -0.3 else "center", fontsize=9, zorder=4)
    axes.set_xlim(-1.5, 1.5)
    axes.set_ylim(-1.5, 1.5)
    axes.set_aspect("equal")
    axes.axis("off")
    figure.suptitle(title)


def _heatmap_size(n: int) -> tuple[float, float]:
    return (1.2 + 0.75 * n + 2, 1.2 + 0.75 * n + 1)


def _default_titles(result: Cooccurrence) -> tuple[str, str]:
    unit = _unit_name(result.unit)
    return (_("Units ({unit}) in which both codes occur").format(unit=unit),
            _("Codes that occur in the same {unit}\n(node: units with the code; edge: units with both)")
            .format(unit=unit))


def _unit_name(unit: str) -> str:
    """'sentence', 'paragraph', 'document' in the interface language (the captions' words)."""
    from coding.results import CAPTIONS, caption

    return caption(f"unit_{unit}", ui_lang()) if f"unit_{unit}" in CAPTIONS else unit


def cooccurrence_charts(result: Cooccurrence, folder: str | Path, fmt: ChartFormat = "png") -> list[Path]:
    """Draw ``cooccurrence_heatmap_UNIT`` (code × code counts; the diagonal, greyed, is each code's units)
    and ``cooccurrence_network_UNIT`` (codes on a circle, node area by the units containing the code, edge
    width by the units where both occur) into ``folder``; returns the paths."""
    _check_format(fmt)
    folder = Path(folder)
    labels = result.codes["label"].tolist()
    heatmap_title, network_title = _default_titles(result)
    heatmap = folder / f"cooccurrence_heatmap_{result.unit}.{fmt}"
    network = folder / f"cooccurrence_network_{result.unit}.{fmt}"
    with _figure(heatmap, fmt, _heatmap_size(len(labels))) as figure:
        _heatmap(figure, result, labels, heatmap_title, _("units"))  # type: ignore[arg-type]
    with _figure(network, fmt, (7, 7)) as figure:
        _network(figure, result, labels, network_title)  # type: ignore[arg-type]
    return [heatmap, network]


def cooccurrence_svg(result: Cooccurrence, *, labels: Sequence[str] | None = None,
                     titles: tuple[str, str] | None = None, colorbar: str | None = None) -> tuple[str, str]:
    """The heat map and the network of ``cooccurrence_charts`` as SVG text, for a page that inlines them:
    text stays text (the page's fonts show it), labels and titles as given (default: the run's labels and
    the English titles).

    Returns:
        (heat map SVG, network SVG).
    """
    import matplotlib
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    labels = list(labels) if labels is not None else result.codes["label"].tolist()
    heatmap_title, network_title = titles or _default_titles(result)
    colorbar = _("units") if colorbar is None else colorbar
    drawings = ((_heatmap_size(len(labels)), lambda f: _heatmap(f, result, labels, heatmap_title, colorbar)),
                ((7, 7), lambda f: _network(f, result, labels, network_title)))
    svgs = []
    with matplotlib.rc_context({**STYLE, "svg.fonttype": "none"}):
        for size, draw in drawings:
            figure = Figure(figsize=size, layout="constrained")
            FigureCanvasAgg(figure)
            draw(figure)
            buffer = io.StringIO()
            figure.savefig(buffer, format="svg", metadata={"Date": None})
            svgs.append(buffer.getvalue())
    return svgs[0], svgs[1]
