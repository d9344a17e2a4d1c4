"""Daily and weekly digests: who receives one, and what it says.

`recipients()` streams, without one query per person: the period's events and their
targets are read once per campaign, then the follows of those targets are walked in user
order in one streamed query that carries each person's address and preferences. Each
delivery keeps the ids of its events; `render()` reads them back at send time through a
per-campaign memo of the period's events still worth telling, so what was withdrawn or
hidden meanwhile is dropped, and a digest left with nothing is not sent.
"""

import time
from collections import defaultdict
from collections.abc import Iterator
from datetime import date, timedelta
from functools import reduce
from itertools import groupby
from operator import or_

from django.conf import settings
from django.db.models import Q
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _

from concerto.follows.feed import by_process, still_worth_telling
from concerto.follows.models import DEFAULT_FREQUENCY, Event, EventKind, EventTarget, Follow
from concerto.follows.models import Frequency as F
from concerto.mailing.kinds import Recipient, Rendered
from concerto.mailing.models import Campaign
from concerto.mailing.outbox import open_campaign, start
from concerto.mailing.unsubscribe import preferences_url, unsubscribe_url
from concerto.siteurl import absolute_url

KIND = "digest"
SCOPE = "digest"
PERIODS = {F.DAILY: timedelta(days=1), F.WEEKLY: timedelta(days=7)}
CHUNK_SIZE = 5000
# How long render() trusts its memo of the period's events: a long send still notices
# within a minute what was withdrawn meanwhile.
MEMO_SECONDS = 60


def campaign_key(frequency: str, day: date) -> str:
    """One digest per frequency and day: a second tick the same day opens the same one."""
    return f"digest:{frequency}:{day.isoformat()}"


def frequency_of(campaign) -> str:
    return campaign.key.split(":")[1]


def period(campaign):
    """From the previous digest of the same frequency (or one period back) to this one's
    opening: every event is in exactly one digest of each frequency."""
    frequency = frequency_of(campaign)
    previous = (
        Campaign.objects.filter(
            kind=KIND, key__startswith=f"digest:{frequency}:", created_at__lt=campaign.created_at
        )
        .order_by("-created_at")
        .values_list("created_at", flat=True)
        .first()
    )
    return previous or campaign.created_at - PERIODS[frequency], campaign.created_at


def _anything_since_last(frequency: str) -> bool:
    now = timezone.now()
    last = (
        Campaign.objects.filter(kind=KIND, key__startswith=f"digest:{frequency}:")
        .order_by("-created_at")
        .values_list("created_at", flat=True)
        .first()
    )
    return Event.objects.filter(created_at__gt=last or now - PERIODS[frequency]).exists()


def events_of(campaign):
    since, until = period(campaign)
    return Event.objects.filter(created_at__gt=since, created_at__lte=until)


def _targets(event_kinds: dict[int, str]) -> dict[tuple[str, int], list[int]]:
    by_target = defaultdict(list)
    rows = EventTarget.objects.filter(event_id__in=list(event_kinds)).values_list(
        "target_kind", "target_id", "event_id"
    )
    for target_kind, target_id, event_id in rows.iterator(chunk_size=CHUNK_SIZE):
        by_target[(target_kind, target_id)].append(event_id)
    return by_target


PREFERENCE_FIELDS = [f"user__follow_preferences__{kind}" for kind in EventKind.values]


def followers(by_target, event_kinds, frequency) -> Iterator[tuple[int, str, list[int]]]:
    """(user id, address, sorted event ids) of the active followers of these targets whose
    preference for the events' kinds is `frequency`, in user order, streamed."""
    ids_by_kind = defaultdict(set)
    for target_kind, target_id in by_target:
        ids_by_kind[target_kind].add(target_id)
    concerns = reduce(
        or_, (Q(target_kind=kind, target_id__in=sorted(ids)) for kind, ids in ids_by_kind.items())
    )
    rows = (
        Follow.objects.filter(concerns, user__is_active=True)
        .exclude(user__email="")
        .order_by("user_id")
        .values_list("user_id", "user__email", "target_kind", "target_id", *PREFERENCE_FIELDS)
    )
    for user_id, group in groupby(rows.iterator(chunk_size=CHUNK_SIZE), key=lambda r: r[0]):
        wanted: set[int] = set()
        rows_of_user = list(group)
        for _user, _address, target_kind, target_id, *chosen in rows_of_user:
            # No preferences row: every kind at the default frequency.
            frequencies = dict(zip(EventKind.values, chosen, strict=True))
            for event_id in by_target[(target_kind, target_id)]:
                if (frequencies[event_kinds[event_id]] or DEFAULT_FREQUENCY) == frequency:
                    wanted.add(event_id)
        if wanted:
            yield user_id, rows_of_user[0][1], sorted(wanted)


