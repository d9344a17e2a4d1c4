from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from concerto.meetings.kind import SPEC
from concerto.participation.kinds import register


class MeetingsConfig(AppConfig):
    name = "concerto.meetings"
    verbose_name = _("Réunions publiques")

    def ready(self) -> None:
        # models are loaded only in ready()
        from concerto.meetings.agenda import MEETINGS
        from concerto.processes.sections import add  # models are loaded only in ready()

        register(SPEC)
        add(MEETINGS)  # the public meetings to come, on the agenda
