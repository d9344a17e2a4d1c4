from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from concerto.notifications.actions import notify
from concerto.processes.actions.common import locked, require, transition
from concerto.processes.actions.referral import team_of
from concerto.processes.models import Process


def _waiting(process: Process, actor) -> list:
    """The ministry's team and the CIPC advisor who reviewed it, the person acting aside."""
    advisor = getattr(getattr(process, "referral", None), "advisor", None)
    return [user for user in [*team_of(process), advisor] if user is not None and user != actor]


@transaction.atomic
def publish_process(process: Process, *, actor, reason: str = "") -> Process:
    """Publish the process with the CIPC's opinion and the sponsor's answers."""
    process = locked(process)
    require(process, actor, "publish")
    unanswered = [
        f"R{number}"
        for number in process.referral.opinion.recommendations.filter(answer="").values_list(
            "number", flat=True
        )
    ]
    if unanswered:
        raise ValidationError(
            _("Le commanditaire doit d'abord répondre aux recommandations %(numbers)s.")
            % {"numbers": ", ".join(unanswered)}
        )
    process.published_at = timezone.now()
    process.save(update_fields=["published_at"])
    transition(process, "publish_process", actor, reason)
    notify(
        _waiting(process, actor),
        subject=_("Dispositif publié : %(title)s") % {"title": process.title},
        body=_("« %(title)s » est publié avec l'avis du CIPC et les réponses du commanditaire.")
        % {"title": process.title},
        url=process.get_absolute_url(),
    )
    return process


@transaction.atomic
def open_participation(process: Process, *, actor, reason: str = "") -> Process:
    """Open participation to citizens; never before the CIPC's opinion exists."""
    process = locked(process)
    require(process, actor, "open_participation")
    if not hasattr(process, "referral") or not hasattr(process.referral, "opinion"):
        raise ValidationError(_("La participation ne peut pas s'ouvrir avant l'avis du CIPC."))
    transition(process, "open_participation", actor, reason)
    notify(
        _waiting(process, actor),
        subject=_("Participation ouverte : %(title)s") % {"title": process.title},
        body=_("Le public peut désormais participer à « %(title)s ».") % {"title": process.title},
        url=process.get_absolute_url(),
    )
    return process
