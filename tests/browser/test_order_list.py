"""Issue 22 in a real browser: the CIPC finds the orders waiting for it among the State's,
validates two at once, and downloads what the list shows."""

from playwright.sync_api import expect

from concerto.procurement import actions
from concerto.procurement.models import Order, OrderStatus
from tests.browser.conftest import check_page, log_in
from tests.factories import PASSWORD
from tests.procurement.factories import order_for, setup


def test_the_cipc_filters_the_orders_and_validates_a_selection(page):
    s = setup()
    workshops = order_for(s, {"day": "1"}, key="a", title="Ateliers de quartier")
    design = order_for(s, {"design": "1"}, key="b", title="Conception du débat")
    summary = order_for(s, {"page": "2"}, key="c", title="Synthèse écrite")
    for order in (workshops, design):
        actions.validate_as_referent(order, actor=s.referent)

    log_in(page, s.advisor.email, PASSWORD)
    check_page(page, "Espace du Centre interministériel de la participation citoyenne")
    page.goto("/accord-cadre/commandes/")
    check_page(page, "Bons de commande")
    expect(page.locator("#order-count")).to_have_text("3 bons de commande")
    page.get_by_label("Ceux qui attendent ma validation").focus()
    page.keyboard.press("Space")
    page.get_by_label("Trier").select_option(label="Le montant le plus élevé d'abord")
    page.get_by_role("button", name="Filtrer").click()
    check_page(page, "Bons de commande")
    expect(page.locator("#order-count")).to_have_text("2 bons de commande")
    expect(page.locator("#orders tbody tr td:nth-child(2)")).to_have_text(
        [design.number, workshops.number]
    )
    with page.expect_download() as download:
        page.get_by_role("link", name="Exporter pour les services financiers (CSV)").click()
    lines = download.value.path().read_text(encoding="utf-8").splitlines()
    assert [line.split(",")[0] for line in lines] == ["numero", design.number, workshops.number]

    page.get_by_label(f"Sélectionner {design.number}").focus()
    page.keyboard.press("Space")
    page.get_by_label(f"Sélectionner {workshops.number}").focus()
    page.keyboard.press("Space")
    page.get_by_role("button", name="Valider la sélection").click()
    check_page(page, "Bons de commande")
    expect(page.locator(".fr-alert--success")).to_contain_text(
        f"2 bons de commande validés : {workshops.number}, {design.number}."
    )
    # Back on the same filtered list, now empty: nothing waits for the CIPC any more.
    expect(page.locator("#order-count")).to_have_text("0 bon de commande")
    assert dict(Order.objects.values_list("number", "status")) == {
        workshops.number: OrderStatus.SENT,
        design.number: OrderStatus.SENT,
        summary.number: OrderStatus.SUBMITTED,
    }
