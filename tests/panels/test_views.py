"""Panel pages: organiser access, the public page and the lottery download."""

import json

import pytest
from django.urls import reverse

from concerto.panels import actions
from tests.panels.helpers import ANNOUNCEMENT, ORIGIN, drawn_panel, other_user, ready_panel

pytestmark = pytest.mark.django_db


def test_organiser_pages_are_refused_to_other_agents(client):
    panel, referent = ready_panel()
    client.force_login(other_user())
    response = client.get(panel.get_manage_url())
    assert response.status_code == 404
    client.force_login(referent)
    response = client.get(panel.get_manage_url())
    assert response.status_code == 200
    assert "Vivier : 40 personnes" in response.content.decode()


def test_the_composition_is_shown_once_the_panel_is_published(client):
    panel, referent, draw = drawn_panel()
    draw_url = reverse(
        "panels:lottery",
        kwargs={"slug": panel.process.slug, "panel_id": panel.pk, "draw_id": draw.pk},
    )
    html = client.get(panel.get_absolute_url()).content.decode()
    # The lottery, the seed and the draw are public as they happen; who the panel counts
    # by quota, and its recommendations, wait for its publication.
    assert panel.seed in html
    assert "Tirages et vérification" in html
    assert client.get(draw_url).status_code == 200
    assert "Membres du panel" not in html
    assert "Recommandations du panel et réponses" not in html
    actions.publish_panel(panel, actor=referent)
    html = client.get(panel.get_absolute_url()).content.decode()
    assert "Membres du panel" in html
    assert "Recommandations du panel et réponses" in html


def test_public_page_and_lottery_leak_no_pool_member(client, django_assert_max_num_queries):
    panel, referent, draw = drawn_panel()
    leaving = panel.pool.filter(status="selected").first()
    actions.decline(leaving, actor=referent)
    actions.publish_replacement_lottery(panel, actor=referent, announcement=ANNOUNCEMENT)
    actions.draw_replacement(panel, actor=referent, seed="2026-05-01", origin=ORIGIN)
    actions.publish_panel(panel, actor=referent)
    with django_assert_max_num_queries(12):
        response = client.get(panel.get_absolute_url())
    html = response.content.decode()
    assert "resp-0" not in html
    assert draw.seed in html
    assert draw.lottery_digest in html
    assert (
        f"uv run concerto sortition verify --lottery panel-{panel.pk}-lottery.json "
        f"--seed {draw.seed}" in html
    )
    for saved in panel.draws.all():
        url = reverse(
            "panels:lottery",
            kwargs={"slug": panel.process.slug, "panel_id": panel.pk, "draw_id": saved.pk},
        )
        download = client.get(url)
        assert download["Content-Disposition"] == (
            f'attachment; filename="{saved.lottery_filename}"'
        )
        body = download.content.decode()
        assert "resp-0" not in body
        assert json.loads(body)["digest"] == saved.lottery_digest
