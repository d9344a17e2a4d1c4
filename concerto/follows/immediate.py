"""Immediate e-mails: one campaign per event (key per event), so each follower who asked
for it receives exactly one message, resumably."""

from django.db import transaction
from django.db.models import Exists, OuterRef, Q
from django.utils.translation import gettext as _

from concerto.follows.digest import compose, followers
from concerto.follows.feed import still_worth_telling
from concerto.follows.models import (
    DEFAULT_FREQUENCY,
    Event,
    EventTarget,
    Follow,
    Frequency,
    Preferences,
)
from concerto.mailing.kinds import Recipient
from concerto.mailing.outbox import open_campaign, start

KIND = "follow-immediate"
# What its one-click link stops: every e-mail about what the person follows.
SCOPE = "follows"


def campaign_key(event: Event) -> str:
    return f"follows:event:{event.pk}"


def has_immediate_followers(event: Event) -> bool:
    """Whether anyone following a target of `event` wants it at once (one query): most
    events have nobody, and then no campaign is opened at all."""
    kind = event.kind
    immediate = Q(**{f"user__follow_preferences__{kind}": Frequency.IMMEDIATE})
    if DEFAULT_FREQUENCY == Frequency.IMMEDIATE:
        immediate |= ~Exists(Preferences.objects.filter(user=OuterRef("user")))
    concerned = EventTarget.objects.filter(
        event=event, target_kind=OuterRef("target_kind"), target_id=OuterRef("target_id")
    )
    return Follow.objects.filter(immediate, Exists(concerned), user__is_active=True).exists()


def send_on_commit(event: Event) -> None:
    def send():
        if has_immediate_followers(event):
            with transaction.atomic():
                start(open_campaign(campaign_key(event), kind=KIND, source_id=event.pk))

    transaction.on_commit(send)


def recipients(campaign):
    event = Event.objects.filter(pk=campaign.source_id).first()
    if event is None:
        return
    by_target = {
        (target_kind, target_id): [event.pk]
        for target_kind, target_id in event.targets.values_list("target_kind", "target_id")
    }
    if not by_target:
        return
    event_kinds = {event.pk: event.kind}
    for user_id, address, _events in followers(by_target, event_kinds, Frequency.IMMEDIATE):
        yield Recipient(address=address, user_id=user_id)


def render(campaign, delivery):
    events = list(
        still_worth_telling(Event.objects.filter(pk=campaign.source_id)).select_related("process")
    )
    if not events:
        return None
    return compose(
        campaign, delivery, events,
        subject=_("Du nouveau sur « %(title)s »") % {"title": events[0].process.title},
        intro=_("Voici ce qui vient de changer dans ce que vous suivez sur Concerto."),
        scope=SCOPE,
    )  # fmt: skip
