"""Each step of an order writes one line of the activity log (issue 22), in the same
transaction as the step: a refused step or a second click writes nothing."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from concerto.activity.models import Entry
from concerto.procurement import actions
from tests.procurement.factories import order_for, setup

pytestmark = pytest.mark.django_db
YEAR = timezone.localdate().year
LABEL = f"BC-{YEAR}-0001 — Ateliers"


def _lines():
    return list(
        Entry.objects.filter(action__startswith="procurement.")
        .order_by("pk")
        .values_list("action", "actor", "target_id", "target_label", "summary", "reason")
    )


def test_placing_then_validating_an_order_writes_one_line_per_step():
    s = setup()
    order = order_for(s, {"day": "1"}, key="same")
    assert order_for(s, {"day": "1"}, key="same").pk == order.pk  # a second click
    actions.validate_as_referent(order, actor=s.referent)
    actions.validate_as_cipc(order, actor=s.advisor)
    assert _lines() == [
        ("procurement.place", s.agent.pk, order.pk, LABEL,
         "Bon de commande demandé (1 250,00 € HT)", ""),
        ("procurement.validate_as_referent", s.referent.pk, order.pk, LABEL,
         "Bon de commande validé par le référent", ""),
        ("procurement.validate_as_cipc", s.advisor.pk, order.pk, LABEL,
         "Bon de commande validé par le CIPC et envoyé au titulaire", ""),
    ]  # fmt: skip
    assert Entry.objects.get(action="procurement.place").target_type.model == "order"


def test_a_refusal_is_logged_with_its_reason_and_a_refusal_without_one_is_not():
    s = setup()
    order = order_for(s, {"day": "1"})
    with pytest.raises(ValidationError):
        actions.refuse_order(order, actor=s.referent, reason=" ")
    assert [line[0] for line in _lines()] == ["procurement.place"]
    actions.refuse_order(order, actor=s.referent, reason="  Hors périmètre du dispositif. ")
    assert _lines()[1:] == [
        ("procurement.refuse", s.referent.pk, order.pk, LABEL, "Bon de commande refusé",
         "Hors périmètre du dispositif."),
    ]  # fmt: skip


def test_a_cancellation_is_logged_once():
    s = setup()
    order = order_for(s, {"day": "1"})
    actions.cancel_order(order, actor=s.agent)
    with pytest.raises(ValidationError):
        actions.cancel_order(order, actor=s.agent)
    assert _lines()[1:] == [
        ("procurement.cancel", s.agent.pk, order.pk, LABEL, "Bon de commande annulé", ""),
    ]


def test_a_validation_over_the_ceiling_writes_nothing():
    s = setup(lot_ceiling="1000.00")
    order = order_for(s, {"page": "1"})
    actions.validate_as_referent(order, actor=s.referent)
    Entry.objects.all().delete()
    # Another order commits the lot meanwhile: this one no longer fits.
    s.lot.ceiling_ht = Decimal("50.00")
    s.lot.save()
    with pytest.raises(ValidationError):
        actions.validate_as_cipc(order, actor=s.advisor)
    assert _lines() == []
