"""Chart files (matplotlib): one PNG and one SVG per chart, Kazakh text kept, print-size, numbers from CSV."""

from __future__ import annotations

import struct
import warnings
from pathlib import Path

import pytest

from coding.errors import InputError, OutputError
from coding.exports.charts import FIGURE_SIZE, PNG_DPI, Chart, chart_specs, draw_chart, write_charts
from coding.results import TONES, load_results
from tests.conftest import CODEBOOK_YAML
from tests.test_results import make_run, read, small_run

NAMES = ("frequencies_by_source_type", "tone_by_code", "frequencies_by_year")
KAZAKH_LETTERS = "ә ғ қ ң ө ұ ү һ і Ә Ғ Қ Ң Ө Ұ Ү Һ І"


@pytest.fixture(scope="module")
def run_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return small_run(tmp_path_factory.mktemp("charts"))


def png_size(path: Path) -> tuple[int, int]:
    """Width and height from a PNG's IHDR chunk."""
    head = path.read_bytes()[:24]
    assert head[:8] == b"\x89PNG\r\n\x1a\n"
    return struct.unpack(">II", head[16:24])


def test_every_chart_in_png_and_svg(run_dir: Path, tmp_path: Path) -> None:
    out = tmp_path / "charts"
    written = write_charts(load_results(run_dir), out, ["png", "svg"])
    assert sorted(p.name for p in written) == sorted(f"{n}.{f}" for n in NAMES for f in ("png", "svg"))
    for name in NAMES:
        assert png_size(out / f"{name}.png") == (round(FIGURE_SIZE[0] * PNG_DPI),
                                                  round(FIGURE_SIZE[1] * PNG_DPI))  # 1950 × 1200
    svg = (out / "frequencies_by_source_type.svg").read_text(encoding="utf-8")
    # Text stays text, in DejaVu Sans, so a co-author can edit labels in the paper.
    assert "Бала саудасы" in svg and "Кодтардың дереккөз түрі бойынша жиілігі" in svg
    assert "DejaVu Sans" in svg and "<text" in svg
    assert "Теріс" in (out / "tone_by_code.svg").read_text(encoding="utf-8")
    assert "Жыл" in (out / "frequencies_by_year.svg").read_text(encoding="utf-8")
    assert not list(out.glob(".*.tmp"))


def test_kazakh_letters_need_no_system_font() -> None:
    chart = Chart(name="letters", kind="bars", title=KAZAKH_LETTERS, value_title=KAZAKH_LETTERS,
                  categories=(KAZAKH_LETTERS,), series=((KAZAKH_LETTERS, (1.0,)),), colors=("#4e79a7",))
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # matplotlib warns "Glyph … missing from font(s)"
        draw_chart(chart).canvas.draw()


def test_text_is_readable_at_print_size(run_dir: Path) -> None:
    for chart in chart_specs(load_results(run_dir)):
        figure = draw_chart(chart)
        figure.canvas.draw()
        sizes = [text.get_fontsize() for text in figure.findobj(lambda a: hasattr(a, "get_fontsize"))
                 if getattr(text, "get_text", lambda: "")()]
        assert min(sizes) >= 9, chart.name


def test_chart_numbers_are_the_csv_numbers(run_dir: Path) -> None:
    bars, tone, years = chart_specs(load_results(run_dir), "ru")
    by_type = read(run_dir, "frequencies_by_source_type.csv")
    for name, values in bars.series:
        expected = by_type[by_type["source_type"] == name]["per_1000_words"]
        assert list(values) == list(expected)
    assert bars.categories == ("Торговля детьми", "Преступление", "Защита", "Ребёнок")
    crosstab = read(run_dir, "crosstab_code_tone.csv")
    assert [list(v) for _, v in tone.series] == [list(crosstab[t]) for t in TONES]
    assert [n for n, _ in tone.series] == ["Негативная", "Нейтральная", "Позитивная"]
    assert years.categories == ("2019", "2020", "2021", "2022")


@pytest.mark.parametrize(("lang", "half"), [("kk", "0,5"), ("ru", "0,5"), ("en", "0.5")])
def test_decimal_separator_follows_the_label_language(lang: str, half: str) -> None:
    chart = Chart(name="rates", kind="lines", title="t", value_title="v", categories=("2020", "2021"),
                  series=(("a", (0.0, 2.5)),), colors=("#4e79a7",), lang=lang)
    figure = draw_chart(chart)
    figure.canvas.draw()
    assert half in [label.get_text() for label in figure.axes[0].yaxis.get_ticklabels()]


def test_titles_follow_the_label_language(run_dir: Path, tmp_path: Path) -> None:
    write_charts(load_results(run_dir), tmp_path / "ru", ["svg"], label_lang="ru")
    write_charts(load_results(run_dir), tmp_path / "en", ["svg"], label_lang="en")
    ru = (tmp_path / "ru" / "frequencies_by_year.svg").read_text(encoding="utf-8")
    en = (tmp_path / "en" / "frequencies_by_year.svg").read_text(encoding="utf-8")
    assert "Частота кодов по годам" in ru and "Ребёнок" in ru
    assert "Code frequencies by year" in en and "Occurrences per 1,000 words" in en


def test_without_tone_rules_there_is_no_tone_chart(small_corpus: Path, tmp_path: Path) -> None:
    run_dir = make_run(small_corpus, CODEBOOK_YAML, tmp_path / "plain")
    names = [chart.name for chart in chart_specs(load_results(run_dir))]
    assert names == ["frequencies_by_source_type", "frequencies_by_year"]


def test_bad_format_and_corpus_folder_are_refused(run_dir: Path, tmp_path: Path) -> None:
    results = load_results(run_dir)
    with pytest.raises(InputError, match="'pdf' is not a chart format"):
        write_charts(results, tmp_path / "c", ["pdf"])
    with pytest.raises(OutputError, match="never written to"):
        write_charts(results, results.corpus_root / "charts")
    assert not (results.corpus_root / "charts").exists()
    (tmp_path / "a_file").write_text("", encoding="utf-8")
    with pytest.raises(OutputError, match="exists and is not a folder"):
        write_charts(results, tmp_path / "a_file")
    with pytest.raises(InputError, match="'de' is not a label language"):
        write_charts(results, tmp_path / "c", label_lang="de")
