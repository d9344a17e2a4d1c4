"""Building a questionnaire, answering it with save and resume, sending it once."""

import uuid
from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from concerto.accounts.roles import Role
from concerto.participation.models import Contribution, ContributionKind
from concerto.questionnaires import actions
from concerto.questionnaires.models import Answer, Question, QuestionKind, Response
from tests.factories import UserFactory, open_module, user_with_role
from tests.questionnaires.helpers import bike_questionnaire

pytestmark = pytest.mark.django_db

LOCKED = (
    "Des participants ont déjà commencé à répondre : les questions ne peuvent plus être "
    "ajoutées, supprimées, déplacées ni modifiées sur le fond (type, choix, échelle, "
    "condition, caractère obligatoire). Vous pouvez seulement corriger le libellé et l'aide."
)


def full_answers(q, **overrides) -> dict:
    answers = {
        q["rides"].pk: "Oui",
        q["trips"].pk: ["Loisirs", "Travail"],
        q["safety"].pk: 4,
        q["priorities"].pk: ["Stationnement", "Pistes cyclables", "Aides à l'achat"],
        q["ideas"].pk: "Des garages à vélos dans les gares.",
    }
    answers.update({q[name].pk: value for name, value in overrides.items()})
    return answers


def snapshot(module):
    return list(
        module.questions.values_list(
            "position", "kind", "text", "choices", "required", "condition_question_id"
        )
    )


# Building


def test_an_organiser_builds_questions_in_order():
    module, _organiser, q = bike_questionnaire()
    assert [(x.position, x.kind, x.text) for x in module.questions.all()] == [
        (1, "single", "Utilisez-vous le vélo ?"),
        (2, "multiple", "Pour quels trajets ?"),
        (3, "scale", "Vous sentez-vous en sécurité à vélo ?"),
        (4, "ranking", "Classez les priorités"),
        (5, "open", "Vos idées pour le plan vélo"),
    ]
    assert (q["trips"].condition_question, q["trips"].condition_values) == (q["rides"], ["Oui"])
    assert q["ideas"].choices == [] and q["safety"].choices == []


def test_a_citizen_or_another_ministry_cannot_build_questions():
    module, _organiser, _q = bike_questionnaire()
    before = snapshot(module)
    for outsider in (UserFactory(), user_with_role(Role.AGENT)):
        with pytest.raises(PermissionDenied):
            actions.add_question(module, actor=outsider, kind=QuestionKind.OPEN, text="Autre ?")
        with pytest.raises(PermissionDenied):
            actions.set_results_public(module, actor=outsider, public=True)
    assert snapshot(module) == before
    module.refresh_from_db()
    assert module.results_public is False


@pytest.mark.parametrize(
    ("fields", "errors"),
    [
        ({"kind": QuestionKind.SINGLE, "text": "Choix ?", "choices": ["Seul", " "]},
         {"choices": ["Proposez au moins deux choix."]}),
        ({"kind": QuestionKind.RANKING, "text": "Classez", "choices": ["A", "A"]},
         {"choices": ["Deux choix sont identiques."]}),
        ({"kind": QuestionKind.SCALE, "text": "Note ?", "scale_min": 5, "scale_max": 5},
         {"scale_max": ["Le maximum de l'échelle doit être supérieur au minimum."]}),
        ({"kind": QuestionKind.SCALE, "text": "Note ?", "scale_min": 0, "scale_max": 20},
         {"scale_max": ["Une échelle compte au plus 11 valeurs."]}),
        ({"kind": QuestionKind.OPEN, "text": ""},
         {"text": ["Ce champ ne peut pas être vide."]}),
    ],
)  # fmt: skip
def test_invalid_questions_are_refused_next_to_their_field(fields, errors):
    module, organiser = open_module("questionnaire")
    with pytest.raises(ValidationError) as error:
        actions.add_question(module, actor=organiser, **fields)
    assert error.value.message_dict == errors
    assert Question.objects.count() == 0


def test_a_condition_reads_an_earlier_choice_with_existing_values():
    module, organiser, q = bike_questionnaire()
    add = lambda **fields: actions.add_question(  # noqa: E731
        module, actor=organiser, kind=QuestionKind.OPEN, text="Pourquoi ?", **fields
    )
    cases = [
        ({"condition_question": q["priorities"], "condition_values": ["Stationnement"]},
         {"condition_question": ["Une condition porte sur une question à choix ou à échelle."]}),
        ({"condition_question": q["rides"], "condition_values": []},
         {"condition_values": ["Indiquez au moins une réponse qui affiche la question."]}),
        ({"condition_question": q["rides"], "condition_values": ["Souvent"]},
         {"condition_values": [
             "Ces réponses ne sont pas proposées par la question choisie : « Souvent »."]}),
    ]  # fmt: skip
    for fields, errors in cases:
        with pytest.raises(ValidationError) as error:
            add(**fields)
        assert error.value.message_dict == errors
    scale_condition = add(condition_question=q["safety"], condition_values=["1", "2"])
    assert scale_condition.condition_values == ["1", "2"]
    with pytest.raises(ValidationError) as error:
        actions.update_question(q["rides"], actor=organiser, condition_question=q["ideas"],
                                condition_values=["x"])  # fmt: skip
    assert error.value.message_dict == {
        "condition_question": ["La condition doit porter sur une question placée avant celle-ci."]
    }


