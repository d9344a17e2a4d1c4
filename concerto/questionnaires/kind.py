"""The 'questionnaire' module kind, as the participation registry knows it."""

from django.utils.translation import gettext_lazy as _

from concerto.participation.kinds import ModuleKindSpec

QUESTIONNAIRE = "questionnaire"


def _responses(module) -> int:
    # Drafts too: someone started answering.
    return module.questionnaire_responses.count()


SPEC = ModuleKindSpec(
    code=QUESTIONNAIRE,
    label=_("Questionnaire"),
    namespace="questionnaires",
    position=20,
    organiser_url="questionnaires:questions",
    organiser_label=_("Gérer les questions"),
    api_contribution_kinds=frozenset({"contribution", "answer"}),
    participation_counters=(_responses,),
)
