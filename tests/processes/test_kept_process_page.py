"""A process's public page is kept rendered for visitors (concerto/pagecache.py), and
every change it shows is seen at once: the process, a module, a source, a commitment, a
theme (issue 28: the page read most, near the framework's own speed)."""

import datetime
import re

import pytest
from django.db import connection
from django.middleware.csrf import _unmask_cipher_token
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from dsfr.models import DsfrConfig

from concerto import pagecache
from concerto.accounts.roles import Role
from concerto.follows.models import Follow
from concerto.processes.models import FollowUpCommitment, InformationSource, Theme
from tests.factories import open_module, user_with_role

pytestmark = pytest.mark.django_db


@pytest.fixture
def page(client):
    module, _organiser = open_module("proposals", title="Vos propositions")
    process = module.process
    url = f"/dispositifs/{process.slug}/"

    def read() -> tuple[str, bool]:
        response = client.get(url)
        assert response.status_code == 200
        return response.content.decode(), getattr(response, "from_cache", False)

    read()
    return process, module, read


def test_a_visitor_gets_the_kept_page_without_a_query(page, client):
    process, _module, read = page
    with CaptureQueriesContext(connection) as queries:
        body, kept = read()
    assert kept is True
    assert len(queries) == 0
    assert process.title in body and "Vos propositions" in body


def test_a_signed_in_reader_gets_the_page_kept_for_readers_who_see_the_same_header(page, client):
    process, _module, _read = page
    url = f"/dispositifs/{process.slug}/"
    client.force_login(user_with_role(Role.CITIZEN, email="premiere@exemple.fr"))
    assert not getattr(client.get(url), "from_cache", False)
    client.force_login(user_with_role(Role.CITIZEN, email="second@exemple.fr"))
    response = client.get(url)
    assert response.status_code == 200
    assert response.from_cache is True


CHANGES = [
    (lambda p, m: setattr(p, "title", "Nouveau titre du dispositif") or p.save(),
     "Nouveau titre du dispositif"),
    (lambda p, m: setattr(m, "title", "Propositions renommées") or m.save(),
     "Propositions renommées"),
    (lambda p, m: InformationSource.objects.create(process=p, title="Rapport de la Cour"),
     "Rapport de la Cour"),
    (lambda p, m: FollowUpCommitment.objects.create(
        process=p, what="Une synthèse des avis", who="Le ministère",
        due_date=datetime.date(2031, 3, 1), channel="la page du dispositif"),
     "Une synthèse des avis"),
    (lambda p, m: p.themes.add(Theme.objects.create(name="Sobriété numérique",
                                                     slug="sobriete-numerique")),
     "Sobriété numérique"),
]  # fmt: skip
CHANGED = ["process", "module", "source", "commitment", "theme"]


@pytest.mark.parametrize("change, shown", CHANGES, ids=CHANGED)
def test_every_change_the_page_shows_is_seen_at_once(page, change, shown):
    process, module, read = page
    body, kept = read()
    assert kept is True and shown not in body
    change(process, module)
    body, kept = read()
    assert kept is False
    assert shown in body
    assert read()[1] is True  # and kept again


def _tagged(process) -> Theme:
    theme = Theme.objects.create(name="Sobriété numérique", slug="sobriete-numerique")
    process.themes.add(theme)
    return theme


def _rename(theme: Theme) -> None:
    theme.name = "Numérique responsable"
    theme.save()


@pytest.mark.parametrize(
    "change, gone, shown",
    [
        (_rename, "Sobriété numérique", "Numérique responsable"),
        (lambda theme: theme.process_set.clear(), "Sobriété numérique", None),
        (lambda theme: theme.delete(), "Sobriété numérique", None),
    ],
    ids=["renamed", "cleared-from-the-theme", "deleted"],
)
def test_a_change_made_from_the_themes_side_is_seen_at_once(page, change, gone, shown):
    process, _module, read = page
    theme = _tagged(process)
    body, kept = read()
    assert gone in body
    assert read()[1] is True
    change(theme)
    body, kept = read()
    assert kept is False
    assert gone not in body
    assert shown is None or shown in body


