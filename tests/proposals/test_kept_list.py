"""The main part of a module's list of proposals is kept rendered for all its readers
(concerto/pagecache.py, issue 28): each reader still sees their own supports, CSRF token
and idempotency key, and every change the list shows is seen at once."""

import re
import uuid

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from concerto import pagecache
from concerto.participation.actions import (
    ban_participant,
    hide_contribution,
    withdraw_contribution,
)
from concerto.participation.models import Contribution, HiddenReason
from concerto.privacy.actions import erase_account, set_public_name
from concerto.processes.models import Theme
from concerto.proposals import actions
from concerto.proposals.queries import supported_among
from tests.factories import UserFactory
from tests.proposals.conftest import make_proposal, transports
from tests.proposals.test_views import module_url, signed_in

pytestmark = pytest.mark.django_db

KEY = re.compile(r'name="idempotency_key" value="([^"]+)"')
TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
MINE = '<li><p class="fr-badge fr-badge--success">Vous la soutenez</p></li>'


def read(client, url: str, query: dict | None = None) -> tuple[str, bool]:
    """The page, and whether its list was made for this request (rather than kept)."""
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, query or {})
    assert response.status_code == 200
    made = any('FROM "participation_contribution"' in q["sql"] for q in queries)
    return response.content.decode(), made


def supported_cards(html: str) -> list[str]:
    """The titles of the cards that say "Vous la soutenez"."""
    cards = html.split('<div class="fr-card fr-enlarge-link"')[1:]
    return [re.search(r'">([^<]+)</a></h3>', card)[1] for card in cards if MINE in card]


def support_badges_of(html: str) -> list[str]:
    return re.findall(r'support-count">([^<]+)</p>', html)


def card_titles_of(html: str) -> list[str]:
    return re.findall(r'<h3 class="fr-card__title"><a href="[^"]+">([^<]+)</a>', html)


@pytest.fixture
def listed(module):
    """Three proposals, trains the most supported; the list read once (kept)."""
    trains = make_proposal(module, title="Plus de trains")
    bikes = make_proposal(module, title="Des pistes cyclables")
    buses = make_proposal(module, title="Des bus de nuit")
    for _ in range(2):
        actions.support_proposal(trains, user=UserFactory())
    actions.support_proposal(bikes, user=UserFactory())
    return trains, bikes, buses


def test_readers_share_the_kept_list_each_with_their_supports_token_and_key(module, listed):
    trains, bikes, _buses = listed
    url = module_url(module)
    ines, paul = Client(), Client()
    actions.support_proposal(trains, user=signed_in(ines))
    actions.support_proposal(bikes, user=signed_in(paul))

    first, made = read(ines, url)
    assert made
    again, made_again = read(ines, url)
    for_paul, made_for_paul = read(paul, url)
    assert (made_again, made_for_paul) == (False, False)

    assert supported_cards(first) == supported_cards(again) == ["Plus de trains"]
    assert supported_cards(for_paul) == ["Des pistes cyclables"]
    assert support_badges_of(for_paul) == ["3 soutiens", "2 soutiens", "Aucun soutien"]
    keys = [KEY.search(html)[1] for html in (first, again, for_paul)]
    assert len(set(keys)) == 3 and all(uuid.UUID(key) for key in keys)
    assert TOKEN.search(for_paul)[1] != TOKEN.search(first)[1]
    # Without the per-reader parts, the three pages are the same page.
    own = re.compile(rf'{KEY.pattern}|{TOKEN.pattern}|{MINE}|breadcrumb-[a-z]+|nonce="[^"]+"')
    strip = [own.sub("", html) for html in (first, again, for_paul)]
    assert strip[0] == strip[1] == strip[2]


def test_a_visitor_sees_no_support_of_anyone(client, module, listed):
    trains, _bikes, _buses = listed
    reader = Client()
    actions.support_proposal(trains, user=signed_in(reader))
    read(reader, module_url(module))
    html, _made = read(client, module_url(module))
    assert supported_cards(html) == []
    assert "Connectez-vous ou créez un compte pour déposer une proposition." in html


def test_each_form_of_the_kept_list_stores_its_own_proposal(client, module, listed):
    signed_in(client)
    url = module_url(module)
    first, second = read(client, url)[0], read(client, url)[0]
    for number, html in enumerate((first, second)):
        response = client.post(url, {
            "title": f"Idée {number}", "body": "Un texte.", "theme": transports().pk,
            "idempotency_key": KEY.search(html)[1],
        })  # fmt: skip
        assert response.status_code == 302
    titles = set(
        Contribution.objects.filter(title__startswith="Idée").values_list("title", flat=True)
    )
    assert titles == {"Idée 0", "Idée 1"}


def new_proposal(module, organiser, listed):
    make_proposal(module, title="Un train de nuit")


def support(module, organiser, listed):
    actions.support_proposal(listed[2], user=UserFactory())


def hide(module, organiser, listed):
    hide_contribution(listed[1], actor=organiser, reason=HiddenReason.SPAM)


