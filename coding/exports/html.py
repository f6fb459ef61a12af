"""One self-contained HTML report of a run: summary tables, the charts as inline SVG, the statistics of
``coding stats`` (source types compared, codes that occur together; when the data allow them), and the
documents with their coded segments highlighted in the code's colour, a legend and a filter by code.

The tables and charts cover the whole run. The documents shown with their text are bounded, so that the
report of a large run stays a file a browser opens quickly: every document up to ``DEFAULT_HTML_DOCUMENTS``,
else the first that many with coded segments, with a note naming how many were left out; or the documents
asked for by id (``chosen_documents``). Only their segments are read from segments.csv, and the report is
written part by part.

Nothing is fetched: styles, script and charts are inline and fonts are the reader's own, so the file
opens offline and can be mailed or archived as is. All text is escaped.

Overlapping segments of different codes are split at every boundary: each piece is one ``<mark>`` that
lists the codes covering it (``data-codes``) and the segments it belongs to (``data-segs``, row numbers
of segments.csv from 0); a piece under two codes shows both tints as bands and both underlines.
Unchecking a code in the filter takes its colour off every piece; ``#hide=crime,victim`` (or ``?hide=``)
in the address opens the report with those codes unchecked, ``#only=crime`` with only that one checked.
"""

from __future__ import annotations

import textwrap
from collections.abc import Iterable, Iterator, Sequence
from html import escape
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pandas as pd
from lxml import etree

from coding.errors import InputError
from coding.exports.atomic import atomic_text
from coding.exports.charts import chart_specs, chart_svg
from coding.exports.palette import code_colors, tint
from coding.i18n import _
from coding.records import Document
from coding.results import (
    MEASURES,
    TONES,
    Results,
    caption,
    check_label_lang,
    comparison_note,
    corpus_totals,
    count_text,
    frequency_bands,
    group_label,
    group_totals,
    value_label,
)

if TYPE_CHECKING:
    from coding.stats.compare import Comparison
    from coding.stats.cooccur import Cooccurrence

DEFAULT_HTML_DOCUMENTS = 200  # documents shown with their text: a report a browser opens quickly
HIGHLIGHT_TINT = 0.45  # share of the code's colour in a highlight: light enough for black text
RESIDUAL_MARKS = {"over": "▲", "under": "▼"}  # as explained by the caption 'note_residuals'

CSS = """
:root { --ink: #1f2328; --muted: #59636e; --rule: #d0d7de; --band: #eef2f7; }
* { box-sizing: border-box; }
body { margin: 0; color: var(--ink); background: #fff; line-height: 1.5;
  font-family: "DejaVu Sans", "Noto Sans", "Segoe UI", Roboto, Arial, sans-serif; font-size: 15px; }
main { max-width: 1100px; margin: 0 auto; padding: 1.5rem 1.25rem 4rem; }
h1 { font-size: 1.6rem; margin: 0 0 .25rem; } h2 { margin-top: 2.5rem; border-bottom: 1px solid var(--rule); }
h3 { margin: 0 0 .25rem; font-size: 1.1rem; }
.lead, .meta, .note { color: var(--muted); } .note { font-style: italic; font-size: .9rem; }
.meta a { overflow-wrap: anywhere; }  /* a long source address wraps on a phone */
nav { display: flex; flex-wrap: wrap; gap: .25rem 1rem; }
table { border-collapse: collapse; margin: .75rem 0 1.5rem; font-size: .9rem;
  display: block; max-width: 100%; overflow-x: auto; }  /* a wide table scrolls in its own box */
th, td { padding: .25rem .6rem; border-bottom: 1px solid var(--rule); text-align: left; vertical-align: top; }
thead th { background: var(--band); } td:first-child { white-space: nowrap; }
td.n, th.n { text-align: right; font-variant-numeric: tabular-nums; }
tr.total td { font-weight: bold; }
th.band { text-align: center; border-left: 1px solid var(--rule); } .edge { border-left: 1px solid var(--rule); }
td.over { background: #f8d3c5; } td.under { background: #cfe0f1; }
#comparison-codes td:first-child, #cooccurrence-pairs td { white-space: nowrap; }
.swatch { display: inline-block; width: .9em; height: .9em; border-radius: 2px; vertical-align: -.1em;
  margin-right: .35em; border: 1px solid rgba(0,0,0,.25); }
figure { margin: 1rem 0 2rem; overflow-x: auto; }
/* Chart text is 9 pt or more: at these widths or wider it shows at 10 px or more; a narrower screen scrolls. */
figure svg { width: 100%; height: auto; max-width: 780px; min-width: 520px; display: block; }
.filter { position: sticky; top: 0; z-index: 2; background: #fff; border-bottom: 1px solid var(--rule);
  padding: .5rem 0; display: flex; flex-wrap: wrap; gap: .35rem 1rem; align-items: center; }
.filter strong { margin-right: .5rem; } .filter label { cursor: pointer; white-space: nowrap; }
.filter button { font: inherit; font-size: .85rem; padding: .1rem .5rem; }
article.document { border-bottom: 1px solid var(--rule); padding: 1rem 0; }
article.document p { margin: .5rem 0; max-width: 48rem; }
mark.seg { color: inherit; padding: 0; }  /* pieces of one segment must join seamlessly */
mark.seg.off { background: none; box-shadow: none; padding: 0; }
.counts span { margin-right: .75rem; white-space: nowrap; font-size: .85rem; }
details.toc { margin: .5rem 0 1rem; } details.toc ol { columns: 2; font-size: .9rem; }
figure.square svg { max-width: 640px; min-width: 620px; }
@media print { .filter { position: static; } nav { display: none; } }
"""

