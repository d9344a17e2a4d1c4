"""Vote counts, representativeness and consensus (Polis's `repness.clj`).

With pseudo-count c (Polis: 1) and, per group g and statement j, `na` agrees,
`nd` disagrees and `ns` votes seen:

- pa = (na + c) / (ns + 2c), pd likewise (Laplace-smoothed shares);
- pat = 2·sqrt(ns + 1)·((na + 1)/(ns + 1) − ½), Polis's one-proportion z;
- ra = pa(g) / pa(not g), the representativeness of agreeing;
- rat = the two-proportion z of g against everyone else, with +1 on every count;
- a statement represents g when (pat and rat) or (pdt and rdt) exceed the
  one-tailed normal quantile of `confidence` (90 % → 1.2816).
"""

from __future__ import annotations

import numpy as np
import scipy.sparse as sp
from scipy.stats import norm

from concerto.engines.opinions.model import StatementStat


def group_counts(votes: sp.csr_array, labels: np.ndarray, k: int) -> np.ndarray:
    """(k, m, 3) counts of (agree, disagree, pass) per group; rows labelled -1 are skipped."""
    m = votes.shape[1]
    rows = np.repeat(labels, np.diff(votes.indptr))
    keep = rows >= 0
    key = rows[keep] * m + votes.indices[keep]
    vals = votes.data[keep]
    out = np.empty((k, m, 3))
    for i, v in enumerate((1, -1, 0)):
        out[:, :, i] = np.bincount(key[vals == v], minlength=k * m).reshape(k, m)
    return out


def column_counts(votes: sp.csr_array) -> np.ndarray:
    """(m, 3) counts of (agree, disagree, pass) per statement over all participants."""
    m = votes.shape[1]
    return np.stack(
        [np.bincount(votes.indices[votes.data == v], minlength=m) for v in (1, -1, 0)], axis=1
    ).astype(float)


def one_prop_test(succ: np.ndarray, n: np.ndarray) -> np.ndarray:
    return 2.0 * np.sqrt(n + 1.0) * ((succ + 1.0) / (n + 1.0) - 0.5)


def two_prop_test(s1: np.ndarray, s2: np.ndarray, n1: np.ndarray, n2: np.ndarray) -> np.ndarray:
    s1, s2, n1, n2 = s1 + 1.0, s2 + 1.0, n1 + 1.0, n2 + 1.0
    p1, p2, ph = s1 / n1, s2 / n2, (s1 + s2) / (n1 + n2)
    den = np.sqrt(ph * (1.0 - ph) * (1.0 / n1 + 1.0 / n2))
    return np.divide(p1 - p2, den, out=np.zeros(np.broadcast(p1, den).shape), where=den > 0)


def repness_table(counts: np.ndarray, c: float) -> dict[str, np.ndarray]:
    """Every statistic above, as (k, m) arrays keyed by Polis's short names."""
    na, nd = counts[..., 0], counts[..., 1]
    ns = counts.sum(-1)
    oa, od, on = (counts[..., 0].sum(0) - na, counts[..., 1].sum(0) - nd, ns.sum(0) - ns)
    pa, pd = (na + c) / (ns + 2 * c), (nd + c) / (ns + 2 * c)
    return {
        "na": na,
        "nd": nd,
        "ns": ns,
        "pa": pa,
        "pd": pd,
        "pat": one_prop_test(na, ns),
        "pdt": one_prop_test(nd, ns),
        "ra": pa / ((oa + c) / (on + 2 * c)),
        "rd": pd / ((od + c) / (on + 2 * c)),
        "rat": two_prop_test(na, oa, ns, on),
        "rdt": two_prop_test(nd, od, ns, on),
    }


def _stat(t: dict[str, np.ndarray], g: int, j: int, sid: int, agree: bool) -> StatementStat:
    a, p, pt, r, rt = (
        ("na", "pa", "pat", "ra", "rat") if agree else ("nd", "pd", "pdt", "rd", "rdt")
    )
    return StatementStat(
        statement_id=sid,
        direction="agree" if agree else "disagree",
        n_success=int(t[a][g, j]),
        n_trials=int(t["ns"][g, j]),
        p_success=float(t[p][g, j]),
        p_test=float(t[pt][g, j]),
        repness=float(t[r][g, j]),
        repness_test=float(t[rt][g, j]),
    )


