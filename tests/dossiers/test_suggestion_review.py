"""A suggested source goes to the organisers: it is public (API, open data) only once they
accept it (issue #21, finding 6)."""

import uuid

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client

from concerto.dossiers import actions
from concerto.dossiers.models import SourceReview
from concerto.notifications.models import Notification
from concerto.opendata.queries import public_contributions
from concerto.participation.models import Contribution, ContributionKind
from tests.factories import UserFactory, open_module

pytestmark = pytest.mark.django_db


def suggestion_state():
    module, organiser = open_module("dossier")
    citizen = UserFactory()
    suggestion, _created = actions.suggest_source(
        module, author=citizen, title="Rapport de l'ADEME", url="https://ademe.fr/velo",
        why="Il chiffre les bénéfices pour la santé.", idempotency_key=uuid.uuid4(),
    )  # fmt: skip
    proposals, _ = open_module("proposals", process=module.process, title="Idées")
    proposal = Contribution.objects.create(
        module=proposals, kind=ContributionKind.PROPOSAL, author=citizen, body="Des pistes."
    )
    return module, organiser, citizen, suggestion, proposal


def api_ids(client) -> list[int]:
    return [item["id"] for item in client.get("/api/v1/contributions/").json()["results"]]


def test_a_pending_suggestion_is_neither_in_the_api_nor_in_the_open_data():
    module, _organiser, _citizen, suggestion, proposal = suggestion_state()
    client = Client()
    assert api_ids(client) == [proposal.pk]
    assert client.get(f"/api/v1/contributions/{suggestion.pk}/").status_code == 404
    assert list(public_contributions().values_list("pk", flat=True)) == [proposal.pk]


def test_an_accepted_suggestion_is_published_and_its_author_told():
    module, organiser, citizen, suggestion, proposal = suggestion_state()
    review = actions.review_suggestion(suggestion, actor=organiser, decision="accepted")
    assert (review.decision, review.actor, review.contribution) == (
        "accepted", organiser, suggestion,
    )  # fmt: skip
    assert sorted(api_ids(Client())) == sorted([proposal.pk, suggestion.pk])
    assert list(Notification.objects.filter(recipient=citizen).values_list("subject", "body")) == [
        (
            "Votre suggestion de source a été retenue",
            f"Les organisateurs du dossier « {module.title} » ont lu votre suggestion "
            "« Rapport de l'ADEME ».",
        )
    ]
    # Declined afterwards: the latest decision wins, and it leaves the public data again.
    actions.review_suggestion(suggestion, actor=organiser, decision="declined")
    assert api_ids(Client()) == [proposal.pk]
    assert list(SourceReview.objects.values_list("decision", flat=True)) == [
        "declined", "accepted",
    ]  # fmt: skip


def test_only_the_organisers_decide_and_only_on_suggestions():
    _module, organiser, citizen, suggestion, proposal = suggestion_state()
    for actor in (citizen, UserFactory()):
        with pytest.raises(PermissionDenied):
            actions.review_suggestion(suggestion, actor=actor, decision="accepted")
    with pytest.raises(PermissionDenied):
        actions.review_suggestion(proposal, actor=organiser, decision="accepted")
    with pytest.raises(ValidationError) as error:
        actions.review_suggestion(suggestion, actor=organiser, decision="publiée")
    assert error.value.message_dict == {"decision": ["Choisissez de retenir ou non cette source."]}
    assert SourceReview.objects.count() == 0
    assert Notification.objects.filter(recipient=citizen).count() == 0
    assert api_ids(Client()) == [proposal.pk]


def test_the_workspace_shows_pending_suggestions_and_records_the_decision(client):
    module, organiser, citizen, suggestion, _proposal = suggestion_state()
    client.force_login(organiser)
    url = f"/espace/dispositifs/{module.process_id}/modules/{module.pk}/documents/"
    page = client.get(url).content.decode()
    assert "En attente" in page
    assert f"suggestions/{suggestion.pk}/decision/" in page
    response = client.post(f"{url}suggestions/{suggestion.pk}/decision/", {"decision": "accepted"})
    assert response.status_code == 302 and response["Location"] == f"{url}#suggestions"
    assert list(SourceReview.objects.values_list("decision", "actor")) == [
        ("accepted", organiser.pk)
    ]
    assert "Source retenue : elle est désormais publique." in client.get(url).content.decode()
    client.force_login(citizen)
    refused = client.post(f"{url}suggestions/{suggestion.pk}/decision/", {"decision": "declined"})
    assert refused.status_code in (403, 404)
    assert SourceReview.objects.count() == 1
