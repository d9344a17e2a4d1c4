"""Freeze a process description, compare two frozen versions, feed the quality grid."""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.utils.translation import gettext as _

from concerto.engines.quality import (
    FollowUpCommitment as GridCommitment,
)
from concerto.engines.quality import (
    GridResult,
    ProcessDescription,
    evaluate,
)
from concerto.engines.quality import (
    InformationSource as GridSource,
)
from concerto.processes.models import Process

# Scalar fields frozen in a version, in the order the review shows them.
SNAPSHOT_FIELDS = (
    "title", "summary", "sponsor_title", "territory_level", "territories", "problem",
    "decision_at_stake", "decision_maker", "decision_date", "negotiable", "non_negotiable",
    "alternatives", "publics_concerned", "outreach", "offline_reach", "target_participants",
    "participation_start", "participation_end", "calendar", "modules_planned", "budget", "team",
    "providers", "guarantor", "follow_up_date", "evaluation_plan",
)  # fmt: skip

# Declaration form fields deliberately left out of the frozen version, and why
# (tests/processes/test_snapshot_coverage.py checks every other field is frozen).
OUTSIDE_SNAPSHOT = {
    "revision": "the edit-conflict token of a step form, not a declared value",
    "creation_key": "the idempotency key of the creation form, not a declared value",
    "publish_opinion_at_launch": (
        "when the CIPC's own opinion becomes public: a choice about the opinion, made "
        "after it too, not part of the description the CIPC reviews"
    ),
}


def snapshot(process: Process) -> dict:
    """A JSON-ready copy of everything the ministry declared."""
    data: dict = {}
    for name in SNAPSHOT_FIELDS:
        value = getattr(process, name)
        if isinstance(value, date):
            value = value.isoformat()
        elif isinstance(value, Decimal):
            value = str(value)
        data[name] = value
    data["ministry"] = process.ministry.name
    data["directorate"] = process.directorate.name if process.directorate else ""
    data["sponsor"] = str(process.sponsor) if process.sponsor else ""
    data["project_lead"] = str(process.project_lead)
    data["themes"] = sorted(theme.name for theme in process.themes.all())
    data["methods"] = list(process.methods)
    data["sources"] = [
        {"title": s.title, "viewpoint": s.viewpoint, "url": s.url, "contradictory": s.contradictory}
        for s in process.sources.all()
    ]
    data["commitments"] = [
        {
            "what": c.what,
            "who": c.who,
            "due_date": c.due_date.isoformat(),
            "channel": c.channel,
            **({"quantity": c.quantity} if c.quantity else {}),
        }  # fmt: skip
        for c in process.commitments.all()
    ]
    return data


def _date(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def description_from(data: dict) -> ProcessDescription:
    """The quality grid's view of a snapshot."""
    return ProcessDescription(
        title=data["title"],
        decision_at_stake=data["decision_at_stake"],
        decision_maker=data["decision_maker"],
        sponsor=" — ".join(part for part in (data["sponsor"], data["sponsor_title"]) if part),
        negotiable=data["negotiable"],
        non_negotiable=data["non_negotiable"],
        alternatives=data["alternatives"],
        participation_start=_date(data["participation_start"]),
        participation_end=_date(data["participation_end"]),
        decision_date=_date(data["decision_date"]),
        follow_up_date=_date(data["follow_up_date"]),
        publics_concerned=data["publics_concerned"],
        offline_reach=data["offline_reach"],
        target_participants=data["target_participants"],
        methods=tuple(data["methods"]),
        information_sources=tuple(
            GridSource(title=s["title"], viewpoint=s["viewpoint"]) for s in data["sources"]
        ),
        budget_amount=Decimal(data["budget"]) if data["budget"] is not None else None,
        guarantor=data["guarantor"],
        follow_up_commitments=tuple(
            GridCommitment(
                what=c["what"], who=c["who"], channel=c["channel"], due_date=_date(c["due_date"])
            )
            for c in data["commitments"]
        ),
        evaluation_plan=data["evaluation_plan"],
    )


def precheck(process: Process, today: date) -> GridResult:
    return evaluate(description_from(snapshot(process)), today=today)


@dataclass(frozen=True)
class Change:
    field: str
    label: str
    before: str
    after: str


def label_of(field: str) -> str:
    """The French label of a snapshot field."""
    extra = {
        "ministry": _("Ministère"),
        "directorate": _("Direction"),
        "sponsor": _("Commanditaire"),
        "project_lead": _("Cheffe ou chef de projet"),
        "themes": _("Thèmes"),
        "methods": _("Méthodes"),
        "sources": _("Sources d'information"),
        "commitments": _("Engagements de suite"),
    }
    if field in extra:
        return extra[field]
    return str(Process._meta.get_field(field).verbose_name).capitalize()


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        return "\n".join(
            " — ".join(str(v) for v in item.values() if v not in ("", False, None))
            if isinstance(item, dict)
            else str(item)
            for item in value
        )
    return str(value)


def diff(before: dict, after: dict) -> list[Change]:
    """Fields whose value differs between two snapshots, in the snapshot's order."""
    return [
        Change(field, label_of(field), _text(before.get(field)), _text(after.get(field)))
        for field in after
        if before.get(field) != after.get(field)
    ]
