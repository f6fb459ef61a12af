"""Tables of a run (pandas): coded segments, coded units, frequencies overall and by a grouping column.

Every number here is computed from the run's matches and codings only, so the CSV files, the workbook
and the charts cannot disagree.
"""

from __future__ import annotations

import pandas as pd

from coding.runs import Run

SEGMENT_COLUMNS: tuple[str, ...] = (
    "doc_id", "lang", "unit", "unit_id", "code", "term", "surface", "start", "end", "unit_text",
)  # fmt: skip
FREQUENCY_COLUMNS: tuple[str, ...] = ("code", "label", "group", "occurrences", "per_1000_words", "documents",
                                      "units")


def _metadata(run: Run) -> pd.DataFrame:
    rows = [{"doc_id": d.doc_id, "title": d.title, **{c: d.metadata.get(c, "") for c in run.corpus.metadata_columns}}
            for d in run.corpus.documents]
    columns = ["doc_id", "title", *run.corpus.metadata_columns]
    return pd.DataFrame(rows, columns=columns)


def segments_table(run: Run) -> pd.DataFrame:
    """One row per match, with its unit's text and the document's metadata."""
    texts = {c.unit.unit_id: c for c in run.codings}
    rows = []
    for m in run.matches:
        coding = texts[m.unit_id]
        rows.append({
            "doc_id": m.doc_id, "lang": m.lang, "unit": run.unit, "unit_id": m.unit_id, "code": m.code,
            "term": m.term, "surface": m.surface, "start": m.start, "end": m.end,
            "unit_text": coding.unit.text, "directions": ";".join(coding.directions), "tone": coding.tone,
            "tone_score": coding.tone_score, "tone_evidence": coding.tone_evidence,
        })
    columns = [*SEGMENT_COLUMNS, "directions", "tone", "tone_score", "tone_evidence"]
    table = pd.DataFrame(rows, columns=columns)
    return table.merge(_metadata(run), on="doc_id", how="left")


def coding_table(run: Run, *, coded_only: bool = True) -> pd.DataFrame:
    """One row per unit (by default only units with at least one match), one count column per code."""
    codes = [c.id for c in run.codebook.codes]
    rows = []
    for coding in run.codings:
        if coded_only and not coding.counts:
            continue
        rows.append({
            "doc_id": coding.unit.doc_id, "unit_id": coding.unit.unit_id, "lang": coding.unit.lang,
            "words": coding.words, **{code: coding.counts.get(code, 0) for code in codes},
            "directions": ";".join(coding.directions), "tone": coding.tone, "tone_score": coding.tone_score,
            "tone_evidence": coding.tone_evidence, "unit_text": coding.unit.text,
        })
    columns = ["doc_id", "unit_id", "lang", "words", *codes, "directions", "tone", "tone_score",
               "tone_evidence", "unit_text"]
    table = pd.DataFrame(rows, columns=columns)
    return table.merge(_metadata(run), on="doc_id", how="left")


def unit_frame(run: Run) -> pd.DataFrame:
    """One row per unit (coded or not): ids, language, words and the document's metadata."""
    meta = {d.doc_id: d for d in run.corpus.documents}
    return pd.DataFrame(
        [{"unit_id": c.unit.unit_id, "doc_id": c.unit.doc_id, "lang": c.unit.lang, "words": c.words,
          "source_type": meta[c.unit.doc_id].source_type,
          **{k: meta[c.unit.doc_id].metadata.get(k, "") for k in run.corpus.metadata_columns
             if k != "source_type"}}
         for c in run.codings],
        columns=["unit_id", "doc_id", "lang", "words", "source_type",
                 *[k for k in run.corpus.metadata_columns if k != "source_type"]],
    )


