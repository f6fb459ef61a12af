"""Publication charts of a run with matplotlib: code frequencies by source type (clustered bars), tone by
code (stacked bars) and code frequencies by year (lines).

``chart_specs`` says what each chart shows — its numbers come from the run's CSV results via
``coding.results`` — and every export draws from it: the workbook's native charts take its titles,
``write_charts`` writes PNG/SVG files, the HTML report inlines the SVG.

Text is set in DejaVu Sans, which ships with matplotlib and has every Kazakh letter (ә ғ қ ң ө ұ ү һ і),
so no system font is needed; SVG keeps text as text (``svg.fonttype: none``) so labels stay editable.
"""

from __future__ import annotations

import io
import textwrap
from collections.abc import Iterable
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Literal

import matplotlib
from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter

from coding.errors import InputError
from coding.exports.atomic import atomic_path
from coding.exports.palette import TONE_COLORS, code_colors, series_color
from coding.i18n import _
from coding.results import TONES, Results, caption, check_label_lang, frequency_bands, year_table

ChartKind = Literal["bars", "stacked_bars", "lines"]
ChartFormat = Literal["png", "svg"]
CHART_FORMATS: tuple[str, ...] = ("png", "svg")
FIGURE_SIZE = (6.5, 4.0)  # inches: a full text width in most journals
PNG_DPI = 300
FONT = "DejaVu Sans"
STYLE: dict[str, object] = {
    "font.family": FONT,
    "font.size": 9,
    "axes.titlesize": 11,
    "axes.titleweight": "bold",
    "axes.labelsize": 9.5,
    "xtick.labelsize": 9,
    "ytick.labelsize": 9,
    "legend.fontsize": 9,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.axisbelow": True,
    "svg.fonttype": "none",
    "svg.hashsalt": "coding",  # stable element ids: the same results give the same SVG
    "pdf.fonttype": 42,
}


@dataclass(frozen=True)
class Chart:
    """What one chart shows: its file name, kind, titles, categories and series (name, values, colour)."""

    name: str
    kind: ChartKind
    title: str
    value_title: str
    categories: tuple[str, ...]
    series: tuple[tuple[str, tuple[float, ...]], ...]
    colors: tuple[str, ...]
    category_title: str = ""
    lang: str = "en"  # how numbers are written: 2,5 in kk and ru, 2.5 in en


def chart_specs(results: Results, label_lang: str = "kk") -> list[Chart]:
    """The charts of a run, labelled in ``label_lang``: frequencies by source type, tone by code (when the
    codebook has tone rules) and frequencies by year (when documents have dates)."""
    check_label_lang(label_lang)
    labels = tuple(results.label(code, label_lang) for code in results.codes)
    bands = [band for band in frequency_bands(results) if band.by == "source_type"]
    charts = [Chart(
        name="frequencies_by_source_type", kind="bars",
        title=caption("chart_by_source_type", label_lang), value_title=caption("axis_per_1000", label_lang),
        categories=labels,
        series=tuple((band.title(label_lang), tuple(float(v) for v in band.table["per_1000_words"]))
                     for band in bands),
        colors=tuple(series_color(i) for i in range(len(bands))), lang=label_lang,
    )]
    if "code_tone" in results.crosstabs:
        tone = results.crosstabs["code_tone"].set_index("code").reindex(results.codes).fillna(0)
        charts.append(Chart(
            name="tone_by_code", kind="stacked_bars", title=caption("chart_tone_by_code", label_lang),
            value_title=caption("axis_units", label_lang), categories=labels,
            series=tuple((caption(t, label_lang), tuple(float(v) for v in tone.get(t, [0] * len(labels))))
                         for t in TONES),
            colors=tuple(TONE_COLORS[t] for t in TONES), lang=label_lang,
        ))
    years = year_table(results)
    if len(years):
        colors = code_colors(results.codebook)
        charts.append(Chart(
            name="frequencies_by_year", kind="lines", title=caption("chart_by_year", label_lang),
            value_title=caption("axis_per_1000", label_lang), category_title=caption("year", label_lang),
            categories=tuple(str(y) for y in years["year"]),
            series=tuple((label, tuple(float(v) for v in years[f"{code}:per_1000_words"]))
                         for code, label in zip(results.codes, labels, strict=True)),
            colors=tuple(colors[code] for code in results.codes), lang=label_lang,
        ))
    return charts