SCRIPT = """
(function () {
  "use strict";
  var boxes = Array.prototype.slice.call(document.querySelectorAll("input.code-filter"));
  var marks = Array.prototype.slice.call(document.querySelectorAll("mark.seg"));
  function styleFor(codes) {
    if (!codes.length) return "";
    var line = "box-shadow:" + codes.map(function (c, i) {
      return "inset 0 -" + (2 * (i + 1)) + "px 0 var(--c-" + c + ")";
    }).join(",");
    if (codes.length === 1) return "background:var(--t-" + codes[0] + ");" + line;
    var step = 100 / codes.length;
    var stops = codes.map(function (c, i) {
      return "var(--t-" + c + ") " + (i * step) + "% " + ((i + 1) * step) + "%";
    });
    return "background:linear-gradient(to bottom," + stops.join(",") + ");" + line;
  }
  function paint() {
    var on = {};
    boxes.forEach(function (b) { on[b.value] = b.checked; });
    marks.forEach(function (m) {
      var codes = m.getAttribute("data-codes").split(" ").filter(function (c) { return on[c]; });
      m.setAttribute("data-on", codes.join(" "));
      m.classList.toggle("off", codes.length === 0);
      m.style.cssText = styleFor(codes);
    });
    document.body.setAttribute("data-hidden", boxes.filter(function (b) { return !b.checked; })
      .map(function (b) { return b.value; }).join(" "));
  }
  function fromAddress() {
    var params = new URLSearchParams(location.hash.replace(/^#/, "") || location.search.replace(/^\\?/, ""));
    var hide = (params.get("hide") || "").split(",").filter(Boolean);
    var only = (params.get("only") || "").split(",").filter(Boolean);
    if (!params.has("hide") && !params.has("only")) return paint();
    boxes.forEach(function (b) {
      b.checked = only.length ? only.indexOf(b.value) >= 0 : hide.indexOf(b.value) < 0;
    });
    paint();
  }
  function toAddress() {  // the filtered view as a link: #hide=… or #only=…, whichever is shorter
    var shown = boxes.filter(function (b) { return b.checked; }).map(function (b) { return b.value; });
    var hidden = boxes.filter(function (b) { return !b.checked; }).map(function (b) { return b.value; });
    var hash = !hidden.length ? "" : shown.length && shown.length < hidden.length
      ? "#only=" + shown.join(",") : "#hide=" + hidden.join(",");
    if (hash !== location.hash) history.replaceState(null, "", location.pathname + location.search + hash);
  }
  boxes.forEach(function (b) { b.addEventListener("change", function () { paint(); toAddress(); }); });
  document.querySelectorAll("button[data-all]").forEach(function (button) {
    button.addEventListener("click", function () {
      var value = button.getAttribute("data-all") === "1";
      boxes.forEach(function (b) { b.checked = value; });
      paint();
      toAddress();
    });
  });
  window.addEventListener("hashchange", fromAddress);
  fromAddress();
})();
"""


def _e(value: Any) -> str:
    return escape("" if value is None else str(value), quote=True)


def _number(value: Any, lang: str, decimals: int = 0) -> str:
    """A number as written in ``lang``: 7 139 and 8,26 in kk/ru; 7,139 and 8.26 in en."""
    text = f"{float(value):,.{decimals}f}" if decimals else f"{int(value):,}"
    if lang == "en":
        return text
    return text.replace(",", "\u202f").replace(".", ",")


