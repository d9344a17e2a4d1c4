"""Who is asked to answer an evaluation survey of a process."""

from django.db.models import Q, QuerySet

from concerto.accounts.models import User
from concerto.accounts.roles import Role
from concerto.evaluation.models import Audience


def invitees(process, audience: str) -> QuerySet[User]:
    """Participants: everyone who contributed with an account (hidden or withdrawn
    contributions included: they took part too). Organisers: the project lead, the sponsor and the
    ministry's agents and referent."""
    if audience == Audience.ORGANISERS:
        ministry = process.ministry_id
        return User.objects.filter(
            Q(pk=process.project_lead_id)
            | Q(pk=process.sponsor_id)
            | Q(
                memberships__role__in=[Role.AGENT, Role.REFERENT],
                memberships__organisation_id=ministry,
            )
            | Q(
                memberships__role__in=[Role.AGENT, Role.REFERENT],
                memberships__organisation__parent_id=ministry,
            ),
            is_active=True,
        ).distinct()
    return User.objects.filter(is_active=True, contributions__module__process=process).distinct()
