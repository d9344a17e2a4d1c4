"""The 'opinion map' module kind, as the participation registry knows it."""

from django.utils.translation import gettext_lazy as _

from concerto.participation.kinds import ModuleKindSpec

OPINION_MAP = "opinion_map"

SPEC = ModuleKindSpec(
    code=OPINION_MAP,
    label=_("Carte des opinions"),
    namespace="opinionmaps",
    position=50,
    organiser_url="opinionmaps:manage",
    organiser_label=_("Gérer la carte des opinions"),
)