def _tick(value: float, _position: int, lang: str) -> str:
    text = f"{value:,.10g}"
    return text if lang == "en" else text.replace(",", "\u202f").replace(".", ",")


def _wrap(text: str, width: int) -> str:
    return "\n".join(textwrap.wrap(text, width)) or text


def draw_chart(chart: Chart) -> Figure:
    """The chart as a matplotlib Figure (no pyplot, so no global state and no display needed)."""
    with matplotlib.rc_context(STYLE):
        figure = Figure(figsize=FIGURE_SIZE, layout="constrained")
        axes = figure.add_subplot()
        count = len(chart.series)
        positions = range(len(chart.categories))
        if chart.kind == "lines":
            for (name, values), color in zip(chart.series, chart.colors, strict=True):
                axes.plot(list(positions), values, marker="o", markersize=4, linewidth=1.8, color=color,
                          label=name)
            axes.set_xticks(list(positions), chart.categories)
            axes.set_xlabel(chart.category_title)
            axes.set_ylabel(_wrap(chart.value_title, 40))
            axes.set_ylim(bottom=0)
            axes.grid(axis="y", color="#dddddd", linewidth=0.6)
        else:
            left = [0.0] * len(chart.categories)
            height = 0.8 / count if chart.kind == "bars" else 0.7
            for index, ((name, values), color) in enumerate(zip(chart.series, chart.colors, strict=True)):
                if chart.kind == "bars":
                    offsets = [p - 0.4 + height * (index + 0.5) for p in positions]
                    axes.barh(offsets, values, height=height, color=color, label=name)
                else:
                    axes.barh(list(positions), values, height=height, left=left, color=color, label=name,
                              edgecolor="white", linewidth=0.5)
                    left = [a + b for a, b in zip(left, values, strict=True)]
            axes.set_yticks(list(positions), [_wrap(c, 24) for c in chart.categories])
            axes.invert_yaxis()  # codebook order from the top, as in the tables
            axes.set_xlabel(chart.value_title)
            axes.grid(axis="x", color="#dddddd", linewidth=0.6)
        value_axis = axes.yaxis if chart.kind == "lines" else axes.xaxis
        value_axis.set_major_formatter(FuncFormatter(partial(_tick, lang=chart.lang)))
        axes.set_title(_wrap(chart.title, 60), loc="left")
        handles, names = axes.get_legend_handles_labels()
        figure.legend(handles, names, loc="outside lower center", ncol=min(count, 4), frameon=False)
    return figure


def _save(figure: Figure, target: Path | io.IOBase, fmt: str) -> None:
    with matplotlib.rc_context(STYLE):
        metadata = {"Date": None} if fmt == "svg" else {"Software": None}
        figure.savefig(target, format=fmt, dpi=PNG_DPI, metadata=metadata)


def chart_svg(chart: Chart) -> str:
    """The chart as SVG text (text kept as text), for inlining in HTML."""
    buffer = io.StringIO()
    _save(draw_chart(chart), buffer, "svg")  # type: ignore[arg-type]
    return buffer.getvalue()


def write_charts(results: Results, out_dir: str | Path, formats: Iterable[str] = ("png",),
                 label_lang: str = "kk") -> list[Path]:
    """Write every chart of ``chart_specs`` into ``out_dir`` as ``<name>.png`` / ``<name>.svg``
    (6.5 × 4 in; PNG at 300 dpi); returns the paths written.

    Raises:
        InputError: an unknown format.
        OutputError: ``out_dir`` lies inside the corpus folder.
    """
    formats = list(dict.fromkeys(formats))
    for fmt in formats:
        if fmt not in CHART_FORMATS:
            raise InputError(_("'{fmt}' is not a chart format").format(fmt=fmt),
                             hint=_("use one of: {choices}").format(choices=', '.join(CHART_FORMATS)))
    check_label_lang(label_lang)
    out_dir = Path(out_dir)
    results.check_output(out_dir, folder=True)
    written = []
    for chart in chart_specs(results, label_lang):
        figure = draw_chart(chart)
        for fmt in formats:
            target = out_dir / f"{chart.name}.{fmt}"
            with atomic_path(target) as temporary:
                _save(figure, temporary, fmt)
            written.append(target)
    return written