def representative(
    t: dict[str, np.ndarray],
    g: int,
    statement_ids: np.ndarray,
    eligible: np.ndarray,
    confidence: float,
    pick_max: int,
) -> list[StatementStat]:
    """Representative statements of group g, Polis's selection, agrees first.

    Significant statements are ranked by ra·rat·pa·pat (of their stronger
    direction, by repness test); the group's best agree statement is put first so
    that every group shows something it agrees with; when nothing is significant,
    the statement with the highest repness test stands alone.
    """
    z = norm.ppf(confidence)
    voted = eligible & (t["na"][g] + t["nd"][g] > 0)
    agree_dir = t["rat"][g] > t["rdt"][g]
    sig = eligible & (
        ((t["pat"][g] > z) & (t["rat"][g] > z)) | ((t["pdt"][g] > z) & (t["rdt"][g] > z))
    )
    metric = np.where(
        agree_dir,
        t["ra"][g] * t["rat"][g] * t["pa"][g] * t["pat"][g],
        t["rd"][g] * t["rdt"][g] * t["pd"][g] * t["pdt"][g],
    )
    ranked = [j for j in np.flatnonzero(sig)[np.argsort(-metric[sig], kind="stable")]]
    head: list[tuple[int, bool]] = []
    rep_agree = t["ra"][g] * t["rat"][g] * t["pa"][g] * t["pat"][g]
    strong = voted & (t["ra"][g] > 1.0) & ((t["pat"][g] > z) | (t["pa"][g] > 0.5))
    plain = voted & ((t["pat"][g] > z) | ((t["ra"][g] > 1.0) & (t["pa"][g] > 0.5)))
    if strong.any():
        head = [(int(np.flatnonzero(strong)[np.argmax(rep_agree[strong])]), True)]
    elif plain.any():
        prob = t["pa"][g] * t["pat"][g]
        head = [(int(np.flatnonzero(plain)[np.argmax(prob[plain])]), True)]
    elif not ranked and eligible.any():
        best = np.maximum(t["rat"][g], t["rdt"][g])
        j = int(np.flatnonzero(eligible)[np.argmax(best[eligible])])
        head = [(j, bool(agree_dir[j]))]
    picks = head + [(int(j), bool(agree_dir[j])) for j in ranked if not head or j != head[0][0]]
    picks = picks[:pick_max]
    picks.sort(key=lambda p: not p[1])  # stable: agrees before disagrees, as Polis shows them
    return [_stat(t, g, j, int(statement_ids[j]), a) for j, a in picks]


def consensus(
    t: dict[str, np.ndarray],
    overall: np.ndarray,
    statement_ids: np.ndarray,
    eligible: np.ndarray,
    confidence: float,
    pick_max: int,
    c: float,
) -> tuple[list[StatementStat], list[StatementStat]]:
    """Statements every group agrees (or disagrees) with, by group-aware consensus.

    A statement qualifies when, in every group, the smoothed share exceeds ½ and
    its one-proportion test is significant; candidates are ranked by the product
    over groups of the smoothed shares (Polis's group-aware consensus).
    `overall` (m, 3) gives the reported counts.
    """
    z = norm.ppf(confidence)
    out: list[list[StatementStat]] = []
    ns = overall.sum(1)
    for p, pt, col in (("pa", "pat", 0), ("pd", "pdt", 1)):
        ok = eligible & np.all((t[p] > 0.5) & (t[pt] > z), axis=0)
        gac = np.prod(t[p], axis=0)
        order = np.flatnonzero(ok)[np.argsort(-gac[ok], kind="stable")][:pick_max]
        share = (overall[:, col] + c) / (ns + 2 * c)
        ztest = one_prop_test(overall[:, col], ns)
        out.append(
            [
                StatementStat(
                    statement_id=int(statement_ids[j]),
                    direction="agree" if col == 0 else "disagree",
                    n_success=int(overall[j, col]),
                    n_trials=int(ns[j]),
                    p_success=float(share[j]),
                    p_test=float(ztest[j]),
                    consensus=float(gac[j]),
                )
                for j in order
            ]
        )
    return out[0], out[1]
