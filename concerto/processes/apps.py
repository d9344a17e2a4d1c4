from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from concerto.processes import scopes


class ProcessesConfig(AppConfig):
    name = "concerto.processes"
    verbose_name = _("Dispositifs, saisines et avis")

    def ready(self) -> None:
        scopes.connect()
