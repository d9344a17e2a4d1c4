"""Reading events back: which are still worth telling, and a person's feed.

Computed by query from the events of what the person follows: nothing is written per
follower.
"""

from dataclasses import dataclass, field
from datetime import datetime

from django.db.models import Exists, OuterRef, Q, QuerySet

from concerto.follows.models import Event, EventTarget, Follow
from concerto.participation.models import Contribution
from concerto.processes.lifecycle import PUBLIC_STATUSES


def still_worth_telling(events: QuerySet[Event]) -> QuerySet[Event]:
    """Drop events whose process left the public registry, whose proposal was withdrawn,
    hidden or merged away, or whose answer was unpublished since."""
    return events.filter(
        Q(proposal__isnull=True) | Q(proposal__status=Contribution.Status.PUBLISHED),
        Q(answer__isnull=True) | Q(answer__published_at__isnull=False),
        process__status__in=PUBLIC_STATUSES,
    )


def followed_by(user) -> QuerySet[Event]:
    """Events concerning anything `user` follows (one query, joined on the targets)."""
    follows = Follow.objects.filter(
        user=user, target_kind=OuterRef("target_kind"), target_id=OuterRef("target_id")
    )
    concerned = EventTarget.objects.filter(Exists(follows)).values("event_id")
    return still_worth_telling(Event.objects.filter(pk__in=concerned))


def recent_for(user, limit: int = 30) -> list[Event]:
    return list(followed_by(user).select_related("process").order_by("-created_at", "-pk")[:limit])


@dataclass
class Section:
    """One process of a digest and its items, newest first."""

    title: str
    url: str
    items: list[Event] = field(default_factory=list)

    @property
    def newest(self) -> datetime:
        return self.items[0].created_at


def by_process(events) -> list[Section]:
    """Group events by process, newest first in each and newest process first, each
    line once (the same change concerning two followed targets is one event already;
    two events saying the same thing with the same link are one line)."""
    sections: dict[int, Section] = {}
    seen: set[tuple[int, str, str]] = set()
    for event in sorted(events, key=lambda event: (event.created_at, event.pk), reverse=True):
        line = (event.process_id, event.summary, event.url)
        if line in seen:
            continue
        seen.add(line)
        section = sections.get(event.process_id)
        if section is None:
            section = sections[event.process_id] = Section(
                event.process.title, event.process.get_absolute_url()
            )
        section.items.append(event)
    return sorted(sections.values(), key=lambda section: section.newest, reverse=True)
