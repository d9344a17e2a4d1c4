from datetime import date, timedelta

import pytest

from concerto.accounts.roles import Role
from concerto.editing import EditConflict
from concerto.processes import actions
from concerto.processes.models import Process
from tests.factories import DirectorateFactory, MinistryFactory, complete_process, user_with_role

pytestmark = pytest.mark.django_db


def agent_client(client, process):
    client.force_login(process.project_lead)
    return client


def test_a_draft_is_created_for_the_agents_ministry_with_a_unique_slug(client):
    ministry = MinistryFactory()
    agent = user_with_role(Role.AGENT, organisation=DirectorateFactory(parent=ministry))
    client.force_login(agent)
    for _ in range(2):
        response = client.post(
            "/espace/dispositifs/nouveau/", {"ministry": ministry.pk, "title": "Plan vélo"}
        )
        assert response.status_code == 302
    assert list(Process.objects.order_by("pk").values_list("slug", "status", "project_lead")) == [
        ("plan-velo", "draft", agent.pk),
        ("plan-velo-2", "draft", agent.pk),
    ]


def test_a_citizen_cannot_declare_a_process(client):
    client.force_login(user_with_role(Role.CITIZEN))
    assert client.get("/espace/dispositifs/nouveau/").status_code == 403
    assert Process.objects.count() == 0


def test_a_follow_up_after_the_decision_is_refused_and_what_was_typed_stays(client):
    process = complete_process(decision_date=date(2027, 6, 30), follow_up_date=None)
    agent_client(client, process)
    response = client.post(
        f"/espace/dispositifs/{process.pk}/etapes/suites/",
        {
            "revision": process.revision,
            "follow_up_date": "2027-07-15",
            "commitments-TOTAL_FORMS": "1",
            "commitments-INITIAL_FORMS": "0",
            "commitments-0-what": "Réponses",
            "commitments-0-who": "La ministre",
            "commitments-0-due_date": "2027-07-01",
            "commitments-0-channel": "Site",
        },
    )
    assert response.status_code == 200
    assert response.context["form"].errors == {
        "follow_up_date": [
            "Le devoir de suite doit être rendu au plus tard à la date de la décision "
            "(le 30/06/2027)."
        ]
    }
    assert 'value="2027-07-15"' in response.content.decode()
    assert 'value="Réponses"' in response.content.decode()
    process.refresh_from_db()
    assert process.follow_up_date is None


def test_participation_dates_out_of_order_are_refused(client):
    process = complete_process()
    agent_client(client, process)
    response = client.post(
        f"/espace/dispositifs/{process.pk}/etapes/methode/",
        {
            "revision": process.revision,
            "methods": ["public_consultation"],
            "participation_start": "2027-03-10",
            "participation_end": "2027-03-01",
        },
    )
    assert response.context["form"].errors["participation_end"] == [
        "La fin de la participation doit suivre son début (le 10/03/2027)."
    ]
    before = process.participation_end
    process.refresh_from_db()
    assert process.participation_end == before


def test_two_editors_saving_the_same_step_never_lose_an_update(client):
    process = complete_process()
    other = user_with_role(
        Role.AGENT, organisation=process.project_lead.memberships.first().organisation
    )
    seen = process.revision
    actions.update_process(
        process, actor=other, expected_revision=seen, fields={"decision_maker": "La ministre"}
    )
    with pytest.raises(EditConflict):
        actions.update_process(
            process, actor=process.project_lead, expected_revision=seen,
            fields={"decision_maker": "Le préfet"},
        )  # fmt: skip
    process.refresh_from_db()
    assert process.decision_maker == "La ministre"
    assert process.revision == seen + 1


def test_a_stale_form_shows_a_conflict_and_keeps_the_users_text(client):
    process = complete_process()
    stale = process.revision
    actions.update_process(
        process, actor=process.project_lead, expected_revision=stale,
        fields={"problem": "Version de ma collègue"},
    )  # fmt: skip
    agent_client(client, process)
    response = client.post(
        f"/espace/dispositifs/{process.pk}/etapes/cadrage/",
        {"revision": stale, "problem": "Ma version", "decision_date": ""},
    )
    html = response.content.decode()
    assert "a été modifié par une autre personne" in html
    assert "Ma version</textarea>" in html
    assert f'name="revision" value="{stale + 1}"' in html
    process.refresh_from_db()
    assert process.problem == "Version de ma collègue"


def test_the_submission_lists_what_is_missing_in_french():
    process = complete_process(sponsor_id=None, decision_date=None)
    referent = user_with_role(Role.REFERENT, organisation=process.ministry)
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError) as error:
        actions.submit_referral(process, actor=referent)
    assert error.value.messages == [
        "À compléter avant la saisine : le commanditaire, la date prévue de la décision."
    ]
    process.refresh_from_db()
    assert process.status == "draft" and process.versions.count() == 0


def test_the_overview_shows_the_precheck_of_the_live_description(client):
    process = complete_process(participation_end=date.today() + timedelta(days=190))
    agent_client(client, process)
    response = client.get(f"/espace/dispositifs/{process.pk}/")
    results = {r.code: r.status.value for r in response.context["precheck"].results}
    assert results["participation-before-decision"] == "at_risk"
    assert results["decision-stated"] == "met"


def test_a_commitment_records_the_number_of_answers_promised(client):
    """Issue 23: "répondre aux vingt propositions" is declared with its quantity."""
    process = complete_process(decision_date=date(2027, 9, 30), follow_up_date=None)
    agent_client(client, process)
    page = client.get(f"/espace/dispositifs/{process.pk}/etapes/suites/").content.decode()
    assert 'name="commitments-0-quantity"' in page
    response = client.post(
        f"/espace/dispositifs/{process.pk}/etapes/suites/",
        {
            "revision": process.revision,
            "follow_up_date": "2027-07-15",
            "commitments-TOTAL_FORMS": "2",
            "commitments-INITIAL_FORMS": "0",
            "commitments-0-what": "Réponse aux vingt propositions les plus soutenues",
            "commitments-0-who": "La ministre",
            "commitments-0-due_date": "2027-07-01",
            "commitments-0-channel": "Site",
            "commitments-0-quantity": "20",
            "commitments-1-what": "Synthèse",
            "commitments-1-who": "La ministre",
            "commitments-1-due_date": "2027-07-01",
            "commitments-1-channel": "Site",
            "commitments-1-quantity": "",
        },
    )
    assert response.status_code == 302
    assert list(process.commitments.order_by("pk").values_list("what", "quantity")) == [
        ("Réponse aux vingt propositions les plus soutenues", 20),
        ("Synthèse", None),
    ]
