"""Panel actions: pool import, quotas, computation, draws, replacement, purge."""

import json
from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command
from django.utils import timezone

from concerto.engines.sortition import draw_number, verify
from concerto.jobs.models import Job
from concerto.panels import actions
from concerto.panels.models import Draw, Panel, PoolMember
from tests.panels.helpers import computed_panel, drawn_panel, other_user, ready_panel

pytestmark = pytest.mark.django_db

SEED = "07-19-23-31-42"


def in_panel(panel):
    return panel.pool.filter(status__in=[PoolMember.Status.SELECTED, PoolMember.Status.REPLACEMENT])


def assert_quotas_hold(panel):
    members = list(in_panel(panel))
    assert len(members) == panel.size
    for quota in panel.quotas.all():
        count = sum(m.values[quota.category] == quota.value for m in members)
        assert quota.min <= count <= quota.max, quota


def test_import_prefills_proportional_quotas():
    panel, _referent = ready_panel()
    assert panel.pool_size == 40
    assert panel.pool.count() == 40
    assert panel.pool_counts == {
        "age": {"18-34": 14, "35-64": 13, "65+": 13},
        "genre": {"femme": 20, "homme": 20},
    }
    assert list(panel.quotas.values_list("category", "value", "min", "max")) == [
        ("age", "18-34", 3, 4),
        ("age", "35-64", 3, 4),
        ("age", "65+", 3, 4),
        ("genre", "femme", 5, 5),
        ("genre", "homme", 5, 5),
    ]


def test_import_refuses_bad_lines_and_changes_nothing():
    panel, referent = ready_panel()
    bad = b"pool_member_identifier,genre,age\nx1,femme,18-34\nx2,,65+\nx1,homme,35-64\nx4,homme\n"
    with pytest.raises(ValidationError) as error:
        actions.import_pool(panel, actor=referent, data=bad)
    assert error.value.messages == [
        "Ligne 3 : valeur manquante pour « genre ».",
        "Ligne 4 : identifiant « x1 » déjà utilisé ligne 2.",
        "Ligne 5 : 3 colonnes attendues, 2 trouvées (une virgule dans un texte doit être "
        "entre guillemets).",
    ]
    panel.refresh_from_db()
    assert panel.pool_size == 40
    assert sorted(panel.pool.values_list("external_id", flat=True))[:2] == ["resp-001", "resp-002"]
    assert not panel.pool.filter(external_id__startswith="x").exists()


def test_import_refuses_a_pool_smaller_than_the_panel():
    panel, referent = ready_panel()
    with pytest.raises(ValidationError) as error:
        actions.import_pool(panel, actor=referent, data=b"genre\nfemme\nhomme\n")
    assert error.value.messages == [
        "Le vivier compte 2 personnes, moins que les 10 membres du panel."
    ]
    assert panel.pool.count() == 40


def test_import_by_someone_else_is_refused():
    panel, _referent = ready_panel()
    with pytest.raises(PermissionDenied):
        actions.import_pool(panel, actor=other_user(), data=b"genre\nfemme\n")
    assert panel.pool.count() == 40


def test_quota_csv_import_checks_each_line():
    panel, referent = ready_panel()
    bad = b"category,feature,min,max\ngenre,femme,4,6\ngenre,autre,1,2\nage,65+,5,3\n"
    with pytest.raises(ValidationError) as error:
        actions.import_quotas(panel, actor=referent, data=bad)
    assert error.value.messages == [
        "Ligne 3 : valeur « autre » absente du vivier pour « genre ».",
        "Ligne 4 : il faut 0 ≤ min ≤ max (ici 5 et 3).",
    ]
    assert panel.quotas.get(category="genre", value="femme").min == 5
    actions.import_quotas(
        panel, actor=referent, data=b"category,feature,min,max\ngenre,femme,4,6\n"
    )
    assert panel.quotas.get(category="genre", value="femme").max == 6
    # Values the file leaves out are free: [0, k].
    assert (panel.quotas.get(value="homme").min, panel.quotas.get(value="homme").max) == (0, 10)


