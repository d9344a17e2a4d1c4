"""Named steps of a support request. Each one locks the request, checks the matching
ability (a refused step raises before anything changes), takes its step of
SUPPORT_WORKFLOW (which writes the case log and the activity log) and tells the people
concerned."""

import uuid
from datetime import date

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from concerto.accounts.models import Organisation
from concerto.accounts.roles import Role
from concerto.folding import french_order
from concerto.notifications.actions import notify
from concerto.processes.models import Process
from concerto.support.abilities import is_cipc, may_request, request_abilities
from concerto.support.models import Formula, LogEntry, Milestone, SupportRequest, Survey
from concerto.support.workflow import NOT_SUBMITTED, SUPPORT_WORKFLOW


def _locked(support_request: SupportRequest) -> SupportRequest:
    return SupportRequest.objects.select_for_update().get(pk=support_request.pk)


def _require(support_request: SupportRequest, user, ability: str) -> None:
    if not request_abilities(support_request, user)[ability]:
        raise PermissionDenied


def _referents(ministry_id: int):
    return get_user_model().objects.filter(
        memberships__role=Role.REFERENT, memberships__organisation_id=ministry_id, is_active=True
    )


def cipc_advisors():
    return (
        get_user_model()
        .objects.filter(memberships__role=Role.CIPC_ADVISOR, is_active=True)
        .distinct()
        .order_by("last_name", "first_name", "pk")
    )


def _tell(support_request: SupportRequest, subject: str, body: str, *extra, actor=None) -> None:
    """The requester, the ministry's referents and the advisor, once each, leaving out the
    person acting (`actor`), who knows; a filing names no actor, so that the requester
    gets its acknowledgement."""
    recipients = [support_request.requester, support_request.advisor, *extra]
    recipients += list(_referents(support_request.ministry_id))
    recipients = [person for person in recipients if actor is None or person != actor]
    notify(
        recipients,
        subject=subject % {"title": support_request.title},
        body=body,
        url=support_request.get_absolute_url(),
    )


def requestable_processes(user):
    """Processes a request may be linked to: those of the user's ministries or sponsored."""
    from django.db.models import Q

    return (
        Process.objects.filter(
            Q(ministry_id__in=user.ministry_ids(Role.AGENT, Role.REFERENT)) | Q(sponsor=user)
        )
        .select_related("ministry")
        .order_by(*french_order("title"))
    )


def requestable_ministries(user):
    return Organisation.objects.filter(
        pk__in=user.ministry_ids(Role.AGENT, Role.REFERENT)
    ).order_by(*french_order("name"))


def submit_request(
    *,
    actor,
    title: str,
    context: str,
    needs: str,
    calendar: str,
    formula_requested: str,
    process: Process | None = None,
    ministry=None,
    idempotency_key: uuid.UUID | None = None,
) -> SupportRequest:
    """File a request for the CIPC's support, for a process or a project not yet declared.
    Submitting twice with the same key returns the first request; a key is looked up
    among the requester's own requests only, once they may file one."""
    if not may_request(actor):
        raise PermissionDenied
    mine = SupportRequest.objects.filter(requester=actor, idempotency_key=idempotency_key)
    if idempotency_key is not None:
        existing = mine.first()
        if existing is not None:
            return existing
    errors = {}
    if formula_requested not in Formula.values:
        errors["formula_requested"] = _("Choisissez une formule.")
    if process is not None:
        if not requestable_processes(actor).filter(pk=process.pk).exists():
            errors["process"] = _("Ce dispositif n'est pas l'un des vôtres.")
        ministry = process.ministry
    elif ministry is None:
        errors["ministry"] = _("Choisissez le ministère ou le dispositif concerné.")
    elif not requestable_ministries(actor).filter(pk=ministry.pk).exists():
        errors["ministry"] = _("Vous n'êtes pas rattaché à ce ministère.")
    for name, value in (("title", title), ("context", context), ("needs", needs),
                        ("calendar", calendar)):  # fmt: skip
        if not value.strip():
            errors[name] = _("Ce champ est obligatoire.")
    if errors:
        raise ValidationError(errors)
    try:
        with transaction.atomic():
            support_request = SupportRequest.objects.create(
                requester=actor,
                ministry=ministry,
                process=process,
                title=title.strip(),
                context=context.strip(),
                needs=needs.strip(),
                calendar=calendar.strip(),
                formula_requested=formula_requested,
                idempotency_key=idempotency_key,
                status=NOT_SUBMITTED,  # until the `submit` step below, in this transaction
            )
            SUPPORT_WORKFLOW.take(support_request, "submit", actor)
            _tell(
                support_request,
                _("Demande d'accompagnement reçue : %(title)s"),
                _("La demande a été transmise au CIPC, qui l'examine et vous répond."),
                *cipc_advisors(),
            )
    except IntegrityError:
        # The same key arrived twice at once: the other request won.
        if idempotency_key is None:
            raise
        return mine.get()
    return support_request


