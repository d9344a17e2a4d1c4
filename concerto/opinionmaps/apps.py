from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from concerto.opinionmaps.kind import SPEC
from concerto.participation.kinds import register


class OpinionMapsConfig(AppConfig):
    name = "concerto.opinionmaps"
    verbose_name = _("Cartes des opinions")

    def ready(self) -> None:
        register(SPEC)
