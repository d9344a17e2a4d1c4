"""Issue 10 in a real browser: a referent updates an action of the ministry's plan and
the CIPC's overview reflects it; the CIPC publishes meeting minutes to the network."""

from datetime import timedelta

from django.utils import timezone
from playwright.sync_api import expect

from concerto.accounts.roles import Role
from concerto.network import actions
from concerto.network.models import ActionStatus, PlanAction
from concerto.notifications.models import Notification
from tests.browser.conftest import check_page, log_in, log_out
from tests.factories import PASSWORD, complete_process, user_with_role
from tests.network.factories import deputy_of, plan_with_actions

CIPC_HOME = "Espace du Centre interministériel de la participation citoyenne"


def test_referent_updates_an_action_and_the_cipc_overview_reflects_it(page):
    plan, referent, _agent, (first, *_rest) = plan_with_actions()
    process = complete_process(ministry=plan.ministry, title="Concertation sur les musées")
    advisor = user_with_role(Role.CIPC_ADVISOR)

    log_in(page, advisor.email, PASSWORD)
    check_page(page, CIPC_HOME)
    page.goto("/reseau/avancement/")
    check_page(page, "Avancement des plans d'action ministériels")
    row = page.locator("#overview tbody tr").first
    expect(row.locator("td")).to_have_text(
        [
            "Ministère de la Culture",
            "3",
            "1",
            "1",
            "1",
            "1",
            "33 %",
            timezone.localdate().strftime("%d/%m/%Y"),
        ]
    )
    log_out(page)

    log_in(page, referent.email, PASSWORD)
    check_page(page, "Espace référent ministériel")
    expect(page.locator("#plan-actions-due")).to_contain_text("Former les chefs de projet")
    page.locator("#plan-actions-due").get_by_role("link", name="Former les chefs de projet").click()
    check_page(page, "Modifier l'action")
    page.locator("#id_status").select_option(label="Réalisée")
    page.get_by_text("Concertation sur les musées").click()
    page.get_by_role("button", name="Enregistrer l'action").click()
    check_page(page, plan.title)
    expect(page.locator("#plan-actions")).to_contain_text("Concertation sur les musées")
    first.refresh_from_db()
    assert (first.status, first.version, list(first.processes.all())) == (
        ActionStatus.DONE,
        2,
        [process],
    )
    log_out(page)

    log_in(page, advisor.email, PASSWORD)
    check_page(page, CIPC_HOME)
    page.get_by_role("link", name="Avancement des plans d'action").click()
    check_page(page, "Avancement des plans d'action ministériels")
    expect(page.locator("#overview tbody tr").first.locator("td")).to_have_text(
        [
            "Ministère de la Culture",
            "3",
            "0",
            "1",
            "2",
            "1",
            "67 %",
            timezone.localdate().strftime("%d/%m/%Y"),
        ]
    )


def test_a_stale_action_form_is_refused_and_nothing_is_lost(page):
    plan, referent, _agent, (first, *_rest) = plan_with_actions()
    log_in(page, referent.email, PASSWORD)
    check_page(page, "Espace référent ministériel")
    page.goto(f"/reseau/plans/{plan.ministry.slug}/actions/{first.pk}/")
    check_page(page, "Modifier l'action")
    # Someone else saves meanwhile.
    fields = {name: getattr(first, name) for name in actions.ACTION_FIELDS}
    actions.save_plan_action(
        plan,
        actor=referent,
        fields={**fields, "title": "Autre titre"},
        action=first,
        expected_version=1,
    )
    page.locator("#id_title").fill("Mon titre")
    page.get_by_role("button", name="Enregistrer l'action").click()
    check_page(page, "Modifier l'action")
    expect(page.locator("#form-errors")).to_contain_text("modifiée entre-temps")
    expect(page.locator("#id_title")).to_have_value("Mon titre")
    assert PlanAction.objects.get(pk=first.pk).title == "Autre titre"


def test_cipc_publishes_meeting_minutes_to_the_network(page):
    plan, referent, _agent, _actions = plan_with_actions()
    deputy = deputy_of(plan.ministry)
    advisor = user_with_role(Role.CIPC_ADVISOR)
    log_in(page, advisor.email, PASSWORD)
    check_page(page, CIPC_HOME)
    page.goto("/reseau/reunions/")
    check_page(page, "Réunions du réseau")
    page.get_by_role("link", name="Programmer une réunion").click()
    check_page(page, "Programmer une réunion du réseau")
    page.locator("#id_title").fill("Réunion plénière du réseau")
    starts = timezone.localtime() - timedelta(days=1)
    page.locator("#id_starts_at").fill(starts.strftime("%Y-%m-%dT10:00"))
    page.locator("#id_place").fill("DITP, salle Ségur")
    page.locator("#id_agenda").fill("1. Plans d'action\n2. Accord-cadre")
    page.get_by_role("button", name="Programmer et inviter les référents").click()
    check_page(page, "Réunion plénière du réseau")
    page.locator("#id_minutes").fill("Chaque ministère a présenté l'avancement de son plan.")
    page.locator("#id_decisions").fill("Diffuser le guide méthodologique\nOuvrir l'accord-cadre")
    page.locator("#checkboxes-id_present").get_by_text(str(referent), exact=True).click()
    page.get_by_role("button", name="Enregistrer le compte rendu").click()
    check_page(page, "Réunion plénière du réseau")
    page.locator("#id_title").fill("Envoyer le guide aux référents")
    page.locator("#id_due_date").fill((timezone.localdate() + timedelta(days=15)).isoformat())
    page.get_by_role("button", name="Ajouter l'action").click()
    check_page(page, "Réunion plénière du réseau")
    page.get_by_role("button", name="Publier le compte rendu au réseau").click()
    check_page(page, "Réunion plénière du réseau")
    expect(page.locator("#minutes-status")).to_contain_text("Compte rendu publié le")
    subject = "Compte rendu publié : Réunion plénière du réseau"
    assert set(
        Notification.objects.filter(subject=subject).values_list("recipient", flat=True)
    ) == {
        referent.pk,
        deputy.pk,
        advisor.pk,
    }
    log_out(page)

    log_in(page, referent.email, PASSWORD)
    check_page(page, "Espace référent ministériel")
    page.get_by_role("button", name=subject).click()
    check_page(page, "Réunion plénière du réseau")
    expect(page.locator("#decisions li")).to_have_text(
        ["Diffuser le guide méthodologique", "Ouvrir l'accord-cadre"]
    )
    expect(page.locator("#attendance")).to_contain_text(f"{referent} — présent(e)")
    expect(page.locator("#follow-ups")).to_contain_text("Envoyer le guide aux référents")
    expect(page.get_by_role("button", name="Publier le compte rendu au réseau")).to_have_count(0)
