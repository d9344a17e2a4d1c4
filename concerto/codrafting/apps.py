from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CodraftingConfig(AppConfig):
    name = "concerto.codrafting"
    verbose_name = _("Textes à co-construire")

    def ready(self) -> None:
        from concerto.codrafting import signals

        signals.connect()
