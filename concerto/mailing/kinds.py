"""What each kind of campaign sends, registered by the domain that owns it.

The mailing core knows nothing of newsletters or digests: a kind says who receives a
campaign (`recipients`, streamed once into Delivery rows) and what one delivery says
(`render`, at send time, so what was withdrawn meanwhile is left out).
"""

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Protocol


@dataclass(frozen=True)
class Recipient:
    address: str
    user_id: int | None = None
    payload: dict = field(default_factory=dict)  # JSON-serialisable


@dataclass(frozen=True)
class Rendered:
    subject: str
    text: str
    html: str
    # What the one-click unsubscribe stops ("newsletter", "digest"…); "" for none.
    unsubscribe_scope: str


class CampaignKind(Protocol):
    name: str

    def recipients(self, campaign) -> Iterable[Recipient]: ...

    def render(self, campaign, delivery) -> Rendered | None:
        """None when nothing is left to say: the delivery is skipped, nothing sent."""

    # Optional: `unwanted(campaign, addresses) -> set[str]`, the addresses of a batch that
    # no longer want this campaign (unsubscribed since the fan-out): one query a batch.


_KINDS: dict[str, CampaignKind] = {}


def register(kind: CampaignKind) -> CampaignKind:
    _KINDS[kind.name] = kind
    return kind


def get(name: str) -> CampaignKind:
    return _KINDS[name]
