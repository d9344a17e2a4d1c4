"""Issue 10 in a real browser: an agent orders from the price schedule, the referent
then the CIPC validate, consumption updates to the cent; a ceiling alert fires."""

from decimal import Decimal

from django.utils import timezone
from playwright.sync_api import expect

from concerto.notifications.models import Notification
from concerto.procurement import actions
from concerto.procurement.models import ConsumptionAlert, Order, OrderStatus
from concerto.procurement.queries import lot_consumption
from tests.browser.conftest import check_page, log_in, log_out
from tests.factories import PASSWORD
from tests.procurement.factories import order_for, setup

CIPC_HOME = "Espace du Centre interministériel de la participation citoyenne"


def test_agent_orders_referent_and_cipc_validate_and_consumption_updates(page):
    s = setup()
    year = timezone.localdate().year
    log_in(page, s.agent.email, PASSWORD)
    check_page(page, "Espace agent public")
    page.goto("/accord-cadre/")
    check_page(page, "Accord-cadre de la participation citoyenne")
    page.get_by_label("Rechercher une prestation, un lot ou un titulaire").fill("synthèse")
    page.get_by_role("button", name="Rechercher").click()
    check_page(page, "Accord-cadre de la participation citoyenne")
    expect(page.locator("#search-results")).to_have_text("1 prestation correspond à « synthèse ».")
    page.get_by_role("link", name="Commander auprès de Agence Délibérer").click()
    check_page(page, "Nouveau bon de commande")
    page.locator("#id_process").select_option(label=s.process.title)
    page.locator("#id_title").fill("Trois ateliers citoyens")
    services = s.services
    page.locator(f"#id_quantity_{services['day'].pk}").fill("3")
    page.locator(f"#id_quantity_{services['design'].pk}").fill("1")
    page.locator(f"#id_quantity_{services['page'].pk}").fill("2.5")
    page.get_by_role("button", name="Transmettre la demande au référent").click()
    check_page(page, f"Bon de commande BC-{year}-0001")
    expect(page.locator("#total-ht")).to_have_text("8 801,96 €")
    expect(page.locator("#total-vat")).to_have_text("1 760,39 €")
    expect(page.locator("#total-ttc")).to_have_text("10 562,35 €")
    expect(page.locator("#order-status")).to_have_text("À valider par le référent")
    order = Order.objects.get()
    assert (order.amount_ht, order.amount_vat, order.amount_ttc) == (
        Decimal("8801.96"),
        Decimal("1760.39"),
        Decimal("10562.35"),
    )
    log_out(page)

    log_in(page, s.referent.email, PASSWORD)
    check_page(page, "Espace référent ministériel")
    page.locator("#orders-to_validate").get_by_role("link").click()
    check_page(page, f"Bon de commande BC-{year}-0001")
    page.get_by_role("button", name="Valider et transmettre au CIPC").click()
    check_page(page, f"Bon de commande BC-{year}-0001")
    expect(page.locator("#order-status")).to_have_text("À valider par le CIPC")
    log_out(page)

    log_in(page, s.advisor.email, PASSWORD)
    check_page(page, CIPC_HOME)
    page.locator("#orders-to_validate").get_by_role("link").click()
    check_page(page, f"Bon de commande BC-{year}-0001")
    page.get_by_role("button", name="Valider et envoyer au titulaire").click()
    check_page(page, f"Bon de commande BC-{year}-0001")
    expect(page.locator("#order-status")).to_have_text("Validé et envoyé au titulaire")
    page.goto("/accord-cadre/consommation/")
    check_page(page, "Consommation de l'accord-cadre")
    lot_row = page.locator("#by-lot tbody tr").first
    expect(lot_row).to_contain_text("8 801,96 €")
    expect(lot_row).to_contain_text("100 000,00 €")
    expect(lot_row).to_contain_text("8,8 %")
    expect(page.locator("#by-ministry tbody tr").first).to_contain_text(
        f"Ministère de la Transition écologique — {year}"
    )
    consumption = lot_consumption(s.lot)
    assert (consumption.committed_ht, consumption.pending_ht) == (
        Decimal("8801.96"),
        Decimal("0.00"),
    )
    page.goto("/accord-cadre/commandes/")
    check_page(page, "Bons de commande")
    with page.expect_download() as download:
        page.get_by_role("link", name="Exporter pour les services financiers (CSV)").click()
    rows = open(download.value.path(), encoding="utf-8").read().splitlines()
    assert rows[1].endswith(
        f",8801.96,20.00,1760.39,10562.35,{timezone.localdate()},{timezone.localdate()}"
    )


def test_a_ceiling_alert_fires_when_the_cipc_validates(page):
    s = setup(lot_ceiling="10000.00")
    _first = actions.validate_as_cipc(
        actions.validate_as_referent(order_for(s, {"day": "6"}, key="a"), actor=s.referent),
        actor=s.advisor,
    )
    second = actions.validate_as_referent(order_for(s, {"day": "1"}, key="b"), actor=s.referent)
    # Fits when placed (7 500 + 2 500 = the ceiling), no longer once the second is sent.
    third = actions.validate_as_referent(order_for(s, {"day": "2"}, key="c"), actor=s.referent)
    log_in(page, s.advisor.email, PASSWORD)
    check_page(page, CIPC_HOME)
    page.goto(f"/accord-cadre/commandes/{second.pk}/")
    check_page(page, f"Bon de commande {second.number}")
    page.get_by_role("button", name="Valider et envoyer au titulaire").click()
    check_page(page, f"Bon de commande {second.number}")
    alert = ConsumptionAlert.objects.get()
    assert (alert.consumed_ht, alert.ceiling_ht) == (Decimal("8750.00"), Decimal("10000.00"))
    subject = "Alerte de consommation : Lot 1 — Conception et animation à 87,5 %"
    assert set(
        Notification.objects.filter(subject=subject).values_list("recipient", flat=True)
    ) == {
        s.referent.pk,
        s.advisor.pk,
    }
    page.goto("/accord-cadre/consommation/")
    check_page(page, "Consommation de l'accord-cadre")
    expect(page.locator("#alerts")).to_contain_text("8 750,00 € / 10 000,00 €")
    expect(page.locator("#by-lot tbody tr").first).to_contain_text("87,5 %")

    # An order that would exceed the ceiling is refused, and nothing changes.
    page.goto(f"/accord-cadre/commandes/{third.pk}/")
    check_page(page, f"Bon de commande {third.number}")
    page.get_by_role("button", name="Valider et envoyer au titulaire").click()
    check_page(page, f"Bon de commande {third.number}")
    expect(page.locator(".fr-alert--error")).to_contain_text("dépasserait le plafond")
    third.refresh_from_db()
    assert third.status == OrderStatus.REFERENT_VALIDATED
    assert lot_consumption(s.lot).committed_ht == Decimal("8750.00")
