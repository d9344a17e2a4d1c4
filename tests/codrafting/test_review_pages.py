"""The organiser's review page with many suggestions: paginated, counts by subquery,
the merge target typed as a number once the article has many suggestions."""

import pytest
from django.urls import reverse

from concerto.codrafting import actions, queries
from concerto.codrafting.views.organiser import MAX_MERGE_CHOICES, REVIEW_PER_PAGE
from concerto.participation.models import Contribution
from concerto.proposals.models import Support
from tests.codrafting.conftest import key
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def article(version, label="Article 1er"):
    return version.units.get(label=label)


def suggest(version, n):
    """`n` suggestions, each by its own citizen (one citizen would hit the rate limit)."""
    unit = article(version).children.order_by("position")[0]
    return [
        actions.suggest_rewording(
            unit, author=UserFactory(), text=f"Nouvelle rédaction n° {i}.", idempotency_key=key()
        )[0]
        for i in range(n)
    ]


def review_url(module, unit):
    return reverse(
        "codrafting:review",
        kwargs={"pk": module.process_id, "module_id": module.pk, "unit_id": unit.pk},
    )


def test_supports_and_arguments_are_counted_apart(published, citizens):
    alice, bruno = citizens
    first, second = suggest(published, 2)
    for user in (alice, bruno):
        Support.objects.create(proposal=second, user=user)
    for stance in ("for", "for", "against"):
        Contribution.objects.create(
            module=second.module, kind="argument", parent=second, stance=stance, body="Oui."
        )
    rows = list(queries.suggestions_on([article(published).children.first().pk]))
    assert [(r.pk, r.n_supports, r.n_for, r.n_against) for r in rows] == [
        (second.pk, 2, 2, 1),
        (first.pk, 0, 0, 0),
    ]


def test_the_review_page_is_paginated_and_merges_by_number(client, published, module, organiser):
    many = suggest(published, MAX_MERGE_CHOICES + 1)
    supporters = [UserFactory() for _ in range(3)]
    for user in supporters:
        Support.objects.create(proposal=many[-1], user=user)
    client.force_login(organiser)
    url = review_url(module, article(published))
    response = client.get(url)
    assert response.status_code == 200
    body = response.content.decode()
    assert f"{MAX_MERGE_CHOICES + 1} suggestions, les plus soutenues d&#x27;abord" in body or (
        f"{MAX_MERGE_CHOICES + 1} suggestions, les plus soutenues" in body
    )
    assert len(response.context["suggestions"]) == REVIEW_PER_PAGE
    assert response.context["suggestions"][0].pk == many[-1].pk  # the most supported first
    assert "Pagination des suggestions" in body and "?page=2" in body
    assert f'name="m{many[-2].pk}-target"' in body  # the second on page 1
    assert f'<option value="{many[1].pk}"' not in body  # no list of 51 targets per form
    last = client.get(url + "?page=3")
    assert len(last.context["suggestions"]) == MAX_MERGE_CHOICES + 1 - 2 * REVIEW_PER_PAGE

    source, target = response.context["suggestions"][1], response.context["suggestions"][2]
    merge = reverse(
        "codrafting:merge",
        kwargs={"pk": module.process_id, "module_id": module.pk,
                "unit_id": article(published).pk, "suggestion_id": source.pk},
    )  # fmt: skip
    refused = client.post(merge, {f"m{source.pk}-target": source.pk})
    assert refused.status_code == 400
    assert client.post(merge, {f"m{source.pk}-target": 10**9}).status_code == 400
    done = client.post(merge, {f"m{source.pk}-target": target.pk})
    assert done.status_code == 302
    source.refresh_from_db()
    assert source.merged_into_id == target.pk


def test_a_few_suggestions_keep_the_list_of_merge_targets(client, published, module, organiser):
    a, b, c = suggest(published, 3)
    client.force_login(organiser)
    body = client.get(review_url(module, article(published))).content.decode()
    assert f'<option value="{b.pk}">' in body and 'type="number"' not in body
