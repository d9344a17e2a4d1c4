"""Named write operations on trainings: registration with an automatic waiting list,
cancellation, reminders, attendance, satisfaction survey.

Every change to a session's seats locks the session row first, so concurrent
registrations and cancellations are serialised: seats are never overbooked and
the waiting list is promoted exactly once per freed seat.
"""

from datetime import timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from concerto.activity.log import record
from concerto.frenchdates import french_date
from concerto.notifications.actions import notify
from concerto.trainings.abilities import is_cipc, registration_abilities, session_abilities
from concerto.trainings.models import Registration, Session, Survey

# How far ahead of a session the reminder goes out (a daily job sends it once).
REMINDER_WINDOW = timedelta(days=2)


def _locked(session: Session) -> Session:
    return Session.objects.select_for_update().select_related("training").get(pk=session.pk)


def _when(session: Session) -> str:
    return french_date(timezone.localtime(session.starts_at), "j F Y à H:i")


def _own(session: Session, user) -> Registration | None:
    return Registration.objects.filter(session=session, user=user).first()


def confirmed_count(session: Session) -> int:
    return session.registrations.filter(status=Registration.Status.CONFIRMED).count()


@transaction.atomic
def register(session: Session, *, user) -> Registration:
    """A seat if one is free, else the back of the waiting list. Registering twice
    returns the existing registration unchanged."""
    session = _locked(session)
    registration = _own(session, user)
    if registration is not None and registration.is_active:
        return registration
    if not session_abilities(session, user, registration)["register"]:
        raise PermissionDenied
    has_seat = confirmed_count(session) < session.capacity
    status = Registration.Status.CONFIRMED if has_seat else Registration.Status.WAITING
    now = timezone.now()
    if registration is None:
        try:
            # The session lock serialises this user's requests too; the savepoint is a
            # second guard should a row appear anyway (the unique constraint holds).
            with transaction.atomic():
                registration = Registration.objects.create(
                    session=session, user=user, status=status, queued_at=now
                )
        except IntegrityError:
            return Registration.objects.get(session=session, user=user)
    else:
        registration.status = status
        registration.queued_at = now
        registration.cancelled_at = registration.promoted_at = registration.reminded_at = None
        registration.save()
    url = reverse("trainings:mine")
    if has_seat:
        subject = _("Inscription confirmée : %(title)s") % {"title": session.training.title}
        body = _("Votre place est réservée pour la session du %(when)s.") % {"when": _when(session)}
    else:
        subject = _("Liste d'attente : %(title)s") % {"title": session.training.title}
        body = _(
            "La session du %(when)s est complète. Vous êtes sur la liste d'attente et serez "
            "inscrit automatiquement, avec un message, dès qu'une place se libère."
        ) % {"when": _when(session)}
    notify([user], subject=subject, body=body, url=url)
    return registration


def _promote(session: Session) -> list[Registration]:
    """Give each free seat to the first person waiting, and tell them. The caller holds
    the session lock."""
    free = session.capacity - confirmed_count(session)
    if free <= 0:
        return []
    promoted = list(
        session.registrations.filter(status=Registration.Status.WAITING)
        .select_related("user")
        .order_by("queued_at", "pk")[:free]
    )
    now = timezone.now()
    for registration in promoted:
        registration.status = Registration.Status.CONFIRMED
        registration.promoted_at = now
        registration.save(update_fields=["status", "promoted_at"])
        notify(
            [registration.user],
            subject=_("Une place s'est libérée : %(title)s") % {"title": session.training.title},
            body=_(
                "Vous étiez sur la liste d'attente de la session du %(when)s : une place "
                "s'est libérée et votre inscription est confirmée."
            )
            % {"when": _when(session)},
            url=reverse("trainings:mine"),
        )
    return promoted


@transaction.atomic
def cancel_registration(registration: Registration, *, actor) -> Registration:
    """Cancel one's own registration before the session; a freed seat goes to the
    first person on the waiting list."""
    session = _locked(registration.session)
    registration = Registration.objects.select_for_update().get(pk=registration.pk)
    if registration.user_id != actor.pk:
        raise PermissionDenied
    if not session_abilities(session, actor, registration)["cancel"]:
        raise PermissionDenied
    registration.status = Registration.Status.CANCELLED
    registration.cancelled_at = timezone.now()
    registration.save(update_fields=["status", "cancelled_at"])
    notify(
        [registration.user],
        subject=_("Inscription annulée : %(title)s") % {"title": session.training.title},
        body=_("Votre inscription à la session du %(when)s est annulée. Vous pouvez vous "
               "inscrire à une autre session depuis le catalogue.") % {"when": _when(session)},
        url=reverse("trainings:catalogue"),
    )  # fmt: skip
    _promote(session)
    return registration


def check_capacity(session: Session) -> None:
    """Fewer seats never unseat anyone: refused below the confirmed registrations."""
    if session.capacity < max(1, confirmed_count(session)):
        raise ValidationError(
            {"capacity": _("La session compte déjà plus d'inscrits que ce nombre de places.")}
        )


