"""Demo data: the DITP framework contract and its orders, the referents network
(deputies, ministerial action plans) and a past network meeting (issue 10).

Every object is looked up by a natural key before it is created, and orders go
through the real actions with a fixed request key: running it twice changes nothing.
"""

from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.utils import timezone

from concerto.accounts.models import Organisation, User
from concerto.network import actions as network_actions
from concerto.network.models import ActionPlan, ActionStatus, Deputy, NetworkMeeting, PlanAction
from concerto.processes.models import Process
from concerto.procurement import actions as order_actions
from concerto.procurement.models import FrameworkContract, Holder, Lot, Order, OrderStatus, Service

# (number, title, ceiling HT, holder, contact, e-mail, provider organisation slug,
#  [(code, service, unit, unit price HT)])
LOTS = [
    (
        1,
        "Conception et animation de dispositifs participatifs",
        "1800000.00",
        "Concertation & Territoires",
        "Élodie Marchal",
        "commandes@concertation-territoires.example.fr",
        "prestataire-concertation",
        [
            ("1.1", "Conception d'un dispositif participatif", "forfait", "8500.00"),
            ("1.2", "Journée d'animation d'atelier (deux animateurs)", "jour", "1850.00"),
            (
                "1.3",
                "Réunion publique animée (préparation et restitution comprises)",
                "réunion",
                "3200.00",
            ),
            ("1.4", "Convention citoyenne : session de week-end", "session", "42000.00"),
        ],
    ),
    (
        2,
        "Plateformes numériques de participation",
        "900000.00",
        "Civique Numérique",
        "Rachid Amrani",
        "marches@civique-numerique.example.fr",
        None,
        [
            ("2.1", "Paramétrage d'une consultation en ligne", "forfait", "4200.00"),
            ("2.2", "Hébergement et maintenance", "mois", "650.00"),
            ("2.3", "Module de vote ou de priorisation", "module", "1900.00"),
        ],
    ),
    (
        3,
        "Recrutement de panels de citoyens tirés au sort",
        "1200000.00",
        "Institut Échantillons",
        "Martine Lefort",
        "panels@institut-echantillons.example.fr",
        None,
        [
            ("3.1", "Tirage au sort et recrutement d'un panelliste", "panelliste", "145.00"),
            (
                "3.2",
                "Indemnisation et logistique d'un panelliste par session",
                "panelliste",
                "210.00",
            ),
            ("3.3", "Rapport de représentativité du panel", "rapport", "2400.00"),
        ],
    ),
    (
        4,
        "Analyse des contributions",
        "700000.00",
        "Analyse Publique",
        "Paul Verdier",
        "bons@analyse-publique.example.fr",
        "prestataire-analyse",
        [
            (
                "4.1",
                "Analyse qualitative de contributions",
                "lot de 1 000 contributions",
                "2750.00",
            ),
            ("4.2", "Synthèse rédigée des contributions", "page", "95.00"),
            ("4.3", "Cartographie des opinions", "forfait", "5600.00"),
        ],
    ),
    (
        5,
        "Évaluation des dispositifs",
        "450000.00",
        "Évaluations & Politiques publiques",
        "Agnès Morin",
        "contact@eval-pp.example.fr",
        None,
        [
            (
                "5.1",
                "Évaluation d'un dispositif (questionnaires et entretiens)",
                "forfait",
                "12500.00",
            ),
            ("5.2", "Journée d'évaluateur senior", "jour", "1150.00"),
        ],
    ),
]

RULES = (
    "1. Le bon de commande est rattaché à un dispositif déclaré sur Concerto.\n"
    "2. Il est validé par le référent participation du ministère, puis par le CIPC, "
    "qui l'envoie au titulaire.\n"
    "3. Les prix sont ceux du bordereau, hors taxes ; la TVA est de 20 %.\n"
    "4. Le plafond annuel de chaque ministère est de 250 000 € HT."
)


