"""The 'information dossier' module kind, as the participation registry knows it."""

from django.utils.translation import gettext_lazy as _

from concerto.participation.kinds import ModuleKindSpec

DOSSIER = "dossier"

SPEC = ModuleKindSpec(
    code=DOSSIER,
    label=_("Dossier d'information"),
    namespace="dossiers",
    position=10,
    organiser_url="dossiers:documents",
    organiser_label=_("Gérer les documents"),
)
