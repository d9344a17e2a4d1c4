"""Command line without Django: `select` and `verify`.

    python -m concerto.engines.sortition.cli select --categories C.csv \\
        --respondents R.csv --k 30 [--algorithm leximin|legacy] [--json] \\
        [--household-columns adresse,code_postal] [--already-selected id1,id2] \\
        [--lottery lottery.json --m 1000]
    python -m concerto.engines.sortition.cli verify --lottery lottery.json \\
        --seed "07-19-23-31-42" [--categories C.csv --respondents R.csv --k 30]

The platform exposes the same `main(argv)` as `concerto sortition …`. Messages
for people are in French; exit status 0 on success, 1 on a refused input
(infeasible quotas, failed verification), 2 on usage errors.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence

from concerto.engines.sortition import (
    ALGORITHMS,
    Problem,
    SortitionError,
    make_lottery,
    read_pool,
    read_quotas,
    select,
    verify,
)


def _problem(args: argparse.Namespace) -> Problem:
    columns = [c for c in (args.household_columns or "").split(",") if c]
    pool = read_pool(args.respondents, columns)
    already = tuple(i for i in (args.already_selected or "").split(",") if i)
    return Problem(pool, read_quotas(args.categories), args.k, bool(columns), already)


def _add_problem_args(parser: argparse.ArgumentParser, required: bool) -> None:
    parser.add_argument("--categories", required=required, help="quotas CSV")
    parser.add_argument("--respondents", required=required, help="pool CSV")
    parser.add_argument("--k", type=int, required=required, help="panel size")
    parser.add_argument("--household-columns", help="address columns: one person per household")
    parser.add_argument("--already-selected", help="comma-separated ids kept in every panel")


def _select(args: argparse.Namespace) -> int:
    result = select(_problem(args), args.algorithm, legacy_draws=args.draws)
    out = result.to_json()
    if args.lottery:
        lottery = make_lottery(result, args.m)
        with open(args.lottery, "w", encoding="utf-8") as f:
            json.dump(lottery.to_json(), f, ensure_ascii=False)
        out["lottery"] = {
            "path": args.lottery,
            "m": lottery.m,
            "digest": lottery.digest,
            "max_deviation": lottery.max_deviation,
        }
    if args.json:
        json.dump(out, sys.stdout, ensure_ascii=False, indent=2)
        print()
        return 0
    q = result.quality
    print(f"Algorithme : {result.algorithm} ({result.seconds:.2f} s)")
    print(f"Probabilité minimale : {q.min_probability:.4%}")
    print(f"Coefficient de Gini : {q.gini:.4%}")
    print(f"Moyenne géométrique : {q.geometric_mean:.4%}")
    if args.lottery:
        lottery_info: dict[str, object] = out["lottery"]  # type: ignore[assignment]
        print(
            f"Loterie : {lottery_info['m']} tickets, "
            f"écart maximal {lottery_info['max_deviation']:.4%}, "
            f"empreinte SHA-256 {lottery_info['digest']}"
        )
    print("identifiant,probabilite")
    for pid, p in zip(result.problem.pool.ids, result.probabilities, strict=True):
        print(f"{pid},{p:.6f}")
    return 0


def _verify(args: argparse.Namespace) -> int:
    with open(args.lottery, encoding="utf-8") as f:
        lottery = json.load(f)
    problem = _problem(args) if args.categories and args.respondents and args.k else None
    result = verify(lottery, args.seed, problem)
    if args.json:
        json.dump(
            {
                "number": result.number,
                "panel": list(result.panel),
                "digest": result.digest,
                "checked_quotas": result.checked_quotas,
            },
            sys.stdout,
            ensure_ascii=False,
            indent=2,
        )
        print()
        return 0
    print(f"Empreinte SHA-256 des tickets : {result.digest}")
    print(f"Ticket tiré : {result.number} sur {len(lottery['tickets'])}")
    if result.checked_quotas:
        print("Tous les tickets respectent la taille, les quotas et la règle des foyers.")
    print("Panel : " + ", ".join(result.panel))
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="sortition", description="Tirage au sort avec quotas.")
    sub = parser.add_subparsers(dest="command", required=True)
    sel = sub.add_parser("select", help="probabilités de sélection (LEXIMIN ou legacy)")
    _add_problem_args(sel, required=True)
    sel.add_argument("--algorithm", choices=ALGORITHMS, default="leximin")
    sel.add_argument("--draws", type=int, default=1000, help="simulated draws for legacy")
    sel.add_argument("--json", action="store_true")
    sel.add_argument("--lottery", help="write the m-ticket lottery to this JSON file")
    sel.add_argument("--m", type=int, default=1000, help="number of tickets")
    ver = sub.add_parser("verify", help="vérifier une loterie publiée et le ticket tiré")
    ver.add_argument("--lottery", required=True)
    ver.add_argument("--seed", required=True, help="graine publiée, utilisée telle quelle")
    ver.add_argument("--json", action="store_true")
    _add_problem_args(ver, required=False)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status."""
    args = build_parser().parse_args(argv)
    try:
        return _select(args) if args.command == "select" else _verify(args)
    except SortitionError as exc:
        print(f"Erreur : {exc}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