def test_computation_runs_as_a_job_and_stores_probabilities():
    panel, referent = computed_panel()
    job = Job.objects.get(pk=panel.computing_job_id)
    assert job.status == Job.Status.SUCCEEDED
    assert job.result_url == panel.get_manage_url()
    assert len(panel.result) == 40
    assert set(panel.result) == set(panel.pool.values_list("token", flat=True))
    assert panel.min_probability == pytest.approx(0.25, abs=1e-6)
    assert panel.geometric_mean == pytest.approx(0.25, abs=1e-6)
    assert panel.gini == pytest.approx(0, abs=1e-6)
    assert panel.lottery["m"] == 1000
    assert panel.lottery_digest == panel.lottery["digest"]
    assert sum(row["count"] for row in panel.histogram) == 40


def test_infeasible_quotas_show_the_engine_reasons():
    panel, referent = ready_panel()
    bounds = {q.pk: (q.min, q.max) for q in panel.quotas.all()}
    femme = panel.quotas.get(value="femme")
    homme = panel.quotas.get(value="homme")
    bounds[femme.pk] = (6, 6)
    bounds[homme.pk] = (5, 5)
    actions.update_quotas(panel, actor=referent, bounds=bounds)
    job = actions.start_computation(panel, actor=referent)
    panel.refresh_from_db()
    job.refresh_from_db()
    assert job.status == Job.Status.SUCCEEDED
    # Stored as the engine's code and values, put into words when shown.
    assert panel.infeasible_reasons == [
        {
            "code": "minimums_above_seats",
            "values": {"category": "genre", "total": 11, "excess": 1, "k": 10},
        }
    ]
    assert panel.infeasible_texts == [
        "Catégorie « genre » : la somme des minimums (11) dépasse de 1 le nombre de places "
        "à pourvoir (10)."
    ]
    # A panel computed before the engine spoke codes kept its sentence: shown as it is.
    panel.infeasible_reasons = ["Une phrase d'avant."]
    assert panel.infeasible_texts == ["Une phrase d'avant."]
    assert panel.result is None and panel.lottery is None


def test_draw_is_reproducible_from_the_seed():
    panel, _referent, draw = drawn_panel(seed=SEED)
    assert draw.number == draw_number(SEED, 1000)
    assert draw.kind == Draw.Kind.INITIAL
    ticket = panel.lottery["tickets"][draw.number - 1]
    assert sorted(in_panel(panel).values_list("token", flat=True)) == sorted(ticket)
    checked = verify(json.loads(json.dumps(draw.lottery)), SEED)
    assert checked.number == draw.number
    assert sorted(checked.panel) == sorted(ticket)
    assert panel.status == Panel.Status.DRAWN
    assert_quotas_hold(panel)


def test_seed_cannot_change_and_pool_is_frozen_once_fixed():
    panel, referent, _draw = drawn_panel()
    with pytest.raises(ValidationError):
        actions.fix_seed(panel, actor=referent, seed="autre", origin="Un autre tirage.")
    with pytest.raises(ValidationError):
        actions.import_pool(panel, actor=referent, data=b"genre\nfemme\n")
    panel.refresh_from_db()
    assert panel.seed == SEED
    assert panel.pool.count() == 40


def test_replacement_keeps_the_others_and_respects_quotas():
    panel, referent, _draw = drawn_panel()
    kept = set(in_panel(panel).values_list("token", flat=True))
    leaving = in_panel(panel).order_by("pk").first()
    kept.discard(leaving.token)
    actions.decline(leaving, actor=referent)
    pending = actions.publish_replacement_lottery(panel, actor=referent, announcement="Annonce.")
    draw = actions.draw_replacement(panel, actor=referent, seed="2026-05-01", origin="Un dé.")
    assert draw.pk == pending.pk and draw.lottery_digest == pending.lottery_digest
    assert draw.seed_origin == "Un dé." and draw.at > draw.lottery_published_at
    panel.refresh_from_db()
    leaving.refresh_from_db()
    assert leaving.status == PoolMember.Status.DECLINED
    now = set(in_panel(panel).values_list("token", flat=True))
    assert kept <= now
    assert len(now) == 10
    assert now - kept == set(draw.member_tokens)
    assert len(draw.member_tokens) == 1
    replacement = panel.pool.get(token=draw.member_tokens[0])
    assert replacement.status == PoolMember.Status.REPLACEMENT
    # Same genre as the person who left: the genre quota is exactly 5/5.
    assert replacement.values["genre"] == leaving.values["genre"]
    assert_quotas_hold(panel)
    assert (
        verify(draw.lottery, "2026-05-01").number == draw.number == draw_number("2026-05-01", 1000)
    )
    assert all(set(kept) <= set(t) for t in draw.lottery["tickets"])


