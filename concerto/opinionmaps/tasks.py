"""Background computation of opinion maps."""

from django.urls import reverse
from django.utils.translation import gettext as _
from django_tasks import task

from concerto.jobs.progress import Progress, job_task
from concerto.opinionmaps.actions import recompute_map
from concerto.participation.models import Module


@task()
def recompute_map_task(module_id: int) -> None:
    """Queued by votes (see `actions.schedule_recompute`); nobody follows its progress."""
    module = Module.objects.filter(pk=module_id).first()
    if module is not None:
        recompute_map(module)


@job_task
def recompute_map_job(progress: Progress, *, module_id: int) -> str:
    """Asked for by an organiser, who follows it on the job page."""
    module = Module.objects.select_related("process").get(pk=module_id)
    progress.update(0, 1, _("Calcul de la carte…"))
    result = recompute_map(module)
    progress.update(1, 1, _("Carte calculée.") if not result.insufficient else
                    _("Pas encore assez de votes pour former des groupes."))  # fmt: skip
    return reverse("opinionmaps:map", kwargs={"slug": module.process.slug, "module_id": module.pk})
