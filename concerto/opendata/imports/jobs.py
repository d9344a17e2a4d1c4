"""An import of another platform's export, run as a background job."""

from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils.translation import gettext as _

from concerto.jobs.progress import Progress, job_task
from concerto.opendata.imports.actions import import_contributions
from concerto.opendata.imports.parsing import parse_upload
from concerto.participation.models import Module


@job_task
def import_platform_file(
    progress: Progress, *, module_id: int, actor_id: int, source: str, encoding: str
) -> str:
    """Read the job's export, store its contributions and record the report; the
    result is the import page showing that report."""
    module = Module.objects.select_related("process").get(pk=module_id)
    actor = get_user_model().objects.get(pk=actor_id)
    name, data = progress.input()
    reading = _("Lecture de l'export : %(count)d lignes lues.")
    parsed = parse_upload(
        source, data, encoding, on_row=lambda n: progress.tick(n, None, reading % {"count": n})
    )
    del data  # only the parsed items are needed from here on
    total = len(parsed.items)
    storing = _("Enregistrement des contributions.")
    progress.update(0, total, storing)
    report = import_contributions(
        module, actor=actor, parsed=parsed, filename=name,
        on_batch=lambda n: progress.update(n, total, storing),
    )  # fmt: skip
    progress.update(total, total, report.summary())
    run = module.platform_imports.order_by("-pk").first()
    url = reverse("opendata:import", kwargs={"pk": module.process_id, "module_id": module.pk})
    return f"{url}?compte-rendu={run.pk}#compte-rendu"
