"""The events followers hear of, each recorded once under its natural key.

Listeners of other domains (signals.py) and the daily job call these with the object in
hand; each builds the one-line French "what changed", its link and the targets concerned.
"""

from datetime import date, timedelta

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from concerto.follows.actions import record_event
from concerto.follows.models import STATE_WIDE, EventKind, TargetKind
from concerto.followup.queries import late_commitments
from concerto.frenchdates import french_date
from concerto.participation.models import ContributionKind, Module
from concerto.processes.lifecycle import PUBLIC_STATUSES, Status
from concerto.proposals.links import proposal_url

# How many covered proposals an answer tells the followers of, at most: a theme answer
# may cover thousands, whose process followers hear of it anyway.
MAX_PROPOSAL_TARGETS = 500

PROCESS_CHANGES = {
    Status.PUBLISHED: gettext_lazy("Le dispositif est publié."),
    Status.OPEN: gettext_lazy("La participation est ouverte."),
    Status.CLOSED: gettext_lazy("La participation est close."),
    Status.FOLLOW_UP_PUBLISHED: gettext_lazy("Les suites données aux contributions sont publiées."),
}


def _day(value: date) -> str:
    return french_date(value, "j F Y")


def answer_published(answer):
    proposals = answer.contributions.filter(kind=ContributionKind.PROPOSAL).values_list(
        "pk", flat=True
    )[:MAX_PROPOSAL_TARGETS]
    return record_event(
        f"answer:{answer.pk}:published",
        kind=EventKind.ANSWER,
        process=answer.process,
        summary=_("Réponse publiée : « %(target)s »") % {"target": answer.target},
        url=answer.get_absolute_url(),
        answer=answer,
        concerns=[(TargetKind.FOLLOWUP, STATE_WIDE)]
        + [(TargetKind.PROPOSAL, pk) for pk in proposals],
    )


def proposals_merged(merge):
    source, target = merge.source, merge.target
    return record_event(
        f"merge:{merge.pk}",
        kind=EventKind.PROPOSAL,
        process=target.module.process,
        summary=_("La proposition « %(source)s » a été fusionnée avec « %(target)s ».")
        % {"source": source.title, "target": target.title},
        url=proposal_url(target),
        proposal=target,
        concerns=[(TargetKind.PROPOSAL, source.pk), (TargetKind.PROPOSAL, target.pk)],
    )


def process_moved(transition):
    summary = PROCESS_CHANGES.get(transition.to_status)
    if summary is None or transition.from_status == transition.to_status:
        return None
    process = transition.process
    return record_event(
        f"process:{process.pk}:transition:{transition.pk}",
        kind=EventKind.PROCESS,
        process=process,
        summary=str(summary),
        url=process.get_absolute_url(),
        concerns=[],
    )


def module_opened(module):
    return record_event(
        f"module:{module.pk}:opened:{module.opens_on.isoformat()}",
        kind=EventKind.MODULE,
        process=module.process,
        summary=_("Le module « %(title)s » est ouvert jusqu'au %(date)s.")
        % {"title": module.title, "date": _day(module.closes_on)},
        url=module.get_absolute_url(),
        concerns=[],
    )


def commitment_late(commitment):
    return record_event(
        f"late:{commitment.pk}:{commitment.due_date.isoformat()}",
        kind=EventKind.LATE,
        process=commitment.process,
        summary=_("Engagement en retard : « %(what)s », promis pour le %(date)s.")
        % {"what": commitment.what, "date": _day(commitment.due_date)},
        url=reverse("followup:process", args=[commitment.process.slug]),
        concerns=[(TargetKind.FOLLOWUP, STATE_WIDE)],
    )


def record_dated(today: date) -> int:
    """What happens by the calendar rather than by an action: modules opening, follow-up
    commitments gone late. Run daily; yesterday is looked at again so a missed day is
    caught up, and the keys make a second run record nothing."""
    recorded = 0
    opening = Module.objects.filter(
        published=True,
        opens_on__range=(today - timedelta(days=1), today),
        closes_on__gte=today,
        process__status__in=PUBLIC_STATUSES,
    ).select_related("process")
    for module in opening:
        recorded += module_opened(module)[1]
    late = late_commitments(today).filter(
        due_date__gte=today - timedelta(days=2), process__status__in=PUBLIC_STATUSES
    )
    for commitment in late:
        recorded += commitment_late(commitment)[1]
    return recorded