def recipients(campaign):
    event_kinds = dict(events_of(campaign).values_list("pk", "kind"))
    if not event_kinds:
        return
    by_target = _targets(event_kinds)
    if not by_target:
        return
    for user_id, address, event_ids in followers(by_target, event_kinds, frequency_of(campaign)):
        yield Recipient(address=address, user_id=user_id, payload={"events": event_ids})


def unwanted(campaign, addresses: list[str]) -> set[str]:
    """Addresses of a batch whose person no longer takes this digest for any kind (they
    unsubscribed after the fan-out): one query a batch."""
    from django.contrib.auth import get_user_model
    from django.db.models.functions import Lower

    frequency = frequency_of(campaign)
    still = reduce(
        or_, (Q(**{f"follow_preferences__{kind}": frequency}) for kind in EventKind.values)
    )
    gone = (
        get_user_model()
        .objects.annotate(address=Lower("email"))
        .filter(address__in=addresses, follow_preferences__isnull=False)
        .exclude(still)
    )
    return set(gone.values_list("address", flat=True))


class Memo:
    """The period's events still worth telling, by id, read once per campaign a minute."""

    def __init__(self):
        self.campaign = None
        self.read_at = 0.0
        self.events: dict[int, Event] = {}

    def get(self, campaign) -> dict[int, Event]:
        now = time.monotonic()
        # Keyed by the row's creation too: a database rolled back (tests, a restore) may
        # hand the same id to another campaign.
        identity = (campaign.pk, campaign.key, campaign.created_at)
        if self.campaign != identity or now - self.read_at > MEMO_SECONDS:
            events = still_worth_telling(events_of(campaign)).select_related("process")
            self.events = {event.pk: event for event in events}
            self.campaign, self.read_at = identity, now
        return self.events


_memo = Memo()


def compose(campaign, delivery, events, *, subject: str, intro: str, scope: str):
    """The e-mail of these events, or None when none is left."""
    sections = by_process(events)
    if not sections:
        return None
    context = {
        "intro": intro,
        "sections": sections,
        "site_url": settings.SITE_URL,
        "unsubscribe_url": unsubscribe_url(delivery.address, scope),
        "preferences_url": preferences_url(delivery.address),
        "absolute": absolute_url,
    }
    for section in sections:
        section.absolute_url = absolute_url(section.url)
        for item in section.items:
            item.absolute_url = absolute_url(item.url)
    return Rendered(
        subject=subject,
        text=render_to_string("follows/emails/digest.txt", context),
        html=render_to_string("follows/emails/digest.html", context),
        unsubscribe_scope=scope,
    )


def render(campaign, delivery):
    memo = _memo.get(campaign)
    events = [memo[pk] for pk in delivery.payload.get("events", []) if pk in memo]
    frequency = frequency_of(campaign)
    subject = (
        _("Votre résumé quotidien de ce que vous suivez")
        if frequency == F.DAILY
        else _("Votre résumé hebdomadaire de ce que vous suivez")
    )
    intro = (
        _("Voici ce qui a changé depuis hier dans ce que vous suivez sur Concerto.")
        if frequency == F.DAILY
        else _("Voici ce qui a changé cette semaine dans ce que vous suivez sur Concerto.")
    )
    return compose(campaign, delivery, events, subject=subject, intro=intro, scope=SCOPE)


def open_and_start(frequency: str, today: date | None = None):
    """Open today's digest of `frequency` and start sending it (the task's body); None
    when nothing happened since the last one (no campaign is opened then)."""
    today = today or timezone.localdate()
    key = campaign_key(frequency, today)
    if not Campaign.objects.filter(key=key).exists() and not _anything_since_last(frequency):
        return None
    campaign = open_campaign(key, kind=KIND)
    if campaign.finished_at is None:
        start(campaign)
    return campaign
