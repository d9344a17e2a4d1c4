"""Demo data: trainings and support requests (issue 9).

Sessions are dated from today so the catalogue always shows what comes next;
one session is full with a waiting list. Everything goes through the real
actions, and nothing is created twice.
"""

import uuid
from datetime import datetime, time, timedelta
from decimal import Decimal

from django.utils import timezone

from concerto.accounts.models import User
from concerto.processes.models import Process
from concerto.support import actions as support
from concerto.support.models import Formula, SupportRequest
from concerto.trainings import actions as trainings
from concerto.trainings.models import Session, Training

TRAININGS = (
    (
        "concevoir-une-concertation",
        "Concevoir une concertation utile",
        "Cadrer la question posée, identifier ce qui reste ouvert à la décision, choisir la "
        "méthode et le calendrier, préparer le devoir de suite dès le départ.",
        "Savoir rédiger le cadrage d'un dispositif et le soumettre au CIPC.",
        Decimal("7"),
    ),
    (
        "reussir-son-devoir-de-suite",
        "Réussir son devoir de suite",
        "Analyser les contributions, répondre proposition par proposition, dater les "
        "engagements et rendre compte de leur mise en œuvre.",
        "Savoir publier des réponses motivées et tenir les dates annoncées.",
        Decimal("3.5"),
    ),
    (
        "animer-un-panel-tire-au-sort",
        "Animer un panel citoyen tiré au sort",
        "Du vivier au tirage LEXIMIN, de l'accueil des membres à la remise de leurs "
        "recommandations : les étapes et les pièges.",
        "Savoir préparer un tirage vérifiable et des séances délibératives.",
        Decimal("7"),
    ),
)

AGENTS = (
    "agent.ecologie@exemple.gouv.fr",
    "agent.energie@exemple.gouv.fr",
    "agent.sante@exemple.gouv.fr",
    "agent.logement@exemple.gouv.fr",
)


def _at(days: int, hour: int) -> datetime:
    day = timezone.localdate() + timedelta(days=days)
    return timezone.make_aware(datetime.combine(day, time(hour)))


def load() -> None:
    """Idempotent: safe to run on every `make run`."""
    advisor = User.objects.filter(email="conseiller.cipc@exemple.gouv.fr").first()
    if advisor is None:
        return
    _load_trainings(advisor)
    _load_support_requests(advisor)


def _load_trainings(advisor) -> None:
    agents = list(User.objects.filter(email__in=AGENTS).order_by("email"))
    for index, (slug, title, description, objectives, hours) in enumerate(TRAININGS):
        training, created = Training.objects.get_or_create(
            slug=slug,
            defaults={
                "title": title,
                "description": description,
                "objectives": objectives,
                "audience": "Agents publics, référents ministériels",
                "duration_hours": hours,
            },
        )
        if not created:
            continue
        # The first training's session is full (2 seats) with a waiting list.
        capacity = 2 if index == 0 else 20
        session = Session.objects.create(
            training=training,
            starts_at=_at(14 + 7 * index, 9),
            ends_at=_at(14 + 7 * index, 17 if hours >= 7 else 12),
            place="DITP, 20 avenue de Ségur, Paris 7e" if index != 1 else "",
            video_url="https://webinaire.numerique.gouv.fr/cipc" if index == 1 else "",
            capacity=capacity,
            trainer=advisor,
        )
        for agent in agents if index == 0 else agents[:2]:
            trainings.register(session, user=agent)


def _load_support_requests(advisor) -> None:
    if SupportRequest.objects.exists():
        return
    agent = User.objects.filter(email="agent.ecologie@exemple.gouv.fr").first()
    health_agent = User.objects.filter(email="agent.sante@exemple.gouv.fr").first()
    if agent is None or health_agent is None:
        return
    process = Process.objects.filter(project_lead=agent).order_by("pk").first()
    coaching = support.submit_request(
        actor=agent,
        title="Préparer la restitution de la consultation sur la rénovation",
        context="La consultation s'est close avec plus de 2 000 contributions ; la synthèse "
        "doit être publiée dans deux mois.",
        needs="Un regard extérieur sur la méthode d'analyse et la forme des réponses.",
        calendar="Restitution prévue à la fin du trimestre.",
        formula_requested=Formula.COACHING,
        process=process,
        idempotency_key=uuid.UUID(int=1),
    )
    support.accept_request(coaching, actor=advisor, message="Deux séances de coaching.")
    support.assign_advisor(coaching, actor=advisor, advisor=advisor)
    support.submit_request(
        actor=health_agent,
        title="Conférence de citoyens sur l'accès aux soins",
        context="Le ministère envisage un panel tiré au sort sur les déserts médicaux.",
        needs="Concevoir le dispositif de bout en bout, du recrutement à l'évaluation.",
        calendar="Lancement souhaité au printemps.",
        formula_requested=Formula.END_TO_END,
        ministry=health_agent.memberships.first().organisation.parent
        or health_agent.memberships.first().organisation,
        idempotency_key=uuid.UUID(int=2),
    )
