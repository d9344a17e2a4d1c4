import pytest
from django.test import Client

from concerto.followup import actions
from concerto.followup.models import Answer, AnswerLevel
from concerto.participation.models import Contribution, ContributionKind
from tests.factories import PASSWORD
from tests.followup.conftest import status

pytestmark = pytest.mark.django_db


def publish(closed, contributions):
    answer = actions.save_answer(
        closed.process,
        actor=closed.sponsor,
        fields={"level": AnswerLevel.PROPOSAL, "status": status("retained"), "text": "Oui."},
        contributions=contributions,
    )
    actions.publish_answers(closed.process, actor=closed.sponsor)
    return answer


def test_public_page_query_count_does_not_grow(closed, django_assert_max_num_queries):
    for proposal in closed.proposals:
        publish(closed, [proposal])
    with django_assert_max_num_queries(22):
        response = Client().get(f"/dispositifs/{closed.process.slug}/suites/")
    assert response.status_code == 200
    assert response.content.decode().count('<section class="fr-mb-6w" id="reponse-') == 3


def test_public_page_signs_proposals_by_initials_and_never_questionnaire_answers(closed):
    citizen = closed.citizens[0]
    citizen.first_name, citizen.last_name = "Camille", "Quennevilliers"
    citizen.save()
    answer = Contribution.objects.create(
        module=closed.module, kind=ContributionKind.ANSWER, author=citizen,
        title="Vos idées ?", body="Des garages à vélos.",
    )  # fmt: skip
    publish(closed, [closed.proposals[0], answer])
    text = Client().get(f"/dispositifs/{closed.process.slug}/suites/").content.decode()
    item = f'<li id="contribution-{closed.proposals[0].pk}">'
    assert text.split(item)[1].split("</li>")[0].endswith("</a> — Camille Q.")
    assert text.split(f'<li id="contribution-{answer.pk}">')[1].split("</li>")[0] == "Vos idées ?"
    assert "Quennevilliers" not in text


def test_citizen_cannot_post_an_answer(closed):
    client = Client()
    client.login(email=closed.citizens[0].email, password=PASSWORD)
    response = client.post(
        f"/espace/dispositifs/{closed.process.pk}/suites/reponses/nouvelle/",
        {"level": "proposal", "status": status("retained").pk, "text": "Pirate",
         "contributions": [closed.proposals[0].pk]},
    )  # fmt: skip
    assert response.status_code == 404
    assert Answer.objects.count() == 0


def test_figures_csv(closed):
    publish(closed, closed.proposals[:1])
    response = Client().get("/suivi/suivi.csv")
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    lines = response.getvalue().decode().splitlines()
    assert lines[0] == (
        "ministere,dispositifs_clos,suites_dues,rendues_a_temps,rendues_en_retard,"
        "non_rendues,contributions,contributions_couvertes,taux_de_suite"
    )
    assert lines[1] == f"{closed.process.ministry.name},1,1,1,0,0,3,1,33.3"


def test_feeds_list_published_answers(closed):
    publish(closed, closed.proposals[:1])
    state = Client().get("/suivi/flux.atom").content.decode()
    process = Client().get(f"/dispositifs/{closed.process.slug}/suites/flux.atom").content.decode()
    for feed in (state, process):
        assert "Concertation sur le plan vélo — Proposition 1 (Retenue)" in feed


def test_contribution_include_links_to_its_answer(closed):
    from django.template.loader import render_to_string

    answer = publish(closed, closed.proposals[:1])
    html = render_to_string(
        "followup/includes/contribution_answer.html", {"contribution": closed.proposals[0]}
    )
    assert answer.get_absolute_url() in html and "Retenue" in html
    other = Contribution.objects.get(pk=closed.proposals[1].pk)
    assert (
        render_to_string(
            "followup/includes/contribution_answer.html", {"contribution": other}
        ).strip()
        == ""
    )


def test_the_new_answer_form_posted_twice_creates_one_answer(closed):
    """A double click, or a retry after a timeout, posts the same form again."""
    client = Client()
    client.force_login(closed.sponsor)
    url = f"/espace/dispositifs/{closed.process.pk}/suites/reponses/nouvelle/"
    form = client.get(url, {"contribution": closed.proposals[0].pk}).context["form"]
    key = form.initial["idempotency_key"]
    data = {"level": "proposal", "status": status("retained").pk, "text": "Oui.",
            "contributions": [closed.proposals[0].pk], "idempotency_key": key}  # fmt: skip
    first = client.post(url, data)
    second = client.post(url, {**data, "text": "Oui, deux fois."})
    assert first.status_code == second.status_code == 302
    (answer,) = Answer.objects.filter(process=closed.process)
    assert (answer.text, answer.idempotency_key) == ("Oui.", key)
    assert list(answer.contributions.values_list("pk", flat=True)) == [closed.proposals[0].pk]
    # Another form (another key) is another answer.
    other = client.get(url).context["form"].initial["idempotency_key"]
    assert other != key
    client.post(url, {**data, "idempotency_key": other, "text": "Une autre."})
    assert Answer.objects.filter(process=closed.process).count() == 2
