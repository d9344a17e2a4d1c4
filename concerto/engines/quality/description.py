"""Typed input of the quality grid: what a ministry declares about its process.

The Django side builds one `ProcessDescription` from its models (a frozen
referral version, or the draft being edited) and hands it to `evaluate`.
Every field has an "absent" default (empty string, `None`, empty tuple), so
a half-filled draft can be pre-checked: absence is what the grid reports as
missing, never an error.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from datetime import date, datetime
from decimal import Decimal
from enum import StrEnum


class Method(StrEnum):
    """The eight methods of the OECD Guidelines for Citizen Participation (2022)."""

    INFORMATION = "information"
    OPEN_MEETINGS = "open_meetings"
    PUBLIC_CONSULTATION = "public_consultation"
    OPEN_INNOVATION = "open_innovation"
    CITIZEN_SCIENCE = "citizen_science"
    CIVIC_MONITORING = "civic_monitoring"
    PARTICIPATORY_BUDGETING = "participatory_budgeting"
    DELIBERATIVE = "deliberative"


@dataclass(frozen=True, kw_only=True)
class InformationSource:
    """One source planned for the information dossier.

    `viewpoint` is a short free label of the stance or origin the source
    represents ("administration", "association environnementale",
    "fédération professionnelle"…); two sources with the same label (compared
    case-insensitively) count as one viewpoint.
    """

    title: str
    viewpoint: str = ""


@dataclass(frozen=True, kw_only=True)
class FollowUpCommitment:
    """One devoir-de-suite commitment made to participants.

    what: what will be answered or published ("réponse à chaque proposition").
    who: who answers (a person or a body, e.g. "la ministre").
    channel: through which channel ("page du dispositif", "courriel", "réunion").
    due_date: the date committed for it, or None when not yet fixed.
    """

    what: str = ""
    who: str = ""
    channel: str = ""
    due_date: date | None = None


@dataclass(frozen=True, kw_only=True)
class ProcessDescription:
    """Everything the quality grid reads about one participatory process.

    Framing:
        title: the process title.
        decision_at_stake: the decision the participation feeds into.
        decision_maker: who takes that decision.
        sponsor: the commanditaire, who owns the process and commits to citizens.
        negotiable: what is open to change through participation.
        non_negotiable: what is settled and not open to change.
        alternatives: the options on the table, including not acting.
    Calendar (calendar days; both bounds of the participation are open days):
        participation_start, participation_end: first and last day citizens
            can take part.
        decision_date: the expected date of the decision.
        follow_up_date: the date committed for telling participants what was
            done with their contributions (devoir de suite).
    Publics:
        publics_concerned: who is concerned by the decision.
        offline_reach: how people who do not go online are reached.
        target_participants: the number of participants aimed at, if any.
    Method and information:
        methods: OECD method codes (see `Method`); unknown codes are kept so
            the grid can report them rather than fail.
        information_sources: the sources planned for the information dossier.
    Resources and guarantees:
        budget_amount: the budget in euros, or None when not stated.
        guarantor: the guarantor or independent third party, if any.
    Follow-up and evaluation:
        follow_up_commitments: the devoir-de-suite commitments.
        evaluation_plan: how the process will be evaluated.
    """

    title: str = ""
    decision_at_stake: str = ""
    decision_maker: str = ""
    sponsor: str = ""
    negotiable: str = ""
    non_negotiable: str = ""
    alternatives: str = ""
    participation_start: date | None = None
    participation_end: date | None = None
    decision_date: date | None = None
    follow_up_date: date | None = None
    publics_concerned: str = ""
    offline_reach: str = ""
    target_participants: int | None = None
    methods: tuple[str, ...] = ()
    information_sources: tuple[InformationSource, ...] = ()
    budget_amount: Decimal | None = None
    guarantor: str = ""
    follow_up_commitments: tuple[FollowUpCommitment, ...] = ()
    evaluation_plan: str = ""

    def __post_init__(self) -> None:
        # Lists are accepted for convenience but stored as tuples, so that a
        # description stays immutable and hashable like the grid result.
        for name in ("methods", "information_sources", "follow_up_commitments"):
            value = getattr(self, name)
            if isinstance(value, list):
                object.__setattr__(self, name, tuple(value))
        # A datetime would compare fine but subtract into a timedelta with
        # hours, and mixing it with dates raises TypeError: refuse it early.
        for field in fields(self):
            value = getattr(self, field.name)
            if field.name.endswith("_date") or field.name.startswith("participation_"):
                if value is not None and (
                    not isinstance(value, date) or isinstance(value, datetime)
                ):
                    raise TypeError(f"{field.name} must be a datetime.date or None, got {value!r}")
        for commitment in self.follow_up_commitments:
            if isinstance(commitment.due_date, datetime):
                raise TypeError("FollowUpCommitment.due_date must be a datetime.date or None")