def merge(module, organiser, listed):
    trains, bikes, _buses = listed
    actions.merge_proposals(bikes, trains, actor=organiser)


def withdraw(module, organiser, listed):
    withdraw_contribution(listed[1], actor=listed[1].author)


@pytest.mark.parametrize(
    "change, titles, badges",
    [
        (new_proposal, ["Plus de trains", "Des pistes cyclables", "Un train de nuit",
                        "Des bus de nuit"], ["2 soutiens", "1 soutien", "Aucun soutien",
                                              "Aucun soutien"]),
        (support, ["Plus de trains", "Des bus de nuit", "Des pistes cyclables"],
         ["2 soutiens", "1 soutien", "1 soutien"]),
        (hide, ["Plus de trains", "Des bus de nuit"], ["2 soutiens", "Aucun soutien"]),
        (merge, ["Plus de trains", "Des bus de nuit"], ["3 soutiens", "Aucun soutien"]),
        (withdraw, ["Plus de trains", "Des bus de nuit"], ["2 soutiens", "Aucun soutien"]),
    ],
)  # fmt: skip
def test_every_change_of_the_list_shows_at_once(
    client, module, organiser, listed, change, titles, badges
):
    signed_in(client)
    url = module_url(module)
    read(client, url)
    html, made = read(client, url)
    assert made is False
    assert card_titles_of(html) == ["Plus de trains", "Des pistes cyclables", "Des bus de nuit"]

    change(module, organiser, listed)
    html, made = read(client, url)
    assert made is True
    assert card_titles_of(html) == titles
    assert support_badges_of(html) == badges
    count = f"{len(titles)} propositions"
    assert re.search(rf'<h2 id="results-count">\s*{count}\s*</h2>', html)


def test_a_support_withdrawn_and_given_through_the_pages_shows_at_once(client, module, listed):
    trains, _bikes, buses = listed
    reader = signed_in(client)
    url = module_url(module)
    read(client, url)
    support_url = f"{url}{buses.pk}/soutien/"
    assert client.post(support_url).status_code == 302
    html, _made = read(client, url)
    assert supported_cards(html) == ["Des bus de nuit"]
    assert support_badges_of(html) == ["2 soutiens", "1 soutien", "1 soutien"]
    actions.withdraw_support(buses, user=reader)
    html, _made = read(client, url)
    assert supported_cards(html) == []
    assert support_badges_of(html) == ["2 soutiens", "1 soutien", "Aucun soutien"]
    assert trains.supports.count() == 2


def test_a_theme_given_to_the_process_shows_in_the_filters_at_once(client, module):
    url = module_url(module)
    module.process.themes.set([transports()])
    html, _made = read(client, url)
    assert "Environnement et climat" not in html
    read(client, url)
    module.process.themes.add(Theme.objects.get(slug="environnement-climat"))
    html, made = read(client, url)
    assert made is True
    assert "Environnement et climat" in html


def test_a_new_public_name_and_an_erased_account_show_at_once(client, module):
    author = UserFactory(first_name="Inès", last_name="Martin")
    make_proposal(module, title="Des arceaux", author=author)
    url = module_url(module)
    read(client, url)
    assert "Par Inès M., le" in read(client, url)[0]

    set_public_name(author, choice=author.PublicName.PSEUDONYM, pseudonym="Cycliste38")
    assert "Par Cycliste38, le" in read(client, url)[0]
    erase_account(author)
    html, _made = read(client, url)
    assert "Par un compte supprimé, le" in html
    assert "Cycliste38" not in html


def test_only_the_filters_and_pages_the_list_offers_are_kept(client, module, listed):
    url = module_url(module)
    theme = transports().pk
    kept = [
        {},
        {"page": 1},
        {"tri": "recentes"},
        {"theme": theme},
        {"theme": "", "tri": "soutiens", "page": 1},
        {"theme": theme, "tri": "recentes", "page": 1},
    ]
    for query in kept:
        read(client, url, query)
        assert read(client, url, query)[1] is False, query
    for query in ("page=1&tri=recentes", "tri=recentes&tri=soutiens", "theme=999999", "x=1"):
        read(client, f"{url}?{query}")
        assert read(client, f"{url}?{query}")[1] is True, query


def test_a_form_sent_back_with_its_errors_is_its_readers_alone(client, module, listed):
    url = module_url(module)
    signed_in(client)
    read(client, url)
    refused = client.post(url, {"title": "", "body": "Mon texte à garder.", "theme": "",
                                "idempotency_key": str(uuid.uuid4())})  # fmt: skip
    assert refused.status_code == 200
    assert "Mon texte à garder." in refused.content.decode()
    assert card_titles_of(refused.content.decode()) == [
        "Plus de trains", "Des pistes cyclables", "Des bus de nuit"
    ]  # fmt: skip
    assert support_badges_of(refused.content.decode()) == [
        "2 soutiens",
        "1 soutien",
        "Aucun soutien",
    ]
    other = Client()
    signed_in(other)
    html, made = read(other, url)
    assert made is False
    assert "Mon texte à garder." not in html


