from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

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
    ban, _created = Ban.objects.get_or_create(
        process=module.process, user=user, defaults={"reason": reason, "actor": actor}
    )
    return ban


def _now():
    from django.utils import timezone

    return timezone.now()