def promote_waiting(session: Session) -> list[Registration]:
    """After the seats of a (locked) session grew: the waiting list moves up."""
    return _promote(session)


def tell_session_changed(session: Session) -> None:
    """The people registered or waiting learn the session's new date or place."""
    people = [
        registration.user
        for registration in session.registrations.exclude(
            status=Registration.Status.CANCELLED
        ).select_related("user")
    ]
    where = session.place or _("en visioconférence")
    notify(
        people,
        subject=_("Session modifiée : %(title)s") % {"title": session.training.title},
        body=_(
            "La session à laquelle vous êtes inscrit a changé : elle aura lieu le %(when)s, "
            "%(where)s."
        )
        % {"when": _when(session), "where": where},  # fmt: skip
        url=reverse("trainings:mine"),
    )


@transaction.atomic
def change_capacity(session: Session, *, actor, capacity: int) -> Session:
    """More seats promote people from the waiting list; fewer never unseat anyone."""
    session = _locked(session)
    if not is_cipc(actor):
        raise PermissionDenied
    before = session.capacity
    session.capacity = capacity
    check_capacity(session)
    session.save(update_fields=["capacity"])
    _promote(session)
    if capacity != before:
        record(actor, "trainings.change_capacity", session,
               summary=_("Nombre de places : %(before)d → %(after)d")
               % {"before": before, "after": capacity})  # fmt: skip
    return session


def send_reminders(now=None) -> int:
    """Remind each confirmed participant once, within REMINDER_WINDOW before the
    session; safe to run as often as wanted. Returns how many were reminded."""
    now = now or timezone.now()
    due = (
        Registration.objects.filter(
            status=Registration.Status.CONFIRMED,
            reminded_at__isnull=True,
            session__starts_at__gt=now,
            session__starts_at__lte=now + REMINDER_WINDOW,
        )
        .select_related("session__training", "user")
        .order_by("pk")
    )
    sent = 0
    for registration in due:
        with transaction.atomic():
            # Claim the row: two concurrent runs never remind the same person twice.
            claimed = Registration.objects.filter(
                pk=registration.pk, reminded_at__isnull=True
            ).update(reminded_at=now)
            if not claimed:
                continue
            session = registration.session
            where = session.place or session.video_url
            notify(
                [registration.user],
                subject=_("Rappel : %(title)s") % {"title": session.training.title},
                body=_("Votre session de formation a lieu le %(when)s (%(where)s).")
                % {"when": _when(session), "where": where},
                url=reverse("trainings:mine"),
            )
            sent += 1
    return sent


@transaction.atomic
def take_attendance(session: Session, *, actor, present_ids) -> Session:
    """Mark each confirmed participant present or absent; attendees are invited to the
    satisfaction survey and can download their certificate. Taking it again corrects it."""
    session = _locked(session)
    if not session_abilities(session, actor)["take_attendance"]:
        raise PermissionDenied
    present_ids = {int(pk) for pk in present_ids}
    confirmed = list(
        session.registrations.filter(status=Registration.Status.CONFIRMED).select_related("user")
    )
    newly_present = []
    changed = session.attendance_taken_at is None
    for registration in confirmed:
        attended = registration.user_id in present_ids
        if attended and registration.attended is not True:
            newly_present.append(registration.user)
        changed = changed or registration.attended != attended
        registration.attended = attended
        registration.save(update_fields=["attended"])
    session.attendance_taken_at = timezone.now()
    session.save(update_fields=["attendance_taken_at"])
    if changed:  # the same sheet sent again is not a second line
        present = sum(1 for registration in confirmed if registration.attended)
        record(actor, "trainings.take_attendance", session, summary=ngettext(
            "Présences relevées : %(present)d sur %(count)d inscrit",
            "Présences relevées : %(present)d sur %(count)d inscrits", len(confirmed),
        ) % {"present": present, "count": len(confirmed)})  # fmt: skip
    notify(
        newly_present,
        subject=_("Votre avis sur la formation : %(title)s") % {"title": session.training.title},
        body=_(
            "Merci de votre participation. Donnez votre avis en deux minutes et téléchargez "
            "votre attestation de présence."
        ),
        url=reverse("trainings:mine"),
    )
    return session


@transaction.atomic
def answer_survey(
    registration: Registration, *, user, rating: int, useful: bool, comment: str = ""
) -> Survey:
    registration = (
        Registration.objects.select_for_update().select_related("session").get(pk=registration.pk)
    )
    if not registration_abilities(registration, user)["answer_survey"]:
        raise PermissionDenied
    if not 1 <= rating <= 5:
        raise ValidationError({"rating": _("Choisissez une note de 1 à 5.")})
    return Survey.objects.create(
        registration=registration, rating=rating, useful=useful, comment=comment.strip()
    )
