"""Explain, in French, why no panel meets the quotas and by how much they conflict.

First the simple counting conflicts (a minimum above the people available, the
minimums of one category above k, the maximums of one category below k); if
there is none, the conflict is between categories, and an "elastic" integer
program finds the smallest total change to the quotas that makes a panel
possible and reports each change.
"""

from __future__ import annotations

from collections import defaultdict

import highspy
import numpy as np

from concerto.engines.sortition.compiled import Compiled
from concerto.engines.sortition.model import SortitionError
from concerto.engines.sortition.panel_ip import new_highs


class InfeasibleQuotasError(SortitionError):
    """No panel meets the quotas; `reasons` are French sentences for the organiser."""

    def __init__(self, reasons: list[str]) -> None:
        self.reasons = reasons
        super().__init__("Aucun panel ne respecte les quotas :\n- " + "\n- ".join(reasons))


def _label(cp: Compiled, f: int) -> str:
    cat, value = cp.features[f]
    return f"« {cat} = {value} »"


def _counting_conflicts(cp: Compiled) -> list[str]:
    reasons = []
    available = cp.A @ cp.sizes
    for f in range(len(cp.features)):
        if cp.hi[f] < 0:
            reasons.append(
                f"Quota {_label(cp, f)} : les personnes déjà sélectionnées dépassent le maximum "
                f"de {-cp.hi[f]}."
            )
        elif cp.lo[f] > available[f]:
            reasons.append(
                f"Quota {_label(cp, f)} : minimum de {cp.lo[f]} mais seulement {available[f]} "
                "personne(s) disponible(s) dans le vivier "
                f"(il en manque {cp.lo[f] - available[f]})."
            )
    by_cat: dict[str, list[int]] = defaultdict(list)
    for f, (cat, _) in enumerate(cp.features):
        by_cat[cat].append(f)
    for cat, feats in by_cat.items():
        low = int(cp.lo[feats].sum())
        high = int(np.minimum(np.maximum(cp.hi[feats], 0), available[feats]).sum())
        if low > cp.k:
            reasons.append(
                f"Catégorie « {cat} » : la somme des minimums ({low}) dépasse de {low - cp.k} "
                f"le nombre de places à pourvoir ({cp.k})."
            )
        if high < cp.k:
            reasons.append(
                f"Catégorie « {cat} » : les maximums et le vivier ne permettent que {high} "
                f"membres pour {cp.k} places (il en manque {cp.k - high})."
            )
    return reasons


def _household_capacity(cp: Compiled) -> int:
    in_house = {g for members in cp.households for g in members}
    singles = int(sum(cp.sizes[g] for g in range(cp.n_groups) if g not in in_house))
    return singles + len(cp.households)


def _elastic(cp: Compiled) -> list[str]:
    """Smallest total quota change that admits a panel, as French sentences."""
    n_g, n_f = cp.n_groups, len(cp.features)
    h = new_highs(time_limit=30.0)
    inf = highspy.kHighsInf
    # Columns: group counts, then per quota the lowering of its min, then the raise of its max.
    h.addVars(n_g, np.zeros(n_g), cp.sizes.astype(np.float64))
    h.addVars(2 * n_f, np.zeros(2 * n_f), np.full(2 * n_f, inf))
    h.changeColsIntegrality(
        n_g + 2 * n_f,
        np.arange(n_g + 2 * n_f, dtype=np.int32),
        np.full(n_g + 2 * n_f, highspy.HighsVarType.kInteger),
    )
    h.changeColsCost(2 * n_f, np.arange(n_g, n_g + 2 * n_f, dtype=np.int32), np.ones(2 * n_f))
    h.addRow(cp.k, cp.k, n_g, np.arange(n_g, dtype=np.int32), np.ones(n_g))
    for f in range(n_f):
        idx = np.flatnonzero(cp.A[f])
        cols = np.concatenate([idx, [n_g + f, n_g + n_f + f]]).astype(np.int32)
        h.addRow(cp.lo[f], inf, len(cols), cols, np.concatenate([np.ones(len(idx)), [1.0, 0.0]]))
        h.addRow(-inf, cp.hi[f], len(cols), cols, np.concatenate([np.ones(len(idx)), [0.0, -1.0]]))
    for members in cp.households:
        h.addRow(-inf, 1.0, len(members), np.array(members, dtype=np.int32), np.ones(len(members)))
    h.run()
    if h.getModelStatus() != highspy.HighsModelStatus.kOptimal:
        return []
    x = np.rint(np.asarray(h.getSolution().col_value)).astype(np.int64)
    reasons = []
    for f in range(n_f):
        down, up = x[n_g + f], x[n_g + n_f + f]
        if down:
            reasons.append(
                f"Quota {_label(cp, f)} : abaisser le minimum de {down} (de {cp.lo[f]} à "
                f"{cp.lo[f] - down})."
            )
        if up:
            reasons.append(
                f"Quota {_label(cp, f)} : relever le maximum de {up} (de {cp.hi[f]} à "
                f"{cp.hi[f] + up})."
            )
    if reasons:
        reasons.insert(
            0,
            f"Les quotas de plusieurs catégories sont incompatibles entre eux ; la plus petite "
            f"correction possible ({int(x[n_g:].sum())} place(s) au total) serait :",
        )
    return reasons


def explain(cp: Compiled) -> list[str]:
    """French reasons why `cp` has no panel (empty if a panel does exist)."""
    reasons = _counting_conflicts(cp)
    if reasons:
        return reasons
    if cp.households and _household_capacity(cp) < cp.k:
        return [
            f"La règle « une personne par foyer » ne laisse que {_household_capacity(cp)} "
            f"personnes sélectionnables pour {cp.k} places."
        ]
    return _elastic(cp)
