from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from concerto.codrafting.kind import SPEC
from concerto.participation.kinds import register


class CodraftingConfig(AppConfig):
    name = "concerto.codrafting"
    verbose_name = _("Textes à co-construire")

    def ready(self) -> None:
        register(SPEC)
        # models are loaded only in ready()
        from concerto.codrafting import signals

        signals.connect()
