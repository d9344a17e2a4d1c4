"""What became of a participant's contributions, told on their page "Mes contributions".

Participation does not know it: the domains built on it do (the follow-up: the published
answers covering each contribution) and add an `Outcome` from their AppConfig.ready()
(issue 20). Its template is shown under each published contribution, where the page leaves
room for it (no final newline, so that the page reads as if written in one piece); its
`annotate` gives the contributions what the template reads, in a fixed number of queries
for all of them, never one per contribution.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.core.exceptions import ImproperlyConfigured
from django.db.models import QuerySet


@dataclass(frozen=True)
class Outcome:
    name: str
    template: str  # reads `contribution`
    annotate: Callable[[QuerySet], QuerySet]


_OUTCOMES: dict[str, Outcome] = {}


def add(outcome: Outcome) -> None:
    """Called from an AppConfig.ready(); adding the same outcome twice is harmless."""
    if _OUTCOMES.get(outcome.name, outcome) != outcome:
        raise ImproperlyConfigured(f"Two outcomes of contributions named {outcome.name!r}.")
    _OUTCOMES[outcome.name] = outcome


def registered() -> list[Outcome]:
    """In the order they were added (the order of INSTALLED_APPS)."""
    return list(_OUTCOMES.values())
