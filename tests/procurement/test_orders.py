from decimal import Decimal

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from concerto.accounts.roles import Role
from concerto.activity.models import Entry
from concerto.notifications.models import Notification
from concerto.procurement import actions
from concerto.procurement.models import ConsumptionAlert, Order, OrderStatus
from concerto.procurement.queries import lot_consumption, ministry_year_consumption
from tests.factories import MinistryFactory, complete_process, user_with_role
from tests.procurement.factories import order_for, setup

pytestmark = pytest.mark.django_db
YEAR = timezone.localdate().year


def test_an_order_is_built_from_the_price_schedule_with_exact_amounts():
    s = setup()
    order = order_for(s, {"day": "3", "design": "1", "page": "2.5"})
    assert order.number == f"BC-{YEAR}-0001"
    assert order.status == OrderStatus.SUBMITTED
    assert (order.amount_ht, order.vat_rate, order.amount_vat, order.amount_ttc) == (
        Decimal("8801.96"),
        Decimal("20.00"),
        Decimal("1760.39"),
        Decimal("10562.35"),
    )
    lines = [
        (line.code, line.quantity, line.unit_price_ht, line.amount_ht) for line in order.lines.all()
    ]
    assert lines == [
        ("A1", Decimal("3.00"), Decimal("1250.00"), Decimal("3750.00")),
        ("A2", Decimal("1.00"), Decimal("4833.33"), Decimal("4833.33")),
        ("A3", Decimal("2.50"), Decimal("87.45"), Decimal("218.63")),
    ]
    assert order.ministry == s.ministry and order.year == YEAR
    assert Notification.objects.get(recipient=s.referent).subject == (
        f"Bon de commande à valider : BC-{YEAR}-0001"
    )


def test_the_same_request_posted_twice_makes_one_order():
    s = setup()
    first = order_for(s, {"day": "1"}, key="same")
    second = order_for(s, {"day": "1"}, key="same")
    assert first.pk == second.pk
    assert Order.objects.count() == 1


def test_an_order_needs_a_quantity_and_a_process_of_the_ministry():
    s = setup()
    with pytest.raises(ValidationError, match="au moins une prestation"):
        order_for(s, {"day": "0"})
    other = complete_process(ministry=MinistryFactory(), title="Autre ministère")
    with pytest.raises(ValidationError):
        actions.place_order(
            actor=s.agent,
            process=other,
            holder=s.holder,
            title="X",
            quantities={s.services["day"].pk: Decimal("1")},
            request_key="k",
        )
    with pytest.raises(ValidationError, match="Quantité invalide"):
        order_for(s, {"day": "1.005"})
    assert Order.objects.count() == 0


def test_a_citizen_cannot_order():
    s = setup()
    citizen = user_with_role(Role.CITIZEN)
    with pytest.raises(PermissionDenied):
        actions.place_order(
            actor=citizen,
            process=s.process,
            holder=s.holder,
            title="X",
            quantities={s.services["day"].pk: Decimal("1")},
            request_key="k",
        )


def test_referent_then_cipc_validate_and_the_order_goes_to_the_holder(
    django_capture_on_commit_callbacks,
):
    s = setup()
    order = order_for(s, {"day": "3", "design": "1", "page": "2.5"})
    with pytest.raises(ValidationError):
        actions.validate_as_cipc(order, actor=s.advisor)
    order.refresh_from_db()
    assert order.status == OrderStatus.SUBMITTED

    actions.validate_as_referent(order, actor=s.referent)
    order.refresh_from_db()
    assert order.status == OrderStatus.REFERENT_VALIDATED
    assert lot_consumption(s.lot).pending_ht == Decimal("8801.96")
    assert lot_consumption(s.lot).committed_ht == Decimal("0.00")

    with django_capture_on_commit_callbacks(execute=True):
        actions.validate_as_cipc(order, actor=s.advisor)
    order.refresh_from_db()
    assert order.status == OrderStatus.SENT and order.sent_at is not None
    consumption = lot_consumption(s.lot)
    assert (consumption.committed_ht, consumption.pending_ht, consumption.remaining_ht) == (
        Decimal("8801.96"),
        Decimal("0.00"),
        Decimal("91198.04"),
    )
    assert consumption.rate == Decimal("8.8")
    assert ministry_year_consumption(s.contract, s.ministry, YEAR).committed_ht == Decimal(
        "8801.96"
    )
    holder_mail = next(m for m in mail.outbox if m.to == [s.holder.contact_email])
    assert "Total TTC : 10562,35 €" in holder_mail.body
    assert list(order.transitions.values_list("to_status", flat=True)) == [
        OrderStatus.SUBMITTED,
        OrderStatus.REFERENT_VALIDATED,
        OrderStatus.SENT,
    ]
    # Validating again changes nothing.
    with pytest.raises(ValidationError):
        actions.validate_as_cipc(order, actor=s.advisor)
    assert lot_consumption(s.lot).committed_ht == Decimal("8801.96")


