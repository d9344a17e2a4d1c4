from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from concerto.meetings.kind import SPEC
from concerto.participation.kinds import register


class MeetingsConfig(AppConfig):
    name = "concerto.meetings"
    verbose_name = _("Réunions publiques")

    def ready(self) -> None:
        register(SPEC)
