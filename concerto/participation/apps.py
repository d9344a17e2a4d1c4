from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ParticipationConfig(AppConfig):
    name = "concerto.participation"
    verbose_name = _("Participation du public")

    def ready(self) -> None:
        from concerto.participation import scopes  # models are loaded only now
        from concerto.participation.actions import modules  # models are loaded only now
        from concerto.processes.actions import management  # models are loaded only now

        scopes.connect()
        # A copy of a process takes its modules.
        management.also_copy("modules", modules.copy_modules)