def test_reordering_keeps_conditions_after_their_source():
    module, organiser, q = bike_questionnaire()
    with pytest.raises(ValidationError) as error:
        actions.move_question(q["trips"], actor=organiser, offset=-1)
    assert error.value.messages == [
        "La question « Pour quels trajets ? » dépend de la réponse à une question précédente : "
        "elle doit rester après elle."
    ]
    actions.move_question(q["ideas"], actor=organiser, offset=-1)
    assert [x.text for x in module.questions.all()][3:] == [
        "Vos idées pour le plan vélo", "Classez les priorités",
    ]  # fmt: skip


def test_a_question_others_depend_on_cannot_be_deleted_or_made_incompatible():
    module, organiser, q = bike_questionnaire()
    with pytest.raises(ValidationError) as error:
        actions.delete_question(q["rides"], actor=organiser)
    assert error.value.messages == [
        "La question « Pour quels trajets ? » ne s'affiche que selon la réponse à celle-ci : "
        "retirez d'abord sa condition."
    ]
    with pytest.raises(ValidationError) as error:
        actions.update_question(q["rides"], actor=organiser, choices=["Souvent", "Jamais"])
    assert error.value.messages == [
        "La question « Pour quels trajets ? » s'affiche selon la réponse à celle-ci : gardez un "
        "type et des choix compatibles avec sa condition."
    ]
    actions.delete_question(q["safety"], actor=organiser)
    assert [(x.position, x.text) for x in module.questions.all()] == [
        (1, "Utilisez-vous le vélo ?"), (2, "Pour quels trajets ?"), (3, "Classez les priorités"),
        (4, "Vos idées pour le plan vélo"),
    ]  # fmt: skip


def test_once_someone_answered_only_the_wording_may_change():
    module, organiser, q = bike_questionnaire()
    actions.save_draft(module, participant=UserFactory(), answers={q["rides"].pk: "Non"},
                       idempotency_key=uuid.uuid4())  # fmt: skip
    before = snapshot(module)
    refused = [
        lambda: actions.add_question(module, actor=organiser, kind=QuestionKind.OPEN, text="Et ?"),
        lambda: actions.delete_question(q["ideas"], actor=organiser),
        lambda: actions.move_question(q["ideas"], actor=organiser, offset=-1),
        lambda: actions.update_question(q["rides"], actor=organiser, choices=["Oui", "Non", "?"]),
        lambda: actions.update_question(q["safety"], actor=organiser, required=True),
    ]
    for attempt in refused:
        with pytest.raises(ValidationError) as error:
            attempt()
        assert error.value.messages == [LOCKED]
    assert snapshot(module) == before
    actions.update_question(q["rides"], actor=organiser, text="Faites-vous du vélo ?",
                            help_text="Même occasionnellement.")  # fmt: skip
    q["rides"].refresh_from_db()
    assert (q["rides"].text, q["rides"].help_text) == ("Faites-vous du vélo ?",
                                                       "Même occasionnellement.")  # fmt: skip


# Answering


def test_a_draft_is_saved_and_resumed_without_required_answers():
    module, _organiser, q = bike_questionnaire()
    citizen = UserFactory()
    key = uuid.uuid4()
    response = actions.save_draft(
        module, participant=citizen, answers={q["rides"].pk: "Oui", q["ideas"].pk: "Des arceaux"},
        idempotency_key=key,
    )  # fmt: skip
    assert (response.status, response.idempotency_key, response.submitted_at) == (
        "draft",
        key,
        None,
    )
    # Coming back later, from another form, updates the same draft.
    again = actions.save_draft(
        module, participant=citizen, answers={q["rides"].pk: "Oui", q["safety"].pk: "2"},
        idempotency_key=uuid.uuid4(),
    )  # fmt: skip
    assert again.pk == response.pk and Response.objects.count() == 1
    assert dict(again.answers.values_list("question_id", "value")) == {
        q["rides"].pk: "Oui", q["safety"].pk: 2,
    }  # fmt: skip
    assert Contribution.objects.count() == 0


def test_sending_stores_closed_answers_and_open_ones_as_contributions():
    module, _organiser, q = bike_questionnaire()
    citizen = UserFactory()
    response, sent = actions.submit_response(
        module, participant=citizen, answers=full_answers(q), idempotency_key=uuid.uuid4(),
        address="203.0.113.9",
    )  # fmt: skip
    assert sent and response.status == "submitted" and response.submitted_at is not None
    stored = {a.question_id: (a.value, a.contribution_id) for a in response.answers.all()}
    contribution = Contribution.objects.get()
    assert stored == {
        q["rides"].pk: ("Oui", None),
        q["trips"].pk: (["Travail", "Loisirs"], None),
        q["safety"].pk: (4, None),
        q["priorities"].pk: (["Stationnement", "Pistes cyclables", "Aides à l'achat"], None),
        q["ideas"].pk: (None, contribution.pk),
    }
    assert (contribution.kind, contribution.title, contribution.body, contribution.author) == (
        ContributionKind.ANSWER, "Vos idées pour le plan vélo",
        "Des garages à vélos dans les gares.", citizen,
    )  # fmt: skip
    assert contribution.questionnaire_answer.question == q["ideas"]