def mark_style(codes: Sequence[str]) -> str:
    """The inline style of a highlighted piece under ``codes`` (the same rule as the page's script): the
    codes' tints as horizontal bands, and one underline per code, stacked."""
    if not codes:
        return ""
    line = "box-shadow:" + ",".join(f"inset 0 -{2 * (i + 1)}px 0 var(--c-{c})" for i, c in enumerate(codes))
    if len(codes) == 1:
        return f"background:var(--t-{codes[0]});{line}"
    step = 100 / len(codes)
    stops = ",".join(f"var(--t-{c}) {i * step:g}% {(i + 1) * step:g}%" for i, c in enumerate(codes))
    return f"background:linear-gradient(to bottom,{stops});{line}"


def highlight(text: str, start: int, end: int, segments: Iterable[tuple[int, int, int, str, str]],
              code_order: Sequence[str]) -> str:
    """HTML of ``text[start:end]`` with its segments marked.

    Args:
        text: the document's normalised text.
        start, end: the span to render (a paragraph).
        segments: ``(row, start, end, code, title)`` per segment; ``row`` is its number in segments.csv.
        code_order: codes in codebook order (the order of colour bands in an overlap).

    Every boundary of every segment splits the span, so overlapping segments of different codes give
    pieces under one, two or more codes, each one ``<mark>`` (no nesting, valid for any overlap).
    """
    inside = [(row, max(s, start), min(e, end), code, title) for row, s, e, code, title in segments
              if s < end and e > start]
    cuts = sorted({start, end, *(s for _, s, _, _, _ in inside), *(e for _, _, e, _, _ in inside)})
    rank = {code: i for i, code in enumerate(code_order)}
    pieces = []
    for left, right in zip(cuts, cuts[1:], strict=False):
        covering = [item for item in inside if item[1] <= left and item[2] >= right]
        piece = _e(text[left:right])
        if not covering:
            pieces.append(piece)
            continue
        codes = sorted({item[3] for item in covering}, key=lambda c: rank.get(c, len(rank)))
        rows = " ".join(str(item[0]) for item in covering)
        titles = "\n".join(dict.fromkeys(item[4] for item in covering))
        pieces.append(f'<mark class="seg" data-codes="{_e(" ".join(codes))}" data-segs="{rows}" '
                      f'title="{_e(titles)}" style="{mark_style(codes)}">{piece}</mark>')
    return "".join(pieces)


def _inline_svg(svg: str, prefix: str, title: str) -> str:
    """matplotlib's SVG made fit to sit in a page beside others: ids prefixed (every chart has a
    ``figure_1``), size from the viewBox, metadata dropped."""
    parser = etree.XMLParser(resolve_entities=False, no_network=True)
    root = etree.fromstring(svg.encode("utf-8"), parser=parser)
    namespace = "{http://www.w3.org/2000/svg}"
    for metadata in root.findall(f"{namespace}metadata"):
        root.remove(metadata)
    ids = {element.get("id") for element in root.iter() if element.get("id")}
    for element in root.iter():
        for name, value in element.attrib.items():
            if name == "id":
                element.set(name, f"{prefix}-{value}")
            elif "#" in value:
                for old in ids:
                    value = value.replace(f"url(#{old})", f"url(#{prefix}-{old})")
                    if value == f"#{old}":
                        value = f"#{prefix}-{old}"
                element.set(name, value)
    for name in ("width", "height"):
        root.attrib.pop(name, None)
    root.set("role", "img")
    root.set("aria-label", title)
    return etree.tostring(root, encoding="unicode")


def _table(headers: Sequence[tuple[str, bool]], rows: Iterable[Sequence[tuple[str, bool]]],
           total_last: bool = False, table_id: str | None = None) -> str:
    """A table from pre-escaped cells; each cell is (html, numeric)."""
    head = "".join(f'<th class="n">{h}</th>' if numeric else f"<th>{h}</th>" for h, numeric in headers)
    body = []
    rows = list(rows)
    for index, row in enumerate(rows):
        cls = ' class="total"' if total_last and index == len(rows) - 1 else ""
        cells = "".join(f'<td class="n">{c}</td>' if numeric else f"<td>{c}</td>" for c, numeric in row)
        body.append(f"<tr{cls}>{cells}</tr>")
    opening = f'<table id="{table_id}">' if table_id else "<table>"
    return f"{opening}<thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>"


def _code_cell(results: Results, code: str, lang: str, colors: dict[str, str]) -> str:
    return f'<span class="swatch" style="background:{colors[code]}"></span>{_e(results.label(code, lang))}'


