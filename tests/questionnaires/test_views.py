"""The public questionnaire page and the organisers' question builder."""

import re
import uuid

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from concerto.accounts.roles import Role
from concerto.participation.models import Contribution
from concerto.questionnaires import actions
from concerto.questionnaires.models import Question, Response
from tests.factories import UserFactory, user_with_role
from tests.questionnaires.helpers import bike_questionnaire

pytestmark = pytest.mark.django_db


@pytest.fixture
def questionnaire():
    return bike_questionnaire()


def post_data(q, key, action, **overrides) -> dict:
    data = {
        "idempotency_key": str(key),
        "action": action,
        f"q_{q['rides'].pk}": "Oui",
        f"q_{q['trips'].pk}": ["Travail", "Loisirs"],
        f"q_{q['safety'].pk}": "4",
        # Ranks given to: pistes, parking, aids.
        f"q_{q['priorities'].pk}_0": "2",
        f"q_{q['priorities'].pk}_1": "1",
        f"q_{q['priorities'].pk}_2": "3",
        f"q_{q['ideas'].pk}": "Des garages à vélos dans les gares.",
    }
    data.update(overrides)
    return data


def test_visitors_are_invited_to_sign_in_and_see_the_questions(client, questionnaire):
    module, _organiser, q = questionnaire
    response = client.get(module.get_absolute_url())
    assert response.status_code == 200
    assert "Se connecter pour répondre" in response.text
    assert f'href="/connexion/?next={module.get_absolute_url()}"' in response.text
    preview = re.search(r'<ol id="question-preview">(.*?)</ol>', response.text, re.S).group(1)
    assert re.findall(r"<li>(.*?)</li>", preview)[0] == "Utilisez-vous le vélo ?"
    posted = client.post(module.get_absolute_url(), post_data(q, uuid.uuid4(), "submit"))
    assert posted.status_code == 302 and posted.url.startswith("/connexion/?next=")
    assert Response.objects.count() == 0


def test_a_participant_saves_a_draft_and_finds_it_again(client, questionnaire):
    module, _organiser, q = questionnaire
    citizen = UserFactory()
    client.force_login(citizen)
    page = client.get(module.get_absolute_url())
    key = re.search(r'name="idempotency_key" value="([^"]+)"', page.text).group(1)
    data = post_data(q, key, "draft", **{f"q_{q['ideas'].pk}": ""})
    saved = client.post(module.get_absolute_url(), data, follow=True)
    assert saved.redirect_chain == [(f"{module.get_absolute_url()}#questionnaire", 302)]
    assert "Vos réponses sont enregistrées." in saved.text
    draft = Response.objects.get()
    assert (draft.status, str(draft.idempotency_key), draft.participant) == ("draft", key, citizen)
    # Coming back: the saved answers are checked and the draft's key is reused.
    text = client.get(module.get_absolute_url()).text
    assert "Brouillon enregistré le" in text
    assert f'name="idempotency_key" value="{key}"' in text
    assert re.search(rf'name="q_{q["rides"].pk}" value="Oui"[^>]*checked', text)
    assert re.search(rf'name="q_{q["trips"].pk}" value="Loisirs"[^>]*checked', text)
    assert re.search(rf'name="q_{q["safety"].pk}" value="4"[^>]*checked', text)
    ranking = re.search(rf'name="q_{q["priorities"].pk}_1".*?</select>', text, re.S).group(0)
    assert '<option value="1" selected>' in ranking


def test_missing_answers_show_next_to_the_question_keeping_what_was_typed(client, questionnaire):
    module, _organiser, q = questionnaire
    client.force_login(UserFactory())
    data = post_data(q, uuid.uuid4(), "submit", **{f"q_{q['trips'].pk}": []})
    response = client.post(module.get_absolute_url(), data)
    assert response.status_code == 200
    error = re.search(rf'id="id_q_{q["trips"].pk}-desc-error">(.*?)</div>', response.text, re.S)
    assert "Répondez à cette question : elle est obligatoire." in error.group(1)
    assert "Des garages à vélos dans les gares.</textarea>" in response.text
    assert Response.objects.count() == 0


