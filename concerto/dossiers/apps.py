from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from concerto.dossiers.kind import SPEC
from concerto.participation.kinds import register


class DossiersConfig(AppConfig):
    name = "concerto.dossiers"
    verbose_name = _("Dossiers d'information")

    def ready(self) -> None:
        register(SPEC)