@transaction.atomic
def accept_request(support_request: SupportRequest, *, actor, message: str = "") -> SupportRequest:
    """Accept the request with the formula the requester asked for."""
    support_request = _locked(support_request)
    _require(support_request, actor, "accept")
    support_request.formula = support_request.formula_requested
    SUPPORT_WORKFLOW.take(
        support_request,
        "accept",
        actor,
        reason=message.strip(),
        summary=_("Demande acceptée (%(formula)s)")
        % {"formula": support_request.get_formula_display()},
        also_save=["formula", "updated_at"],
    )
    _tell(
        support_request,
        _("Demande d'accompagnement acceptée : %(title)s"),
        _("Le CIPC accepte votre demande (%(formula)s). Un conseiller va être désigné.")
        % {"formula": support_request.get_formula_display()},
        actor=actor,
    )
    return support_request


@transaction.atomic
def redirect_to_coaching(support_request: SupportRequest, *, actor, message: str) -> SupportRequest:
    """Accept an end-to-end request as light coaching, saying why."""
    support_request = _locked(support_request)
    _require(support_request, actor, "redirect_to_coaching")
    if not message.strip():
        raise ValidationError(
            {"message": _("Expliquez pourquoi le coaching léger convient mieux.")}
        )
    support_request.formula = Formula.COACHING
    SUPPORT_WORKFLOW.take(
        support_request,
        "redirect_to_coaching",
        actor,
        reason=message.strip(),
        summary=_("Demande acceptée et orientée vers le coaching léger"),
        also_save=["formula", "updated_at"],
    )
    _tell(
        support_request,
        _("Demande orientée vers le coaching léger : %(title)s"),
        _("Le CIPC vous propose un coaching léger : %(message)s") % {"message": message.strip()},
        actor=actor,
    )
    return support_request


@transaction.atomic
def decline_request(support_request: SupportRequest, *, actor, reason: str) -> SupportRequest:
    support_request = _locked(support_request)
    _require(support_request, actor, "decline")
    if not reason.strip():
        raise ValidationError({"reason": _("Le motif du refus est obligatoire.")})
    support_request.decline_reason = reason.strip()
    support_request.closed_at = timezone.now()
    SUPPORT_WORKFLOW.take(
        support_request,
        "decline",
        actor,
        reason=reason.strip(),
        summary=_("Demande déclinée"),
        also_save=["decline_reason", "closed_at", "updated_at"],
    )
    _tell(
        support_request,
        _("Demande d'accompagnement déclinée : %(title)s"),
        _("Le CIPC ne peut pas donner suite à votre demande : %(reason)s")
        % {"reason": reason.strip()},
        actor=actor,
    )
    return support_request


