from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from concerto.opinionmaps.kind import SPEC
from concerto.participation.kinds import register
from concerto.participation.opinion_groups import set_finder


class OpinionMapsConfig(AppConfig):
    name = "concerto.opinionmaps"
    verbose_name = _("Cartes des opinions")

    def ready(self) -> None:
        register(SPEC)
        # models are loaded only in ready()
        from concerto.opinionmaps.queries import process_groups

        # Other module kinds weigh support across the groups of the process's last map.
        set_finder(process_groups)
