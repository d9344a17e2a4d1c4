"""A process's public page is kept rendered for visitors (concerto/pagecache.py), and
every change it shows is seen at once: the process, a module, a source, a commitment, a
theme (issue 28: the page read most, near the framework's own speed)."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

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


def test_a_signed_in_reader_gets_the_page_made_for_them(page, client):
    process, _module, _read = page
    client.force_login(process.project_lead)
    response = client.get(f"/dispositifs/{process.slug}/")
    assert response.status_code == 200
    assert not getattr(response, "from_cache", False)


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


def test_a_signed_in_reader_gets_the_kept_body_with_their_own_follow_button(page, client):
    """The body of the page is kept for every reader; the frame and the follow button
    are the reader's: four queries, none of them the body's (the suite's cache is in
    memory; with the database cache, three reads of it come on top)."""
    process, _module, _read = page
    url = f"/dispositifs/{process.slug}/"
    reader = user_with_role(Role.CITIZEN, email="lecteur@exemple.fr")
    client.force_login(reader)
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        body = client.get(url).content.decode()
    tables = [query["sql"].split(" FROM ")[1].split()[0] for query in queries]
    assert tables == [
        '"django_session"', '"accounts_user"', '"processes_process"', '"follows_follow"'
    ]  # fmt: skip
    assert "Vos propositions" in body and 'value="on"' in body
    Follow.objects.create(user=reader, target_kind="process", target_id=process.pk)
    body = client.get(url).content.decode()
    assert 'value="off"' in body and 'value="on"' not in body
    assert "Vos propositions" in body


@pytest.mark.parametrize("change, shown", CHANGES, ids=CHANGED)
def test_every_change_is_seen_at_once_by_a_signed_in_reader(page, client, change, shown):
    process, module, _read = page
    url = f"/dispositifs/{process.slug}/"
    client.force_login(user_with_role(Role.CITIZEN, email="lecteur@exemple.fr"))
    assert shown not in client.get(url).content.decode()
    change(process, module)
    assert shown in client.get(url).content.decode()
