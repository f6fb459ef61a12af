"""Human review of a coding run: export a workbook for coders, import their decisions into the run's
``review.sqlite``, and gather them (with the machine's) for the agreement statistics of ``coding.agreement``.

The workflow: ``export_review`` → coders fill the workbook → ``import_reviews`` → ``agreement_variables`` →
``coding.agreement.agreement_report``.
"""

from __future__ import annotations

import math
from pathlib import Path

import pandas as pd

from coding.agreement import MACHINE, Variable
from coding.errors import InputError
from coding.i18n import _
from coding.review.importer import ImportResult, import_reviews, read_review
from coding.review.sample import MachineCoding, machine_codings, open_run, sample_units
from coding.review.sheet import ReviewExport, export_review
from coding.review.store import DATABASE, ReviewStore, check_round
from coding.tables import TONES

TONE_SCALE: dict[str, float] = {tone: float(i) for i, tone in enumerate(TONES)}


def _matrix(frame: pd.DataFrame, value: str, units: list[str], coders: list[str]) -> pd.DataFrame:
    table = frame.pivot_table(index="unit_id", columns="coder", values=value, aggfunc="first") if len(frame) else None
    matrix = pd.DataFrame(math.nan, index=pd.Index(units, name="unit_id"), columns=coders, dtype=float)
    if table is not None:
        matrix.update(table.reindex(index=units, columns=coders).astype(float))
    return matrix


def agreement_variables(run_dir: str | Path, *, coders: list[str] | None = None, include_machine: bool = False,
                        round: int | None = None, codebook: str | Path | None = None) -> list[Variable]:
    """The units × coders matrices of a run's review: one per code (0/1, nominal), ``all codes`` (every unit ×
    code decision pooled), ``tone`` (ordinal: negative < neutral < positive) and ``direction`` (nominal; the
    set of directions chosen is the value). Each coder's latest round on each unit counts, or ``round``.

    With ``include_machine`` the run's own decisions are a coder named ``machine``: 0/1 for every code on
    every unit; tone and directions only on units with a match (the run records no others).

    Raises:
        InputError: an unknown coder, a round outside 1..MAX_ROUND, or fewer than two coders in all.
    """
    check_round(round)
    info = open_run(run_dir, codebook=codebook)
    if not (info.run_dir / DATABASE).is_file():
        raise InputError(_("the run '{run_dir}' has no review decisions yet").format(run_dir=info.run_dir),
                         hint=_("export a sheet with 'coding review export', let coders fill it in, then "
                              "'coding review import'"))
    with ReviewStore.open(info.run_dir, info.fingerprint) as store:
        chosen = store.chosen_coders(coders or None)
        codes = store.code_decisions(chosen, round)
        tones = store.tone_decisions(chosen, round)
        directions = store.direction_decisions(chosen, round)
    columns = chosen + ([MACHINE] if include_machine else [])
    if len(columns) < 2:
        raise InputError(_("agreement needs at least two coders; this run's review has {n_chosen} "
                         "({value})").format(n_chosen=len(chosen), value=', '.join(chosen) or 'none'),
                         hint=_("import another coder's sheet with 'coding review import', or add --include-machine"))
    # Only the units the coders decided: the run may have millions of coded units.
    decided = {*codes["unit_id"], *tones["unit_id"], *directions["unit_id"]}
    machine = machine_codings(info, only=decided) if include_machine else {}
    variables: list[Variable] = []
    pooled = []
    for entry in info.codebook.codes:
        of_code = codes[codes["code"] == entry.id]
        units = list(dict.fromkeys(of_code["unit_id"]))
        if not units:
            continue
        matrix = _matrix(of_code, "value", units, columns)
        if include_machine:
            matrix[MACHINE] = [float(bool(machine.get(u, MachineCoding()).counts.get(entry.id))) for u in units]
        variables.append(Variable(entry.id, "code", "nominal", matrix, {"0": 0.0, "1": 1.0}))
        pooled.append(matrix.set_axis([f"{u}|{entry.id}" for u in units], axis=0))
    if len(pooled) > 1:
        variables.append(Variable("all codes", "codes", "nominal", pd.concat(pooled), {"0": 0.0, "1": 1.0}))
    if len(tones):
        units = list(dict.fromkeys(tones["unit_id"]))
        frame = tones.assign(value=tones["tone"].map(TONE_SCALE))
        matrix = _matrix(frame, "value", units, columns)
        if include_machine:
            matrix[MACHINE] = [TONE_SCALE.get(machine.get(u, MachineCoding()).tone, math.nan) for u in units]
        variables.append(Variable("tone", "tone", "ordinal", matrix, TONE_SCALE))
    if len(directions):
        sets = directions.groupby(["unit_id", "coder"], sort=False)["direction"].apply(
            lambda d: ";".join(sorted(d))).reset_index()
        units = list(dict.fromkeys(sets["unit_id"]))
        labels = list(sets["direction"])
        if include_machine:
            labels += [";".join(sorted(m.directions)) for u in units if (m := machine.get(u)) and m.directions]
        domain = {label: float(i) for i, label in enumerate(sorted(set(labels)))}
        matrix = _matrix(sets.assign(value=sets["direction"].map(domain)), "value", units, columns)
        if include_machine:
            matrix[MACHINE] = [domain[";".join(sorted(m.directions))] if (m := machine.get(u)) and m.directions
                               else math.nan for u in units]
        variables.append(Variable("direction", "direction", "nominal", matrix, domain))
    return variables


__all__ = ["ImportResult", "ReviewExport", "ReviewStore", "agreement_variables", "export_review", "import_reviews",
           "open_run", "read_review", "sample_units"]
