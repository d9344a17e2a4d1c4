"""Background jobs of panels: the LEXIMIN computation, and the imports of a pool and of
an invitation batch (their files are checked whole, then stored all or nothing)."""

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from concerto.jobs.progress import JobRefused, job_task
from concerto.panels import actions, recruitment
from concerto.panels.models import Panel


@job_task
def compute_probabilities(progress, *, panel_id: int) -> str:
    """Run the engine for the panel and store probabilities, quality and lottery."""

    def report(message: str, fraction: float) -> None:
        progress.update(round(100 * max(0.0, min(1.0, fraction))), 100, message)

    progress.update(0, 100, _("Préparation du calcul"))
    panel = actions.store_computation(panel_id, progress=report)
    progress.update(100, 100, _("Calcul terminé"))
    return panel.get_manage_url()


def _refused(message: str, error: ValidationError) -> JobRefused:
    return JobRefused(message, list(error.messages))


@job_task
def import_pool_file(progress, *, panel_id: int, actor_id: int) -> str:
    """Replace the panel's pool with the job's CSV file."""
    panel = Panel.objects.select_related("process").get(pk=panel_id)
    actor = get_user_model().objects.get(pk=actor_id)
    _name, data = progress.input()
    progress.update(0, None, _("Lecture et vérification du fichier."))
    try:
        count = actions.import_pool(panel, actor=actor, data=data)
    except ValidationError as error:
        raise _refused(_("Le vivier n'a pas été importé : le fichier est refusé."), error) from None
    progress.update(count, count, _("%(count)d personnes importées ; les quotas sont pré-remplis.")
                    % {"count": count})  # fmt: skip
    return reverse("panels:quotas", args=[panel.process_id, panel.pk])


@job_task
def import_invitations_file(
    progress, *, panel_id: int, actor_id: int, batch_label: str, channel: str
) -> str:
    """Create an invitation batch from the job's CSV file of addresses or numbers."""
    panel = Panel.objects.select_related("process").get(pk=panel_id)
    actor = get_user_model().objects.get(pk=actor_id)
    _name, data = progress.input()
    progress.update(0, None, _("Lecture et vérification du fichier."))
    try:
        batch = recruitment.import_invitations(
            panel, actor=actor, label=batch_label, channel=channel, data=data
        )
    except ValidationError as error:
        raise _refused(
            _("Aucune invitation n'a été créée : le fichier est refusé."), error
        ) from None
    count = batch.invited_count
    progress.update(count, count, ngettext(
        "Lot « %(label)s » : %(count)d invitation créée.",
        "Lot « %(label)s » : %(count)d invitations créées.",
        count,
    ) % {"label": batch.label, "count": count})  # fmt: skip
    return reverse("panels:recruitment", args=[panel.process_id, panel.pk])
