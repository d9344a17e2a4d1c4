"""Integer program that finds one panel (a profile: members taken per group).

Constraints: exactly k members, every quota's min and max, at most one member per
household, at most `sizes[g]` members from group g. The objective is a weight
per group member; LEXIMIN calls it with the dual prices to find the panel that
most improves the current lottery ("pricing" in column generation).
"""

from __future__ import annotations

import time

import highspy
import numpy as np
from numpy.typing import NDArray

from concerto.engines.sortition.compiled import Compiled

_INF = highspy.kHighsInf


def _csc(columns: list[list[int]], n_rows: int) -> highspy.HighsSparseMatrix:
    matrix = highspy.HighsSparseMatrix()
    matrix.format_ = highspy.MatrixFormat.kColwise
    matrix.num_row_ = n_rows
    matrix.num_col_ = len(columns)
    starts = [0]
    index: list[int] = []
    for rows in columns:
        index.extend(rows)
        starts.append(len(index))
    matrix.start_ = starts
    matrix.index_ = index
    matrix.value_ = [1.0] * len(index)
    return matrix


def new_highs(*, mip_gap: float | None = None, time_limit: float | None = None) -> highspy.Highs:
    """A silent, single-threaded HiGHS instance (the engine targets 2-core hosts)."""
    h = highspy.Highs()
    h.setOptionValue("output_flag", False)
    h.setOptionValue("threads", 1)
    h.setOptionValue("random_seed", 0)
    if mip_gap is not None:
        h.setOptionValue("mip_rel_gap", mip_gap)
        h.setOptionValue("mip_abs_gap", mip_gap * 1e-2)
    if time_limit is not None:
        h.setOptionValue("time_limit", time_limit)
    return h


class PanelOracle:
    """Reusable panel-finding integer program for one compiled problem."""

    def __init__(self, cp: Compiled, *, mip_gap: float = 1e-7) -> None:
        self.cp = cp
        n_feat = len(cp.features)
        house_row = {}
        for h, members in enumerate(cp.households):
            for g in members:
                house_row[g] = 1 + n_feat + h
        columns: list[list[int]] = []
        for g in range(cp.n_groups):
            rows = [0, *(1 + np.flatnonzero(cp.A[:, g])).tolist()]
            if g in house_row:
                rows.append(house_row[g])
            columns.append(rows)
        n_rows = 1 + n_feat + len(cp.households)
        lp = highspy.HighsLp()
        lp.num_col_ = cp.n_groups
        lp.num_row_ = n_rows
        lp.col_cost_ = np.zeros(cp.n_groups)
        lp.col_lower_ = np.zeros(cp.n_groups)
        lp.col_upper_ = cp.sizes.astype(np.float64)
        lp.row_lower_ = np.concatenate(
            [[cp.k], cp.lo.astype(np.float64), np.full(len(cp.households), -_INF)]
        )
        lp.row_upper_ = np.concatenate(
            [[cp.k], cp.hi.astype(np.float64), np.ones(len(cp.households))]
        )
        lp.a_matrix_ = _csc(columns, n_rows)
        lp.sense_ = highspy.ObjSense.kMaximize
        lp.integrality_ = [highspy.HighsVarType.kInteger] * cp.n_groups
        self.highs = new_highs(mip_gap=mip_gap)
        # Presolve costs more than it saves on these small, re-solved programs.
        self.highs.setOptionValue("presolve", "off")
        self.highs.passModel(lp)
        self.mip_gap = mip_gap
        self.calls = 0
        self.seconds = 0.0

    def best(
        self, weights: NDArray[np.float64], *, gap: float | None = None
    ) -> tuple[NDArray[np.int64], float] | None:
        """Profile maximising `weights @ profile`, with its value; None if no panel exists.

        With `gap`, the profile is only guaranteed within that relative gap of the best.
        """
        h = self.highs
        h.setOptionValue("mip_rel_gap", self.mip_gap if gap is None else gap)
        h.changeColsCost(self.cp.n_groups, np.arange(self.cp.n_groups, dtype=np.int32), weights)
        start = time.perf_counter()
        h.run()
        self.calls += 1
        self.seconds += time.perf_counter() - start
        status = h.getModelStatus()
        if status == highspy.HighsModelStatus.kInfeasible:
            return None
        if status != highspy.HighsModelStatus.kOptimal:
            raise RuntimeError(
                f"HiGHS panel search ended with status {h.modelStatusToString(status)}"
            )
        profile = np.rint(np.asarray(h.getSolution().col_value)).astype(np.int64)
        return profile, float(weights @ profile)