def test_hidden_questions_are_ignored_on_submission(client, questionnaire):
    module, _organiser, q = questionnaire
    client.force_login(UserFactory())
    data = post_data(q, uuid.uuid4(), "submit", **{f"q_{q['rides'].pk}": "Non",
                                                   f"q_{q['trips'].pk}": []})  # fmt: skip
    assert client.post(module.get_absolute_url(), data).status_code == 302
    response = Response.objects.get()
    assert response.status == "submitted"
    assert not response.answers.filter(question=q["trips"]).exists()


def test_sending_the_same_form_twice_stores_one_response(client, questionnaire):
    module, _organiser, q = questionnaire
    client.force_login(UserFactory())
    data = post_data(q, uuid.uuid4(), "submit")
    first = client.post(module.get_absolute_url(), data, follow=True)
    second = client.post(module.get_absolute_url(), data, follow=True)
    assert "Merci ! Vos réponses ont été envoyées." in first.text
    assert "Vous avez déjà envoyé vos réponses à ce questionnaire." in second.text
    assert Response.objects.count() == 1 and Contribution.objects.count() == 1
    answers = Response.objects.get().answers
    assert answers.get(question=q["priorities"]).value == [
        "Stationnement", "Pistes cyclables", "Aides à l'achat",
    ]  # fmt: skip
    assert (
        'id="my-answers"' in second.text
        and "1. Stationnement, 2. Pistes cyclables, 3. Aides à l&#x27;achat" in second.text
    )


def test_a_ranking_with_a_repeated_rank_is_refused(client, questionnaire):
    module, _organiser, q = questionnaire
    client.force_login(UserFactory())
    data = post_data(q, uuid.uuid4(), "draft", **{f"q_{q['priorities'].pk}_2": "1"})
    response = client.post(module.get_absolute_url(), data)
    assert response.status_code == 200
    assert (
        "Classez toutes les propositions, en donnant un rang différent à chacune." in response.text
    )
    assert Response.objects.count() == 0


def test_a_rate_limited_sending_answers_429(client, questionnaire, settings):
    module, _organiser, q = questionnaire
    settings.PARTICIPATION_RATE_LIMITS = {"contribute": (0, 600), "vote": (200, 600)}
    client.force_login(UserFactory())
    response = client.post(module.get_absolute_url(), post_data(q, uuid.uuid4(), "submit"))
    assert response.status_code == 429
    assert "Des garages à vélos dans les gares.</textarea>" in response.text
    assert Response.objects.count() == 0


def test_results_are_public_once_the_organiser_opens_them(client, questionnaire):
    module, organiser, q = questionnaire
    actions.submit_response(
        module, participant=UserFactory(), idempotency_key=uuid.uuid4(),
        answers={q["rides"].pk: "Non", q["ideas"].pk: "Rien", q["safety"].pk: 2},
    )  # fmt: skip
    assert 'id="resultats"' not in client.get(module.get_absolute_url()).text
    client.force_login(organiser)
    url = reverse(
        "questionnaires:results", kwargs={"pk": module.process_id, "module_id": module.pk}
    )
    client.post(url, {"public": "1"})
    module.refresh_from_db()
    assert module.results_public is True
    client.logout()
    text = client.get(module.get_absolute_url()).text
    table = re.search(rf'id="results-question-{q["rides"].pk}".*?</table>', text, re.S).group(0)
    cells = re.findall(r"<t[hd][^>]*>\s*([^<]*?)\s*(?:<span|</t[hd]>)", table)
    assert cells[3:] == ["Oui", "0", "0&nbsp;%", "Non", "1", "100&nbsp;%"]
    assert "moyenne : 2 sur une échelle de 1 à 5" in text


