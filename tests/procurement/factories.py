"""A framework contract in force with one lot, one holder and a small price schedule."""

from dataclasses import dataclass
from datetime import timedelta
from decimal import Decimal

from django.utils import timezone

from concerto.accounts.roles import Role
from concerto.procurement.models import FrameworkContract, Holder, Lot, Service
from tests.factories import DirectorateFactory, MinistryFactory, complete_process, user_with_role


@dataclass
class Setup:
    contract: FrameworkContract
    lot: Lot
    holder: Holder
    services: dict
    ministry: object
    agent: object
    referent: object
    advisor: object
    process: object


def make_contract(*, lot_ceiling="100000.00", ministry_ceiling=None, threshold="80.00"):
    today = timezone.localdate()
    contract = FrameworkContract.objects.create(
        reference="DITP-2025-PC",
        title="Prestations d'accompagnement à la participation citoyenne",
        buyer="Direction interministérielle de la transformation publique",
        starts_on=today - timedelta(days=365),
        ends_on=today + timedelta(days=365),
        ordering_rules="Bons de commande émis par le CIPC après validation du référent.",
        vat_rate=Decimal("20.00"),
        ministry_annual_ceiling_ht=Decimal(ministry_ceiling) if ministry_ceiling else None,
        alert_threshold=Decimal(threshold),
    )
    lot = Lot.objects.create(
        contract=contract,
        number=1,
        title="Conception et animation",
        ceiling_ht=Decimal(lot_ceiling),
    )
    holder = Holder.objects.create(
        lot=lot,
        name="Agence Délibérer",
        siret="12345678900012",
        contact_name="Jeanne Roy",
        contact_email="commandes@deliberer.example.fr",
        contact_phone="01 23 45 67 89",
    )
    services = {
        "day": Service.objects.create(
            holder=holder,
            code="A1",
            label="Journée d'animation d'atelier",
            unit="jour",
            unit_price_ht=Decimal("1250.00"),
        ),
        "design": Service.objects.create(
            holder=holder,
            code="A2",
            label="Conception d'un dispositif",
            unit="forfait",
            unit_price_ht=Decimal("4833.33"),
        ),
        "page": Service.objects.create(
            holder=holder,
            code="A3",
            label="Page de synthèse",
            unit="page",
            unit_price_ht=Decimal("87.45"),
        ),
    }
    return contract, lot, holder, services


def setup(**ceilings) -> Setup:
    contract, lot, holder, services = make_contract(**ceilings)
    ministry = MinistryFactory(name="Ministère de la Transition écologique", slug="ecologie")
    agent = user_with_role(Role.AGENT, organisation=DirectorateFactory(parent=ministry))
    referent = user_with_role(Role.REFERENT, organisation=ministry)
    advisor = user_with_role(Role.CIPC_ADVISOR)
    process = complete_process(ministry=ministry, agent=agent)
    return Setup(contract, lot, holder, services, ministry, agent, referent, advisor, process)


def order_for(s: Setup, quantities: dict, *, key: str = "k1", title: str = "Ateliers"):
    from concerto.procurement.actions import place_order

    order, _warnings = place_order(
        actor=s.agent,
        process=s.process,
        holder=s.holder,
        title=title,
        quantities={s.services[name].pk: Decimal(q) for name, q in quantities.items()},
        request_key=key,
    )
    return order
