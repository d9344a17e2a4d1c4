"""What a follow target is: the object behind (kind, id), who may follow it, its label."""

from dataclasses import dataclass

from django.http import Http404

from concerto.accounts.models import Organisation
from concerto.accounts.roles import OrganisationKind
from concerto.follows.models import STATE_WIDE, TargetKind
from concerto.participation.models import Contribution, ContributionKind
from concerto.processes.models import Process, Theme
from concerto.proposals.links import proposal_url


@dataclass(frozen=True)
class Target:
    kind: str
    id: int
    label: str
    url: str


def _process(user, pk: int) -> Target:
    process = Process.objects.visible_to(user).filter(pk=pk).first()
    if process is None:
        raise Http404
    return Target(TargetKind.PROCESS, pk, process.title, process.get_absolute_url())


def _proposal(user, pk: int) -> Target:
    proposal = (
        Contribution.objects.published()
        .filter(
            pk=pk,
            kind=ContributionKind.PROPOSAL,
            merged_into__isnull=True,
            module__process__in=Process.objects.visible_to(user),
        )
        .select_related("module__process")
        .first()
    )
    if proposal is None:
        raise Http404
    return Target(TargetKind.PROPOSAL, pk, proposal.title, proposal_url(proposal))


def _theme(user, pk: int) -> Target:
    theme = Theme.objects.filter(pk=pk).first()
    if theme is None:
        raise Http404
    return Target(TargetKind.THEME, pk, theme.name, _list_url(theme=theme.slug))


def _ministry(user, pk: int) -> Target:
    ministry = Organisation.objects.filter(pk=pk, kind=OrganisationKind.MINISTRY).first()
    if ministry is None:
        raise Http404
    return Target(TargetKind.MINISTRY, pk, ministry.name, _list_url(ministry=pk))


def _followup(user, pk: int) -> Target:
    from django.urls import reverse
    from django.utils.translation import gettext as _

    if pk != STATE_WIDE:
        raise Http404
    return Target(
        TargetKind.FOLLOWUP, STATE_WIDE, _("Le devoir de suite de l'État"),
        reverse("followup:figures"),
    )  # fmt: skip


def _list_url(**filters) -> str:
    from urllib.parse import urlencode

    from django.urls import reverse

    return f"{reverse('processes:public_list')}?{urlencode(filters)}"


RESOLVERS = {
    TargetKind.PROCESS: _process,
    TargetKind.PROPOSAL: _proposal,
    TargetKind.THEME: _theme,
    TargetKind.MINISTRY: _ministry,
    TargetKind.FOLLOWUP: _followup,
}


def resolve(user, kind: str, pk: int) -> Target:
    """The target `user` may follow, or Http404 (unknown, hidden from them, withdrawn)."""
    if kind not in RESOLVERS:
        raise Http404
    return RESOLVERS[kind](user, pk)