def frequency_table(
    run: Run, by: str | None = None, label_lang: str = "kk", units: pd.DataFrame | None = None
) -> pd.DataFrame:
    """Per code (and per value of ``by``, e.g. ``source_type`` or ``lang``): occurrences, occurrences per
    1,000 words, documents containing the code, units containing it; labels in ``label_lang``.

    The words counted are those of the units in scope (all units, or the units of that group), so rates
    compare fairly between groups of different size. ``units`` (from ``unit_frame``) saves rebuilding it
    when several tables are made from one run.
    """
    units = unit_frame(run) if units is None else units
    if by is not None and by not in units.columns:
        from coding.errors import InputError

        raise InputError(f"there is no column '{by}' to break frequencies down by",
                         hint=f"use one of: {', '.join(c for c in units.columns if c not in ('unit_id', 'words'))}")
    unit_meta = units.set_index("unit_id")
    match_rows = pd.DataFrame([{"unit_id": m.unit_id, "code": m.code} for m in run.matches],
                              columns=["unit_id", "code"])
    if by is not None:
        match_rows[by] = match_rows["unit_id"].map(unit_meta[by]).fillna("")
        groups = sorted(str(g) for g in units[by].fillna("").unique())
    else:
        groups = [None]
    match_rows["doc_id"] = match_rows["unit_id"].map(unit_meta["doc_id"])
    rows = []
    for code in run.codebook.codes:
        of_code = match_rows[match_rows["code"] == code.id]
        for group in groups:
            scope_units = units if group is None else units[units[by].fillna("") == group]
            scope = of_code if group is None else of_code[of_code[by] == group]
            words = int(scope_units["words"].sum())
            row = {"code": code.id, "label": code.label_in(label_lang), "group": code.group}
            if by is not None:
                row[by] = group
            row.update({
                "occurrences": len(scope),
                "words": words,
                "per_1000_words": round(1000 * len(scope) / words, 4) if words else 0.0,
                "documents": scope["doc_id"].nunique(),
                "units": scope["unit_id"].nunique(),
            })
            rows.append(row)
    columns = ["code", "label", "group", *([by] if by else []), "occurrences", "words", "per_1000_words",
               "documents", "units"]
    return pd.DataFrame(rows, columns=columns)


TONES: tuple[str, ...] = ("negative", "neutral", "positive")


def document_table(run: Run) -> pd.DataFrame:
    """One row per document: metadata, words, units, segments, each code's count, the dominant direction
    (most coded units) and the share of its units in each tone."""
    codes = [c.id for c in run.codebook.codes]
    by_doc: dict[str, list] = {d.doc_id: [] for d in run.corpus.documents}
    for coding in run.codings:
        by_doc[coding.unit.doc_id].append(coding)
    rows = []
    for doc in run.corpus.documents:
        codings = by_doc[doc.doc_id]
        counts = {code: sum(c.counts.get(code, 0) for c in codings) for code in codes}
        directions = pd.Series([d for c in codings for d in c.directions], dtype="object")
        framed = directions[directions != "unspecified"]
        dominant = framed.value_counts().index[0] if len(framed) else ("unspecified" if len(directions) else "")
        tones = pd.Series([c.tone for c in codings if c.tone], dtype="object")
        shares = {f"share_{t}": round(float((tones == t).mean()), 4) if len(tones) else 0.0 for t in TONES}
        rows.append({
            "doc_id": doc.doc_id, "lang": doc.lang, "words": sum(c.words for c in codings),
            "units": len(codings), "coded_units": sum(1 for c in codings if c.counts),
            "segments": sum(counts.values()), **counts, "dominant_direction": dominant,
            "tone_score": sum(c.tone_score for c in codings), **shares,
        })
    columns = ["doc_id", "lang", "words", "units", "coded_units", "segments", *codes, "dominant_direction",
               "tone_score", *(f"share_{t}" for t in TONES)]
    return pd.DataFrame(rows, columns=columns).merge(_metadata(run), on="doc_id", how="left")


def crosstab(run: Run, rows: str, columns: str) -> pd.DataFrame:
    """Units counted in a cross-tabulation: ``code`` × ``direction``, ``code`` × ``tone`` or
    ``source_type`` (or any metadata column) × ``tone``. A unit counts once in each cell it belongs to."""
    meta = {d.doc_id: d for d in run.corpus.documents}

    def values(coding, axis: str) -> list[str]:
        if axis == "code":
            return [code for code, n in coding.counts.items() if n]
        if axis == "direction":
            return list(coding.directions)
        if axis == "tone":
            return [coding.tone] if coding.tone else []
        if axis == "lang":
            return [coding.unit.lang]
        doc = meta[coding.unit.doc_id]
        return [doc.source_type if axis == "source_type" else doc.metadata.get(axis, "")]

    pairs = [(r, c) for coding in run.codings for r in values(coding, rows) for c in values(coding, columns)]
    table = pd.DataFrame(pairs, columns=[rows, columns])
    result = pd.crosstab(table[rows], table[columns]) if len(table) else pd.DataFrame()
    order = {"code": [c.id for c in run.codebook.codes],
             "direction": [d.id for d in run.codebook.directions] + ["unspecified"], "tone": list(TONES)}
    if rows in order:
        result = result.reindex([r for r in order[rows] if r in result.index] or result.index)
    if columns in order:
        result = result.reindex(columns=order[columns], fill_value=0)
    result.index.name = rows
    result.columns.name = None
    return result.fillna(0).astype(int).reset_index()
