from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProcessesConfig(AppConfig):
    name = "concerto.processes"
    verbose_name = _("Dispositifs, saisines et avis")

    def ready(self) -> None:
        from concerto.processes import scopes  # models are loaded only in ready()

        scopes.connect()
