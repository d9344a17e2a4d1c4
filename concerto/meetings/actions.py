"""Named write operations on public meetings: schedule, register, cancel, report.

Registration and cancellation lock the meeting's row first, so two requests for
the last seat (or a cancellation and a registration) are served one after the
other and the number of confirmed seats never exceeds the capacity. On SQLite,
where SELECT ... FOR UPDATE does not exist, the IMMEDIATE transactions set in
the settings serialise writers the same way.
"""

import uuid
from datetime import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from concerto.frenchdates import french_date
from concerto.meetings.kind import MEETINGS
from concerto.meetings.models import Meeting, MeetingContribution, Registration
from concerto.notifications.actions import notify
from concerto.participation.actions import submit_contribution
from concerto.participation.actions.common import is_blank, require
from concerto.participation.models import Channel, Contribution, ContributionKind

MEETING_FIELDS = (
    "title", "description", "starts_at", "ends_at", "online", "address", "join_url", "capacity",
)  # fmt: skip


def _check(meeting: Meeting) -> None:
    errors = {}
    if is_blank(meeting.title):
        errors["title"] = _("Donnez un titre à la réunion.")
    if meeting.starts_at and meeting.ends_at and meeting.ends_at <= meeting.starts_at:
        errors["ends_at"] = _("La fin de la réunion doit suivre son début.")
    if not meeting.online and not meeting.address.strip():
        errors["address"] = _("Indiquez l'adresse de la réunion, ou cochez « réunion en ligne ».")
    if meeting.capacity == 0:
        errors["capacity"] = _("Indiquez au moins une place, ou laissez vide pour ne pas limiter.")
    if errors:
        raise ValidationError(errors)
    meeting.full_clean(exclude=["module", "created_by"])


@transaction.atomic
def create_meeting(module, *, actor, **fields) -> Meeting:
    """Schedule a meeting in a "meetings" module the actor manages."""
    require(module, actor, "manage")
    if module.kind != MEETINGS:
        raise ValidationError(_("Ce module n'accueille pas de réunions publiques."))
    meeting = Meeting(module=module, created_by=actor, **_known(fields))
    _check(meeting)
    meeting.save()
    return meeting


@transaction.atomic
def update_meeting(meeting: Meeting, *, actor, **fields) -> Meeting:
    """Change a meeting; more seats go to the waiting list first, in order."""
    require(meeting.module, actor, "manage")
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    for name, value in _known(fields).items():
        setattr(meeting, name, value)
    confirmed = meeting.registrations.filter(status=Registration.Status.CONFIRMED).count()
    if meeting.capacity is not None and meeting.capacity < confirmed:
        raise ValidationError(
            {
                "capacity": _(
                    "%(count)d personnes sont déjà inscrites : la capacité ne peut pas être "
                    "inférieure."
                )
                % {"count": confirmed}
            }
        )
    _check(meeting)
    meeting.save()
    _promote(meeting)
    return meeting


def _known(fields: dict) -> dict:
    unknown = set(fields) - set(MEETING_FIELDS)
    if unknown:
        raise TypeError(f"Unknown meeting fields: {sorted(unknown)}")
    return fields


def _locked(meeting: Meeting) -> Meeting:
    # Lock the meeting's row only, not the module and process joined to it.
    queryset = Meeting.objects.select_for_update(of=("self",)).select_related("module__process")
    return queryset.get(pk=meeting.pk)


def _confirmed_count(meeting: Meeting) -> int:
    return meeting.registrations.filter(status=Registration.Status.CONFIRMED).count()


def _has_seat(meeting: Meeting) -> bool:
    return meeting.capacity is None or _confirmed_count(meeting) < meeting.capacity


@transaction.atomic
def register(meeting: Meeting, *, user, now: datetime | None = None) -> Registration:
    """Register a signed-in participant: a seat while there is one, else the waiting
    list. Registering again while registered or waiting changes nothing."""
    if not (user and user.is_authenticated):
        raise PermissionDenied
    meeting = _locked(meeting)
    if not meeting.module.get_abilities(user)["contribute"]:
        raise PermissionDenied
    if meeting.has_started(now):
        raise ValidationError(_("Cette réunion a déjà commencé : les inscriptions sont closes."))
    registration = Registration.objects.filter(meeting=meeting, user=user).first()
    if registration is not None and registration.status != Registration.Status.CANCELLED:
        return registration
    status = Registration.Status.CONFIRMED if _has_seat(meeting) else Registration.Status.WAITING
    if registration is None:
        return Registration.objects.create(meeting=meeting, user=user, status=status)
    # Coming back after cancelling: at the end of the waiting list like any new request.
    registration.status = status
    registration.created_at = timezone.now()
    registration.save(update_fields=["status", "created_at", "updated_at"])
    return registration