def test_a_replacement_lottery_is_published_before_its_seed():
    panel, referent, _draw = drawn_panel()
    members = list(in_panel(panel).order_by("pk"))
    actions.decline(members[0], actor=referent)
    with pytest.raises(ValidationError) as error:
        actions.draw_replacement(panel, actor=referent, seed="2026-05-01", origin="Un dé.")
    assert error.value.messages == [
        "Publiez d'abord la loterie de remplacement : elle doit être connue avant la graine."
    ]
    with pytest.raises(ValidationError) as error:
        actions.publish_replacement_lottery(panel, actor=referent, announcement=" ")
    assert error.value.message_dict == {
        "announcement": ["Dites qui tirera la graine, comment, quand et où."]
    }
    assert panel.draws.count() == 1
    pending = actions.publish_replacement_lottery(panel, actor=referent, announcement="Annonce.")
    assert pending.pending and pending.seed == "" and pending.member_tokens == []
    # While its seed is awaited, the lottery keeps every other member in every ticket:
    # neither a second lottery nor another decline may change that.
    with pytest.raises(ValidationError):
        actions.publish_replacement_lottery(panel, actor=referent, announcement="Autre.")
    with pytest.raises(ValidationError) as error:
        actions.decline(members[1], actor=referent)
    assert error.value.messages == [
        "Une loterie de remplacement attend sa graine : tirez-la avant d'enregistrer un autre "
        "désistement."
    ]
    members[1].refresh_from_db()
    assert members[1].status == PoolMember.Status.SELECTED
    assert panel.draws.count() == 2
    with pytest.raises(ValidationError) as error:
        actions.draw_replacement(panel, actor=referent, seed="2026-05-01", origin="")
    assert error.value.message_dict == {
        "origin": ["Dites qui a tiré la graine, comment et devant qui."]
    }
    pending.refresh_from_db()
    assert pending.pending


def test_publish_requires_a_draw():
    panel, referent = computed_panel()
    with pytest.raises(ValidationError):
        actions.publish_panel(panel, actor=referent)
    panel.refresh_from_db()
    assert panel.status == Panel.Status.DRAFT


def test_purge_deletes_pool_rows_past_retention_and_keeps_aggregates():
    panel, referent, _draw = drawn_panel()
    actions.publish_panel(panel, actor=referent)
    keep, _ = ready_panel()
    Panel.objects.filter(pk=panel.pk).update(retention_date=timezone.localdate())
    call_command("panels", "purge")
    panel.refresh_from_db()
    assert panel.pool.count() == 0
    assert panel.pool_purged_at is not None
    assert panel.result is None
    assert panel.pool_counts["genre"] == {"femme": 20, "homme": 20}
    assert panel.selected_counts["genre"] == {"femme": 5, "homme": 5}
    assert sum(row["count"] for row in panel.histogram) == 40
    assert keep.pool.count() == 40
    assert panel.retention_date < timezone.localdate() + timedelta(days=1)


def test_quota_with_min_above_max_is_refused_and_nothing_changes():
    panel, referent = ready_panel()
    femme = panel.quotas.get(value="femme")
    with pytest.raises(ValidationError) as error:
        actions.update_quotas(panel, actor=referent, bounds={femme.pk: (7, 6)})
    assert error.value.messages == ["« genre = femme » : le minimum dépasse le maximum."]
    femme.refresh_from_db()
    assert (femme.min, femme.max) == (5, 5)