def _summary(results: Results, lang: str, colors: dict[str, str]) -> list[str]:
    out = [f'<section id="summary"><h2>{_e(caption("summary", lang))}</h2>']
    for by, key in (("source_type", "by_source_type"), ("lang", "by_language")):
        totals = corpus_totals(results, by)  # type: ignore[arg-type]
        out.append(f"<h3>{_e(caption(key, lang))}</h3>")
        out.append(_table(
            [(_e(caption(by, lang)), False), *((_e(caption(k, lang)), True) for k in ("documents", "words",
                                                                                      "segments"))],
            [[(_e(caption("all", lang) if item.total else value_label(item.value, lang)), False),
              *((_number(v, lang), True) for v in (item.documents, item.words, item.segments))]
             for item in totals.itertuples(index=False)], total_last=True))
        if by == "lang":
            out.append(f'<p class="note">{_e(caption("note_language", lang))}</p>')
    bands = frequency_bands(results)
    out.append(f'<h3>{_e(caption("frequencies", lang))}</h3>')
    headers = [(_e(caption("code", lang)), False), *((_e(caption(m, lang)), True) for m in MEASURES)]
    rate = _e(caption("per_1000_words", lang))
    headers += [(f"{_e(band.title(lang))}: {rate}", True) for band in bands[1:]]
    rows = []
    for code in results.codes:
        row = [(_code_cell(results, code, lang, colors), False)]
        row += [(_number(bands[0].table.loc[code, m], lang, 2 if m == "per_1000_words" else 0), True)
                for m in MEASURES]
        row += [(_number(band.table.loc[code, "per_1000_words"], lang, 2), True) for band in bands[1:]]
        rows.append(row)
    out.append(_table(headers, rows))
    totals = group_totals(results, lang)
    out.append(f'<h3>{_e(caption("totals_by_group", lang))}</h3>')
    out.append(_table(
        [(_e(caption("group", lang)), False), *((_e(caption(m, lang)), True) for m in MEASURES)],
        [[(_e(name), False), *((_number(item[(0, m)], lang, 2 if m == "per_1000_words" else 0), True)
                               for m in MEASURES)] for name, item in totals.iterrows()],
        total_last=True))
    if "code_tone" in results.crosstabs:
        tone = results.crosstabs["code_tone"].set_index("code").reindex(results.codes).fillna(0)
        out.append(f'<h3>{_e(caption("code_by_tone", lang))}</h3>')
        out.append(f'<p class="note">{_e(caption("note_coded_units", lang))}</p>')
        rows = []
        for code in results.codes:
            counts = [int(tone.loc[code].get(t, 0)) for t in TONES]
            total = sum(counts)
            rows.append([(_code_cell(results, code, lang, colors), False),
                         *((_number(n, lang), True) for n in counts), (_number(total, lang), True),
                         *((_number(100 * n / total if total else 0, lang, 1) + "%", True) for n in counts)])
        out.append(_table([(_e(caption("code", lang)), False), *((_e(caption(t, lang)), True) for t in TONES),
                           (_e(caption("total", lang)), True),
                           *((_e(caption(f"share_{t}", lang)), True) for t in TONES)], rows))
    if "code_direction" in results.crosstabs:
        table = results.crosstabs["code_direction"].set_index("code").reindex(results.codes).fillna(0)
        out.append(f'<h3>{_e(caption("code_by_direction", lang))}</h3>')
        out.append(f'<p class="note">{_e(caption("note_coded_units", lang))}</p>')
        out.append(_table(
            [(_e(caption("code", lang)), False),
             *((_e(results.direction_label(d, lang)), True) for d in table.columns)],
            [[(_code_cell(results, code, lang, colors), False),
              *((_number(v, lang), True) for v in table.loc[code])] for code in results.codes]))
    out.append("</section>")
    return out


def _charts(results: Results, lang: str) -> list[str]:
    out = [f'<section id="charts"><h2>{_e(caption("charts", lang))}</h2>']
    for index, chart in enumerate(chart_specs(results, lang), start=1):
        svg = _inline_svg(chart_svg(chart), f"chart{index}", chart.title)
        out.append(f'<figure id="chart-{chart.name}">{svg}</figure>')
    out.append("</section>")
    return out


def _p_value(value: float, lang: str) -> str:
    """A p-value to four decimals, ``< 0.0001`` below that; a dash when nothing was tested."""
    if pd.isna(value):
        return "—"
    return f"< {_number(0.0001, lang, 4)}" if value < 0.0001 else _number(value, lang, 4)


