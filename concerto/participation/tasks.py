"""Background jobs of participation: importing a file of offline contributions."""

from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from concerto.jobs.progress import JobRefused, Progress, job_task
from concerto.participation import offline
from concerto.participation.models import Module


def import_summary(result: offline.ImportResult) -> str:
    if result.created:
        message = ngettext(
            "%(count)d contribution importée et publiée.",
            "%(count)d contributions importées et publiées.",
            result.created,
        ) % {"count": result.created}
    else:
        message = _("Aucune contribution ajoutée.")
    if result.existing:
        message += " " + ngettext(
            "%(count)d ligne était déjà importée : elle n'a pas été ajoutée à nouveau.",
            "%(count)d lignes étaient déjà importées : elles n'ont pas été ajoutées à nouveau.",
            result.existing,
        ) % {"count": result.existing}
    return message


def refusal_message(errors: list[str]) -> str:
    return ngettext(
        "Aucune contribution n'a été importée : le fichier contient %(count)d erreur.",
        "Aucune contribution n'a été importée : le fichier contient %(count)d erreurs.",
        len(errors),
    ) % {"count": len(errors)}


@job_task
def import_offline_file(progress: Progress, *, module_id: int, actor_id: int) -> str:
    """Check the job's CSV file, then store its rows; all or nothing."""
    module = Module.objects.select_related("process").get(pk=module_id)
    actor = get_user_model().objects.get(pk=actor_id)
    _name, data = progress.input()
    reading = _("Lecture du fichier : %(count)d lignes vérifiées.")
    try:
        rows = offline.parse_csv(
            data, on_row=lambda n: progress.tick(n, None, reading % {"count": n})
        )
        del data  # the checked rows are all that is needed from here on
        total = len(rows)
        progress.update(0, total, _("Enregistrement des contributions."))
        result = offline.import_offline_contributions(
            module, actor=actor, rows=rows,
            on_batch=lambda n: progress.update(n, total, _("Enregistrement des contributions.")),
        )  # fmt: skip
    except offline.ImportRefused as refused:
        raise JobRefused(refusal_message(refused.errors), refused.errors) from None
    progress.update(total, total, import_summary(result))
    return reverse(
        "participation:offline", kwargs={"pk": module.process_id, "module_id": module.pk}
    )
