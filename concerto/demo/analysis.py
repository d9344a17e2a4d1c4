"""Demo data: a closed consultation of real Grand Débat answers to analyse (issue 8).

320 real answers to one question of the Grand Débat National (2019, Licence
Ouverte; see concerto/analysis/data/README.md), one in eight entered as paper.
"""

from datetime import date

from concerto.analysis.sample import QUESTION, load_sample
from concerto.participation.models import Module
from concerto.processes.lifecycle import Status
from concerto.processes.models import Process
from concerto.questionnaires.kind import QUESTIONNAIRE

TITLE = "Grand Débat national 2019 : agir pour l'environnement"


def load() -> None:
    """Idempotent: safe to run on every `make run`."""
    process = Process.objects.filter(status=Status.OPEN).order_by("pk").first()
    if process is None:
        return
    module, _created = Module.objects.get_or_create(
        process=process,
        title=TITLE,
        defaults={
            "kind": QUESTIONNAIRE,
            "description": f"Réponses réelles à la question : « {QUESTION} »",
            "position": 99,
            "opens_on": date(2019, 1, 15),
            "closes_on": date(2019, 3, 18),
        },
    )
    load_sample(module, entered_by=process.project_lead)