@transaction.atomic
def assign_advisor(support_request: SupportRequest, *, actor, advisor) -> SupportRequest:
    support_request = _locked(support_request)
    _require(support_request, actor, "assign")
    if not is_cipc(advisor):
        raise ValidationError({"advisor": _("Choisissez un conseiller du CIPC.")})
    support_request.advisor = advisor
    name = advisor.get_full_name() or advisor.email
    SUPPORT_WORKFLOW.take(
        support_request,
        "assign",
        actor,
        reason=name,
        summary=_("Conseiller désigné : %(name)s") % {"name": name},
        also_save=["advisor", "updated_at"],
    )
    _tell(
        support_request,
        _("Conseiller désigné : %(title)s"),
        _("%(name)s, conseiller du CIPC, vous accompagne.") % {"name": name},
        actor=actor,
    )
    return support_request


@transaction.atomic
def add_milestone(
    support_request: SupportRequest, *, actor, title: str, due_date: date
) -> Milestone:
    support_request = _locked(support_request)
    _require(support_request, actor, "plan")
    if not title.strip():
        raise ValidationError({"title": _("Nommez le jalon.")})
    milestone = Milestone.objects.create(
        request=support_request, title=title.strip(), due_date=due_date
    )
    planned = f"{milestone.title} ({due_date:%d/%m/%Y})"
    SUPPORT_WORKFLOW.take(
        support_request,
        "add_milestone",
        actor,
        reason=planned,
        summary=_("Jalon planifié : %(milestone)s") % {"milestone": planned},
    )
    _tell(
        support_request,
        _("Nouveau jalon : %(title)s"),
        _("Jalon « %(milestone)s » prévu le %(date)s.")
        % {"milestone": milestone.title, "date": due_date.strftime("%d/%m/%Y")},
        actor=actor,
    )
    return milestone


@transaction.atomic
def complete_milestone(milestone: Milestone, *, actor) -> Milestone:
    support_request = _locked(milestone.request)
    _require(support_request, actor, "plan")
    milestone = Milestone.objects.select_for_update().get(pk=milestone.pk)
    if milestone.done_at is None:
        milestone.done_at = timezone.now()
        milestone.save(update_fields=["done_at"])
        done = _("Jalon atteint : %(milestone)s") % {"milestone": milestone.title}
        SUPPORT_WORKFLOW.take(
            support_request, "complete_milestone", actor, reason=milestone.title, summary=done
        )
    return milestone


@transaction.atomic
def add_note(support_request: SupportRequest, *, actor, text: str) -> LogEntry:
    """A note in the case log: visible to the requester and the referent, not notified."""
    support_request = _locked(support_request)
    _require(support_request, actor, "note")
    if not text.strip():
        raise ValidationError({"text": _("La note est vide.")})
    # The note's text is kept once, in the case log; the activity log says one was written
    # (support/workflow.py leaves an event's reason out of its activity line).
    return SUPPORT_WORKFLOW.take(
        support_request, "note", actor, reason=text.strip(), summary=_("Note de suivi ajoutée")
    )


@transaction.atomic
def close_request(support_request: SupportRequest, *, actor, summary: str) -> SupportRequest:
    support_request = _locked(support_request)
    _require(support_request, actor, "close")
    if not summary.strip():
        raise ValidationError({"summary": _("Résumez l'accompagnement avant de le clôturer.")})
    support_request.closed_at = timezone.now()
    SUPPORT_WORKFLOW.take(
        support_request,
        "close",
        actor,
        reason=summary.strip(),
        summary=_("Accompagnement clôturé"),
        also_save=["closed_at", "updated_at"],
    )
    _tell(
        support_request,
        _("Accompagnement clôturé : %(title)s"),
        _("L'accompagnement est terminé. Dites-nous en deux minutes ce que vous en avez pensé."),
        actor=actor,
    )
    return support_request


@transaction.atomic
def answer_survey(
    support_request: SupportRequest, *, user, rating: int, would_recommend: bool, comment: str = ""
) -> Survey:
    support_request = _locked(support_request)
    _require(support_request, user, "answer_survey")
    if not 1 <= rating <= 5:
        raise ValidationError({"rating": _("Choisissez une note de 1 à 5.")})
    survey = Survey.objects.create(
        request=support_request,
        rating=rating,
        would_recommend=would_recommend,
        comment=comment.strip(),
    )
    SUPPORT_WORKFLOW.take(support_request, "survey", user)
    return survey
