"""The 'text to co-draft' module kind, as the participation registry knows it."""

from django.utils.translation import gettext_lazy as _

from concerto.participation.kinds import ModuleKindSpec

TEXT = "text"

SPEC = ModuleKindSpec(
    code=TEXT,
    label=_("Texte à co-construire"),
    namespace="codrafting",
    position=60,
    organiser_url="codrafting:manage",
    organiser_label=_("Gérer le texte"),
)