def _whole(value: Any) -> str:
    """A whole number such as degrees of freedom; a dash when undefined."""
    return "—" if value is None or pd.isna(value) else str(int(value))


def _decimal(value: Any, lang: str, decimals: int, signed: bool = False) -> str:
    """A number with ``decimals`` places (a dash when undefined); ``signed`` writes + and − before it."""
    if value is None or pd.isna(value):
        return "—"
    text = _number(abs(value) if signed else value, lang, decimals)
    return (("−" if value < 0 else "+") + text) if signed and value != 0 else text


def _comparison(results: Results, lang: str, colors: dict[str, str], comparison: Comparison) -> list[str]:
    """Codes × source types with each code's test, then tone × source type with its test."""
    groups, by = list(comparison.groups), comparison.by
    tests = comparison.tests.set_index("code", drop=False)
    codes = [c for c in tests["code"] if c != "(tone)"]
    notes = {code: comparison_note(tests.loc[code], lang) for code in tests.index}
    with_notes = any(notes[code] for code in codes)
    measures = ("occurrences", "per_1000_words", "adjusted_residual")
    test_keys = ("chi2", "dof", "p_value", "cramers_v", *(("note",) if with_notes else ()))
    band = "".join(f'<th colspan="{len(measures)}" class="band">{_e(group_label(g, lang))}</th>' for g in groups)
    band += f'<th colspan="{len(test_keys)}" class="band">{_e(caption("chi_square_test", lang))}</th>'
    # Each band opens with a rule on its left ('edge'); numbers align right ('n').
    names = "".join(f'<th class="n{" edge" if i == 0 else ""}">{_e(caption(m, lang))}</th>'
                    for _ in groups for i, m in enumerate(measures))
    names += "".join(f'<th class="{" ".join(["edge"] * (i == 0) + ["n"] * (k != "note"))}">{_e(caption(k, lang))}</th>'
                     for i, k in enumerate(test_keys))
    frequencies = comparison.frequencies.set_index(["code", by])
    rows = []
    for code in codes:
        cells = [f"<td>{_code_cell(results, code, lang, colors)}</td>"]
        for group in groups:
            item = frequencies.loc[(code, group)]
            use = str(item["use"])
            mark = f" {RESIDUAL_MARKS[use]}" if use else ""
            cells += [f'<td class="n edge">{_number(item["occurrences"], lang)}</td>',
                      f'<td class="n">{_decimal(item["per_1000_words"], lang, 2)}</td>',
                      f'<td class="n{" " + use if use else ""}">'
                      f'{_decimal(item["adjusted_residual"], lang, 2, signed=True)}{mark}</td>']
        test = tests.loc[code]
        cells += [f'<td class="n edge">{_decimal(test["chi2"], lang, 2)}</td>',
                  f'<td class="n">{_whole(test["dof"])}</td>',
                  f'<td class="n">{_p_value(test["p_value"], lang)}</td>',
                  f'<td class="n">{_decimal(test["cramers_v"], lang, 3)}</td>']
        if with_notes:
            cells.append(f"<td>{_e(notes[code])}</td>")
        rows.append(f'<tr data-code="{_e(code)}">{"".join(cells)}</tr>')
    words = comparison.frequencies.groupby(by)["words"].max()
    total = [f"<td>{_e(caption('words', lang))}</td>"]
    for group in groups:
        total += [f'<td class="n edge">{_number(words[group], lang)}</td>', "<td></td>", "<td></td>"]
    total += ['<td class="edge"></td>', *(["<td></td>"] * (len(test_keys) - 1))]
    rows.append(f'<tr class="total">{"".join(total)}</tr>')
    out = [f'<h3 id="comparison">{_e(caption("comparison_by_source_type", lang))}</h3>',
           f'<p class="note">{_e(caption("note_p_values", lang))} {_e(caption("note_residuals", lang))}</p>',
           f'<table id="comparison-codes"><thead><tr><th rowspan="2">{_e(caption("code", lang))}</th>{band}</tr>'
           f'<tr>{names}</tr></thead><tbody>{"".join(rows)}</tbody></table>']
    if len(comparison.tone):
        out += _comparison_tone(lang, comparison, tests.loc["(tone)"], notes["(tone)"])
    return out


