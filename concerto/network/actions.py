"""Named write operations of the referents network."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from concerto.network.abilities import meeting_abilities, network_abilities, plan_abilities
from concerto.network.models import (
    ActionPlan,
    MeetingAction,
    MeetingAttendance,
    MeetingDecision,
    NetworkMeeting,
    PlanAction,
)
from concerto.network.queries import network_members
from concerto.notifications.actions import notify
from concerto.processes.actions.referral import cipc_advisors

ACTION_FIELDS = ("title", "description", "owner", "starts_on", "due_date", "status")


def _check_action(plan: ActionPlan, fields: dict, processes) -> None:
    errors = {}
    if fields.get("starts_on") and fields["starts_on"] > fields["due_date"]:
        errors["due_date"] = _("L'échéance doit suivre la date de début.")
    if any(process.ministry_id != plan.ministry_id for process in processes):
        errors["processes"] = _("Ne liez que des dispositifs de votre ministère.")
    owner = fields.get("owner")
    if (
        owner is not None
        and plan.ministry_id not in owner.ministry_ids("agent", "referent")
        and not owner.deputyships.filter(ministry_id=plan.ministry_id).exists()
    ):
        errors["owner"] = _("Le pilote doit appartenir au ministère.")
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def save_plan_action(
    plan: ActionPlan,
    *,
    actor,
    fields: dict,
    processes=(),
    action: PlanAction | None = None,
    expected_version: int | None = None,
) -> PlanAction:
    """Add an action to the ministry's plan or update one. An update made from an
    outdated form (someone saved in between) is refused so that nothing is lost."""
    if not plan_abilities(plan.ministry, actor)["edit"]:
        raise PermissionDenied
    processes = list(processes)
    fields = {name: fields[name] for name in ACTION_FIELDS if name in fields}
    _check_action(plan, fields, processes)
    if action is None:
        action = PlanAction.objects.create(plan=plan, updated_by=actor, **fields)
    else:
        action = PlanAction.objects.select_for_update().get(pk=action.pk, plan=plan)
        if expected_version is not None and action.version != expected_version:
            raise ValidationError(
                _("Cette action a été modifiée entre-temps par %(who)s : rechargez la page.")
                % {"who": action.updated_by or _("quelqu'un")}
            )
        for name, value in fields.items():
            setattr(action, name, value)
        action.version += 1
        action.updated_by = actor
        action.save()
    action.processes.set(processes)
    return action


@transaction.atomic
def update_strategy(plan: ActionPlan, *, actor, strategy: str) -> ActionPlan:
    if not plan_abilities(plan.ministry, actor)["edit"]:
        raise PermissionDenied
    plan = ActionPlan.objects.select_for_update().get(pk=plan.pk)
    plan.strategy = strategy.strip()
    plan.save(update_fields=["strategy", "updated_at"])
    return plan


@transaction.atomic
def schedule_meeting(*, actor, title: str, starts_at, place: str, agenda: str) -> NetworkMeeting:
    """Create a meeting, invite every referent and deputy and tell them."""
    if not network_abilities(actor)["manage_meetings"]:
        raise PermissionDenied
    meeting = NetworkMeeting.objects.create(
        title=title, starts_at=starts_at, place=place, agenda=agenda, created_by=actor
    )
    members = network_members()
    MeetingAttendance.objects.bulk_create(
        MeetingAttendance(meeting=meeting, user=user) for user in members
    )
    notify(
        members,
        subject=_("Réunion du réseau des référents : %(title)s") % {"title": title},
        body=agenda,
        url=reverse("network:meeting", args=[meeting.pk]),
    )
    return meeting


@transaction.atomic
def record_minutes(
    meeting: NetworkMeeting, *, actor, minutes: str, decisions: list[str], present_ids
) -> NetworkMeeting:
    """Write (or rewrite, until published) the minutes, decisions and attendance."""
    meeting = NetworkMeeting.objects.select_for_update().get(pk=meeting.pk)
    if not meeting_abilities(meeting, actor)["edit"]:
        raise PermissionDenied
    if meeting.minutes_published_at:
        raise ValidationError(_("Le compte rendu est publié : il ne change plus."))
    if not minutes.strip():
        raise ValidationError({"minutes": _("Rédigez le compte rendu.")})
    meeting.minutes = minutes.strip()
    meeting.save(update_fields=["minutes"])
    meeting.decisions.all().delete()
    MeetingDecision.objects.bulk_create(
        MeetingDecision(meeting=meeting, position=index, text=text)
        for index, text in enumerate((d.strip() for d in decisions if d.strip()), start=1)
    )
    present = {int(pk) for pk in present_ids}
    for attendance in meeting.attendances.all():
        attendance.present = attendance.user_id in present
        attendance.save(update_fields=["present"])
    return meeting


@transaction.atomic
def add_meeting_action(meeting: NetworkMeeting, *, actor, title: str, owner, due_date):
    if not meeting_abilities(meeting, actor)["edit"]:
        raise PermissionDenied
    if not title.strip():
        raise ValidationError({"title": _("Décrivez l'action.")})
    return MeetingAction.objects.create(
        meeting=meeting, title=title.strip(), owner=owner, due_date=due_date
    )


@transaction.atomic
def publish_minutes(meeting: NetworkMeeting, *, actor) -> NetworkMeeting:
    """Publish the minutes to the network: every referent, deputy and CIPC advisor is
    told once; publishing twice changes nothing."""
    meeting = NetworkMeeting.objects.select_for_update().get(pk=meeting.pk)
    abilities = meeting_abilities(meeting, actor)
    if not abilities["edit"]:
        raise PermissionDenied
    if meeting.minutes_published_at:
        return meeting
    if not abilities["publish"]:
        raise ValidationError(_("Rédigez le compte rendu avant de le publier."))
    meeting.minutes_published_at = timezone.now()
    meeting.save(update_fields=["minutes_published_at"])
    notify(
        [*network_members(), *cipc_advisors()],
        subject=_("Compte rendu publié : %(title)s") % {"title": meeting.title},
        body=_("Le compte rendu de la réunion du %(date)s est en ligne.")
        % {"date": timezone.localtime(meeting.starts_at).strftime("%d/%m/%Y")},
        url=reverse("network:meeting", args=[meeting.pk]),
    )
    return meeting
