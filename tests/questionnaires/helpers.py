from concerto.questionnaires import actions
from concerto.questionnaires.models import QuestionKind
from tests.factories import open_module


def bike_questionnaire(**module_fields):
    """A questionnaire on the bike plan: (module, organiser, questions by short name).

    The trips question shows only to those who ride a bike.
    """
    module, organiser = open_module(
        "questionnaire", title="Questionnaire sur le plan vélo", **module_fields
    )
    add = lambda **fields: actions.add_question(module, actor=organiser, **fields)  # noqa: E731
    rides = add(kind=QuestionKind.SINGLE, text="Utilisez-vous le vélo ?", choices=["Oui", "Non"],
                required=True)  # fmt: skip
    trips = add(
        kind=QuestionKind.MULTIPLE, text="Pour quels trajets ?",
        choices=["Travail", "Courses", "Loisirs"], required=True, condition_question=rides,
        condition_values=["Oui"],
    )  # fmt: skip
    safety = add(
        kind=QuestionKind.SCALE, text="Vous sentez-vous en sécurité à vélo ?", scale_min=1,
        scale_max=5, scale_min_label="Pas du tout", scale_max_label="Tout à fait",
    )  # fmt: skip
    priorities = add(
        kind=QuestionKind.RANKING, text="Classez les priorités",
        choices=["Pistes cyclables", "Stationnement", "Aides à l'achat"],
    )  # fmt: skip
    ideas = add(kind=QuestionKind.OPEN, text="Vos idées pour le plan vélo", required=True)
    questions = {
        "rides": rides, "trips": trips, "safety": safety, "priorities": priorities, "ideas": ideas,
    }  # fmt: skip
    return module, organiser, questions