def _comparison_tone(lang: str, comparison: Comparison, test: pd.Series, note: str) -> list[str]:
    """Tone × source type (all units: counts and shares) and one line with its chi-square test."""
    rows = []
    for record in comparison.tone.to_dict("records"):
        units = int(record["units"])
        rows.append([(_e(group_label(record[comparison.by], lang)), False),
                     *((_number(record[t], lang), True) for t in TONES), (_number(units, lang), True),
                     *((_decimal(100 * record[t] / units if units else None, lang, 1) + "%", True)
                       for t in TONES)])
    table = _table([(_e(caption("source_type", lang)), False), *((_e(caption(t, lang)), True) for t in TONES),
                    (_e(caption("units", lang)), True), *((_e(caption(f"share_{t}", lang)), True) for t in TONES)],
                   rows, table_id="comparison-tone")
    result = (f"χ² = {_decimal(test['chi2'], lang, 2)}; {_e(caption('dof', lang))} = "
              f"{_whole(test['dof'])}; p = {_p_value(test['p_value'], lang)}; "
              f"{_e(caption('cramers_v', lang))} = {_decimal(test['cramers_v'], lang, 3)}")
    return [f'<h4>{_e(caption("source_type_by_tone", lang))}</h4>',
            f'<p class="note">{_e(caption("note_all_units", lang))}</p>',
            table,
            f'<p id="comparison-tone-test">{_e(caption("tone_test", lang))}: {result}'
            f'{f" ({_e(note)})" if note else ""}.</p>']


def _cooccurrence(results: Results, lang: str, colors: dict[str, str], result: Cooccurrence) -> list[str]:
    """The heat map and the network as inline SVG, then the pairs of codes that occur together."""
    from coding.stats.charts import cooccurrence_svg

    unit = caption(f"unit_{result.unit}", lang)
    # The network is 7 inches wide: its explanation takes two lines in kk and ru.
    explanation = textwrap.fill(f"({caption('note_network', lang)})", 60)
    titles = (f"{caption('cooccurrence_counts', lang)} ({unit})",
              f"{caption('chart_cooccurrence_network', lang)}\n{explanation}")
    network_label = " ".join(titles[1].split())
    heatmap, network = cooccurrence_svg(result, labels=[results.label(c, lang) for c in result.counts.index],
                                        titles=titles, colorbar=caption("units", lang))
    pairs = result.pairs[result.pairs["units"] > 0]
    table = _table(
        [*((_e(caption(k, lang)), False) for k in ("first_code", "second_code")),
         *((_e(caption(k, lang)), True) for k in ("units_both", "units_first", "units_second", "jaccard"))],
        [[(_code_cell(results, p.code_a, lang, colors), False), (_code_cell(results, p.code_b, lang, colors), False),
          *((_number(n, lang), True) for n in (p.units, p.units_a, p.units_b)),
          (_decimal(p.jaccard, lang, 3), True)] for p in pairs.itertuples(index=False)], table_id="cooccurrence-pairs")
    return [f'<h3 id="cooccurrence">{_e(caption("cooccurrence", lang))}</h3>',
            f'<p class="note">{_e(caption("note_cooccurrence", lang))} {_e(caption("unit", lang))}: {_e(unit)} · '
            f'{_e(caption("coded_units", lang))}: {_number(result.units, lang)}.</p>',
            f'<figure id="chart-cooccurrence-heatmap" class="square">'
            f'{_inline_svg(heatmap, "cooccurrence-heatmap", titles[0])}</figure>',
            f'<figure id="chart-cooccurrence-network" class="square">'
            f'{_inline_svg(network, "cooccurrence-network", network_label)}</figure>',
            f'<h4>{_e(caption("cooccurring_pairs", lang))}</h4>',
            table]


def _statistics(results: Results, lang: str, colors: dict[str, str]) -> list[str]:
    """The section of ``coding stats`` numbers, or nothing when the run allows neither statistic."""
    statistics = results.statistics
    if statistics.comparison is None and statistics.cooccurrence is None:
        return []
    out = [f'<section id="statistics"><h2>{_e(caption("statistics", lang))}</h2>']
    if statistics.comparison is not None:
        out += _comparison(results, lang, colors, statistics.comparison)
    if statistics.cooccurrence is not None:
        out += _cooccurrence(results, lang, colors, statistics.cooccurrence)
    out.append("</section>")
    return out


