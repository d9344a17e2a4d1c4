"""CIPC advisors edit the resource centre in Wagtail: drafts, publication, revisions."""

import pytest
from django.core.exceptions import PermissionDenied
from django.test import Client
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

from concerto.accounts.roles import Role
from concerto.resources.actions import publish_faq_entry
from concerto.resources.models import FaqEntryPage, GuideSheetPage
from tests.factories import user_with_role
from tests.resources.helpers import sheet, theme

pytestmark = pytest.mark.django_db


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _sheet_form(title: str, **extra) -> dict:
    return nested_form_data(
        {
            "title": title,
            "slug": "decision",
            "summary": "Nouvelle version du résumé.",
            "body": rich_text("<p>Nouveau contenu.</p>"),
            "key_points": "",
            "comments": inline_formset([]),
            **extra,
        }
    )


def test_cipc_advisor_saves_a_draft_then_publishes_it():
    advisor = user_with_role(Role.CIPC_ADVISOR)
    page = sheet()
    client = _client(advisor)
    assert client.get("/cms/").status_code == 200

    response = client.post(f"/cms/pages/{page.pk}/edit/", _sheet_form("Titre en brouillon"))
    assert response.status_code == 302
    page.refresh_from_db()
    assert page.title == "Définir la décision en jeu"  # the live version is untouched
    assert page.has_unpublished_changes is True
    assert Client().get(page.url).content.decode().count("Titre en brouillon") == 0

    response = client.post(
        f"/cms/pages/{page.pk}/edit/", _sheet_form("Titre publié", **{"action-publish": "1"})
    )
    assert response.status_code == 302
    page = GuideSheetPage.objects.get(pk=page.pk)
    assert page.title == "Titre publié"
    assert page.summary == "Nouvelle version du résumé."
    assert page.revisions.count() == 3  # creation, draft, publication
    assert "Titre publié" in Client().get(page.url).content.decode()


def test_scheduled_publication_waits_for_its_date():
    advisor = user_with_role(Role.CIPC_ADVISOR)
    page = sheet()
    response = _client(advisor).post(
        f"/cms/pages/{page.pk}/edit/",
        _sheet_form("Plus tard", go_live_at="2099-01-01 09:00", **{"action-publish": "1"}),
    )
    assert response.status_code == 302
    page.refresh_from_db()
    assert page.title == "Définir la décision en jeu"
    assert page.scheduled_revision.approved_go_live_at.year == 2099


def test_agents_and_citizens_cannot_open_the_editor():
    for role in (Role.AGENT, Role.CITIZEN):
        client = _client(user_with_role(role))
        response = client.get("/cms/")
        assert response.status_code == 302
        # Wagtail's door refuses them: a 403 page, not a way back to sign-in (a loop).
        assert client.get(response["Location"]).status_code == 403
    assert Client().get("/cms/")["Location"] == "/cms/login/?next=/cms/"


def test_only_resource_editors_publish_faq_entries():
    with pytest.raises(PermissionDenied):
        publish_faq_entry(
            actor=user_with_role(Role.AGENT), question="Q ?", answer_html="<p>R</p>", theme=theme()
        )
    assert FaqEntryPage.objects.count() == 0

    entry = publish_faq_entry(
        actor=user_with_role(Role.CIPC_ADVISOR),
        question="Q ?",
        answer_html="<p>R</p>",
        theme=theme(),
    )
    assert entry.live is True
    assert entry.url == "/ressources/faq/q/"


def test_the_editor_speaks_french_and_leads_back_to_the_site():
    from wagtail.models import Task, Workflow

    names = {*Workflow.objects.values_list("name", flat=True),
             *Task.objects.values_list("name", flat=True)}  # fmt: skip
    assert names == {"relecture avant publication"}
    client = _client(user_with_role(Role.CIPC_ADVISOR))
    html = client.get("/cms/").content.decode()
    assert "Retour au site" in html
    assert "Moderators" not in html