def test_the_public_page_with_results_makes_a_fixed_number_of_queries(client, questionnaire):
    module, _organiser, q = questionnaire
    module.results_public = True
    module.save()

    def count() -> int:
        client.get(module.get_absolute_url())  # warm: the site configuration is kept in the cache
        with CaptureQueriesContext(connection) as queries:
            assert client.get(module.get_absolute_url()).status_code == 200
        return len(queries)

    few = count()
    for _number in range(4):
        actions.submit_response(module, participant=UserFactory(), idempotency_key=uuid.uuid4(),
                                answers={q["rides"].pk: "Non", q["ideas"].pk: "Rien"})  # fmt: skip
    assert count() == few


def workspace_url(module, name="questionnaires:questions", **kwargs) -> str:
    return reverse(name, kwargs={"pk": module.process_id, "module_id": module.pk, **kwargs})


def test_only_organisers_reach_the_question_builder(client, questionnaire):
    module, organiser, _q = questionnaire
    url = workspace_url(module)
    assert client.get(url).status_code == 302
    client.force_login(UserFactory())
    assert client.get(url).status_code == 403
    client.force_login(user_with_role(Role.AGENT))
    assert client.post(url, {"kind": "open", "text": "Intrus ?"}).status_code == 403
    assert Question.objects.count() == 5
    client.force_login(organiser)
    assert client.get(url).status_code == 200


def test_an_organiser_adds_a_conditional_question(client, questionnaire):
    module, organiser, q = questionnaire
    client.force_login(organiser)
    response = client.post(workspace_url(module), {
        "kind": "single", "text": "Avez-vous un vélo électrique ?", "help_text": "",
        "choices": "Oui\nNon\n", "required": "on", "scale_min": "", "scale_max": "",
        "scale_min_label": "", "scale_max_label": "", "condition_question": q["rides"].pk,
        "condition_values": "Oui",
    })  # fmt: skip
    assert response.status_code == 302
    added = module.questions.last()
    assert (added.position, added.choices, added.required, added.condition_values) == (
        6, ["Oui", "Non"], True, ["Oui"],
    )  # fmt: skip
    refused = client.post(workspace_url(module), {
        "kind": "ranking", "text": "Classez", "choices": "Seul", "condition_question": "",
        "condition_values": "",
    })  # fmt: skip
    assert refused.status_code == 200
    assert "Proposez au moins deux choix." in refused.text
    assert 'value="Classez"' in refused.text
    assert module.questions.count() == 6


def test_the_builder_refuses_destructive_edits_once_answered(client, questionnaire):
    module, organiser, q = questionnaire
    actions.save_draft(module, participant=UserFactory(), answers={}, idempotency_key=None)
    client.force_login(organiser)
    page = client.get(workspace_url(module))
    assert "Des participants ont déjà commencé à répondre" in page.text
    assert "Ajouter la question" not in page.text
    followed = client.post(
        workspace_url(module, "questionnaires:delete", question_id=q["ideas"].pk), follow=True
    )
    assert "Des participants ont déjà commencé à répondre" in followed.text
    assert module.questions.count() == 5
    edit_url = workspace_url(module, "questionnaires:edit", question_id=q["rides"].pk)
    changed = {"kind": "single", "text": "Vélo ?", "choices": "Oui\nNon\nParfois", "required": "on"}
    refused = client.post(edit_url, changed)
    assert refused.status_code == 200 and "Des participants ont déjà commencé" in refused.text
    q["rides"].refresh_from_db()
    assert (q["rides"].text, q["rides"].choices) == ("Utilisez-vous le vélo ?", ["Oui", "Non"])
    client.post(edit_url, {"kind": "single", "text": "Faites-vous du vélo ?", "choices": "Oui\nNon",
                           "required": "on"})  # fmt: skip
    q["rides"].refresh_from_db()
    assert q["rides"].text == "Faites-vous du vélo ?"