@transaction.atomic
def cancel_registration(meeting: Meeting, *, user, now: datetime | None = None) -> Registration:
    """Cancel the participant's registration or place in the waiting list; a freed
    seat goes to the first person waiting, who is told."""
    meeting = _locked(meeting)
    registration = Registration.objects.filter(meeting=meeting, user=user).first()
    if registration is None:
        raise ValidationError(_("Vous n'avez pas d'inscription à cette réunion."))
    if registration.status == Registration.Status.CANCELLED:
        return registration
    if meeting.has_started(now):
        raise ValidationError(_("Cette réunion a déjà commencé : l'inscription ne peut plus être "
                                "annulée."))  # fmt: skip
    registration.status = Registration.Status.CANCELLED
    registration.save(update_fields=["status", "updated_at"])
    _promote(meeting)
    return registration


def _promote(meeting: Meeting) -> list[Registration]:
    """Give free seats to the waiting list in order; the caller holds the meeting's lock."""
    if meeting.has_started():
        return []
    waiting = meeting.registrations.filter(status=Registration.Status.WAITING).select_related(
        "user"
    )
    if meeting.capacity is None:
        promoted = list(waiting)
    else:
        free = meeting.capacity - _confirmed_count(meeting)
        promoted = list(waiting.order_by("created_at", "pk")[: max(free, 0)])
    for registration in promoted:
        registration.status = Registration.Status.CONFIRMED
        registration.save(update_fields=["status", "updated_at"])
        notify(
            [registration.user],
            subject=_("Une place s'est libérée : votre inscription est confirmée"),
            body=_(
                "Une place s'est libérée pour la réunion « %(title)s » du %(date)s : vous "
                "n'êtes plus sur liste d'attente, votre inscription est confirmée. Si vous ne "
                "pouvez plus venir, annulez-la pour laisser la place à quelqu'un d'autre."
            )
            % {
                "title": meeting.title,
                "date": french_date(timezone.localtime(meeting.starts_at), "j F Y à H:i"),
            },
            url=meeting.get_absolute_url(),
        )
    return promoted


@transaction.atomic
def save_report(
    meeting: Meeting, *, actor, report: str, report_file=None, remove_file: bool = False
) -> Meeting:
    """Enter or correct the report once the meeting has started; it is published at once."""
    require(meeting.module, actor, "manage")
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    if not meeting.has_started():
        raise ValidationError(_("Le compte rendu se saisit une fois la réunion tenue."))
    if not report.strip() and not report_file and not (meeting.report_file and not remove_file):
        raise ValidationError({"report": _("Saisissez le compte rendu ou joignez-en le fichier.")})
    meeting.report = report.strip()
    if remove_file and meeting.report_file:
        meeting.report_file.delete(save=False)
    if report_file:
        meeting.report_file = report_file
    meeting.report_published_at = meeting.report_published_at or timezone.now()
    meeting.save()
    return meeting


def add_report_contribution(
    meeting: Meeting,
    *,
    actor,
    body: str,
    idempotency_key: uuid.UUID | None,
    title: str = "",
    theme=None,
    speaker: str = "",
) -> tuple[Contribution, bool]:
    """Enter one point raised at the meeting as a contribution of its module, on the
    "meeting" channel, entered by the organiser; dated at the meeting."""
    require(meeting.module, actor, "manage")
    if not meeting.has_started():
        raise ValidationError(_("Les contributions d'une réunion se saisissent après celle-ci."))
    with transaction.atomic():
        contribution, created = submit_contribution(
            meeting.module,
            author=None,
            kind=ContributionKind.CONTRIBUTION,
            body=body,
            idempotency_key=idempotency_key,
            channel=Channel.MEETING,
            entered_by=actor,
            title=title.strip(),
            theme=theme,
            pseudonym=speaker.strip(),
        )
        if created:
            Contribution.objects.filter(pk=contribution.pk).update(created_at=meeting.starts_at)
            contribution.created_at = meeting.starts_at
            MeetingContribution.objects.create(meeting=meeting, contribution=contribution)
    return contribution, created
