"""The lottery is published before the seed is drawn, and each volunteer finds their own
code in it (issue 24): nobody can choose a seed knowing which panel it designates."""

import json

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from concerto.engines.sortition import draw_number
from concerto.panels import actions, engine
from concerto.panels.models import Panel, PoolMember
from concerto.privacy.models import StaffAccess
from concerto.testing.downloads import csv_rows
from tests.panels.helpers import ANNOUNCEMENT, ORIGIN, computed_panel, drawn_panel, lottery_panel

pytestmark = pytest.mark.django_db

SEED = "07-19-23-31-42"


def _lottery_url(panel: Panel) -> str:
    return reverse("panels:panel_lottery", args=[panel.process.slug, panel.pk])


def _numbers_holding(panel: Panel, token: str) -> list[int]:
    return [n for n, ticket in enumerate(panel.lottery["tickets"], 1) if token in ticket]


def test_the_page_and_the_lottery_appear_with_the_lottery_before_any_seed(client):
    panel, referent = computed_panel()
    assert client.get(panel.get_absolute_url()).status_code == 404
    assert client.get(_lottery_url(panel)).status_code == 404
    actions.publish_lottery(panel, actor=referent, announcement=ANNOUNCEMENT)
    panel.refresh_from_db()
    response = client.get(panel.get_absolute_url())
    assert response.status_code == 200
    html = response.content.decode()
    assert ANNOUNCEMENT.replace("'", "&#x27;") in html
    assert panel.lottery_digest in html
    assert "La graine n'est pas encore tirée" in html
    assert "10 personnes seront tirées au sort parmi 40 volontaires" in html
    download = client.get(_lottery_url(panel))
    disposition = f'attachment; filename="panel-{panel.pk}-lottery.json"'
    assert download["Content-Disposition"] == disposition
    published = json.loads(download.content)
    assert published["digest"] == panel.lottery_digest
    assert published["tickets"] == panel.lottery["tickets"]
    assert "resp-0" not in download.content.decode()


def test_no_seed_before_the_lottery_is_published():
    panel, referent = computed_panel()
    with pytest.raises(ValidationError) as error:
        actions.fix_seed(panel, actor=referent, seed=SEED, origin=ORIGIN)
    assert error.value.messages == [
        "Publiez d'abord la loterie : elle doit être connue avant la graine."
    ]
    panel.refresh_from_db()
    assert (panel.seed, panel.seed_fixed_at, panel.seed_origin) == ("", None, "")


def test_publishing_needs_an_announcement_and_freezes_pool_quotas_and_lottery():
    panel, referent = computed_panel()
    with pytest.raises(ValidationError) as error:
        actions.publish_lottery(panel, actor=referent, announcement="   ")
    assert error.value.message_dict == {
        "announcement": ["Dites qui tirera la graine, comment, quand et où."]
    }
    panel.refresh_from_db()
    assert panel.lottery_published_at is None and not panel.locked
    actions.publish_lottery(panel, actor=referent, announcement=ANNOUNCEMENT)
    panel.refresh_from_db()
    digest, quotas = panel.lottery_digest, list(panel.quotas.values_list("min", "max"))
    frozen = "La loterie est publiée : le vivier et les quotas ne peuvent plus changer."
    for refused in (
        lambda: actions.import_pool(panel, actor=referent, data=b"genre\nfemme\n"),
        lambda: actions.update_quotas(panel, actor=referent, bounds={}),
        lambda: actions.start_computation(panel, actor=referent),
    ):
        with pytest.raises(ValidationError) as error:
            refused()
        assert error.value.messages == [frozen]
    with pytest.raises(ValidationError) as error:
        actions.publish_lottery(panel, actor=referent, announcement="Autre annonce.")
    assert error.value.messages == ["La loterie est déjà publiée."]
    panel.refresh_from_db()
    assert panel.pool.count() == 40
    assert panel.lottery_digest == digest
    assert list(panel.quotas.values_list("min", "max")) == quotas
    assert panel.seed_announcement == ANNOUNCEMENT


def test_the_seed_needs_its_origin():
    panel, referent = lottery_panel()
    with pytest.raises(ValidationError) as error:
        actions.fix_seed(panel, actor=referent, seed="", origin=" ")
    assert error.value.message_dict == {
        "seed": ["Indiquez la graine."],
        "origin": ["Dites qui a tiré la graine, comment et devant qui."],
    }
    actions.fix_seed(panel, actor=referent, seed=SEED, origin=ORIGIN)
    panel.refresh_from_db()
    assert (panel.seed, panel.seed_origin) == (SEED, ORIGIN)
    assert panel.seed_fixed_at > panel.lottery_published_at


def test_a_volunteer_finds_their_code_before_and_after_the_seed(client):
    panel, referent = lottery_panel()
    designated = draw_number(SEED, 1000)
    chosen = set(panel.lottery["tickets"][designated - 1])
    members = list(panel.pool.order_by("pk"))
    drawn = next(m for m in members if m.token in chosen)
    left = next(m for m in members if m.token not in chosen and _numbers_holding(panel, m.token))
    numbers = _numbers_holding(panel, drawn.token)
    # Typed in capitals with spaces, as read from a letter.
    typed = " ".join([drawn.token[:5], drawn.token[5:]]).upper()
    html = client.get(panel.get_absolute_url(), {"code": typed}).content.decode()
    assert f"Code {drawn.token}" in html
    assert f"Votre code figure dans {len(numbers)} panels sur 1\u202f000" in html
    assert f"Numéros de ces panels : {', '.join(map(str, numbers))}." in html
    assert "La graine n'est pas encore tirée." in html
    actions.fix_seed(panel, actor=referent, seed=SEED, origin=ORIGIN)
    html = client.get(panel.get_absolute_url(), {"code": drawn.token}).content.decode()
    assert (
        f"La graine désigne le panel n° {designated} : votre code y figure, vous êtes tiré au sort."
        in html
    )
    html = client.get(panel.get_absolute_url(), {"code": left.token}).content.decode()
    assert f"La graine désigne le panel n° {designated} : votre code n'y figure pas." in html


