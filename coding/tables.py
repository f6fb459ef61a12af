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


def _unit_frame(run: Run) -> pd.DataFrame:
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


def frequency_table(run: Run, by: str | None = None, label_lang: str = "kk") -> pd.DataFrame:
    """Per code (and per value of ``by``, e.g. ``source_type`` or ``lang``): occurrences, occurrences per
    1,000 words, documents containing the code, units containing it; labels in ``label_lang``.

    The words counted are those of the units in scope (all units, or the units of that group), so rates
    compare fairly between groups of different size.
    """
    units = _unit_frame(run)
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