def _document(results: Results, document: Document, index: int, lang: str,
              segments: list[tuple[int, int, int, str, str]], record: dict[str, Any]) -> str:
    source_type = value_label(record["source_type"], lang) if "source_type" in record else ""
    meta = [document.doc_id, source_type, record.get("outlet", ""), record.get("date", ""),
            value_label(document.lang, lang)]
    meta_html = " · ".join(_e(m) for m in meta if m)
    url = str(record.get("url", "") or "")
    if url.startswith(("http://", "https://")):
        meta_html += f' · <a href="{_e(url)}" rel="noreferrer noopener">{_e(url)}</a>'
    counts = "".join(f'<span data-code="{_e(code)}"><span class="swatch" style="background:var(--c-{code})">'
                     f"</span>{_e(results.label(code, lang))}: {_number(record.get(code, 0), lang)}</span>"
                     for code in results.codes if record.get(code, 0))
    body = "".join(f"<p>{highlight(document.text, p.start, p.end, segments, results.codes)}</p>"
                   for p in document.paragraphs)
    title = document.title or document.doc_id
    return (f'<article class="document" id="doc-{index}" data-doc="{_e(document.doc_id)}">'
            f'<h3>{_e(title)}</h3><p class="meta">{meta_html}</p><p class="counts">{counts}</p>'
            f"{body}</article>")


def chosen_documents(results: Results, max_documents: int = DEFAULT_HTML_DOCUMENTS,
                     doc_ids: Sequence[str] | None = None) -> list[str]:
    """The documents whose text the report shows, in the order of documents.csv: those of ``doc_ids`` when
    given, else every document when there are at most ``max_documents``, else the first ``max_documents``
    that have coded segments (then, if room is left, the first without).

    Raises:
        InputError: ``max_documents`` is negative, or ``doc_ids`` names a document not in the run.
    """
    documents = results.documents
    if doc_ids:
        known = set(documents["doc_id"])
        unknown = [d for d in dict.fromkeys(doc_ids) if d not in known]
        if unknown:
            raise InputError(_("'{unknown}' is not a document of the run").format(unknown=unknown[0]),
                             path=results.run_dir / "documents.csv",
                             hint=_("give a doc_id of documents.csv, e.g. {doc_id}")
                             .format(doc_id=', '.join(documents['doc_id'][:3])))
        wanted = set(doc_ids)
        return [d for d in documents["doc_id"] if d in wanted]
    if max_documents < 0:
        raise InputError(_("cannot show {max_documents} documents").format(max_documents=max_documents),
                         hint=_("give --html-documents 0 or more"))
    if len(documents) <= max_documents:
        return list(documents["doc_id"])
    coded = documents["segments"] > 0
    first = [*documents.loc[coded, "doc_id"][:max_documents],
             *documents.loc[~coded, "doc_id"][:max(0, max_documents - int(coded.sum()))]]
    keep = set(first)
    return [d for d in documents["doc_id"] if d in keep]


def _documents(results: Results, lang: str, colors: dict[str, str], shown: list[str]) -> Iterator[str]:
    """The documents section: the filter, the list of documents shown, then each one highlighted; made
    one document at a time, with only the segments of the documents shown read from segments.csv."""
    yield f'<section id="documents"><h2>{_e(caption("documents", lang))}</h2>'
    occurrences = dict(zip(results.frequencies["code"], results.frequencies["occurrences"], strict=True))
    boxes = "".join(
        f'<label><input type="checkbox" class="code-filter" value="{_e(code)}" checked> '
        f'<span class="swatch" style="background:{colors[code]}"></span>{_e(results.label(code, lang))} '
        f'({_number(occurrences[code], lang)})</label>' for code in results.codes)
    yield (f'<div class="filter" id="filter" role="group" aria-label="{_e(caption("filter", lang))}">'
           f'<strong>{_e(caption("filter", lang))}</strong>{boxes}'
           f'<button type="button" data-all="1">{_e(caption("show_all", lang))}</button>'
           f'<button type="button" data-all="0">{_e(caption("hide_all", lang))}</button></div>')
    total = len(results.documents)
    if len(shown) < total:
        note = caption("note_documents_cut", lang).format(
            shown=count_text(len(shown), lang), total=count_text(total, lang),
            left=count_text(total - len(shown), lang))
        yield f'<p class="note" id="documents-cut">{_e(note)}</p>'
    wanted = set(shown)
    records = {r["doc_id"]: r for r in results.documents[results.documents["doc_id"].isin(wanted)].to_dict("records")}
    index = {doc_id: i for i, doc_id in enumerate(shown)}
    toc = "".join(f'<li><a href="#doc-{i}">{_e(records[d].get("title") or d)}</a></li>' for i, d in enumerate(shown))
    yield (f'<details class="toc"><summary>{_e(caption("documents", lang))} ({len(shown)})</summary>'
           f"<ol>{toc}</ol></details>")
    # A proximity match's evidence (which words were A and B) goes into its tooltip; older runs have none.
    evidence = ["evidence"] if "evidence" in results.segment_columns else []
    segments = (results.segments_of(wanted, ["unit_id", "code", "term", "surface", "start", "end", *evidence])
                if shown else None)
    by_doc: dict[str, pd.DataFrame] = dict(tuple(segments.groupby("doc_id", sort=False))) if segments is not None \
        else {}
    labels = {code: results.label(code, lang) for code in results.codes}
    empty = pd.DataFrame(columns=["doc_id", "unit_id", "code", "term", "surface", "start", "end"])
    for document in results.documents_in_run(only=wanted) if shown else ():
        rows = by_doc.get(document.doc_id, empty)
        results.check_offsets(document, rows)
        items = [(int(row), int(s.start), int(s.end), s.code, f"{labels.get(s.code, s.code)} — {s.term}"
                  + (f" ({s.evidence})" if isinstance(getattr(s, "evidence", ""), str) and s.evidence else ""))
                 for row, s in zip(rows.index, rows.itertuples(index=False), strict=True)]
        yield _document(results, document, index[document.doc_id], lang, items, records[document.doc_id])
    yield "</section>"