def test_a_referent_of_another_ministry_cannot_validate():
    s = setup()
    order = order_for(s, {"day": "1"})
    stranger = user_with_role(Role.REFERENT)
    with pytest.raises(PermissionDenied):
        actions.validate_as_referent(order, actor=stranger)
    order.refresh_from_db()
    assert order.status == OrderStatus.SUBMITTED


def test_refusal_needs_a_reason():
    s = setup()
    order = order_for(s, {"day": "1"})
    with pytest.raises(ValidationError):
        actions.refuse_order(order, actor=s.referent, reason=" ")
    actions.refuse_order(order, actor=s.referent, reason="Hors périmètre du dispositif.")
    order.refresh_from_db()
    assert order.status == OrderStatus.REFUSED
    assert order.transitions.last().reason == "Hors périmètre du dispositif."


def _validate(order, s):
    actions.validate_as_referent(order, actor=s.referent)
    return actions.validate_as_cipc(order, actor=s.advisor)


def test_an_order_over_the_lot_ceiling_is_refused_with_nothing_changed():
    s = setup(lot_ceiling="10000.00")
    first = order_for(s, {"day": "6"}, key="a")  # 7 500.00
    second = order_for(s, {"day": "3"}, key="b")  # 3 750.00: fits alone, not after the first
    _validate(first, s)
    actions.validate_as_referent(second, actor=s.referent)
    with pytest.raises(ValidationError, match="dépasserait le plafond"):
        actions.validate_as_cipc(second, actor=s.advisor)
    second.refresh_from_db()
    assert second.status == OrderStatus.REFERENT_VALIDATED
    assert lot_consumption(s.lot).committed_ht == Decimal("7500.00")
    with pytest.raises(ValidationError, match="dépasserait le plafond"):
        order_for(s, {"day": "9"}, key="c")
    assert not Order.objects.filter(request_key="c").exists()


def test_placing_warns_when_pending_orders_would_exceed_the_ceiling():
    s = setup(lot_ceiling="10000.00")
    order_for(s, {"day": "6"}, key="a")
    _order, warnings = actions.place_order(
        actor=s.agent,
        process=s.process,
        holder=s.holder,
        title="Encore",
        quantities={s.services["day"].pk: Decimal("3")},
        request_key="b",
    )
    assert len(warnings) == 1 and "serait dépassé" in warnings[0]


def test_crossing_the_alert_threshold_notifies_the_cipc_and_the_referent_once():
    s = setup(lot_ceiling="10000.00")
    first = order_for(s, {"day": "6"}, key="a")  # 75 %
    _validate(first, s)
    assert not ConsumptionAlert.objects.exists()
    second = order_for(s, {"day": "1"}, key="b")  # 87.5 %
    _validate(second, s)
    alert = ConsumptionAlert.objects.get()
    assert (alert.scope, alert.consumed_ht, alert.ceiling_ht, alert.threshold) == (
        "lot",
        Decimal("8750.00"),
        Decimal("10000.00"),
        Decimal("80.00"),
    )
    subject = "Alerte de consommation : Lot 1 — Conception et animation à 87,5 %"
    assert Notification.objects.filter(subject=subject).count() == 2
    assert set(
        Notification.objects.filter(subject=subject).values_list("recipient", flat=True)
    ) == {
        s.referent.pk,
        s.advisor.pk,
    }
    third = order_for(s, {"page": "1"}, key="c")
    _validate(third, s)
    assert ConsumptionAlert.objects.count() == 1


def test_ministry_annual_ceiling():
    s = setup(ministry_ceiling="5000.00")
    order = order_for(s, {"design": "1"}, key="a")  # 4 833.33: 96.7 %
    _validate(order, s)
    alert = ConsumptionAlert.objects.get()
    assert (alert.scope, alert.ministry, alert.year) == ("ministry_year", s.ministry, YEAR)
    with pytest.raises(ValidationError, match="plafond"):
        order_for(s, {"day": "1"}, key="b")


def test_a_step_its_status_does_not_allow_changes_nothing():
    """A stale page or a double click: cancelling a sent order is refused by its workflow
    with the status named, and neither the order, its history nor the activity log move."""
    s = setup()
    order = order_for(s, {"day": "1"})
    _validate(order, s)
    order.refresh_from_db()
    before = (order.status, order.transitions.count(), Entry.objects.count())
    with pytest.raises(ValidationError) as refused:
        actions.cancel_order(order, actor=s.agent)
    assert refused.value.messages == [
        "Ce bon de commande n'est plus à cette étape (statut : Validé et envoyé au titulaire)."
    ]
    order.refresh_from_db()
    assert (order.status, order.transitions.count(), Entry.objects.count()) == before
    assert list(order.transitions.values_list("action", "from_status", "to_status")) == [
        ("place", "", OrderStatus.SUBMITTED),
        ("validate_as_referent", OrderStatus.SUBMITTED, OrderStatus.REFERENT_VALIDATED),
        ("validate_as_cipc", OrderStatus.REFERENT_VALIDATED, OrderStatus.SENT),
    ]
