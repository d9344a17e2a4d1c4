"""The public dossier, suggesting a source, and the organisers' page."""

import re
import uuid
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from concerto.accounts.roles import Role
from concerto.dossiers import actions
from concerto.participation.actions import create_module
from concerto.participation.models import Contribution, ContributionKind
from tests.factories import UserFactory, complete_process, open_module, user_with_role

pytestmark = pytest.mark.django_db


@pytest.fixture
def dossier():
    module, organiser = open_module("dossier", title="Dossier du plan vélo")
    actions.add_document(
        module, actor=organiser, title="Étude d'impact", source="DGITM", viewpoint="administration",
        summary="Les effets attendus.", body="Premier paragraphe.\n\nSecond paragraphe.",
    )  # fmt: skip
    actions.add_document(
        module, actor=organiser, title="Contre-expertise", source="Fédération des usagers",
        viewpoint="association d'usagers", contradictory=True,
    )  # fmt: skip
    return module, organiser


def workspace_url(module, name="dossiers:documents", **kwargs) -> str:
    return reverse(name, kwargs={"pk": module.process_id, "module_id": module.pk, **kwargs})


def test_the_public_page_lists_documents_and_marks_contradictory_ones(client, dossier):
    module, _organiser = dossier
    response = client.get(f"/dispositifs/{module.process.slug}/dossier/{module.pk}/")
    assert response.status_code == 200
    titles = re.findall(r'<h3 class="fr-card__title"><a href="[^"]+">([^<]+)</a>', response.text)
    assert titles == ["Étude d&#x27;impact", "Contre-expertise"]
    assert response.text.count("Point de vue contradictoire</p>") == 1
    assert (
        "Ce dossier rassemble 2 documents, dont 1 présentant un point de vue contradictoire."
        in response.text
    )
    assert "Se connecter pour suggérer une source" in response.text


def query_count(client, url: str) -> int:
    client.get(url)  # warm: the site configuration is kept in the cache
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_the_public_page_makes_a_fixed_number_of_queries(client, dossier):
    module, organiser = dossier
    client.force_login(UserFactory())
    few = query_count(client, module.get_absolute_url())
    for number in range(5):
        actions.add_document(module, actor=organiser, title=f"Note {number}", source="CNDP")
    # module with its process, session, user, memberships, ban, documents, DSFR settings
    assert query_count(client, module.get_absolute_url()) == few <= 7


def test_a_document_reads_in_full(client, dossier):
    module, _organiser = dossier
    document = module.documents.get(title="Étude d'impact")
    response = client.get(document.get_absolute_url())
    assert response.status_code == 200
    assert "<p>Premier paragraphe.</p>\n\n<p>Second paragraphe.</p>" in response.text
    assert "Source : DGITM" in response.text
    other, organiser = open_module("dossier")
    foreign = actions.add_document(other, actor=organiser, title="Ailleurs", source="X")
    url = f"/dispositifs/{module.process.slug}/dossier/{module.pk}/documents/{foreign.pk}/"
    assert client.get(url).status_code == 404


def test_a_module_of_an_unpublished_process_or_another_kind_is_not_found(client, dossier):
    module, _organiser = dossier
    assert (
        client.get(f"/dispositifs/{module.process.slug}/questionnaire/{module.pk}/").status_code
        == 404
    )
    draft = complete_process(title="Projet en préparation")
    hidden = create_module(
        draft, actor=draft.project_lead, kind="dossier", title="Dossier",
        opens_on=module.opens_on, closes_on=module.closes_on,
    )  # fmt: skip
    assert client.get(hidden.get_absolute_url()).status_code == 404


def test_a_citizen_suggests_a_source_and_a_retry_stores_one(client, dossier):
    module, _organiser = dossier
    citizen = UserFactory()
    client.force_login(citizen)
    url = reverse("dossiers:suggest", kwargs={"slug": module.process.slug, "module_id": module.pk})
    page = client.get(url)
    assert page.status_code == 200 and 'name="idempotency_key"' in page.text
    data = {
        "idempotency_key": str(uuid.uuid4()),
        "title": "Rapport de l'ADEME",
        "url": "https://ademe.fr/velo",
        "why": "Il chiffre les bénéfices pour la santé.",
    }
    first = client.post(url, data, follow=True)
    second = client.post(url, data, follow=True)
    assert first.redirect_chain == [(module.get_absolute_url(), 302)]
    assert "Merci : votre suggestion de source est transmise aux organisateurs." in first.text
    assert "Votre suggestion de source avait déjà été enregistrée." in second.text
    suggestion = Contribution.objects.get()
    assert (suggestion.kind, suggestion.author, suggestion.title) == (
        ContributionKind.SOURCE_SUGGESTION, citizen, "Rapport de l'ADEME",
    )  # fmt: skip