# The whole page kept for members (pagecache.for_members)


def test_a_signed_in_reader_gets_the_whole_kept_page_for_their_row_and_supports(module, listed):
    """The session, the reader with their memberships (read at their first request, then
    kept), and their supports among the cards: the module, its process and the reader's
    bans come from the shared cache."""
    trains, _bikes, _buses = listed
    url = module_url(module)
    first, second = Client(), Client()
    signed_in(first)
    actions.support_proposal(trains, user=signed_in(second))
    assert not getattr(first.get(url), "from_cache", False)
    with CaptureQueriesContext(connection) as queries:
        response = second.get(url)
    tables = [query["sql"].split(" FROM ")[1].split()[0] for query in queries]
    assert tables == [
        '"django_session"',
        '"accounts_user"',
        '"accounts_membership"',
        '"proposals_support"',
    ]
    assert response.from_cache is True
    html = response.content.decode()
    assert supported_cards(html) == ["Plus de trains"]
    assert pagecache.EITHER_SLOT not in html and pagecache.KEY_SLOT not in html


def test_a_barred_participant_reads_their_own_notice_and_others_never_see_it(
    module, organiser, listed
):
    url = module_url(module)
    barred, other = Client(), Client()
    troll = signed_in(barred)
    signed_in(other)
    read(other, url)
    assert other.get(url).from_cache is True
    ban_participant(module, actor=organiser, user=troll, reason="Insultes répétées")
    mine = barred.get(url)
    assert not getattr(mine, "from_cache", False)
    assert "Insultes répétées" in mine.content.decode()
    assert 'name="idempotency_key"' not in mine.content.decode()
    theirs = other.get(url)
    assert theirs.from_cache is True
    assert "Insultes répétées" not in theirs.content.decode()
    assert 'name="idempotency_key"' in theirs.content.decode()
    refused = barred.post(url, {"title": "Encore", "body": "Un texte.",
                                "idempotency_key": str(uuid.uuid4())})  # fmt: skip
    assert refused.status_code == 403
    assert not Contribution.objects.filter(title="Encore").exists()


def test_a_moderator_gets_a_page_of_their_own_not_the_citizens(module, organiser, listed):
    url = module_url(module)
    citizen, moderator = Client(), Client()
    signed_in(citizen)
    moderator.force_login(organiser)
    citizens_page = citizen.get(url).content.decode()
    response = moderator.get(url)
    assert not getattr(response, "from_cache", False)
    assert response.content.decode() != citizens_page
    assert moderator.get(url).from_cache is True
    assert citizen.get(url).content.decode().count("fr-card ") == citizens_page.count("fr-card ")


def test_a_module_closed_by_its_organiser_is_seen_closed_at_once(module, listed):
    url = module_url(module)
    reader = Client()
    signed_in(reader)
    read(reader, url)
    assert 'name="idempotency_key"' in reader.get(url).content.decode()
    module.closed_early_on = module.opens_on
    module.save()
    response = reader.get(url)
    assert not getattr(response, "from_cache", False)
    assert 'name="idempotency_key"' not in response.content.decode()


def test_the_themes_a_submission_may_choose_follow_every_change_at_once(client, module):
    """Which themes a process names is kept in the cache (every submission asks): a
    theme added from either side, removed, or deleted, is seen by the next submission."""
    signed_in(client)
    url = module_url(module)
    climate = Theme.objects.get(slug="environnement-climat")
    module.process.themes.set([transports()])

    def send(theme) -> int:
        data = {"title": f"Sur {theme.slug}", "body": "Un texte.", "theme": theme.pk,
                "idempotency_key": str(uuid.uuid4())}  # fmt: skip
        return client.post(url, data).status_code

    assert send(climate) == 200  # not one of the process's: the form says so
    climate.process_set.add(module.process)  # added from the theme's side
    assert send(climate) == 302
    module.process.themes.remove(climate)
    assert send(climate) == 200
    module.process.themes.add(climate)
    transports().delete()  # the process names climate alone now
    assert send(climate) == 302
    climate.delete()  # it names none: every theme may be chosen
    other = Theme.objects.first()
    assert send(other) == 302
    titles = Contribution.objects.filter(title__startswith="Sur ").values_list("title", flat=True)
    assert sorted(titles) == sorted(
        ["Sur environnement-climat", "Sur environnement-climat", f"Sur {other.slug}"]
    )


def test_the_supports_marked_are_the_readers_among_the_cards_only(module):
    reader = UserFactory()
    first, middle, last = (make_proposal(module, title=f"Idée {n}") for n in range(3))
    for proposal in (first, middle, last):
        actions.support_proposal(proposal, user=reader)
    actions.support_proposal(middle, user=UserFactory())
    # The middle one lies between the two asked for: its support is not theirs to mark.
    assert supported_among(reader, [first.pk, last.pk]) == {first.pk, last.pk}
    assert supported_among(UserFactory(), [first.pk, middle.pk, last.pk]) == set()
