"""Each staff step of a panel writes one line of the activity log (issue 22): set-up,
computation, lottery, seed, draws, publication, sessions, attendance, recommendations.
A refused step, or the same attendance sheet sent again, writes nothing."""

import pytest
from django.core.exceptions import ValidationError

from concerto.activity.models import Entry
from concerto.engines.sortition import draw_number
from concerto.panels import actions, recommendations, sessions
from tests.panels.helpers import ANNOUNCEMENT, ORIGIN, computed_panel, invite, recruiting_panel
from tests.panels.test_sessions import plan

pytestmark = pytest.mark.django_db
SEED = "07-19-23-31-42"
PANEL = "Panel citoyen vélo"


def _lines():
    return list(
        Entry.objects.filter(action__startswith="panels.")
        .order_by("pk")
        .values_list("action", "actor", "target_label", "summary", "reason")
    )


def test_a_panel_from_its_pool_to_its_recommendations_is_logged_step_by_step():
    panel, referent = computed_panel()
    quota = panel.quotas.get(category="genre", value="femme")
    actions.update_quotas(panel, actor=referent, bounds={quota.pk: (5, 5)})
    actions.import_quotas(
        panel, actor=referent, data=b"category,feature,min,max\ngenre,femme,5,5\n"
    )
    actions.start_computation(panel, actor=referent)
    actions.publish_lottery(panel, actor=referent, announcement=ANNOUNCEMENT)
    actions.fix_seed(panel, actor=referent, seed=SEED, origin=ORIGIN)
    actions.draw_panel(panel, actor=referent)
    leaving = panel.pool.filter(status="selected").order_by("pk").first()
    actions.decline(leaving, actor=referent)
    actions.publish_replacement_lottery(panel, actor=referent, announcement="Annonce.")
    actions.draw_replacement(panel, actor=referent, seed="2026-05-01", origin="Un dé.")
    actions.publish_panel(panel, actor=referent)
    session = plan(panel, referent)
    people = list(panel.pool.filter(status="selected").order_by("pk"))
    marks = {people[0].pk: ("present", 0), people[1].pk: ("absent", 0)}
    sessions.record_attendance(session, actor=referent, marks=marks)
    sessions.record_attendance(session, actor=referent, marks=marks)  # sent again: no change
    recommendations.add_recommendation(panel, actor=referent, text="Des pistes.")
    r = referent.pk
    assert _lines() == [
        ("panels.create", r, PANEL, "Panel créé (10 membres)", ""),
        ("panels.import_pool", r, PANEL,
         "Vivier importé (40 personnes), quotas pré-remplis", ""),
        ("panels.start_computation", r, PANEL,
         "Calcul des probabilités lancé, inscriptions closes", ""),
        ("panels.update_quotas", r, PANEL, "Quotas modifiés", ""),
        ("panels.import_quotas", r, PANEL, "Quotas importés (1 ligne)", ""),
        ("panels.start_computation", r, PANEL,
         "Calcul des probabilités lancé, inscriptions closes", ""),
        ("panels.publish_lottery", r, PANEL, "Loterie publiée avant le tirage de la graine", ""),
        ("panels.fix_seed", r, PANEL, f"Graine fixée : {SEED}", ""),
        ("panels.draw", r, PANEL,
         f"Panel tiré au sort : ticket n° {draw_number(SEED, 1000)}", ""),
        ("panels.decline", r, PANEL, "Désistement enregistré pour un membre", ""),
        ("panels.publish_replacement_lottery", r, PANEL,
         "Loterie de remplacement publiée avant le tirage de sa graine", ""),
        ("panels.draw_replacement", r, PANEL,
         f"Tirage de remplacement : ticket n° {draw_number('2026-05-01', 1000)}, "
         "1 personne ajoutée", ""),
        ("panels.publish", r, PANEL, "Composition du panel publiée", ""),
        ("panels.plan_session", r, "Séance 1 : s'informer",
         f"Séance planifiée — {PANEL}", ""),
        ("panels.record_attendance", r, "Séance 1 : s'informer",
         "Présences saisies : 2 personnes", ""),
        ("panels.add_recommendation", r, "Recommandation n° 1",
         f"Recommandation enregistrée — {PANEL}", ""),
    ]  # fmt: skip
    kinds = Entry.objects.filter(action__startswith="panels.").values_list(
        "target_type__model", flat=True
    )
    assert set(kinds) == {"panel", "panelsession", "recommendation"}


def test_recruitment_steps_are_logged():
    panel, referent = recruiting_panel()
    invite(panel, referent, label="Lot 1")
    assert _lines()[1:] == [
        ("panels.define_categories", referent.pk, PANEL, "Catégories définies : genre, âge", ""),
        ("panels.import_invitations", referent.pk, PANEL,
         "Lot d'invitations « Lot 1 » : 2 invitations", ""),
    ]  # fmt: skip


def test_refused_panel_steps_write_nothing():
    panel, referent = computed_panel()
    before = _lines()
    with pytest.raises(ValidationError):
        actions.fix_seed(panel, actor=referent, seed=SEED, origin=ORIGIN)  # lottery unpublished
    with pytest.raises(ValidationError):
        actions.publish_lottery(panel, actor=referent, announcement=" ")
    with pytest.raises(ValidationError):
        actions.draw_panel(panel, actor=referent)
    with pytest.raises(ValidationError):
        actions.publish_panel(panel, actor=referent)
    with pytest.raises(ValidationError):
        recommendations.add_recommendation(panel, actor=referent, text="Trop tôt")
    actions.publish_lottery(panel, actor=referent, announcement=ANNOUNCEMENT)
    with pytest.raises(ValidationError):
        actions.publish_lottery(panel, actor=referent, announcement=ANNOUNCEMENT)
    assert _lines() == [
        *before,
        ("panels.publish_lottery", referent.pk, PANEL,
         "Loterie publiée avant le tirage de la graine", ""),
    ]  # fmt: skip
