"""The 'proposals' module kind, as the participation registry knows it."""

from django.utils.translation import gettext_lazy as _

from concerto.participation.kinds import ModuleKindSpec

PROPOSALS = "proposals"

SPEC = ModuleKindSpec(
    code=PROPOSALS,
    label=_("Propositions"),
    namespace="proposals",
    position=30,
    organiser_url="proposals:merge",
    organiser_address="public",
    organiser_label=_("Fusionner des propositions"),
    # A proposal that came on paper is listed, supported and answered like online ones.
    offline_contribution_kind="proposal",
    api_contribution_kinds=frozenset({"contribution", "proposal"}),
)
