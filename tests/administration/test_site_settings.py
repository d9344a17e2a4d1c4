"""The site's settings from the administration space (issue 22): a notice on every page,
changed by an administrator with a reason kept in the activity log, shown as text, never
as HTML; a stale or incomplete form, or anyone else, changes nothing."""

import pytest
from django.urls import reverse
from dsfr.models import DsfrConfig

from concerto.accounts.roles import Role
from concerto.activity.models import Entry
from tests.factories import user_with_role

pytestmark = pytest.mark.django_db
URL = reverse("administration:site_settings")


def _form(client) -> dict:
    """The form as the page shows it, every field with its value."""
    form = client.get(URL).context["form"]
    data = {name: value for name, value in form.initial.items() if value is not None}
    return data


def test_a_notice_is_shown_on_every_page_as_text_and_logged(client):
    advisor = user_with_role(Role.ADMINISTRATOR)
    client.force_login(advisor)
    data = _form(client)
    notice = "Maintenance le 12 mars <script>alert(1)</script>"
    response = client.post(
        URL, {**data, "notice_title": notice, "notice_type": "info", "reason": "Mise à jour"}
    )
    assert response.status_code == 302 and response.url == URL
    assert DsfrConfig.objects.get(language="fr").notice_title == notice
    home = client.get("/").content.decode()
    assert "Maintenance le 12 mars &lt;script&gt;alert(1)&lt;/script&gt;" in home
    assert "<script>alert(1)" not in home
    entry = Entry.objects.get()
    assert (entry.actor, entry.action, entry.reason) == (
        advisor, "administration.update", "Mise à jour"
    )  # fmt: skip
    assert entry.changes == {"Titre du bandeau": ["", notice]}
    page = client.get(URL)
    assert page.context["title"] == "Paramètres du site"
    assert [e.pk for e in page.context["history"]] == [entry.pk]
    assert page.context["delete_form"] is None


def test_without_a_reason_or_on_a_stale_form_nothing_changes(client):
    client.force_login(user_with_role(Role.ADMINISTRATOR))
    data = _form(client)
    response = client.post(URL, {**data, "notice_title": "Bandeau"})
    assert response.status_code == 200
    assert response.context["form"].errors["reason"] == [
        "Indiquez le motif : il est gardé dans le journal."
    ]
    # What was typed stays in the form.
    assert response.context["form"]["notice_title"].value() == "Bandeau"
    client.post(URL, {**data, "notice_description": "Nouveau texte", "reason": "Une"})
    stale = client.post(URL, {**data, "notice_title": "Bandeau", "reason": "Deux"})
    assert stale.status_code == 200
    assert "modifié" in str(stale.context["form"].non_field_errors())
    config = DsfrConfig.objects.get(language="fr")
    assert (config.notice_description, config.notice_title) == ("Nouveau texte", "")
    assert Entry.objects.count() == 1


@pytest.mark.parametrize("role", [Role.AGENT, Role.CIPC_ADVISOR])
def test_the_page_is_the_administrators_only(client, role):
    client.force_login(user_with_role(role))
    assert client.get(URL).status_code == 403
    response = client.post(URL, {"notice_title": "Piraté", "reason": "x"})
    assert response.status_code == 403
    assert not DsfrConfig.objects.filter(notice_title="Piraté").exists()
    assert "Paramètres du site" not in client.get("/tableau-de-bord/").content.decode()
