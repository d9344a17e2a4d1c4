"""The evaluation questionnaires, after the OECD Evaluation Guidelines for
Representative Deliberative Processes (2021): the member questionnaire (the
recommended minimum), adapted to each participation method, and the organiser
questionnaire. Each question is tied to one OECD criterion."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from concerto.evaluation.models import Audience

LIKERT = "likert"
TEXT = "text"

# Code -> label, strongest agreement first; codes are stored in answers.
LIKERT_CHOICES = [
    ("5", gettext_lazy("Tout à fait d'accord")),
    ("4", gettext_lazy("Plutôt d'accord")),
    ("3", gettext_lazy("Ni d'accord ni pas d'accord")),
    ("2", gettext_lazy("Plutôt pas d'accord")),
    ("1", gettext_lazy("Pas du tout d'accord")),
]
AGREE = frozenset({"5", "4"})
# The question whose agreement share is the process's satisfaction figure.
SATISFACTION = "satisfaction"


def _q(code, criterion, text, kind=LIKERT, required=True) -> dict:
    return {"code": code, "criterion": criterion, "text": text, "kind": kind,
            "required": required}  # fmt: skip


def participant_questions(methods: list[str]) -> list[dict]:
    questions = [
        _q("purpose", "design_integrity",
           _("J'ai compris ce qui était attendu de ma participation et ce qui serait décidé.")),
        _q("information", "design_integrity",
           _("L'information fournie était claire et présentait des points de vue variés.")),
        _q("voice", "deliberative_experience",
           _("J'ai eu assez de temps et d'occasions pour exprimer mon point de vue.")),
        _q("respect", "deliberative_experience",
           _("Mon point de vue a été respecté, même par celles et ceux qui n'étaient pas "
             "d'accord.")),
        _q("learning", "deliberative_experience",
           _("J'ai appris des choses nouvelles sur le sujet.")),
    ]  # fmt: skip
    # Adapted to the method: what the participant lived through differs.
    if "deliberative" in methods or "open_meetings" in methods:
        questions.append(
            _q("facilitation", "deliberative_experience",
               _("L'animation des échanges était neutre et impartiale."))
        )  # fmt: skip
    if "public_consultation" in methods or "participatory_budgeting" in methods:
        questions.append(
            _q("accessibility", "design_integrity",
               _("Il était facile de trouver comment participer et de déposer une "
                 "contribution."))
        )  # fmt: skip
    questions += [
        _q("influence", "pathways_to_impact",
           _("Je pense que les contributions seront prises en compte dans la décision.")),
        _q(SATISFACTION, "pathways_to_impact",
           _("Dans l'ensemble, je suis satisfait ou satisfaite de ma participation.")),
        _q("improve", "pathways_to_impact",
           _("Qu'est-ce qui aurait pu être amélioré ?"), kind=TEXT, required=False),
    ]  # fmt: skip
    return questions


def organiser_questions(methods: list[str]) -> list[dict]:
    return [
        _q("mandate", "design_integrity",
           _("Le mandat du dispositif (question posée, marges de manœuvre) était clair et "
             "public.")),
        _q("resources", "design_integrity",
           _("Le temps et les moyens étaient suffisants pour mener le dispositif.")),
        _q("diversity", "deliberative_experience",
           _("Le dispositif a atteint des publics variés, y compris éloignés de la "
             "participation.")),
        _q("commitment", "pathways_to_impact",
           _("Le commanditaire s'est engagé à répondre publiquement aux contributions.")),
        _q("difficulties", "pathways_to_impact",
           _("Quelles ont été les principales difficultés rencontrées ?"), kind=TEXT,
           required=False),
    ]  # fmt: skip


def questions_for(audience: str, methods: list[str]) -> list[dict]:
    if audience == Audience.ORGANISERS:
        return organiser_questions(methods)
    return participant_questions(methods)
