"""Named write operations of the opinion-map module: statements, moderation, votes,
map computation and Polis imports. Views call these; tests call these to set up state."""

from __future__ import annotations

import uuid
from datetime import timedelta

from django.core.cache import cache
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from concerto import ratelimit
from concerto.engines import opinions
from concerto.jobs.progress import start_job
from concerto.opinionmaps import mapping
from concerto.opinionmaps.models import (
    MAX_STATEMENT_LENGTH,
    GroupMembership,
    MapResult,
    Statement,
    Vote,
)
from concerto.participation.actions import submit_contribution
from concerto.participation.actions.common import RateLimited, is_blank, require
from concerto.participation.models import ContributionKind, Module

# The map is recomputed in the background once this many votes arrived since the last
# computation, or once the last one is this old and votes arrived since.
RECOMPUTE_EVERY_VOTES = 10
RECOMPUTE_STALE_AFTER = timedelta(minutes=2)
_PENDING_KEY = "opinionmaps:recompute-pending:{}"


def _clean_text(text: str, field: str = "text") -> str:
    text = " ".join(text.split())
    if is_blank(text):
        raise ValidationError({field: _("L'énoncé est vide.")})
    if len(text) > MAX_STATEMENT_LENGTH:
        raise ValidationError(
            {field: _("L'énoncé dépasse %(max)d caractères.") % {"max": MAX_STATEMENT_LENGTH}}
        )
    return text


def _next_position(module: Module) -> int:
    top = Statement.objects.filter(module=module).aggregate(top=Max("position"))["top"]
    return 0 if top is None else top + 1


@transaction.atomic
def add_seed_statement(module: Module, *, actor, text: str) -> Statement:
    """An organiser adds a statement of the seed set: accepted at once."""
    require(module, actor, "manage")
    return Statement.objects.create(
        module=module, text=_clean_text(text), author=actor, is_seed=True,
        status=Statement.Status.ACCEPTED, position=_next_position(module),
        moderated_by=actor, moderated_at=timezone.now(),
    )  # fmt: skip


def propose_statement(
    module: Module,
    *,
    author,
    text: str,
    idempotency_key: uuid.UUID | None,
    address: str | None = None,
) -> tuple[Statement, bool]:
    """A signed-in participant proposes a statement, exactly once per idempotency key.

    It stays pending, never shown to voters, until a moderator accepts it.
    """
    if author is None or not author.is_authenticated:
        raise PermissionDenied
    text = _clean_text(text)
    with transaction.atomic():
        contribution, created = submit_contribution(
            module, author=author, kind=ContributionKind.CONTRIBUTION, body=text,
            idempotency_key=idempotency_key, address=address,
        )  # fmt: skip
        statement, made = Statement.objects.get_or_create(
            contribution=contribution,
            defaults={"module": module, "text": text, "author": author,
                      "position": _next_position(module)},
        )  # fmt: skip
    return statement, made


@transaction.atomic
def moderate_statement(statement: Statement, *, actor, accept: bool) -> Statement:
    """A moderator accepts a statement (shown to voters from now on) or rejects it."""
    require(statement.module, actor, "moderate")
    statement = Statement.objects.select_for_update().get(pk=statement.pk)
    statement.status = Statement.Status.ACCEPTED if accept else Statement.Status.REJECTED
    statement.moderated_by = actor
    statement.moderated_at = timezone.now()
    statement.save(update_fields=["status", "moderated_by", "moderated_at"])
    return statement


def cast_vote(statement: Statement, *, user, value: int, address: str | None = None) -> Vote:
    """A signed-in participant votes agree (+1), disagree (−1) or pass (0) on an accepted
    statement; voting again on it replaces the earlier vote."""
    if user is None or not user.is_authenticated:
        raise PermissionDenied
    require(statement.module, user, "contribute")
    if value not in (Vote.AGREE, Vote.DISAGREE, Vote.PASS):
        raise ValidationError(_("Ce vote n'existe pas."))
    if not Statement.objects.accepted().filter(pk=statement.pk).exists():
        raise ValidationError(_("Cet énoncé n'est pas ouvert au vote."))
    if not ratelimit.allow("vote", ratelimit.client_keys(user, address)):
        raise RateLimited()
    with transaction.atomic():
        try:
            with transaction.atomic():
                vote, _created = Vote.objects.update_or_create(
                    statement=statement, participant=user, defaults={"value": value}
                )
        except IntegrityError:
            # The same person's other click committed first: this one replaces it.
            vote = Vote.objects.get(statement=statement, participant=user)
            vote.value = value
            vote.save(update_fields=["value", "updated_at"])
        schedule_recompute(statement.module)
    return vote


def schedule_recompute(module: Module, *, force: bool = False) -> bool:
    """Queue a background recomputation after this transaction commits when it is due:
    enough new votes, or new votes and a stale map. At most one is queued at a time."""
    latest = MapResult.objects.filter(module=module).order_by("-computed_at", "-pk").first()
    if not force:
        votes = Vote.objects.filter(statement__module=module)
        if latest is not None:
            votes = votes.filter(updated_at__gt=latest.votes_until)
        new = votes.count()
        stale = latest is None or timezone.now() - latest.computed_at > RECOMPUTE_STALE_AFTER
        if not (new >= RECOMPUTE_EVERY_VOTES or (new and stale)):
            return False
    if not cache.add(_PENDING_KEY.format(module.pk), 1, timeout=600):
        return False

    def enqueue():
        # cycle: opinionmaps.tasks imports opinionmaps.actions
        from concerto.opinionmaps.tasks import recompute_map_task

        recompute_map_task.enqueue(module_id=module.pk)

    transaction.on_commit(enqueue)
    return True


