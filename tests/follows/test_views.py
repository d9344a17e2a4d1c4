"""The follow button, « Mes abonnements » and the preferences page, through HTTP."""

import re

import pytest
from django.test import Client

from concerto.follows import actions
from concerto.follows.models import Follow, Preferences, TargetKind

pytestmark = pytest.mark.django_db

FREQUENCIES = {
    "answer": "daily", "proposal": "weekly", "module": "never", "process": "immediate",
    "late": "weekly",
}  # fmt: skip


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def data_for(theme) -> dict:
    return {"kind": "theme", "target_id": theme.pk, "state": "on"}


def test_the_process_page_shows_the_button_with_its_state(world):
    client = signed_in(world.follower)
    url = world.process.get_absolute_url()
    page = client.get(url).content.decode()
    assert 'aria-pressed="false">Suivre<span class="fr-sr-only"> Concertation sur le plan vélo' in (
        page
    )
    data = {"kind": "process", "target_id": world.process.pk, "state": "on", "next": url}
    # A double click: two identical posts, one follow.
    assert client.post("/abonnements/suivre/", data).url == url
    assert client.post("/abonnements/suivre/", data).url == url
    assert list(
        Follow.objects.filter(user=world.follower).values_list("target_kind", flat=True)
    ) == ["process"]
    page = client.get(url).content.decode()
    assert 'aria-pressed="true">Suivi ✓ — ne plus suivre' in page


def test_visitors_are_asked_to_sign_in_to_follow(world):
    page = Client().get(world.process.get_absolute_url()).content.decode()
    assert f'href="/connexion/?next=/dispositifs/{world.process.slug}/"' in page
    response = Client().post(
        "/abonnements/suivre/", {"kind": "process", "target_id": world.process.pk, "state": "on"}
    )
    assert response.status_code == 302 and response.url.startswith("/connexion/")
    assert Follow.objects.filter(target_kind="process", target_id=world.process.pk).count() == 3


def test_a_forged_button_is_refused_and_changes_nothing(world):
    client = signed_in(world.follower)
    bad = client.post("/abonnements/suivre/", {"kind": "process", "target_id": "abc"})
    assert bad.status_code == 400
    assert "Ce bouton ne désigne rien à suivre." in bad.content.decode()
    hidden = client.post("/abonnements/suivre/", {"kind": "process", "target_id": 987654,
                                                   "state": "on"})  # fmt: skip
    assert hidden.status_code == 404
    offsite = client.post("/abonnements/suivre/", {
        "kind": "theme", "target_id": world.theme.pk, "state": "on",
        "next": "https://ailleurs.example/"})  # fmt: skip
    assert offsite.url == f"/dispositifs/?theme={world.theme.slug}"
    word = client.post("/abonnements/suivre/", {**data_for(world.theme), "next": "99999"})
    assert word.url == f"/dispositifs/?theme={world.theme.slug}"
    assert list(
        Follow.objects.filter(user=world.follower).values_list("target_kind", flat=True)
    ) == ["theme"]


def test_my_follows_list_each_with_one_unfollow_button_and_the_feed(world):
    actions.follow(world.follower, TargetKind.PROCESS, world.process.pk)
    actions.follow(world.follower, TargetKind.FOLLOWUP, 0)
    client = signed_in(world.follower)
    page = client.get("/mon-compte/abonnements/").content.decode()
    assert page.count(">Ne plus suivre<") == 2
    assert "Le devoir de suite de l&#x27;État" in page
    assert "La participation est close." in page
    data = {"kind": "followup", "target_id": 0, "state": "off", "next": "/mon-compte/abonnements/"}
    response = client.post("/abonnements/suivre/", data)
    assert response.url == "/mon-compte/abonnements/"
    assert list(world.follower.follows.values_list("target_kind", flat=True)) == ["process"]


def test_the_theme_filter_offers_to_follow_the_theme(world):
    page = signed_in(world.follower).get(f"/dispositifs/?theme={world.theme.slug}")
    assert (
        "Être prévenu de ce qui change dans les dispositifs du thème « Transports et mobilités »"
        in (page.content.decode())
    )
    bad = signed_in(world.follower).get("/dispositifs/?theme=inconnu")
    assert bad.status_code == 200 and "Être prévenu" not in bad.content.decode()


def test_preferences_are_saved_and_bad_input_keeps_what_was_typed(world):
    client = signed_in(world.follower)
    page = client.get("/mon-compte/notifications/").content.decode()
    assert "Suivre automatiquement ce à quoi je contribue" in page
    wrong = client.post("/mon-compte/notifications/", {**FREQUENCIES, "answer": "hourly"})
    assert wrong.status_code == 400
    assert Preferences.objects.filter(user=world.follower).count() == 0
    html = wrong.content.decode()
    # What was typed stays: the process row still says "immediate", the error is by "answer".
    checked = re.findall(r'<input type="radio" name="(\w+)" value="(\w+)"[^>]*checked', html)
    assert sorted(checked) == [("late", "weekly"), ("module", "never"), ("process", "immediate"),
                               ("proposal", "weekly")]  # fmt: skip
    assert "Sélectionnez un choix valide" in html
    response = client.post("/mon-compte/notifications/", FREQUENCIES)
    assert response.url == "/mon-compte/notifications/"
    saved = Preferences.objects.get(user=world.follower)
    assert (saved.auto_follow, saved.frequencies()) == (False, FREQUENCIES)
