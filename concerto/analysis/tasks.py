"""The analysis run as a background job, with its progress shown to the analyst."""

from django.urls import reverse
from django.utils.translation import gettext as _

from concerto.analysis.actions import compute_analysis
from concerto.analysis.models import Analysis
from concerto.jobs.progress import Progress, job_task

# Share of the progress bar given to each engine stage.
STAGES = {
    "normalisation": (0, 40, _("Normalisation des textes")),
    "doublons": (40, 45, _("Recherche des doublons")),
    "campagnes": (45, 65, _("Recherche des campagnes")),
    "thèmes": (65, 95, _("Constitution des thèmes")),
}


@job_task
def run_analysis(progress: Progress, *, analysis_id: int) -> str:
    def report(stage: str, done: int, total: int, part=(0, 1)) -> None:
        # Each open question is one part of the run, its stages within it.
        low, high, label = STAGES.get(stage, (95, 99, stage))
        share = done / total if total else 0
        index, count = part
        percent = (low + (high - low) * share) / 100
        progress.update(int(100 * (index + percent) / count), 100, label)

    analysis = Analysis.objects.select_related("module__process").get(pk=analysis_id)
    compute_analysis(analysis, report)
    progress.update(100, 100, _("Analyse terminée"))
    return reverse(
        "analysis:workspace",
        kwargs={"pk": analysis.module.process_id, "module_id": analysis.module_id},
    )
