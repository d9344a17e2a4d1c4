from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from concerto.participation.kinds import register
from concerto.questionnaires.kind import SPEC


class QuestionnairesConfig(AppConfig):
    name = "concerto.questionnaires"
    verbose_name = _("Questionnaires")

    def ready(self) -> None:
        register(SPEC)
