"""The e-mails of an order's steps (issue 22): who waits on each, the subject, and the
link on the public address (SITE_URL)."""

import pytest
from django.core import mail

from concerto.accounts.roles import OrganisationKind, Role
from concerto.procurement import actions
from concerto.testing.emails import assert_email, sent
from tests.factories import MinistryFactory, user_with_role
from tests.procurement.factories import order_for, setup

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("site_url")]


@pytest.fixture
def sending(django_capture_on_commit_callbacks):
    return lambda: django_capture_on_commit_callbacks(execute=True)


def test_each_step_of_an_order_tells_who_acts_next(sending):
    s = setup()
    user_with_role(Role.REFERENT)  # of another ministry: never told
    with sending():
        order = order_for(s, {"day": "1"})
    url = f"/accord-cadre/commandes/{order.pk}/"
    [message] = mail.outbox
    assert assert_email(
        message,
        to=s.referent.email,
        subject=f"Concerto : Bon de commande à valider : {order.number}",
    ) == [url]
    mail.outbox.clear()
    with sending():
        actions.validate_as_referent(order, actor=s.referent)
    [message] = mail.outbox
    assert assert_email(
        message,
        to=s.advisor.email,
        subject=f"Concerto : Bon de commande à valider : {order.number}",
    ) == [url]


def test_the_validated_order_is_told_to_the_agent_the_referents_and_the_holder(sending):
    s = setup()
    provider = MinistryFactory(kind=OrganisationKind.PROVIDER, slug="deliberer", name="Délibérer")
    member = user_with_role(Role.PROVIDER, organisation=provider, email="equipe@deliberer.fr")
    s.holder.organisation = provider
    s.holder.save()
    order = order_for(s, {"day": "1"})
    actions.validate_as_referent(order, actor=s.referent)
    mail.outbox.clear()
    with sending():
        actions.validate_as_cipc(order, actor=s.advisor)
    url = f"/accord-cadre/commandes/{order.pk}/"
    subject = f"Concerto : Bon de commande validé et envoyé : {order.number}"
    assert len(sent(subject)) == 2
    for message, address in zip(
        sent(subject), sorted([s.agent.email, s.referent.email]), strict=True
    ):
        assert assert_email(message, to=address, subject=subject) == [url]
    [message] = sent(f"Concerto : Nouveau bon de commande : {order.number}")
    assert assert_email(
        message, to=member.email, subject=f"Concerto : Nouveau bon de commande : {order.number}"
    ) == [url]
    # The holder's contact, who may have no account, gets the order itself, with no link.
    [message] = sent(f"Bon de commande {order.number} — Ateliers")
    assert_email(
        message, to="commandes@deliberer.example.fr",
        subject=f"Bon de commande {order.number} — Ateliers", link=False,
    )  # fmt: skip
    assert len(mail.outbox) == 4


def test_a_refused_order_is_told_to_the_agent_who_asked(sending):
    s = setup()
    order = order_for(s, {"day": "1"})
    mail.outbox.clear()
    with sending():
        actions.refuse_order(order, actor=s.referent, reason="Hors périmètre.")
    [message] = mail.outbox
    assert assert_email(
        message, to=s.agent.email, subject=f"Concerto : Bon de commande refusé : {order.number}"
    ) == [f"/accord-cadre/commandes/{order.pk}/"]
    assert "Hors périmètre." in message.body


def test_crossing_the_alert_threshold_emails_the_cipc_and_the_referents(sending):
    s = setup(lot_ceiling="10000.00")
    order = order_for(s, {"day": "7"})  # 87.5 %
    actions.validate_as_referent(order, actor=s.referent)
    mail.outbox.clear()
    with sending():
        actions.validate_as_cipc(order, actor=s.advisor)
    subject = "Concerto : Alerte de consommation : Lot 1 — Conception et animation à 87,5 %"
    assert len(sent(subject)) == 2
    for message, address in zip(
        sent(subject), sorted([s.advisor.email, s.referent.email]), strict=True
    ):
        assert assert_email(message, to=address, subject=subject) == ["/accord-cadre/consommation/"]
