"""The orders list at the scale of the State (issue 22): search, filters, sort, pages, the
CSV of what is shown, and validating a selection."""

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from concerto.accounts.roles import Role
from concerto.procurement import actions
from concerto.procurement.models import Order, OrderStatus, OrderTransition
from concerto.testing.downloads import csv_rows
from tests.factories import MinistryFactory, user_with_role
from tests.procurement.factories import order_for, setup

pytestmark = pytest.mark.django_db
LIST = reverse("procurement:orders")
BULK = reverse("procurement:orders_validate")


def _numbers(response) -> list[str]:
    return [order.number for order in response.context["page_obj"]]


@pytest.fixture
def three_orders():
    """Workshops (1,250 € HT), a design (4,833.33 €) and a summary (174.90 €), placed in
    that order; the first two validated by the referent."""
    s = setup()
    workshops = order_for(s, {"day": "1"}, key="a", title="Ateliers de quartier")
    design = order_for(s, {"design": "1"}, key="b", title="Conception du débat")
    summary = order_for(s, {"page": "2"}, key="c", title="Synthèse écrite")
    for order in (workshops, design):
        actions.validate_as_referent(order, actor=s.referent)
    return s, workshops, design, summary


def test_search_filters_and_sort(client, three_orders):
    s, workshops, design, summary = three_orders
    client.force_login(s.advisor)
    assert _numbers(client.get(LIST)) == [summary.number, design.number, workshops.number]
    # Accents and case aside, on the title, the holder or the number.
    assert _numbers(client.get(LIST, {"q": "CONCEPTION"})) == [design.number]
    assert _numbers(client.get(LIST, {"q": "deliberer synthese"})) == [summary.number]
    assert _numbers(client.get(LIST, {"q": workshops.number})) == [workshops.number]
    submitted = client.get(LIST, {"status": OrderStatus.SUBMITTED})
    assert _numbers(submitted) == [summary.number]
    assert _numbers(client.get(LIST, {"sort": "montant"})) == [
        design.number, workshops.number, summary.number
    ]  # fmt: skip
    assert _numbers(client.get(LIST, {"sort": "ancienne"})) == [
        workshops.number, design.number, summary.number
    ]  # fmt: skip
    response = client.get(LIST, {"q": "Rien de tel"})
    assert _numbers(response) == [] and "0 bon de commande" in response.content.decode()


def test_awaiting_my_validation_is_each_persons_own_step(client, three_orders):
    s, workshops, design, summary = three_orders
    client.force_login(s.advisor)
    assert _numbers(client.get(LIST, {"mine": "on"})) == [design.number, workshops.number]
    client.force_login(s.referent)
    assert _numbers(client.get(LIST, {"mine": "on"})) == [summary.number]
    client.force_login(s.agent)
    assert _numbers(client.get(LIST, {"mine": "on"})) == []


def test_the_csv_holds_what_the_list_shows(client, three_orders):
    s, workshops, design, _summary = three_orders
    client.force_login(s.advisor)
    rows = csv_rows(
        client.get(reverse("procurement:orders_csv"), {"mine": "on", "sort": "montant"})
    )
    assert [row[0] for row in rows] == ["numero", design.number, workshops.number]
    assert rows[1][7:9] == ["À valider par le CIPC", "4833.33"]


def test_the_cipc_validates_a_selection_each_through_its_own_step(
    client, three_orders, django_capture_on_commit_callbacks
):
    s, workshops, design, summary = three_orders
    client.force_login(s.advisor)
    selection = [str(workshops.pk), str(design.pk), str(summary.pk)]
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(BULK, {"selection": selection, "query": "mine=on&page=2"})
    assert response.status_code == 302 and response.url == f"{LIST}?mine=on&page=2"
    assert [str(m) for m in get_messages(response.wsgi_request)] == [
        f"{summary.number} : ce bon de commande n'attend pas votre validation.",
        f"2 bons de commande validés : {workshops.number}, {design.number}.",
    ]
    statuses = dict(Order.objects.values_list("number", "status"))
    assert statuses == {
        workshops.number: OrderStatus.SENT,
        design.number: OrderStatus.SENT,
        summary.number: OrderStatus.SUBMITTED,
    }
    client.get(LIST)  # the list shows the messages, and so consumes them
    # The same selection sent again (a double click) validates nothing twice.
    transitions = OrderTransition.objects.count()
    response = client.post(BULK, {"selection": selection})
    assert OrderTransition.objects.count() == transitions
    assert dict(Order.objects.values_list("number", "status")) == statuses
    assert [str(m) for m in get_messages(response.wsgi_request)] == [
        f"{number} : ce bon de commande n'attend pas votre validation."
        for number in (workshops.number, design.number, summary.number)
    ]


def test_one_order_over_its_ceiling_does_not_stop_the_others(client):
    s = setup(lot_ceiling="5000.00")
    small = order_for(s, {"day": "1"}, key="a")
    large = order_for(s, {"design": "1"}, key="b")
    for order in (small, large):
        actions.validate_as_referent(order, actor=s.referent)
    client.force_login(s.advisor)
    response = client.post(BULK, {"selection": [str(small.pk), str(large.pk)]})
    messages = [str(m) for m in get_messages(response.wsgi_request)]
    assert messages[-1] == f"1 bon de commande validé : {small.number}."
    assert messages[0].startswith(f"{large.number} : ")
    large.refresh_from_db()
    assert large.status == OrderStatus.REFERENT_VALIDATED


def test_an_empty_or_foreign_selection_changes_nothing(client, three_orders):
    s, workshops, _design, _summary = three_orders
    client.force_login(s.advisor)
    for selection in ([], ["0"], ["abc"], ["\x00"]):
        response = client.post(BULK, {"selection": selection, "query": "\x00"})
        assert response.status_code == 302 and response.url == LIST
        assert [str(m) for m in get_messages(response.wsgi_request)] == [
            "Sélectionnez au moins un bon de commande."
        ]
        client.get(LIST)
    assert not Order.objects.filter(status=OrderStatus.SENT).exists()


def test_a_referent_cannot_validate_another_ministrys_order(client, three_orders):
    s, _workshops, _design, summary = three_orders
    other = user_with_role(Role.REFERENT, organisation=MinistryFactory(name="Ministère des Sports"))
    client.force_login(other)
    assert _numbers(client.get(LIST)) == []
    response = client.post(BULK, {"selection": [str(summary.pk)]})
    assert [str(m) for m in get_messages(response.wsgi_request)] == [
        "Sélectionnez au moins un bon de commande."
    ]
    summary.refresh_from_db()
    assert summary.status == OrderStatus.SUBMITTED
    assert (
        not OrderTransition.objects.filter(order=summary)
        .exclude(to_status=OrderStatus.SUBMITTED)
        .exists()
    )


def test_a_wrong_filter_shows_its_error_and_no_order(client, three_orders):
    s = three_orders[0]
    client.force_login(s.advisor)
    response = client.get(LIST, {"year": "1999", "status": OrderStatus.SUBMITTED})
    assert "year" in response.context["form"].errors and _numbers(response) == []
    rows = csv_rows(client.get(reverse("procurement:orders_csv"), {"year": "1999"}))
    assert rows[1:] == []
