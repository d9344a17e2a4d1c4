"""What the domains built on processes add to the public pages of processes.

The processes domain imports none of them (issue 20): the follow-up, the meetings… each
register, from their AppConfig.ready(), what they show there:

- a `Section` of a process's page (the follow-up's commitments), between the information
  of the participants and the CIPC's opinion;
- a `Badge` on the cards of the list of processes (the follow-up's "late");
- an `AgendaSource`, whose entries the agenda shows beside the processes' own (the public
  meetings to come).

Each names its template, which the processes' template includes where it leaves room.
Such a template has no final newline: the page then reads, space for space, as if it
were written in one piece. The rows a section shows renew the process page's generation
(processes/scopes.py, `SHOWN`), which hears them by their model's name.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from django.core.exceptions import ImproperlyConfigured

from concerto.processes.models import Process


@dataclass(frozen=True)
class Section:
    """A part of a process's public page: its template reads `section.<key>` for each key
    of what `context` returns for the process (and the page's own context besides)."""

    name: str
    template: str
    context: Callable[[Process], dict]


@dataclass(frozen=True)
class Badge:
    """A badge on the cards of the public list: the template, inside the card's list of
    badges, for each process whose id is in what `process_ids` returns (one query for all
    the cards)."""

    name: str
    template: str
    process_ids: Callable[[], set[int]]


@dataclass(frozen=True)
class AgendaSource:
    """Entries of the agenda: dicts with `day` (a date), `moment` (a naive datetime, the
    order within the day), `title`, `template` (the entry's content) and what the template
    reads of `entry`; given today's date."""

    name: str
    entries: Callable[[date], list[dict]]


_REGISTERED: dict[type, dict[str, object]] = {Section: {}, Badge: {}, AgendaSource: {}}


def add(item: Section | Badge | AgendaSource) -> None:
    """Called from an AppConfig.ready(); adding the same item twice is harmless. Items of a
    kind are shown in the order they were added (the order of INSTALLED_APPS)."""
    known = _REGISTERED[type(item)]
    if known.get(item.name, item) != item:
        raise ImproperlyConfigured(f"Two {type(item).__name__}s of processes named {item.name!r}.")
    known[item.name] = item


def sections(process: Process) -> list[dict]:
    """The sections of this process's page, each with its `template` and context."""
    return [
        {"template": section.template, **section.context(process)}
        for section in _REGISTERED[Section].values()
    ]


def badges() -> list[dict]:
    """Each badge of the list with its `template` and the `process_ids` that get it."""
    return [
        {"template": badge.template, "process_ids": badge.process_ids()}
        for badge in _REGISTERED[Badge].values()
    ]


def agenda_entries(today: date) -> list[dict]:
    return [
        entry for source in _REGISTERED[AgendaSource].values() for entry in source.entries(today)
    ]