def test_sending_twice_stores_one_response_and_one_contribution():
    module, _organiser, q = bike_questionnaire()
    citizen = UserFactory()
    key = uuid.uuid4()
    first, sent = actions.submit_response(module, participant=citizen, answers=full_answers(q),
                                          idempotency_key=key)  # fmt: skip
    second, sent_again = actions.submit_response(
        module, participant=citizen, answers=full_answers(q, ideas="Autre chose"),
        idempotency_key=key,
    )  # fmt: skip
    # Another tab, opened before the first submission, with its own key.
    third, sent_third = actions.submit_response(
        module, participant=citizen, answers=full_answers(q), idempotency_key=uuid.uuid4()
    )
    assert (sent, sent_again, sent_third) == (True, False, False)
    assert first.pk == second.pk == third.pk
    assert Response.objects.count() == 1 and Contribution.objects.count() == 1
    assert Contribution.objects.get().body == "Des garages à vélos dans les gares."
    with pytest.raises(ValidationError) as error:
        actions.save_draft(module, participant=citizen, answers={}, idempotency_key=None)
    assert error.value.messages == ["Vous avez déjà envoyé vos réponses à ce questionnaire."]


def test_a_sent_draft_keeps_its_key_and_drops_hidden_answers():
    module, _organiser, q = bike_questionnaire()
    citizen = UserFactory()
    draft = actions.save_draft(module, participant=citizen,
                               answers=full_answers(q), idempotency_key=uuid.uuid4())  # fmt: skip
    # The participant changes their mind: the trips question no longer shows.
    response, sent = actions.submit_response(
        module, participant=citizen, answers=full_answers(q, rides="Non"),
        idempotency_key=draft.idempotency_key,
    )  # fmt: skip
    assert sent and response.pk == draft.pk
    assert q["trips"].pk not in set(response.answers.values_list("question_id", flat=True))
    assert Answer.objects.filter(response=response).count() == 4


def test_missing_required_answers_are_refused_and_nothing_is_stored():
    module, _organiser, q = bike_questionnaire()
    with pytest.raises(ValidationError) as error:
        actions.submit_response(
            module, participant=UserFactory(),
            answers={q["rides"].pk: "Oui", q["safety"].pk: 9}, idempotency_key=uuid.uuid4(),
        )  # fmt: skip
    assert error.value.message_dict == {
        f"q_{q['trips'].pk}": ["Répondez à cette question : elle est obligatoire."],
        f"q_{q['safety'].pk}": ["Choisissez une valeur entre 1 et 5."],
        f"q_{q['ideas'].pk}": ["Répondez à cette question : elle est obligatoire."],
    }
    assert Response.objects.count() == 0 and Contribution.objects.count() == 0


def test_only_signed_in_participants_answer_while_the_module_is_open():
    module, _organiser, q = bike_questionnaire(allow_pseudonym=True)
    for participant in (None, type("Anonymous", (), {"is_authenticated": False, "pk": None})()):
        with pytest.raises(PermissionDenied):
            actions.save_draft(module, participant=participant, answers={}, idempotency_key=None)
    today = timezone.localdate()
    module.closes_on = today - timedelta(days=1)
    module.opens_on = today - timedelta(days=5)
    module.save()
    citizen = UserFactory()
    with pytest.raises(PermissionDenied):
        actions.submit_response(module, participant=citizen, answers=full_answers(q),
                                idempotency_key=uuid.uuid4())  # fmt: skip
    assert Response.objects.count() == 0 and Contribution.objects.count() == 0


def test_a_rate_limited_sending_stores_nothing(settings):
    from concerto.participation.actions.common import RateLimited

    module, _organiser, q = bike_questionnaire()
    settings.PARTICIPATION_RATE_LIMITS = {"contribute": (0, 600), "vote": (200, 600)}
    with pytest.raises(RateLimited):
        actions.submit_response(module, participant=UserFactory(), answers=full_answers(q),
                                idempotency_key=uuid.uuid4())  # fmt: skip
    assert Response.objects.count() == 0 and Contribution.objects.count() == 0


def test_a_module_with_answers_and_conditions_can_be_deleted_whole():
    module, _organiser, q = bike_questionnaire()
    actions.submit_response(
        module, participant=UserFactory(), answers=full_answers(q), idempotency_key=uuid.uuid4()
    )
    module.delete()
    assert (Question.objects.count(), Response.objects.count(), Answer.objects.count()) == (0, 0, 0)