def _contract() -> FrameworkContract:
    today = timezone.localdate()
    contract, _ = FrameworkContract.objects.update_or_create(
        reference="DITP-2025-AC-PC",
        defaults={
            "title": "Accord-cadre de prestations d'accompagnement à la participation citoyenne",
            "buyer": "Direction interministérielle de la transformation publique (DITP)",
            "starts_on": date(2025, 1, 1),
            "ends_on": max(date(2028, 12, 31), today + timedelta(days=365)),
            "ordering_rules": RULES,
            "vat_rate": Decimal("20.00"),
            "ministry_annual_ceiling_ht": Decimal("250000.00"),
            "alert_threshold": Decimal("80.00"),
        },
    )
    for number, title, ceiling, name, contact, email, provider, services in LOTS:
        lot, _ = Lot.objects.update_or_create(
            contract=contract,
            number=number,
            defaults={"title": title, "ceiling_ht": Decimal(ceiling)},
        )
        holder, _ = Holder.objects.update_or_create(
            lot=lot,
            name=name,
            defaults={
                "contact_name": contact,
                "contact_email": email,
                "organisation": Organisation.objects.filter(slug=provider).first(),
            },
        )
        for code, label, unit, price in services:
            Service.objects.update_or_create(
                holder=holder,
                code=code,
                defaults={"label": label, "unit": unit, "unit_price_ht": Decimal(price)},
            )
    return contract


# (key, process title, requester e-mail, lot, title, {code: quantity}, final status)
ORDERS = [
    (
        "demo-1",
        "Convention citoyenne sur la sobriété énergétique",
        "agent.ecologie@exemple.gouv.fr",
        3,
        "Recrutement du panel de la convention",
        {"3.1": "150", "3.3": "1"},
        OrderStatus.SENT,
    ),
    (
        "demo-2",
        "Convention citoyenne sur la sobriété énergétique",
        "agent.ecologie@exemple.gouv.fr",
        1,
        "Animation de deux sessions",
        {"1.4": "2", "1.1": "1"},
        OrderStatus.SENT,
    ),
    (
        "demo-3",
        "Accès aux soins près de chez soi : grande consultation citoyenne",
        "agent.sante@exemple.gouv.fr",
        4,
        "Analyse des 12 000 contributions",
        {"4.1": "12", "4.2": "40"},
        OrderStatus.REFERENT_VALIDATED,
    ),
    (
        "demo-4",
        "Inventaire participatif de la nature en ville",
        "agent.ecologie@exemple.gouv.fr",
        2,
        "Plateforme de l'inventaire",
        {"2.1": "1", "2.2": "6"},
        OrderStatus.SUBMITTED,
    ),
    (
        "demo-5",
        "Patrimoines de proximité : consultation sur la sauvegarde du petit patrimoine rural",
        "agent.culture@exemple.gouv.fr",
        5,
        "Évaluation de la consultation",
        {"5.1": "1"},
        OrderStatus.REFUSED,
    ),
]


def _orders(contract: FrameworkContract) -> None:
    advisor = User.objects.filter(email="conseiller.cipc@exemple.gouv.fr").first()
    for key, process_title, email, lot_number, title, quantities, final in ORDERS:
        process = Process.objects.filter(title=process_title).first()
        agent = User.objects.filter(email=email).first()
        if process is None or agent is None or advisor is None:
            continue
        if Order.objects.filter(request_key=key).exists():
            continue
        holder = Holder.objects.get(lot__contract=contract, lot__number=lot_number)
        services = {s.code: s.pk for s in holder.services.all()}
        order, _warnings = order_actions.place_order(
            actor=agent,
            process=process,
            holder=holder,
            title=title,
            request_key=key,
            quantities={services[code]: Decimal(q) for code, q in quantities.items()},
        )
        referent = User.objects.filter(
            memberships__organisation=process.ministry, memberships__role="referent"
        ).first()
        if final == OrderStatus.REFUSED:
            order_actions.refuse_order(
                order, actor=referent, reason="L'évaluation relève du budget de la direction."
            )
            continue
        if final in (OrderStatus.REFERENT_VALIDATED, OrderStatus.SENT):
            order_actions.validate_as_referent(order, actor=referent)
        if final == OrderStatus.SENT:
            order_actions.validate_as_cipc(order, actor=advisor)


DEPUTIES = [
    ("transition-ecologique", "directrice.dgaln@exemple.gouv.fr", "Adjointe à la référente"),
    ("sante", "directrice.dgos@exemple.gouv.fr", "Cheffe de la mission usagers"),
    ("culture", "directeur.dgpa@exemple.gouv.fr", "Chargé de mission participation"),
]

