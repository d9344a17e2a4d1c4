"""`opinions map <polis-export-dir> [--json]`: the opinion map of a Polis export.

`main(argv)` is the entry point the `concerto` console script delegates to; it
returns the process exit status (0 ok, 2 bad input) and writes to stdout/stderr.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from typing import Any

import numpy as np

from concerto.engines.opinions.metrics import adjusted_rand_index
from concerto.engines.opinions.model import MapParams, OpinionMap, OpinionsError, StatementStat
from concerto.engines.opinions.pipeline import compute_map
from concerto.engines.opinions.polis_io import PolisExport, load_polis_export


def polis_ari(export: PolisExport, result: OpinionMap) -> float | None:
    """ARI against the export's `group-id`, over participants clustered by both."""
    if not export.polis_groups:
        return None
    polis = export.polis_labels(result.participant_ids)
    both = (polis >= 0) & result.clustered
    return adjusted_rand_index(polis[both], result.labels[both]) if both.any() else None


def _stat_dict(s: StatementStat, texts: dict[int, str]) -> dict[str, Any]:
    return {
        "statement_id": s.statement_id,
        "direction": s.direction,
        "text": texts.get(s.statement_id, ""),
        "n_success": s.n_success,
        "n_trials": s.n_trials,
        "p_success": round(s.p_success, 4),
        "p_test": round(s.p_test, 3),
        **(
            {"repness": round(s.repness, 3), "repness_test": round(s.repness_test, 3)}
            if s.repness is not None and s.repness_test is not None
            else {}
        ),
        **({"consensus": round(s.consensus, 4)} if s.consensus is not None else {}),
    }


def map_to_dict(export: PolisExport, result: OpinionMap, seconds: float) -> dict[str, Any]:
    """JSON-ready summary of a result; statement texts come from the export."""
    return {
        "conversation": export.name,
        "participants": int(len(result.participant_ids)),
        "statements": int(len(result.statement_ids)),
        "moderated_out": int(result.moderated_out.sum()),
        "clustered": int(result.clustered.sum()),
        "seconds": round(seconds, 3),
        "silhouettes": {str(k): round(v, 4) for k, v in result.silhouettes.items()},
        "groups": [
            {
                "label": g.label,
                "size": g.size,
                "centroid": [round(float(c), 4) for c in g.centroid],
                "representative": [_stat_dict(s, export.texts) for s in g.representative],
            }
            for g in result.groups
        ],
        "consensus": {
            "agree": [_stat_dict(s, export.texts) for s in result.consensus_agree],
            "disagree": [_stat_dict(s, export.texts) for s in result.consensus_disagree],
        },
        "ari_vs_polis": polis_ari(export, result),
    }


def _short(text: str, width: int = 90) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def _print_text(d: dict[str, Any]) -> None:
    print(
        f"{d['conversation']}: {d['participants']} participants "
        f"({d['clustered']} clustered), {d['statements']} statements "
        f"({d['moderated_out']} moderated out), computed in {d['seconds']:.3f} s"
    )
    print(f"groups: {len(d['groups'])}  silhouette by k: {d['silhouettes']}")
    for g in d["groups"]:
        print(f"\ngroup {g['label']} — {g['size']} participants")
        for s in g["representative"]:
            head = f"[{s['direction']:8} {s['p_success']:.0%}] #{s['statement_id']}"
            print(f"  {head} {_short(s['text'])}")
    for direction in ("agree", "disagree"):
        items = d["consensus"][direction]
        print(f"\nconsensus ({direction}): {len(items)}")
        for s in items:
            print(f"  [{s['p_success']:.0%}] #{s['statement_id']} {_short(s['text'])}")
    ari = d["ari_vs_polis"]
    print("\nARI vs Polis group-id: " + ("n/a (no group-id)" if ari is None else f"{ari:.3f}"))


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="opinions", description="Opinion maps (Polis's method).")
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("map", help="map a Polis export folder")
    p.add_argument("export_dir", help="folder with comments.csv and votes.csv")
    p.add_argument("--json", action="store_true", help="print JSON instead of text")
    p.add_argument("--seed", type=int, default=0)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        export = load_polis_export(args.export_dir)
        start = time.perf_counter()
        result = compute_map(export.matrix, MapParams(seed=args.seed))
        seconds = time.perf_counter() - start
    except (OpinionsError, OSError) as exc:
        print(f"opinions: {exc}", file=sys.stderr)
        return 2
    data = map_to_dict(export, result, seconds)
    if args.json:
        json.dump(data, sys.stdout, ensure_ascii=False, indent=2, default=_np_default)
        print()
    else:
        _print_text(data)
    return 0


def _np_default(o: object) -> object:
    if isinstance(o, np.generic):
        return o.item()
    raise TypeError(type(o).__name__)


if __name__ == "__main__":
    sys.exit(main())
