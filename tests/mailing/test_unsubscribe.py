import pytest
from django.test import Client

from concerto.mailing import unsubscribe

pytestmark = pytest.mark.django_db


def path_of(url: str) -> str:
    return url.split("8000", 1)[-1] if "://" in url else url


def test_the_link_shows_one_button_and_the_click_unsubscribes(client, letter):
    url = path_of(unsubscribe.unsubscribe_url("Ana@Exemple.fr", "test-letter"))
    page = client.get(url)
    assert page.status_code == 200
    assert "L'adresse ana@exemple.fr reçoit : la lettre de test." in page.text
    assert letter.unsubscribed == []  # opening the link (a link scanner) changes nothing
    answer = client.post(url)
    assert answer.status_code == 302
    assert letter.unsubscribed == [("ana@exemple.fr", "test-letter")]
    done = client.get(answer.url)
    assert "ana@exemple.fr ne recevra plus : la lettre de test." in done.text


def test_a_mail_client_one_click_post_without_csrf_token_unsubscribes(letter):
    url = path_of(unsubscribe.unsubscribe_url("ana@exemple.fr", "test-letter"))
    answer = Client(enforce_csrf_checks=True).post(url, {"List-Unsubscribe": "One-Click"})
    assert answer.status_code == 204
    assert letter.unsubscribed == [("ana@exemple.fr", "test-letter")]


@pytest.mark.parametrize("tamper", ["address", "signature"])
def test_an_altered_link_is_refused_and_changes_nothing(client, letter, tamper):
    token = unsubscribe.unsubscribe_token("ana@exemple.fr", "test-letter")
    if tamper == "signature":
        token = token[:-2] + ("AA" if not token.endswith("AA") else "BB")
    else:
        token = unsubscribe.unsubscribe_token("bo@exemple.fr", "test-letter").split(":")[0] + (
            ":" + token.split(":")[1]
        )
    for answer in (
        client.get(f"/courriels/desabonnement/{token}/"),
        client.post(f"/courriels/desabonnement/{token}/"),
    ):
        assert answer.status_code == 404
        assert "Lien non valable" in answer.text
    assert letter.unsubscribed == []


def test_a_link_for_a_scope_nobody_registered_is_refused(client, letter):
    token = unsubscribe.unsubscribe_token("ana@exemple.fr", "inconnu")
    assert client.post(f"/courriels/desabonnement/{token}/").status_code == 404


def test_the_preferences_page_lists_every_scope_and_unsubscribes_from_one(client, letter):
    url = path_of(unsubscribe.preferences_url("ana@exemple.fr"))
    page = client.get(url)
    assert page.status_code == 200
    assert "la lettre de test" in page.text and "Abonné" in page.text
    assert client.post(url, {"scope": "test-letter"}).status_code == 302
    assert letter.unsubscribed == [("ana@exemple.fr", "test-letter")]
    assert "Désabonné" in client.get(url).text
