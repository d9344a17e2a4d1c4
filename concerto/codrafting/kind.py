"""The 'text to co-draft' module kind, as the participation registry knows it."""

from django.utils.translation import gettext_lazy as _

from concerto.participation.kinds import ModuleKindSpec

TEXT = "text"


def _articles(module) -> dict:
    # Imported here: apps.py imports this file before the models are loaded.
    from concerto.codrafting.sections import contribution_articles

    return contribution_articles(module)


SPEC = ModuleKindSpec(
    code=TEXT,
    label=_("Texte à co-construire"),
    namespace="codrafting",
    position=60,
    organiser_url="codrafting:manage",
    organiser_label=_("Gérer le texte"),
    # Analysed article by article.
    analysis_sections=_articles,
)