def _report_parts(results: Results, label_lang: str, shown: list[str]) -> Iterator[str]:
    check_label_lang(label_lang)
    lang = label_lang
    colors = code_colors(results.codebook)
    variables = "".join(f"--c-{code}:{color};--t-{code}:{tint(color, HIGHLIGHT_TINT)};"
                        for code, color in colors.items())
    provenance = results.provenance
    book = provenance.get("codebook", {})
    title = f"{caption('report_title', lang)}: {book.get('title', '')}"
    lead = (f"{_e(caption('codebook', lang))}: {_e(book.get('title', ''))} {_e(book.get('version', ''))} "
            f"(SHA-256 {_e(str(book.get('sha256', ''))[:12])}…) · {_e(caption('documents', lang))}: "
            f"{_number(len(results.documents), lang)} · {_e(caption('segments', lang))}: "
            f"{_number(results.segment_count, lang)} · {_e(caption('unit', lang))}: "
            f"{_e(provenance.get('options', {}).get('unit', ''))} · "
            f"coding {_e(provenance.get('version', ''))}, {_e(provenance.get('started', ''))}")
    statistics = _statistics(results, lang, colors)
    sections = ("summary", "charts", *(("statistics",) if statistics else ()), "documents")
    nav = " ".join(f'<a href="#{key}">{_e(caption(key, lang))}</a>' for key in sections)
    yield from (
        "<!DOCTYPE html>",
        f'<html lang="{lang}"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f'<meta name="generator" content="coding {_e(provenance.get("version", ""))}">',
        f"<title>{_e(title)}</title>",
        f"<style>:root{{{variables}}}{CSS}</style></head>",
        f'<body><main><header><h1>{_e(title)}</h1><p class="lead">{lead}</p><nav>{nav}</nav></header>',
    )
    yield from _summary(results, lang, colors)
    yield from _charts(results, lang)
    yield from statistics
    yield from _documents(results, lang, colors, shown)
    yield f"</main><script>{SCRIPT}</script></body></html>"


def build_report(results: Results, label_lang: str = "kk", *, max_documents: int = DEFAULT_HTML_DOCUMENTS,
                 doc_ids: Sequence[str] | None = None) -> str:
    """The report as one HTML string (see the module docstring); ``max_documents`` and ``doc_ids`` choose
    the documents shown with their text, as in ``chosen_documents``."""
    return "\n".join(_report_parts(results, label_lang, chosen_documents(results, max_documents, doc_ids)))


def write_report(results: Results, path: str | Path, label_lang: str = "kk", *,
                 max_documents: int = DEFAULT_HTML_DOCUMENTS, doc_ids: Sequence[str] | None = None) -> Path:
    """Write the HTML report to ``path`` atomically, part by part; returns the path. The tables and charts
    cover the whole run; the text of at most ``max_documents`` documents is shown with its highlights, or
    of the documents ``doc_ids`` (see ``chosen_documents``).

    Raises:
        InputError: the file name does not end in .html or .htm, or a document asked for is not in the run.
        OutputError: ``path`` lies inside the corpus folder.
        CorpusError: a document shown changed since the run (the highlights would be wrong).
    """
    path = Path(path)
    if path.suffix.lower() not in (".html", ".htm"):
        raise InputError(_("cannot write an HTML report to '{name}'").format(name=path.name),
                         hint=_("name the file .html"))
    results.check_output(path)
    shown = chosen_documents(results, max_documents, doc_ids)
    with atomic_text(path) as handle:
        for number, part in enumerate(_report_parts(results, label_lang, shown)):
            handle.write(("\n" if number else "") + part)
    return path
