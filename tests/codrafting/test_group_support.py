"""Where the process has an opinion map, the organiser may sort an article's suggestions
by their support across the map's groups (issue 26): the smallest share of each group's
members who support the suggestion. Who is in which group stays on the server."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from concerto.codrafting import actions, queries
from concerto.opinionmaps import actions as map_actions
from concerto.opinionmaps.models import GroupMembership
from concerto.participation.opinion_groups import process_opinion_groups
from concerto.privacy.actions import erase_account
from concerto.proposals.actions import support_proposal
from tests.codrafting.conftest import key
from tests.factories import UserFactory, open_module
from tests.opinionmaps.conftest import STATEMENTS, two_camps

pytestmark = pytest.mark.django_db


def _paragraph(version):
    return version.units.get(label="Article 1er").children.order_by("position")[0]


def _suggest(version, text):
    contribution, _ = actions.suggest_rewording(
        _paragraph(version), author=UserFactory(), text=text, idempotency_key=key()
    )
    return contribution


@pytest.fixture
def suggestions(published):
    return {
        name: _suggest(published, f"Rédaction {name}.")
        for name in ("one_side", "broad", "both", "none")
    }


@pytest.fixture
def mapped(published, organiser, suggestions):
    """An opinion map of the same process with two groups of five; then the supports:
    "one_side" by four of group A and two people outside the map (6 supports), "broad"
    by three of A and two of B (5), "both" by two of A and one of B (3), "none" by
    nobody."""
    module, _lead = open_module("opinion_map", process=published.module.process)
    statements = [
        map_actions.add_seed_statement(module, actor=organiser, text=t) for t in STATEMENTS
    ]
    two_camps(module, statements)
    result = map_actions.recompute_map(module)
    members = {0: [], 1: []}
    for membership in GroupMembership.objects.filter(map=result).order_by("pk"):
        members[membership.group].append(membership.participant)
    a, b = members[0], members[1]
    outsiders = [UserFactory(), UserFactory()]
    plan = {
        "one_side": a[:4] + outsiders,
        "broad": a[:3] + b[:2],
        "both": a[:2] + b[:1],
        "none": [],
    }
    for name, users in plan.items():
        for user in users:
            support_proposal(suggestions[name], user=user)
    return module, result, a, b


def _unit_ids(published):
    article = published.units.get(label="Article 1er")
    chains = queries.lineage([article, *queries.paragraphs_of(article)])
    return [pk for pks in chains.values() for pk in pks]


def _names(rows, suggestions):
    by_pk = {c.pk: name for name, c in suggestions.items()}
    return [by_pk[row.pk] for row in rows]


def test_the_map_keeps_each_account_group_for_the_server(mapped):
    module, result, a, b = mapped
    assert (len(a), len(b)) == (5, 5)
    assert GroupMembership.objects.filter(map=result).count() == 10
    # Never in what the pages show.
    assert "memberships" not in result.data
    assert {str(u.pk) for u in a + b}.isdisjoint(str(result.data).split())
    # A new computation replaces the memberships: one grouping per module.
    again = map_actions.recompute_map(module)
    assert GroupMembership.objects.filter(map__module=module).count() == 10
    assert set(GroupMembership.objects.values_list("map", flat=True)) == {again.pk}


def test_erasing_an_account_erases_its_group(mapped):
    module, result, a, b = mapped
    erase_account(a[0])
    assert not GroupMembership.objects.filter(participant=a[0]).exists()
    # Its votes stay, anonymous, in the map; its group is not stored again.
    map_actions.recompute_map(module)
    assert not GroupMembership.objects.filter(participant=a[0]).exists()
    assert GroupMembership.objects.count() == 9


def test_suggestions_sort_by_cross_group_support(published, suggestions, mapped):
    groups = process_opinion_groups(published.module.process)
    assert groups.sizes == {0: 5, 1: 5}
    assert groups.names == {0: "A", 1: "B"}
    unit_ids = _unit_ids(published)
    assert _names(queries.SuggestionList(unit_ids)[0:10], suggestions) == [
        "one_side", "broad", "both", "none",
    ]  # fmt: skip
    listing = queries.SuggestionList(unit_ids, groups)
    rows = listing[0:10]
    assert listing.count() == 4
    # 3/5 and 2/5 → 40 %; 2/5 and 1/5 → 20 %; then no support from B: by supports.
    assert _names(rows, suggestions) == ["broad", "both", "one_side", "none"]
    assert [queries.group_support(row, groups) for row in rows[:1]] == [
        {
            "groups": [
                {"name": "A", "supports": 3, "members": 5, "percent": 60},
                {"name": "B", "supports": 2, "members": 5, "percent": 40},
            ],
            "percent": 40,
        }
    ]
    assert [round(row.cross_support, 2) for row in rows] == [0.4, 0.2, 0.0, 0.0]
    # Paged: the second page continues the same order.
    assert _names(listing[2:4], suggestions) == ["one_side", "none"]


def test_the_order_costs_the_same_queries_whatever_the_suggestions(published, suggestions, mapped):
    groups = process_opinion_groups(published.module.process)
    unit_ids = _unit_ids(published)

    def page_queries():
        with CaptureQueriesContext(connection) as captured:
            list(queries.SuggestionList(unit_ids, groups)[0:20])
        return len(captured)

    before = page_queries()
    for i in range(6):
        support_proposal(_suggest(published, f"Autre rédaction {i}."), user=mapped[3][i % 5])
    assert page_queries() == before


def test_the_review_page_offers_the_order_only_with_a_map(
    client, published, organiser, suggestions
):
    article = published.units.get(label="Article 1er")
    url = (
        f"/espace/dispositifs/{published.module.process_id}/modules/{published.module_id}"
        f"/texte/articles/{article.pk}/"
    )
    client.force_login(organiser)
    page = client.get(url + "?ordre=groupes").content.decode()
    assert "Par soutien transversal" not in page
    assert "4 suggestions, les plus soutenues d'abord." in page


def test_the_review_page_sorts_by_cross_group_support(client, published, organiser, suggestions,
                                                      mapped):  # fmt: skip
    article = published.units.get(label="Article 1er")
    url = (
        f"/espace/dispositifs/{published.module.process_id}/modules/{published.module_id}"
        f"/texte/articles/{article.pk}/"
    )
    client.force_login(organiser)
    page = client.get(url).content.decode()
    assert "Par soutien transversal aux groupes d'opinion" in page
    assert "Soutien transversal : 40 %" not in page
    order = [page.index(f'id="s-{suggestions[n].pk}"') for n in ("one_side", "broad", "both")]
    assert order == sorted(order)

    page = client.get(url + "?ordre=groupes").content.decode()
    assert "4 suggestions, les plus soutenues par tous les groupes d'opinion d'abord." in (page)
    assert (
        "Soutien transversal : 40 % (groupe A : 60 % (3 sur 5), groupe B : 40 % (2 sur 5))" in page
    )
    assert "la plus petite de ces parts classe la suggestion" in page
    order = [page.index(f'id="s-{suggestions[n].pk}"') for n in ("broad", "both", "one_side")]
    assert order == sorted(order)