def recompute_map(module: Module) -> MapResult:
    """Compute the module's map from every vote, warm-started from the last result, and
    store it. Too few participants with enough votes stores an `insufficient` result."""
    cache.delete(_PENDING_KEY.format(module.pk))
    started = timezone.now()
    latest = MapResult.objects.filter(module=module).order_by("-computed_at", "-pk").first()
    matrix = mapping.vote_matrix(module)
    previous = mapping.previous_from_json(latest.state) if latest is not None else None
    n_votes, n_participants = int(matrix.votes.nnz), int(matrix.shape[0])
    params = opinions.MapParams()
    # The engine's own minimum (more than k_min participants with enough votes), checked
    # first: on tiny matrices its eigensolver can fail before it gets to say so.
    enough = matrix.votes_per_participant >= min(params.min_votes, matrix.shape[1])
    try:
        if int(enough.sum()) <= params.k_min:
            raise opinions.OpinionsError("too few participants to cluster")
        result = opinions.compute_map(matrix, params, previous=previous)  # type: ignore[arg-type]
    except opinions.MAP_FAILURES:
        return MapResult.objects.create(
            module=module, computed_at=timezone.now(), votes_until=started, n_votes=n_votes,
            n_participants=n_participants, insufficient=True,
            state=latest.state if latest is not None else {},
        )  # fmt: skip
    with transaction.atomic():
        stored = MapResult.objects.create(
            module=module, computed_at=timezone.now(), votes_until=started, n_votes=n_votes,
            n_participants=n_participants, data=mapping.serialise(result),
            state=mapping.state_to_json(result.state),
        )  # fmt: skip
        store_memberships(stored, result)
    return stored


def store_memberships(stored: MapResult, result: opinions.OpinionMap) -> int:
    """Keep who is in which group of this map, for accounts only (server-side, see
    GroupMembership), and drop the previous maps' memberships: one grouping per module."""
    # An erased account keeps its votes, anonymous, in the map; never a membership again.
    erased = set(
        Vote.objects.filter(statement__module=stored.module_id, participant__is_active=False)
        .values_list("participant_id", flat=True)
        .distinct()
    )
    rows = [
        GroupMembership(map=stored, participant_id=int(pid), group=int(label))
        for pid, label in zip(result.participant_ids, result.labels, strict=True)
        # Accounts only (imported voters are negative), clustered ones.
        if pid > 0 and label >= 0 and int(pid) not in erased
    ]
    GroupMembership.objects.filter(map__module=stored.module_id).exclude(map=stored).delete()
    GroupMembership.objects.bulk_create(rows, batch_size=5000)
    return len(rows)


def request_recompute(module: Module, *, actor):
    """An organiser asks for the map now: a background job they can follow."""
    # cycle: opinionmaps.tasks imports opinionmaps.actions
    from concerto.opinionmaps.tasks import recompute_map_job

    require(module, actor, "manage")
    return start_job(
        recompute_map_job, owner=actor,
        label=_("Calcul de la carte des opinions « %(title)s »") % {"title": module.title},
        module_id=module.pk,
    )  # fmt: skip


@transaction.atomic
def import_polis(module: Module, export: opinions.PolisExport, *, actor) -> tuple[int, int]:
    """Import a Polis conversation into the module: its statements (moderated-out ones
    rejected) and its votes, keyed by Polis's ids so a second import updates in place.
    Returns (statements, votes) imported."""
    require(module, actor, "manage")
    now = timezone.now()
    moderated_out = set(export.matrix.statement_ids[export.matrix.moderated_out].tolist())
    existing = dict(
        Statement.objects.filter(module=module, external_id__isnull=False).values_list(
            "external_id", "pk"
        )
    )
    position = _next_position(module)
    new = []
    for tid in sorted(export.texts):
        if tid in existing:
            continue
        status = Statement.Status.REJECTED if tid in moderated_out else Statement.Status.ACCEPTED
        new.append(
            Statement(
                module=module, text=export.texts[tid], status=status,
                external_id=tid, position=position + len(new), moderated_by=actor,
                moderated_at=now,
            )
        )  # fmt: skip
    Statement.objects.bulk_create(new, batch_size=1000)
    ids = dict(
        Statement.objects.filter(module=module, external_id__isnull=False).values_list(
            "external_id", "pk"
        )
    )
    Vote.objects.filter(statement__module=module, imported_participant__isnull=False).delete()
    coo = export.matrix.votes.tocoo()
    voters = export.matrix.participant_ids[coo.row]
    comments = export.matrix.statement_ids[coo.col]
    votes = [
        Vote(statement_id=ids[int(tid)], imported_participant=int(pid), value=int(value))
        for pid, tid, value in zip(voters, comments, coo.data, strict=True)
        if int(tid) in ids
    ]
    Vote.objects.bulk_create(votes, batch_size=5000)
    schedule_recompute(module, force=True)
    return len(new), len(votes)