# ministry slug -> (strategy, [(title, owner e-mail, days from today, status, process title)])
PLANS = {
    "transition-ecologique": (
        "Consulter systématiquement le public sur les plans nationaux et associer les "
        "territoires aux projets d'aménagement.",
        [
            (
                "Former 40 chefs de projet à la concertation",
                "agent.ecologie@exemple.gouv.fr",
                -20,
                ActionStatus.DONE,
                None,
            ),
            (
                "Ouvrir une convention citoyenne par an",
                "referente.ecologie@exemple.gouv.fr",
                90,
                ActionStatus.IN_PROGRESS,
                "Convention citoyenne sur la sobriété énergétique",
            ),
            (
                "Publier un bilan annuel des suites données",
                "referente.ecologie@exemple.gouv.fr",
                20,
                ActionStatus.PLANNED,
                None,
            ),
        ],
    ),
    "sante": (
        "Associer patients et soignants aux réformes de l'accès aux soins.",
        [
            (
                "Créer un comité d'usagers permanent",
                "referent.sante@exemple.gouv.fr",
                -10,
                ActionStatus.IN_PROGRESS,
                None,
            ),
            (
                "Consulter sur l'accès aux soins",
                "agent.sante@exemple.gouv.fr",
                60,
                ActionStatus.IN_PROGRESS,
                "Accès aux soins près de chez soi : grande consultation citoyenne",
            ),
        ],
    ),
    "culture": (
        "Faire participer les habitants à la sauvegarde des patrimoines de proximité.",
        [
            (
                "Recenser les démarches participatives des DRAC",
                "agent.culture@exemple.gouv.fr",
                45,
                ActionStatus.PLANNED,
                None,
            )
        ],
    ),
}


def _network() -> None:
    today = timezone.localdate()
    for slug, email, title in DEPUTIES:
        ministry = Organisation.objects.filter(slug=slug).first()
        user = User.objects.filter(email=email).first()
        if ministry and user:
            Deputy.objects.get_or_create(ministry=ministry, user=user, defaults={"title": title})
    for slug, (strategy, items) in PLANS.items():
        ministry = Organisation.objects.filter(slug=slug).first()
        if ministry is None:
            continue
        plan, _ = ActionPlan.objects.get_or_create(
            ministry=ministry,
            defaults={
                "title": f"Plan d'action participation — {ministry.short_name or ministry.name}",
                "strategy": strategy,
                "period_start": date(2026, 1, 1),
                "period_end": date(2027, 12, 31),
            },
        )
        for title, email, days, status, process_title in items:
            action, created = PlanAction.objects.get_or_create(
                plan=plan,
                title=title,
                defaults={
                    "owner": User.objects.filter(email=email).first(),
                    "status": status,
                    "due_date": today + timedelta(days=days),
                },
            )
            process = Process.objects.filter(title=process_title).first() if process_title else None
            if created and process is not None:
                action.processes.add(process)


def _meeting() -> None:
    advisor = User.objects.filter(email="conseiller.cipc@exemple.gouv.fr").first()
    title = "Réunion plénière du réseau des référents"
    if advisor is None or NetworkMeeting.objects.filter(title=title).exists():
        return
    starts = timezone.make_aware(
        datetime.combine(timezone.localdate() - timedelta(days=21), time(10))
    )
    meeting = network_actions.schedule_meeting(
        actor=advisor,
        title=title,
        starts_at=starts,
        place="DITP, 20 avenue de Ségur, Paris",
        agenda="1. Tour de table des plans d'action\n2. Ouverture de l'accord-cadre\n"
        "3. Calendrier des formations",
    )
    present = list(meeting.attendances.values_list("user_id", flat=True))[::2]
    network_actions.record_minutes(
        meeting,
        actor=advisor,
        present_ids=present,
        minutes="Les référents ont présenté l'avancement de leur plan d'action. Le CIPC a "
        "présenté l'accord-cadre et son circuit de validation des bons de commande.",
        decisions=[
            "Chaque ministère met à jour son plan d'action avant la fin du trimestre.",
            "Le CIPC diffuse le guide des bons de commande.",
        ],
    )
    network_actions.add_meeting_action(
        meeting,
        actor=advisor,
        title="Diffuser le guide des bons de commande",
        owner=advisor,
        due_date=timezone.localdate() + timedelta(days=10),
    )
    network_actions.publish_minutes(meeting, actor=advisor)


def load() -> None:
    """Idempotent: safe to run on every `make run`."""
    contract = _contract()
    _orders(contract)
    _network()
    _meeting()
