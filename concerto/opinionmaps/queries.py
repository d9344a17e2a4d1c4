"""Read side of the opinion-map module: the next statement to vote on, the last map."""

from __future__ import annotations

from django.db.models import Count, Q

from concerto.opinionmaps.kind import OPINION_MAP
from concerto.opinionmaps.mapping import group_name
from concerto.opinionmaps.models import GroupMembership, MapResult, Statement, Vote
from concerto.participation.opinion_groups import OpinionGroups


def latest_map(module) -> MapResult | None:
    return MapResult.objects.filter(module=module).order_by("-computed_at", "-pk").first()


def process_groups(process) -> OpinionGroups | None:
    """The groups of the last map computed with groups in one of the process's opinion-map
    modules, with their members who have an account; None without one (or with fewer
    than two groups). Other module kinds read them through participation.opinion_groups."""
    latest = (
        MapResult.objects.filter(
            module__process=process, module__kind=OPINION_MAP, insufficient=False
        )
        .order_by("-computed_at", "-pk")
        .first()
    )
    if latest is None:
        return None
    sizes = dict(
        GroupMembership.objects.filter(map=latest)
        .values_list("group")
        .annotate(n=Count("pk"))
        .order_by("group")
    )
    if len(sizes) < 2:
        return None
    return OpinionGroups(latest.pk, sizes, {label: group_name(label) for label in sizes})


def divisiveness(summary: dict | None, statement_id: int) -> float:
    """How differently the groups of the last map voted on a statement: the spread of the
    groups' (agree − disagree) shares, from 0 (same view) to 2 (opposite views)."""
    if not summary:
        return 0.0
    entry = summary.get(str(statement_id))
    if not entry or len(entry["by_group"]) < 2:
        return 0.0
    leans = [(a - d) / (a + d + p) for a, d, p in entry["by_group"] if a + d + p]
    return max(leans) - min(leans) if len(leans) >= 2 else 0.0


def priority(n_votes: int, n_passes: int, spread: float) -> float:
    """Polis's idea of an informative statement: seen by few people so far (novelty
    decays with the votes it has, as Polis's 1 + 8·2^(−S/5)), not mostly passed, and
    splitting the groups. Unlike Polis, passes get no pseudo-count, so a statement
    nobody has seen yet is never penalised for them and comes first."""
    novelty = 1 + 8 * 2 ** (-n_votes / 5)
    pass_share = n_passes / (n_votes + 1)
    return (1 - pass_share) * (1 + spread) * novelty


def next_statement(module, user, latest: MapResult | None = None) -> tuple[Statement | None, int]:
    """The accepted statement `user` has not voted on that is most informative to show
    next, and how many are left. Ties go to seed statements, then by position and id."""
    voted = Vote.objects.filter(participant=user, statement__module=module).values("statement_id")
    candidates = list(
        Statement.objects.accepted()
        .filter(module=module)
        .exclude(pk__in=voted)
        .annotate(n_votes=Count("votes"), n_passes=Count("votes", filter=Q(votes__value=0)))
    )
    if not candidates:
        return None, 0
    summary = (latest.data or {}).get("summary") if latest is not None else None
    best = min(
        candidates,
        key=lambda s: (
            -round(priority(s.n_votes, s.n_passes, divisiveness(summary, s.pk)), 9),
            not s.is_seed,
            s.position,
            s.pk,
        ),
    )
    return best, len(candidates)