def test_an_unknown_or_malformed_code_is_told_so_next_to_the_field(client):
    panel, _referent = lottery_panel()
    html = client.get(panel.get_absolute_url(), {"code": "p000000000000"}).content.decode()
    assert "Ce code ne figure dans aucun des 1\u202f000 panels de la loterie" in html
    html = client.get(panel.get_absolute_url(), {"code": "pas-un-code"}).content.decode()
    assert "Ce code n&#x27;est pas reconnu." in html
    assert 'value="pas-un-code"' in html
    assert 'id="ticket-result"' not in html


def test_the_organiser_downloads_the_codes_once_the_lottery_is_published(client):
    panel, referent = computed_panel()
    url = reverse("panels:export_codes", args=[panel.process_id, panel.pk])
    client.force_login(referent)
    response = client.get(url)
    assert response.status_code == 302
    assert not StaffAccess.objects.filter(category="codes de tirage de panel").exists()
    actions.publish_lottery(panel, actor=referent, announcement=ANNOUNCEMENT)
    rows = csv_rows(client.get(url))
    members = list(panel.pool.order_by("pk"))
    assert rows[0] == ["identifiant", "code_tirage"]
    assert rows[1:] == [[m.external_id, m.token] for m in members]
    assert StaffAccess.objects.filter(category="codes de tirage de panel").count() == 1


def test_a_replacement_lottery_is_public_before_its_seed(client):
    panel, referent, _draw = drawn_panel()
    leaving = panel.pool.filter(status="selected").order_by("pk").first()
    actions.decline(leaving, actor=referent)
    pending = actions.publish_replacement_lottery(
        panel, actor=referent, announcement="Graine du remplacement : tirage public du 3 mars."
    )
    html = client.get(panel.get_absolute_url()).content.decode()
    assert "Tirage de remplacement — graine à venir" in html
    assert "Graine du remplacement : tirage public du 3 mars." in html
    assert pending.lottery_digest in html
    url = reverse("panels:lottery", args=[panel.process.slug, panel.pk, pending.pk])
    assert json.loads(client.get(url).content)["digest"] == pending.lottery_digest


def test_a_lottery_is_published_only_on_a_public_process_and_before_any_seed():
    panel, referent = computed_panel()
    Process = type(panel.process)
    Process.objects.filter(pk=panel.process_id).update(status="draft")
    with pytest.raises(ValidationError) as error:
        actions.publish_lottery(panel, actor=referent, announcement=ANNOUNCEMENT)
    assert error.value.messages == [
        "Le dispositif n'est pas encore public : personne ne pourrait lire la loterie."
    ]
    panel.refresh_from_db()
    assert panel.lottery_published_at is None
    # A panel drawn before lotteries were published ahead of the seed cannot say so now.
    drawn, organiser, _draw = drawn_panel()
    Panel.objects.filter(pk=drawn.pk).update(lottery_published_at=None)
    drawn.refresh_from_db()
    with pytest.raises(ValidationError):
        actions.publish_lottery(drawn, actor=organiser, announcement=ANNOUNCEMENT)
    drawn.refresh_from_db()
    assert drawn.lottery_published_at is None


def test_a_computation_overtaken_by_an_edit_is_dropped(monkeypatch):
    panel, referent = computed_panel()
    actions.update_quotas(panel, actor=referent, bounds={})  # the lottery is reset
    real = engine.run_selection

    def edited_meanwhile(problem, progress=None):
        outcome = real(problem, progress=progress)
        quota = panel.quotas.order_by("pk").first()
        actions.update_quotas(panel, actor=referent, bounds={quota.pk: (0, 10)})
        return outcome

    monkeypatch.setattr(engine, "run_selection", edited_meanwhile)
    actions.store_computation(panel.pk)
    panel.refresh_from_db()
    assert panel.lottery is None and panel.result is None


def test_a_replacement_lottery_made_for_other_kept_members_is_not_drawn():
    panel, referent, _draw = drawn_panel()
    members = list(panel.pool.filter(status="selected").order_by("pk"))
    actions.decline(members[0], actor=referent)
    pending = actions.publish_replacement_lottery(panel, actor=referent, announcement="Annonce.")
    # A decline that slipped in while the lottery was computed (no longer possible through
    # `decline`, which waits for the panel's lock): the lottery kept that member.
    PoolMember.objects.filter(pk=members[1].pk).update(status="declined")
    with pytest.raises(ValidationError) as error:
        actions.draw_replacement(panel, actor=referent, seed="2026-05-01", origin=ORIGIN)
    assert error.value.messages == [
        "Le panel a changé depuis la publication de cette loterie de remplacement."
    ]
    pending.refresh_from_db()
    assert pending.pending
    assert not panel.pool.filter(status="replacement").exists()
