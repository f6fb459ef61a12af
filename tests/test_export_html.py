"""The HTML report: self-contained, escaped, every segment highlighted (overlaps split), and a code filter
that works in a real browser (headless Chromium, skipped when absent)."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from collections import Counter
from pathlib import Path

import pytest
from lxml import html as lxml_html

from coding.codebook import load_codebook
from coding.errors import CorpusError, InputError
from coding.exports.html import highlight, write_report
from coding.results import caption, load_results
from coding.runs import code_corpus
from coding.stats import compare_groups, cooccurrence, read_run
from tests.test_export_xlsx import CONTRAST, LABELS_KK, ONE_SOURCE_TYPE, tiny_run
from tests.test_results import EXPORT_CODEBOOK_YAML, make_run, read, small_run

REPO = Path(__file__).resolve().parents[1]

HOSTILE_TITLE = "<script>alert(1)</script> & Co"


@pytest.fixture(scope="module")
def run_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    # A title with markup and a url that is a script: both must arrive as text.
    return small_run(tmp_path_factory.mktemp("html"), manifest_edits={
        "official/en1.txt,e1,Report,": f'official/en1.txt,e1,"{HOSTILE_TITLE}",',
        "2021-12-01,,,national": "2021-12-01,,javascript:alert(1),national",
    })


@pytest.fixture(scope="module")
def report(run_dir: Path) -> Path:
    return write_report(load_results(run_dir), run_dir.parent / "out" / "report.html")


def marks_of(tree, row: int) -> list:
    return tree.xpath(f'//mark[contains(concat(" ", @data-segs, " "), " {row} ")]')


# (text, segments as (start, end, code), expected pieces as (text, codes of its mark or None))
HIGHLIGHT_CASES = [
    ("abcdefghij", [(0, 5, "a"), (3, 8, "b")],
     [("abc", "a"), ("de", "a b"), ("fgh", "b"), ("ij", None)]),
    ("abcdefghij", [(2, 6, "b"), (2, 4, "a")], [("ab", None), ("cd", "a b"), ("ef", "b"), ("ghij", None)]),
    ("a<b>&c", [(1, 4, "a")], [("a", None), ("<b>", "a"), ("&c", None)]),
    ("abcdef", [(0, 6, "a"), (0, 6, "a")], [("abcdef", "a")]),
]


@pytest.mark.parametrize(("text", "segments", "pieces"), HIGHLIGHT_CASES)
def test_highlight_splits_overlaps(text: str, segments: list, pieces: list) -> None:
    rows = [(i, s, e, code, code) for i, (s, e, code) in enumerate(segments)]
    rendered = highlight(text, 0, len(text), rows, ["a", "b"])
    fragment = lxml_html.fragment_fromstring(f"<p>{rendered}</p>")
    got = [(fragment.text, None)] if fragment.text else []
    for mark in fragment:
        assert len(mark) == 0  # pieces, never nested marks
        got.append((mark.text, mark.get("data-codes")))
        if mark.tail:
            got.append((mark.tail, None))
    assert got == pieces
    assert "<b>" not in rendered and "&lt;b&gt;" in rendered or "<" not in text


def test_report_is_self_contained_and_escaped(report: Path) -> None:
    page = report.read_text(encoding="utf-8")
    tree = lxml_html.fromstring(page)
    assert tree.xpath("//script[@src]") == [] and tree.xpath("//link") == [] and tree.xpath("//img") == []
    assert len(tree.xpath("//script")) == 1
    assert "@import" not in page and "url(http" not in page and "@font-face" not in page
    assert HOSTILE_TITLE not in page and "&lt;script&gt;alert(1)&lt;/script&gt; &amp; Co" in page
    assert [a.get("href") for a in tree.xpath("//a") if "javascript" in (a.get("href") or "")] == []
    ids = Counter(element.get("id") for element in tree.iter() if element.get("id"))
    assert [name for name, count in ids.items() if count > 1] == []  # five inline SVGs, no clashes
    assert len(tree.xpath("//figure//svg")) == 5
    assert tree.get("lang") == "kk"


def test_every_segment_is_highlighted(report: Path, run_dir: Path) -> None:
    tree = lxml_html.fromstring(report.read_text(encoding="utf-8"))
    segments = read(run_dir, "segments.csv")
    assert len(tree.xpath("//article")) == 4
    for row, segment in enumerate(segments.to_dict("records")):
        marks = marks_of(tree, row)
        assert "".join(m.text_content() for m in marks) == segment["surface"], segment
        assert {m.xpath("ancestor::article/@data-doc")[0] for m in marks} == {segment["doc_id"]}
        assert all(segment["code"] in m.get("data-codes").split() for m in marks)


def test_overlapping_codes_show_both_colours(report: Path, run_dir: Path) -> None:
    tree = lxml_html.fromstring(report.read_text(encoding="utf-8"))
    segments = read(run_dir, "segments.csv")
    row = segments.index[(segments["doc_id"] == "k1") & (segments["code"] == "child_trafficking")][0]
    first, rest = marks_of(tree, row)
    assert (first.text, first.get("data-codes")) == ("Бала", "child_trafficking child")
    assert "linear-gradient" in first.get("style") and "--t-child" in first.get("style")
    assert (rest.text, rest.get("data-codes")) == (" саудасы", "child_trafficking")


def test_legend_and_colours(report: Path) -> None:
    page = report.read_text(encoding="utf-8")
    tree = lxml_html.fromstring(page)
    boxes = tree.xpath('//input[@class="code-filter"]')
    assert [b.get("value") for b in boxes] == ["child_trafficking", "crime", "protection", "child"]
    assert all(b.get("checked") is not None for b in boxes)
    labels = [b.getparent().text_content().strip() for b in boxes]
    assert labels[0] == "Бала саудасы (5)" and labels[3] == "Бала (7)"
    assert "--c-child:#8c564b" in page  # the codebook's own colour


def test_label_language(run_dir: Path, tmp_path: Path) -> None:
    page = write_report(load_results(run_dir), tmp_path / "ru.html", "ru").read_text(encoding="utf-8")
    assert '<html lang="ru">' in page and "Торговля детьми (5)" in page and "Фильтр кодов" in page
    assert '<a href="#statistics">Статистика</a>' in page and "Индекс Жаккара" in page


def kk(value: float, decimals: int) -> str:
    """A number as the kk report writes it (no thousands here): 0,6606."""
    return f"{value:.{decimals}f}".replace(".", ",")


def signed(value: float) -> str:
    return ("−" if value < 0 else "+" if value > 0 else "") + kk(abs(value), 2)


def cell_texts(row) -> list[str]:
    return [td.text_content().strip() for td in row.xpath("td")]


def test_statistics_section_equals_coding_stats(report: Path, run_dir: Path) -> None:
    tree = lxml_html.fromstring(report.read_text(encoding="utf-8"))
    assert tree.xpath("//nav/a/@href") == ["#summary", "#charts", "#statistics", "#documents"]
    (section,) = tree.xpath('//section[@id="statistics"]')
    assert section.xpath("h2")[0].text == "Статистика"
    assert caption("note_p_values", "kk") in section.xpath('p[@class="note"]')[0].text
    comparison = compare_groups(read_run(run_dir), "source_type")
    frequencies = comparison.frequencies.set_index(["code", "source_type"])
    tests = comparison.tests.set_index("code")
    (table,) = section.xpath('.//table[@id="comparison-codes"]')
    assert [th.text for th in table.xpath("thead/tr[1]/th")] == ["Код", "media", "official", "χ² тесті"]
    rows = table.xpath("tbody/tr[@data-code]")
    assert [r.get("data-code") for r in rows] == list(LABELS_KK)
    for row in rows:
        code = row.get("data-code")
        expected = [LABELS_KK[code]]
        for group in ("media", "official"):
            item = frequencies.loc[(code, group)]
            expected += [str(item["occurrences"]), kk(item["per_1000_words"], 2), signed(item["adjusted_residual"])]
        test = tests.loc[code]
        expected += [kk(test["chi2"], 2), str(test["dof"]), kk(test["p_value"], 4), kk(test["cramers_v"], 3),
                     caption("note_fisher", "kk")]
        assert cell_texts(row) == expected
    words = comparison.frequencies.groupby("source_type")["words"].max()
    assert cell_texts(table.xpath('tbody/tr[@class="total"]')[0])[:5] == ["Сөздер", str(words["media"]), "", "",
                                                                          str(words["official"])]
    (tone,) = section.xpath('.//table[@id="comparison-tone"]')
    for row, record in zip(tone.xpath("tbody/tr"), comparison.tone.to_dict("records"), strict=True):
        assert cell_texts(row) == [record["source_type"], *(str(record[t]) for t in ("negative", "neutral",
                                                                                      "positive", "units")),
                                   *(kk(record[f"pct_{t}"], 1) + "%" for t in ("negative", "neutral", "positive"))]
    tone_test = tests.loc["(tone)"]
    assert section.xpath('.//p[@id="comparison-tone-test"]')[0].text_content() == (
        f"{caption('tone_test', 'kk')}: χ² = {kk(tone_test['chi2'], 2)}; Еркіндік дәрежесі = 2; "
        f"p = {kk(tone_test['p_value'], 4)}; Крамер V = {kk(tone_test['cramers_v'], 3)} "
        f"({caption('note_unreliable', 'kk')}).")

    result = cooccurrence(read_run(run_dir))
    (pairs,) = section.xpath('.//table[@id="cooccurrence-pairs"]')
    linked = result.pairs[result.pairs["units"] > 0]
    assert [cell_texts(row) for row in pairs.xpath("tbody/tr")] == [
        [LABELS_KK[p.code_a], LABELS_KK[p.code_b], str(p.units), str(p.units_a), str(p.units_b), kk(p.jaccard, 3)]
        for p in linked.itertuples(index=False)]
    # The pictures: inline SVG, text kept as text in the label language, nothing fetched.
    heatmap, network = (section.xpath(f'.//figure[@id="chart-cooccurrence-{name}"]/svg')[0]
                        for name in ("heatmap", "network"))
    assert heatmap.get("aria-label") == "Екі код қатар кездесетін бірліктер (сөйлем)"
    for svg in (heatmap, network):
        texts = [t.text_content() for t in svg.iter("text")]
        assert set(LABELS_KK.values()) <= {t.split(" (")[0] for t in texts}
        assert all(h.startswith(("#", "data:")) for h in svg.xpath(".//@href | .//@*[local-name()='href']"))
    assert {t.text_content() for t in heatmap.iter("text")} >= {str(n) for n in result.counts.to_numpy().ravel()}
    markup = lxml_html.tostring(section, encoding="unicode")
    assert set(re.findall(r"https?://[^\s\"'<>]+", markup)) <= {"http://www.w3.org/2000/svg",
                                                              "http://www.w3.org/1999/xlink"}


@pytest.mark.parametrize(("documents", "sections"), [
    (ONE_SOURCE_TYPE, []),
    (CONTRAST, ["comparison-codes"]),
])
def test_statistics_only_when_the_data_allow(documents: list, sections: list, tmp_path: Path) -> None:
    run = tiny_run(tmp_path, documents)
    page = write_report(load_results(run), tmp_path / "report.html", "en").read_text(encoding="utf-8")
    tree = lxml_html.fromstring(page)
    assert ("#statistics" in tree.xpath("//nav/a/@href")) == bool(sections)
    assert tree.xpath('//section[@id="statistics"]//table/@id') == [*sections, *(["comparison-tone"] if sections
                                                                              else [])]
    assert tree.xpath('//figure[starts-with(@id, "chart-cooccurrence")]') == []
    if sections:
        crime = tree.xpath('//tr[@data-code="crime"]/td[contains(@class, "over") or contains(@class, "under")]')
        assert [(td.get("class"), td.text_content()[-1]) for td in crime] == [("n over", "▲"), ("n under", "▼")]
        absent = cell_texts(tree.xpath('//tr[@data-code="protection"]')[0])
        assert absent[-5:] == ["—", "—", "—", "—", "the code does not occur"]

def test_a_changed_corpus_gives_no_report(small_corpus: Path, tmp_path: Path) -> None:
    own_run = make_run(small_corpus, EXPORT_CODEBOOK_YAML, tmp_path / "results")
    (small_corpus / "media" / "ru1.txt").write_text("Другой текст.\n", encoding="utf-8")
    with pytest.raises(CorpusError, match="changed since the run"):
        write_report(load_results(own_run), tmp_path / "report.html")
    assert not (tmp_path / "report.html").exists()


def _chromium() -> str | None:
    for name in ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable"):
        if shutil.which(name):
            return shutil.which(name)
    return "/usr/bin/chromium" if Path("/usr/bin/chromium").exists() else None


CHROMIUM_FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync",
                  "--hide-scrollbars")


def _browse(report: Path, profile: Path, address_tail: str, *extra: str) -> subprocess.CompletedProcess:
    command = [_chromium(), *CHROMIUM_FLAGS, f"--user-data-dir={profile}", *extra,
               report.resolve().as_uri() + address_tail]
    return subprocess.run(command, capture_output=True, text=True, timeout=120, check=True)


@pytest.mark.real_program("chromium")
@pytest.mark.skipif(_chromium() is None, reason="Chromium is not installed (see README: browser tests)")
def test_filter_in_a_real_browser(report: Path, run_dir: Path, tmp_path: Path) -> None:
    segments = read(run_dir, "segments.csv")
    known = segments.index[(segments["doc_id"] == "k1") & (segments["code"] == "child_trafficking")][0]
    crime = segments.index[segments["code"] == "crime"][0]

    shown = lxml_html.fromstring(_browse(report, tmp_path / "profile1", "", "--dump-dom").stdout)
    assert all(m.get("data-on") == m.get("data-codes") for m in shown.xpath("//mark"))

    # The address unchecks two codes; the page's script must take their colours off and keep the others.
    dom = _browse(report, tmp_path / "profile2", "#hide=crime,child", "--dump-dom").stdout
    tree = lxml_html.fromstring(dom)
    assert tree.xpath("//body/@data-hidden") == ["crime child"]
    first, rest = marks_of(tree, known)
    assert (first.text, first.get("data-on"), first.get("class")) == ("Бала", "child_trafficking", "seg")
    assert "linear-gradient" not in first.get("style") and "--t-child_trafficking" in first.get("style")
    assert rest.get("data-on") == "child_trafficking"
    for mark in marks_of(tree, crime):
        assert mark.get("data-on") == "" and "off" in mark.get("class").split() and not mark.get("style")
    hidden = [m for m in tree.xpath("//mark") if not set(m.get("data-codes").split()) - {"crime", "child"}]
    assert hidden and all("off" in m.get("class").split() for m in hidden)

    screenshot = tmp_path / "report.png"
    _browse(report, tmp_path / "profile3", "#hide=crime,child", f"--screenshot={screenshot}",
            "--window-size=1280,2400")
    assert screenshot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and screenshot.stat().st_size > 20_000


@pytest.mark.parametrize("chunk_rows", [1, 3])
def test_chunks_give_the_same_report(report: Path, run_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                     chunk_rows: int) -> None:
    monkeypatch.setattr("coding.results.CHUNK_ROWS", chunk_rows)
    again = write_report(load_results(run_dir), tmp_path / "report.html")
    assert again.read_text(encoding="utf-8") == report.read_text(encoding="utf-8")


def test_a_bounded_number_of_documents_is_shown(run_dir: Path, tmp_path: Path) -> None:
    page = write_report(load_results(run_dir), tmp_path / "two.html", "en", max_documents=2).read_text(encoding="utf-8")
    tree = lxml_html.fromstring(page)
    assert tree.xpath("//article/@data-doc") == ["k1", "r1"]
    assert len(tree.xpath('//details[@class="toc"]//li')) == 2
    assert tree.xpath('//p[@id="documents-cut"]')[0].text == (
        "Highlighted text is shown for 2 of 4 documents (2 left out); the tables and charts cover all of them. "
        "Choose documents with 'coding export … --html-doc DOC_ID', or show more with --html-documents N.")
    segments = read(run_dir, "segments.csv")
    for row, segment in enumerate(segments.to_dict("records")):
        marks = marks_of(tree, row)  # rows keep their numbers in segments.csv
        if segment["doc_id"] in ("k1", "r1"):
            assert "".join(m.text_content() for m in marks) == segment["surface"]
        else:
            assert marks == []
    # The tables still cover the whole run.
    labels = [b.getparent().text_content().strip() for b in tree.xpath('//input[@class="code-filter"]')]
    assert labels[0] == "Child trafficking (5)"
    assert len(tree.xpath("//figure//svg")) == 5
    one = write_report(load_results(run_dir), tmp_path / "one.html", doc_ids=["e1"]).read_text(encoding="utf-8")
    tree = lxml_html.fromstring(one)
    assert tree.xpath("//article/@data-doc") == ["e1"]
    e1 = segments.index[segments["doc_id"] == "e1"]
    assert sorted({int(r) for m in tree.xpath("//mark") for r in m.get("data-segs").split()}) == list(e1)
    with pytest.raises(InputError, match="'nope' is not a document of the run"):
        write_report(load_results(run_dir), tmp_path / "x.html", doc_ids=["nope"])


def test_documents_with_segments_come_first(tmp_path: Path) -> None:
    run = tiny_run(tmp_path, [("a.txt", "media", "Бұл мәтінде ештеңе жоқ.\n"), ("b.txt", "media", "Қылмыс туралы.\n"),
                              ("c.txt", "media", "Тағы бір мәтін.\n")])
    tree = lxml_html.fromstring(write_report(load_results(run), tmp_path / "r.html", max_documents=2)
                                .read_text(encoding="utf-8"))
    assert tree.xpath("//article/@data-doc") == ["a", "b"]  # in the run's order: b has a segment, a fills up
    tree = lxml_html.fromstring(write_report(load_results(run), tmp_path / "r.html", max_documents=1)
                                .read_text(encoding="utf-8"))
    assert tree.xpath("//article/@data-doc") == ["b"]


def test_cli_html_documents(runner, run_dir: Path, tmp_path: Path) -> None:
    from coding.cli import cli
    from coding.cli_export import export

    cli.add_command(export)
    out = tmp_path / "r.html"
    result = runner.invoke(cli, ["export", str(run_dir), "--html", str(out), "--html-documents", "1"])
    assert result.exit_code == 0, result.output
    assert result.stdout == f"HTML report: {out} (1 of 4 documents shown, 7 highlighted segments)\n"
    result = runner.invoke(cli, ["export", str(run_dir), "--html", str(out), "--html-doc", "r1", "--html-doc", "e1"])
    assert result.stdout == f"HTML report: {out} (2 of 4 documents shown, 10 highlighted segments)\n"
    result = runner.invoke(cli, ["export", str(run_dir), "--html", str(out), "--html-doc", "zz"])
    assert result.exit_code == 2 and "Error: " in result.stderr and "'zz' is not a document of the run" in result.stderr


# Opens the report in a 390 px frame (a phone), measures it and clicks a filter; the result lands in <pre>.
PHONE_PROBE = """<!doctype html><html><body style="margin:0">
<iframe id="f" src="REPORT" style="width:390px;height:800px;border:0"></iframe><pre id="out">waiting</pre>
<script>
document.getElementById("f").onload = function () {
  var d = this.contentDocument, w = this.contentWindow, width = d.documentElement.clientWidth, wide = [];
  d.querySelectorAll("body *").forEach(function (e) {
    var box = e.closest("table, figure");  // tables and charts scroll inside their own box
    if (e.getBoundingClientRect().right > width + 1 && !(box && box !== e)) wide.push(e.tagName);
  });
  var smallest = 99;
  d.querySelectorAll("svg text").forEach(function (t) {
    var svg = t.closest("svg"), px = parseFloat(w.getComputedStyle(t).fontSize)
      * svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
    smallest = Math.min(smallest, px);
  });
  var boxes = d.querySelectorAll("input.code-filter");
  boxes[1].click();
  var afterOne = w.location.hash;
  d.querySelector("button[data-all='0']").click();
  boxes[0].click();
  document.getElementById("out").textContent = JSON.stringify({scroll: d.documentElement.scrollWidth,
    width: width, wide: wide, smallest: smallest, afterOne: afterOne, afterOnly: w.location.hash,
    first: boxes[0].value, second: boxes[1].value});
};
</script></body></html>"""


@pytest.mark.real_program("chromium")
@pytest.mark.skipif(_chromium() is None, reason="Chromium is not installed (see README: browser tests)")
def test_the_report_reads_on_a_phone_and_a_filtered_view_is_a_link(tmp_path: Path) -> None:
    run = tmp_path / "run"
    code_corpus(REPO / "corpus", load_codebook(REPO / "codebooks" / "child_trafficking.yaml"), out=run)
    report = write_report(load_results(run), tmp_path / "report.html")
    probe = tmp_path / "probe.html"
    probe.write_text(PHONE_PROBE.replace("REPORT", report.name), encoding="utf-8")
    dom = _browse(probe, tmp_path / "profile", "", "--allow-file-access-from-files", "--virtual-time-budget=5000",
                  "--dump-dom").stdout
    found = json.loads(lxml_html.fromstring(dom).xpath('//pre[@id="out"]')[0].text)
    assert found["scroll"] == found["width"], f"the page scrolls sideways at 390 px: {found['wide'][:5]}"
    assert found["smallest"] >= 10, f"chart text as small as {found['smallest']:.1f} px"
    assert found["afterOne"] == f"#hide={found['second']}"
    assert found["afterOnly"] == f"#only={found['first']}"


def test_a_proximity_segment_says_which_words_were_a_and_b(tmp_path: Path) -> None:
    root = tmp_path / "corpus"
    root.mkdir()
    (root / "k1.txt").write_text("Балаларды шетелге сатқан топ ұсталды.\n", encoding="utf-8")
    book = tmp_path / "book.yaml"
    book.write_text("codebook: t\nlanguages: [kk]\ncodes:\n  - id: sale\n    label: {kk: Сату}\n"
                    "    terms: {kk: [бала NEAR/5 сату]}\n", encoding="utf-8")
    code_corpus(root, load_codebook(book), "sentence", out=tmp_path / "run")
    out = write_report(load_results(tmp_path / "run"), tmp_path / "report.html")
    marks = lxml_html.fromstring(out.read_text(encoding="utf-8")).xpath("//mark[@class='seg']")
    assert [mark.get("title") for mark in marks] == [
        "Сату — бала NEAR/5 сату (A=Балаларды; B=сатқан; 2 words apart (NEAR/5))"]