def test_a_signed_in_reader_gets_the_kept_page_with_their_own_follow_button(page, client):
    """The page is kept for every signed-in reader with the same header; the follow
    button and the CSRF token are the reader's: two queries, the session and their
    follow state; the reader is kept in the cache (the suite's cache is in memory; with
    the database cache, its reads come on top)."""
    process, _module, _read = page
    url = f"/dispositifs/{process.slug}/"
    reader = user_with_role(Role.CITIZEN, email="lecteur@exemple.fr")
    client.force_login(reader)
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    body = response.content.decode()
    tables = [query["sql"].split(" FROM ")[1].split()[0] for query in queries]
    assert tables == ['"django_session"', '"follows_follow"']
    assert response.from_cache is True
    assert "Vos propositions" in body and 'value="on"' in body and 'value="off"' not in body
    token = client.cookies["csrftoken"].value
    assert body.count('name="csrfmiddlewaretoken" value="') == 2  # sign out, follow
    assert all(
        _unmasked(value) == _unmasked(token)
        for value in re.findall(r'name="csrfmiddlewaretoken" value="([^"]+)"', body)
    )
    Follow.objects.create(user=reader, target_kind="process", target_id=process.pk)
    response = client.get(url)
    body = response.content.decode()
    assert response.from_cache is True
    assert 'value="off"' in body and 'value="on"' not in body
    assert "Vos propositions" in body


def test_readers_who_follow_and_who_do_not_share_the_page_each_with_their_button(page, client):
    process, _module, _read = page
    url = f"/dispositifs/{process.slug}/"
    follower = user_with_role(Role.CITIZEN, email="suit@exemple.fr")
    Follow.objects.create(user=follower, target_kind="process", target_id=process.pk)
    other = user_with_role(Role.CITIZEN, email="ne-suit-pas@exemple.fr")
    for reader, pressed, kept in [(follower, "true", False), (other, "false", True),
                                  (follower, "true", True)]:  # fmt: skip
        client.force_login(reader)
        response = client.get(url)
        body = response.content.decode()
        assert getattr(response, "from_cache", False) is kept
        assert re.findall(r'aria-pressed="(true|false)"', body) == [pressed]
        assert pagecache.EITHER_SLOT not in body and pagecache.OR_SLOT not in body


def test_a_reader_who_sees_other_links_in_the_header_gets_a_page_of_their_own(page, client):
    process, _module, _read = page
    url = f"/dispositifs/{process.slug}/"
    client.force_login(user_with_role(Role.CITIZEN, email="lecteur@exemple.fr"))
    assert "Administration" not in client.get(url).content.decode()
    client.force_login(user_with_role(Role.ADMINISTRATOR, email="admin@exemple.fr"))
    response = client.get(url)
    assert not getattr(response, "from_cache", False)
    assert "Administration" in response.content.decode()
    client.force_login(user_with_role(Role.CITIZEN, email="autre@exemple.fr"))
    response = client.get(url)
    assert response.from_cache is True
    assert "Administration" not in response.content.decode()


def test_a_reader_with_a_message_gets_the_page_made_for_them_with_it(page, client):
    process, _module, _read = page
    url = f"/dispositifs/{process.slug}/"
    client.force_login(user_with_role(Role.CITIZEN, email="lecteur@exemple.fr"))
    client.get(url)
    assert client.get(url).from_cache is True
    following = client.post(
        reverse("follows:follow"),
        {"kind": "process", "target_id": process.pk, "state": "on", "next": url},
    )
    assert following.status_code == 302
    response = client.get(url)
    body = response.content.decode()
    assert not getattr(response, "from_cache", False)
    assert "fr-alert" in body and 'aria-pressed="true"' in body
    assert client.get(url).from_cache is True  # the message read, the kept page again


def test_a_notice_of_the_site_is_seen_at_once_on_the_kept_pages(page, client):
    process, _module, read = page
    assert read()[1] is True
    client.force_login(user_with_role(Role.CITIZEN, email="lecteur@exemple.fr"))
    url = f"/dispositifs/{process.slug}/"
    client.get(url)
    assert client.get(url).from_cache is True
    config = DsfrConfig.objects.get(language="fr")
    config.notice_title = "Maintenance le 12 mars"
    config.save()
    response = client.get(url)
    assert not getattr(response, "from_cache", False)
    assert "Maintenance le 12 mars" in response.content.decode()
    client.logout()
    body, kept = read()
    assert kept is False and "Maintenance le 12 mars" in body


def _unmasked(token: str) -> str:
    return token if len(token) == 32 else _unmask_cipher_token(token)


@pytest.mark.parametrize("change, shown", CHANGES, ids=CHANGED)
def test_every_change_is_seen_at_once_by_a_signed_in_reader(page, client, change, shown):
    process, module, _read = page
    url = f"/dispositifs/{process.slug}/"
    client.force_login(user_with_role(Role.CITIZEN, email="lecteur@exemple.fr"))
    assert shown not in client.get(url).content.decode()
    change(process, module)
    assert shown in client.get(url).content.decode()
