"""Recommendations: numbered by the organiser, answered in the devoir de suite."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.template import Context, Template

from concerto.followup import actions as followup_actions
from concerto.followup.models import Answer, AnswerStatus
from concerto.panels import actions, recommendations
from concerto.panels.models import Recommendation
from tests.followup.conftest import ensure_statuses
from tests.panels.helpers import closed_process_with_panel, drawn_panel, other_user, ready_panel

pytestmark = pytest.mark.django_db


def test_recommendations_are_numbered_in_order():
    panel, referent = ready_panel()
    with pytest.raises(ValidationError):
        recommendations.add_recommendation(panel, actor=referent, text="Trop tôt")
    panel, referent, _draw = drawn_panel()
    first = recommendations.add_recommendation(panel, actor=referent, text=" Des pistes. ")
    second = recommendations.add_recommendation(panel, actor=referent, text="Des arceaux.")
    assert [(r.number, r.text) for r in panel.recommendations.all()] == [
        (1, "Des pistes."),
        (2, "Des arceaux."),
    ]
    assert str(first) == "Recommandation n° 1"
    assert second.target == "Recommandation n° 2 — Panel citoyen vélo"
    refusals = [("  ", "Rédigez la recommandation."),
                ("Des pistes.", "Cette recommandation est déjà enregistrée.")]  # fmt: skip
    for text, message in refusals:
        with pytest.raises(ValidationError) as error:
            recommendations.add_recommendation(panel, actor=referent, text=text)
        assert error.value.message_dict == {"text": [message]}
    with pytest.raises(PermissionDenied):
        recommendations.add_recommendation(panel, actor=other_user(), text="Autre")
    assert Recommendation.objects.count() == 2


def answer_fields(code="retained", text="Nous le ferons en 2027."):
    ensure_statuses()
    return {"status": AnswerStatus.objects.get(code=code), "text": text}


def test_answering_goes_through_the_followup_and_never_duplicates():
    panel, referent = closed_process_with_panel()
    recommendation = recommendations.add_recommendation(panel, actor=referent, text="Des pistes.")
    sponsor = panel.process.sponsor
    answer = recommendations.answer_recommendation(
        recommendation, actor=sponsor, fields=answer_fields()
    )
    recommendation.refresh_from_db()
    assert recommendation.answer == answer
    assert (answer.level, answer.target, answer.text, answer.published_at) == (
        "recommendation",
        "Recommandation n° 1 — Panel citoyen vélo",
        "Nous le ferons en 2027.",
        None,
    )
    again = recommendations.answer_recommendation(
        recommendation, actor=sponsor, fields=answer_fields(text="Dès 2026.")
    )
    assert again.pk == answer.pk
    assert Answer.objects.get().text == "Dès 2026."
    followup_actions.publish_answers(panel.process, actor=sponsor)
    with pytest.raises(ValidationError):
        recommendations.answer_recommendation(recommendation, actor=sponsor, fields=answer_fields())
    assert Answer.objects.count() == 1


def test_answers_wait_for_the_followup_period():
    panel, referent, _draw = drawn_panel()
    recommendation = recommendations.add_recommendation(panel, actor=referent, text="Des pistes.")
    with pytest.raises(PermissionDenied):
        recommendations.answer_recommendation(
            recommendation, actor=panel.process.sponsor, fields=answer_fields()
        )
    assert Answer.objects.count() == 0


def test_followup_workspace_lists_recommendations_waiting_for_an_answer(client):
    panel, referent = closed_process_with_panel()
    first = recommendations.add_recommendation(panel, actor=referent, text="Des pistes.")
    recommendations.add_recommendation(panel, actor=referent, text="Des arceaux.")
    recommendations.answer_recommendation(
        first, actor=panel.process.sponsor, fields=answer_fields()
    )
    rendered = Template(
        "{% load panel_tags %}{% pending_recommendations process as p %}"
        "{% for r in p %}{{ r.number }};{% endfor %}"
    ).render(Context({"process": panel.process}))
    assert rendered == "2;"
    client.force_login(panel.process.sponsor)
    html = client.get(f"/espace/dispositifs/{panel.process_id}/suites/").content.decode()
    assert "Recommandations des panels citoyens à traiter" in html
    assert "Recommandation n° 2" in html
    assert (
        f"/espace/dispositifs/{panel.process_id}/panels/{panel.pk}/recommandations/"
        f"{first.pk + 1}/reponse/" in html
    )


def test_public_page_shows_each_recommendation_and_its_answer_status(
    client, django_assert_max_num_queries
):
    panel, referent = closed_process_with_panel()
    first = recommendations.add_recommendation(panel, actor=referent, text="Des pistes.")
    recommendations.add_recommendation(panel, actor=referent, text="Des arceaux.")
    actions.publish_panel(panel, actor=referent)
    sponsor = panel.process.sponsor
    answer = recommendations.answer_recommendation(first, actor=sponsor, fields=answer_fields())
    html = client.get(panel.get_absolute_url()).content.decode()
    assert html.count("En attente de réponse") == 2  # A draft answer is not public.
    followup_actions.publish_answers(panel.process, actor=sponsor)
    with django_assert_max_num_queries(13):
        html = client.get(panel.get_absolute_url()).content.decode()
    assert "Des pistes." in html and "Des arceaux." in html
    assert html.count("En attente de réponse") == 1
    assert AnswerStatus.objects.get(code="retained").label in html
    assert f"/dispositifs/{panel.process.slug}/suites/reponses/{answer.pk}/" in html
