"""Named writes of the follows domain: follow, unfollow, preferences, events.

Views and the listeners of other domains call these; tests call them to set up state.
"""

import logging
from collections.abc import Iterable

from django.db import IntegrityError, connection, transaction
from django.utils import timezone

from concerto.follows import targets
from concerto.follows.immediate import send_on_commit
from concerto.follows.models import (
    Event,
    EventKind,
    EventTarget,
    Follow,
    Frequency,
    Preferences,
    TargetKind,
)
from concerto.generations import Spec, remembered

logger = logging.getLogger(__name__)


def follow(user, kind: str, target_id: int) -> tuple[Follow, bool]:
    """`user` follows the target, once: following it again returns the existing follow.

    Raises Http404 for a target they may not see. Returns (follow, created).
    """
    targets.resolve(user, kind, target_id)
    existing = Follow.objects.filter(user=user, target_kind=kind, target_id=target_id).first()
    if existing is not None:
        return existing, False
    try:
        with transaction.atomic():
            created = Follow.objects.create(user=user, target_kind=kind, target_id=target_id)
    except IntegrityError:
        # The same person's other click committed first: one follow.
        return Follow.objects.get(user=user, target_kind=kind, target_id=target_id), False
    logger.info("user %s follows %s:%s", user.pk, kind, target_id)
    return created, True


def unfollow(user, kind: str, target_id: int) -> bool:
    """Stop following; returns whether a follow was removed (a second click removes none)."""
    deleted, _detail = Follow.objects.filter(
        user=user, target_kind=kind, target_id=target_id
    ).delete()
    if deleted:
        logger.info("user %s unfollows %s:%s", user.pk, kind, target_id)
    return deleted > 0


def preferences_of(user) -> Preferences:
    """The person's preferences; unsaved defaults when they never chose."""
    found = Preferences.objects.filter(user=user).first()
    return found if found is not None else Preferences(user=user)


@transaction.atomic
def set_preferences(user, *, auto_follow: bool, frequencies: dict[str, str]) -> Preferences:
    """Save how often `user` hears of each kind of event, and whether contributing follows."""
    unknown = set(frequencies) - set(EventKind.values)
    wrong = {value for value in frequencies.values() if value not in Frequency.values}
    if unknown or wrong:
        raise ValueError(f"unknown kinds {unknown} or frequencies {wrong}")
    preferences, _created = Preferences.objects.select_for_update().get_or_create(user=user)
    preferences.auto_follow = auto_follow
    for kind, frequency in frequencies.items():
        setattr(preferences, kind, frequency)
    preferences.save()
    logger.info("user %s saved notification preferences", user.pk)
    return preferences


@transaction.atomic
def stop_digests(user) -> None:
    """Daily and weekly digests become never, for every kind; immediate e-mails stay."""
    preferences, _created = Preferences.objects.select_for_update().get_or_create(user=user)
    for kind in EventKind.values:
        if getattr(preferences, kind) in (Frequency.DAILY, Frequency.WEEKLY):
            setattr(preferences, kind, Frequency.NEVER)
    preferences.save()
    logger.info("user %s unsubscribed from digests", user.pk)


def preferences_scope(user_id: int) -> str:
    return f"follow-preferences:{user_id}"


def follows_what_they_contribute_to(user) -> bool:
    """Unless they said no once and for all; kept in the shared cache until their
    preferences are saved (apps.py): every contribution asks."""

    return remembered(*follow_preference_spec(user.pk))


def follow_preference_spec(user_id: int) -> Spec:
    """remembered()'s arguments for follows_what_they_contribute_to (a contribution
    reads it ahead: apps.py)."""

    def load() -> bool:
        return not Preferences.objects.filter(user_id=user_id, auto_follow=False).exists()

    return preferences_scope(user_id), "auto_follow", load, 3600


def follow_contributed(user, wanted: Iterable[tuple[str, int]]) -> None:
    """Follow what `user` just contributed to, unless they said no once and for all.

    Called on contributing: no visibility check (they could contribute, so they see it),
    and a follow that exists already is left as it is.
    """
    if user is None or not user.is_active:
        return
    if follows_what_they_contribute_to(user):
        _follow_all(user.pk, list(wanted))


def _follow_all(user_id: int, wanted: list[tuple[str, int]]) -> None:
    """One statement whatever exists already: one_follow_per_target keeps a follow once.

    Written out because every contribution online runs it: bulk_create(ignore_conflicts)
    compiled the same statement in five times what sending it costs (0.31 ms of CPU
    against 0.06, on PostgreSQL), a tenth of a submission's. The SQL is PostgreSQL's and
    SQLite's alike; the date is each database's own (adapt_datetimefield_value)."""
    meta, quote = Follow._meta, connection.ops.quote_name
    fields = ["user", "target_kind", "target_id", "created_at"]
    columns = ", ".join(quote(meta.get_field(name).column) for name in fields)
    rows = ", ".join(["(%s, %s, %s, %s)"] * len(wanted))
    now = connection.ops.adapt_datetimefield_value(timezone.now())
    values = [value for kind, pk in wanted for value in (user_id, kind, pk, now)]
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {quote(meta.db_table)} ({columns}) VALUES {rows} "  # noqa: S608 (our names)
            "ON CONFLICT DO NOTHING",
            values,
        )


def record_event(
    key: str,
    *,
    kind: str,
    process,
    summary: str,
    url: str,
    concerns: Iterable[tuple[str, int]],
    proposal=None,
    answer=None,
) -> tuple[Event, bool]:
    """Record one event for followers, once per natural `key`; returns (event, created).

    `concerns` are the targets whose followers hear of it, besides the process itself, its
    themes and its ministry (added here, so that every listener says them alike). A new
    event is e-mailed at once, after the commit, to its followers who asked for that.
    """
    existing = Event.objects.filter(key=key).first()
    if existing is not None:
        return existing, False
    try:
        with transaction.atomic():
            event = Event.objects.create(
                key=key, kind=kind, process=process, summary=summary[:300], url=url,
                proposal=proposal, answer=answer, created_at=timezone.now(),
            )  # fmt: skip
            EventTarget.objects.bulk_create(
                EventTarget(event=event, target_kind=target_kind, target_id=target_id)
                for target_kind, target_id in sorted(set(_targets_of(process, concerns)))
            )
    except IntegrityError:
        return Event.objects.get(key=key), False

    send_on_commit(event)
    return event, True


def _targets_of(process, concerns):
    yield TargetKind.PROCESS, process.pk
    yield TargetKind.MINISTRY, process.ministry_id
    for theme_id in process.themes.values_list("pk", flat=True):
        yield TargetKind.THEME, theme_id
    yield from concerns
