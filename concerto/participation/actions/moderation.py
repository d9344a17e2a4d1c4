from datetime import timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from concerto.accounts.policy import is_cipc
from concerto.activity.log import record
from concerto.frenchdates import french_date
from concerto.notifications.actions import notify
from concerto.participation.actions.common import require
from concerto.participation.models import (
    Ban,
    Contribution,
    HiddenReason,
    ModerationEvent,
    Report,
)


@transaction.atomic
def hide_contribution(
    contribution: Contribution, *, actor, reason: str, note: str = ""
) -> Contribution:
    """Hide a contribution with a reason from the charter's list; the author is told why.
    It stays stored and counted among hidden items."""
    require(contribution.module, actor, "moderate")
    if reason not in HiddenReason.values:
        raise ValidationError({"reason": _("Choisissez un motif de masquage.")})
    contribution = Contribution.objects.select_for_update().get(pk=contribution.pk)
    if contribution.status == Contribution.Status.HIDDEN:
        return contribution
    contribution.status = Contribution.Status.HIDDEN
    contribution.hidden_reason = reason
    contribution.save(update_fields=["status", "hidden_reason", "updated_at"])
    ModerationEvent.objects.create(
        contribution=contribution, action=ModerationEvent.Action.HIDE, reason=reason, note=note,
        actor=actor,
    )  # fmt: skip
    contribution.reports.filter(handled_at__isnull=True).update(handled_at=_now())
    record(
        actor, "participation.hide", contribution, reason=note,
        summary=_("Contribution masquée — %(reason)s") % {"reason": HiddenReason(reason).label},
    )  # fmt: skip
    if contribution.author_id:
        label = HiddenReason(reason).label
        body = _("Votre contribution « %(excerpt)s » a été masquée par la modération. Motif : "
                 "%(reason)s.") % {"excerpt": str(contribution)[:80], "reason": label}  # fmt: skip
        if note:
            body += " " + note
        notify(
            [contribution.author],
            subject=_("Votre contribution a été masquée"),
            body=body,
            url="/mes-contributions/",
        )
    return contribution


@transaction.atomic
def restore_contribution(contribution: Contribution, *, actor, note: str = "") -> Contribution:
    require(contribution.module, actor, "moderate")
    contribution = Contribution.objects.select_for_update().get(pk=contribution.pk)
    if contribution.status != Contribution.Status.HIDDEN:
        return contribution
    contribution.status = Contribution.Status.PUBLISHED
    contribution.hidden_reason = ""
    contribution.save(update_fields=["status", "hidden_reason", "updated_at"])
    ModerationEvent.objects.create(
        contribution=contribution, action=ModerationEvent.Action.RESTORE, note=note, actor=actor
    )
    record(actor, "participation.restore", contribution, summary=_("Contribution rétablie"),
           reason=note)  # fmt: skip
    return contribution


def report_contribution(
    contribution: Contribution, *, reporter, reason: str, comment: str = ""
) -> Report:
    """A signed-in citizen reports a contribution; reporting it twice changes nothing."""
    if not (reporter and reporter.is_authenticated):
        raise ValidationError(_("Connectez-vous pour signaler une contribution."))
    if reason not in HiddenReason.values:
        raise ValidationError({"reason": _("Choisissez un motif de signalement.")})
    try:
        with transaction.atomic():
            return Report.objects.create(
                contribution=contribution, reporter=reporter, reason=reason, comment=comment
            )
    except IntegrityError:
        return Report.objects.get(contribution=contribution, reporter=reporter)


@transaction.atomic
def ban_participant(module, *, actor, user, reason: str) -> Ban:
    """Bar a participant from contributing to the module's process."""
    require(module, actor, "moderate")
    if not reason.strip():
        raise ValidationError({"reason": _("Indiquez le motif de l'exclusion.")})
    ban, created = Ban.objects.get_or_create(
        process=module.process, user=user, defaults={"reason": reason, "actor": actor}
    )
    if created:
        record(
            actor, "participation.ban", user, reason=reason,
            summary=_("Exclu du dispositif « %(process)s »") % {"process": module.process.title},
        )  # fmt: skip
    return ban


def _now():
    return timezone.now()


BLOCK_DAYS = (7, 30, 90, 365)


def _may_block(actor) -> bool:
    return is_cipc(actor)


@transaction.atomic
def block_user(user, *, actor, reason: str, days: int) -> Ban:
    """Block `user` from contributing anywhere on the platform for `days` days, with the
    reason they are told. Blocking again replaces the block in force."""
    if not _may_block(actor):
        raise PermissionDenied
    if user.pk == actor.pk:
        raise ValidationError({"reason": _("Vous ne pouvez pas vous bloquer vous-même.")})
    if days not in BLOCK_DAYS:
        raise ValidationError({"days": _("Choisissez une durée.")})
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": _("Indiquez le motif : la personne le lira.")})
    until = timezone.localdate() + timedelta(days=days)
    ban, _created = Ban.objects.update_or_create(  # locks the row it finds
        process=None, user=user,
        defaults={"reason": reason, "actor": actor, "until": until, "lifted_at": None},
    )  # fmt: skip
    day = french_date(until, "j F Y")
    record(actor, "participation.block", user, reason=reason,
           summary=_("Bloqué sur toute la plateforme jusqu'au %(day)s") % {"day": day})  # fmt: skip
    notify(
        [user],
        subject=_("Votre compte ne peut plus contribuer jusqu'au %(day)s") % {"day": day},
        body=_("La modération a bloqué vos contributions sur toute la plateforme jusqu'au "
               "%(day)s inclus. Motif : %(reason)s Vous pouvez toujours lire les dispositifs. "
               "Pour contester cette décision, répondez à ce message ou écrivez au CIPC.")
        % {"day": day, "reason": reason},
        url=reverse("pages:charter"),
    )  # fmt: skip
    return ban


@transaction.atomic
def lift_block(user, *, actor, reason: str) -> None:
    """End a platform block before its date; the person is told."""
    if not _may_block(actor):
        raise PermissionDenied
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": _("Indiquez le motif : il est gardé dans le journal.")})
    ban = Ban.objects.select_for_update().in_force().filter(process=None, user=user).first()
    if ban is None:
        return  # lifted meanwhile, or over
    ban.lifted_at = timezone.now()
    ban.save(update_fields=["lifted_at"])
    record(actor, "participation.lift_block", user, reason=reason,
           summary=_("Blocage sur la plateforme levé"))  # fmt: skip
    notify(
        [user],
        subject=_("Vous pouvez à nouveau contribuer"),
        body=_("Le blocage de vos contributions sur la plateforme est levé."),
        url="/",
    )
