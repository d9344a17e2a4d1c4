from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from concerto.accounts.models import User
from concerto.accounts.roles import Role
from concerto.engines.workdays import add_working_days
from concerto.frenchdates import french_date
from concerto.notifications.actions import notify
from concerto.processes.actions.clock import pause_clock, resume_clock_when_answered
from concerto.processes.actions.common import locked, require, transition
from concerto.processes.lifecycle import PREPARATION_STATUSES, Status
from concerto.processes.models import Process, Question, Referral, Version
from concerto.processes.snapshot import precheck, snapshot


def submission_gaps(process: Process) -> list[str]:
    """What must be stated before the CIPC can be asked for an opinion."""
    gaps = []
    required = {
        "sponsor_id": _("le commanditaire"),
        "decision_at_stake": _("la décision en jeu"),
        "decision_date": _("la date prévue de la décision"),
        "participation_start": _("le début de la participation"),
        "participation_end": _("la fin de la participation"),
        "follow_up_date": _("la date d'engagement du devoir de suite"),
    }
    missing = [label for field, label in required.items() if not getattr(process, field)]
    if not process.methods:
        missing.append(_("au moins une méthode"))
    if not process.commitments.exists():
        missing.append(_("au moins un engagement de suite"))
    if missing:
        gaps.append(
            _("À compléter avant la saisine : %(fields)s.") % {"fields": ", ".join(missing)}
        )
    start, end, decision = (
        process.participation_start,
        process.participation_end,
        process.decision_date,
    )
    if start and end and end < start:
        gaps.append(_("La fin de la participation précède son début."))
    if end and decision and decision <= end:
        gaps.append(_("La décision doit être prise après la fin de la participation."))
    if process.follow_up_date and decision and process.follow_up_date > decision:
        gaps.append(_("Le devoir de suite doit être rendu au plus tard à la date de la décision."))
    return gaps


def referents_of(ministry) -> list[User]:
    return list(
        User.objects.filter(
            memberships__organisation=ministry, memberships__role=Role.REFERENT, is_active=True
        ).distinct()
    )


def team_of(process: Process, *, besides=None) -> list:
    """Who at the ministry waits on the process's steps: its project lead, its sponsor
    and the ministry's referents (`besides`, the person acting, left out)."""
    people = [process.project_lead, process.sponsor, *referents_of(process.ministry)]
    return [user for user in people if user is not None and user != besides]


def cipc_advisors() -> list[User]:
    return list(User.objects.filter(memberships__role=Role.CIPC_ADVISOR, is_active=True).distinct())


@transaction.atomic
def submit_referral(process: Process, *, actor, reason: str = "") -> Referral:
    """Freeze the description into a new version and refer it to the CIPC.

    A first submission opens the referral; a later one (the ministry edited
    the process meanwhile) attaches the new version to the same referral.
    Submitting an unchanged description twice is refused.
    """
    process = locked(process)
    first = process.status in PREPARATION_STATUSES
    require(process, actor, "submit_referral" if first else "resubmit_referral")
    frozen = snapshot(process)
    if not first and frozen == process.referral.version.snapshot:
        raise ValidationError(
            _("Ce dispositif a déjà été transmis au CIPC le %(date)s et n'a pas changé depuis.")
            % {"date": french_date(timezone.localtime(process.referral.submitted_at), "j F Y")}
        )
    gaps = submission_gaps(process)
    if gaps:
        raise ValidationError(gaps)
    today = timezone.localdate()
    version = Version.objects.create(
        process=process,
        number=process.versions.count() + 1,
        snapshot=frozen,
        precheck=precheck(process, today).as_dict(),
        created_by=actor,
    )
    if first:
        referral = Referral.objects.create(
            process=process,
            version=version,
            submitted_by=actor,
            submitted_at=timezone.now(),
            due_date=add_working_days(today, settings.CIPC_REVIEW_WORKING_DAYS),
        )
        transition(process, "submit_referral", actor, reason)
        recipients = cipc_advisors()
        subject = _("Nouvelle saisine : %(title)s") % {"title": process.title}
    else:
        referral = process.referral
        referral.version = version
        referral.save(update_fields=["version"])
        transition(process, "resubmit_referral", actor, reason)
        recipients = [referral.advisor] if referral.advisor else cipc_advisors()
        subject = _("Saisine mise à jour : %(title)s") % {"title": process.title}
    notify(
        recipients,
        subject=subject,
        body=_("%(ministry)s a transmis la version %(number)s du dispositif « %(title)s ».")
        % {"ministry": process.ministry.name, "number": version.number, "title": process.title},
        url=referral.get_absolute_url(),
    )
    if first:
        # The agent who wrote the declaration learns that it left for the CIPC, and when
        # the opinion is due.
        notify(
            [process.project_lead] if process.project_lead != actor else [],
            subject=_("Saisine transmise au CIPC : %(title)s") % {"title": process.title},
            body=_("%(name)s a transmis la description du dispositif au CIPC. L'avis est "
                   "attendu au plus tard le %(day)s.")
            % {"name": actor.get_full_name() or actor.email,
               "day": french_date(referral.due_date, "j F Y")},
            url=process.get_workspace_url(),
        )  # fmt: skip
    return referral


@transaction.atomic
def assign_advisor(process: Process, *, actor, advisor: User, reason: str = "") -> Referral:
    process = locked(process)
    require(process, actor, "assign_advisor")
    if Role.CIPC_ADVISOR not in advisor.roles:
        raise ValidationError(_("Seul un conseiller du CIPC peut examiner une saisine."))
    referral = process.referral
    referral.advisor = advisor
    referral.save(update_fields=["advisor"])
    action = "assign_advisor" if process.status == Status.SUBMITTED else "reassign_advisor"
    transition(process, action, actor, reason or str(advisor))
    if advisor != actor:
        notify(
            [advisor],
            subject=_("Saisine à examiner : %(title)s") % {"title": process.title},
            body=_("L'examen de ce dispositif vous a été confié."),
            url=referral.get_absolute_url(),
        )
    return referral


@transaction.atomic
def ask_question(process: Process, *, actor, body: str, parent: Question | None = None) -> Question:
    """Post a message in the referral's thread: a CIPC question or the ministry's answer."""
    abilities = process.get_abilities(actor)
    if not (abilities["ask_question"] or abilities["answer_question"]):
        require(process, actor, "ask_question")
    if not body.strip():
        raise ValidationError(_("Le message est vide."))
    referral = Referral.objects.select_for_update().get(pk=process.referral.pk)
    # A new CIPC question stops the review clock until the ministry answers it.
    asks = abilities["ask_question"] and parent is None
    question = Question.objects.create(
        referral=referral, parent=parent, author=actor, body=body, awaits_answer=asks
    )
    if asks:
        pause_clock(referral)
    elif abilities["answer_question"] and parent is not None and parent.awaits_answer:
        Question.objects.filter(pk=parent.pk).update(awaits_answer=False)
        resume_clock_when_answered(referral)
    if abilities["ask_question"]:
        recipients = team_of(process)
        subject = _("Question du CIPC sur « %(title)s »") % {"title": process.title}
        url = process.get_workspace_url()
    else:
        recipients = [referral.advisor] if referral.advisor else cipc_advisors()
        subject = _("Réponse du ministère sur « %(title)s »") % {"title": process.title}
        url = referral.get_absolute_url()
    notify(
        [user for user in recipients if user and user != actor],
        subject=subject,
        body=body,
        url=url,
    )
    return question