def test_a_suggestion_without_reason_keeps_what_was_typed(client, dossier):
    module, _organiser = dossier
    client.force_login(UserFactory())
    url = reverse("dossiers:suggest", kwargs={"slug": module.process.slug, "module_id": module.pk})
    response = client.post(
        url, {"idempotency_key": str(uuid.uuid4()), "title": "Rapport oublié", "url": "", "why": ""}
    )
    assert response.status_code == 200
    assert 'value="Rapport oublié"' in response.text
    assert "Ce champ est obligatoire." in response.text
    assert Contribution.objects.count() == 0


def test_rate_limited_suggestions_answer_429_and_keep_the_text(client, dossier, settings):
    module, _organiser = dossier
    settings.PARTICIPATION_RATE_LIMITS = {"contribute": (1, 600), "vote": (200, 600)}
    client.force_login(UserFactory())
    url = reverse("dossiers:suggest", kwargs={"slug": module.process.slug, "module_id": module.pk})
    for number in range(2):
        response = client.post(url, {
            "idempotency_key": str(uuid.uuid4()), "title": f"Rapport {number}", "url": "",
            "why": "Une source utile.",
        })  # fmt: skip
    assert response.status_code == 429
    assert "Vous avez envoyé beaucoup de contributions en peu de temps" in response.text
    assert 'value="Rapport 1"' in response.text
    assert Contribution.objects.count() == 1


def test_organisers_see_suggestions_others_are_refused(client, dossier):
    module, organiser = dossier
    actions.suggest_source(
        module, author=UserFactory(first_name="Inès", last_name="Martin"), title="Rapport ADEME",
        url="https://ademe.fr/velo", why="Chiffres de santé.", idempotency_key=uuid.uuid4(),
    )  # fmt: skip
    url = workspace_url(module)
    assert client.get(url).status_code == 302  # sign in first
    client.force_login(UserFactory())
    assert client.get(url).status_code == 403
    client.force_login(user_with_role(Role.AGENT))
    assert client.get(url).status_code == 403
    client.force_login(organiser)
    response = client.get(url)
    assert response.status_code == 200
    # Signed as on public pages: the first name and the last name's initial.
    assert "Rapport ADEME" in response.text and "Inès M." in response.text
    assert 'href="https://ademe.fr/velo"' in response.text


def test_an_organiser_adds_and_edits_a_document_from_the_workspace(client, dossier):
    module, organiser = dossier
    client.force_login(organiser)
    response = client.post(
        workspace_url(module),
        {
            "title": "Avis de l'Autorité environnementale",
            "source": "Autorité environnementale",
            "viewpoint": "autorité indépendante",
            "contradictory": "on",
            "summary": "",
            "body": "Texte.",
            "url": "",
        },
    )
    assert response.status_code == 302
    added = module.documents.get(position=3)
    assert (added.title, added.contradictory, added.viewpoint) == (
        "Avis de l'Autorité environnementale", True, "autorité indépendante",
    )  # fmt: skip
    edit_url = workspace_url(module, "dossiers:edit", document_id=added.pk)
    assert client.get(edit_url).status_code == 200
    client.post(edit_url, {"title": "Avis de l'AE", "source": "AE", "viewpoint": "", "summary": "",
                           "body": "", "url": ""})  # fmt: skip
    added.refresh_from_db()
    assert (added.title, added.contradictory) == ("Avis de l'AE", False)
    client.post(workspace_url(module, "dossiers:move", document_id=added.pk), {"direction": "up"})
    assert list(module.documents.values_list("position", flat=True).filter(pk=added.pk)) == [2]


def test_a_workspace_page_of_a_hidden_process_is_not_found(client):
    draft = complete_process(title="Projet en préparation")
    module = create_module(
        draft, actor=draft.project_lead, kind="dossier", title="Dossier",
        opens_on=draft.participation_start, closes_on=draft.participation_start + timedelta(days=9),
    )  # fmt: skip
    client.force_login(user_with_role(Role.AGENT))
    assert client.get(workspace_url(module)).status_code == 404
