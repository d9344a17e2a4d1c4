"""Background computation of a panel's selection probabilities (LEXIMIN)."""

from django.utils.translation import gettext as _

from concerto.jobs.progress import job_task


@job_task
def compute_probabilities(progress, *, panel_id: int) -> str:
    """Run the engine for the panel and store probabilities, quality and lottery."""
    from concerto.panels import actions

    def report(message: str, fraction: float) -> None:
        progress.update(round(100 * max(0.0, min(1.0, fraction))), 100, message)

    progress.update(0, 100, _("Préparation du calcul"))
    panel = actions.store_computation(panel_id, progress=report)
    progress.update(100, 100, _("Calcul terminé"))
    return panel.get_manage_url()
