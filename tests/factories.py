import factory
from django.utils import timezone

from concerto.accounts.models import Membership, Organisation, User
from concerto.accounts.roles import OrganisationKind, Role
from concerto.followup import closing

PASSWORD = "Mot-de-passe-solide-2026"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"personne{n}@exemple.fr")
    first_name = factory.Faker("first_name", locale="fr_FR")
    last_name = factory.Faker("last_name", locale="fr_FR")
    password = factory.django.Password(PASSWORD)
    email_verified_at = factory.LazyFunction(timezone.now)


class MinistryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation
        django_get_or_create = ["slug"]

    name = factory.Sequence(lambda n: f"Ministère numéro {n}")
    slug = factory.Sequence(lambda n: f"ministere-{n}")
    kind = OrganisationKind.MINISTRY


class DirectorateFactory(MinistryFactory):
    name = factory.Sequence(lambda n: f"Direction numéro {n}")
    slug = factory.Sequence(lambda n: f"direction-{n}")
    kind = OrganisationKind.DIRECTORATE
    parent = factory.SubFactory(MinistryFactory)


class CipcFactory(MinistryFactory):
    name = "Centre interministériel de la participation citoyenne (DITP)"
    slug = "cipc"
    kind = OrganisationKind.CIPC


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    organisation = factory.SubFactory(DirectorateFactory)
    role = Role.AGENT


def user_with_role(role: str, organisation: Organisation | None = None, **fields) -> User:
    """A user holding `role` in a fitting organisation (made up when not given)."""
    if role == Role.ADMINISTRATOR:
        return UserFactory(is_superuser=True, **fields)
    user = UserFactory(**fields)
    if role == Role.CITIZEN:
        return user
    if organisation is None:
        organisation = {
            Role.AGENT: DirectorateFactory,
            Role.REFERENT: MinistryFactory,
            Role.CIPC_ADVISOR: CipcFactory,
            Role.EXPERT: lambda: MinistryFactory(
                kind=OrganisationKind.EXPERT_GROUP, slug="experts", name="Groupe d'experts"
            ),
            Role.PROVIDER: lambda: MinistryFactory(
                kind=OrganisationKind.PROVIDER, slug="prestataire", name="Prestataire"
            ),
        }[role]()
    MembershipFactory(user=user, organisation=organisation, role=role)
    return user


def complete_process(*, ministry=None, title="Concertation sur le plan vélo", **overrides):
    """A draft process of `ministry` with everything a referral needs, declared by an agent."""
    from datetime import timedelta
    from decimal import Decimal

    from django.utils import timezone

    from concerto.processes.actions import create_process, update_process

    ministry = ministry or MinistryFactory()
    agent = overrides.pop("agent", None) or user_with_role(
        Role.AGENT, organisation=DirectorateFactory(parent=ministry)
    )
    sponsor = overrides.pop("sponsor", None) or agent
    today = timezone.localdate()
    process = create_process(actor=agent, ministry=ministry, title=title)
    fields = {
        "summary": "Associer les habitants au futur plan vélo.",
        "sponsor_id": sponsor.pk,
        "sponsor_title": "Directrice générale des mobilités",
        "problem": "La part modale du vélo stagne.",
        "decision_at_stake": "Le contenu du plan vélo 2027-2030.",
        "decision_maker": "Le ministre chargé des transports",
        "decision_date": today + timedelta(days=200),
        "negotiable": "Les priorités d'investissement.",
        "non_negotiable": "L'enveloppe globale.",
        "alternatives": "Pistes cyclables, stationnement, aides à l'achat.",
        "publics_concerned": "Cyclistes, piétons, automobilistes, collectivités.",
        "outreach": "Réseaux des associations d'usagers.",
        "offline_reach": "Réunions publiques en mairie et questionnaires papier.",
        "target_participants": 5000,
        "methods": ["public_consultation", "open_meetings"],
        "participation_start": today + timedelta(days=60),
        "participation_end": today + timedelta(days=120),
        "budget": Decimal("150000.00"),
        "guarantor": "Un garant de la CNDP",
        "follow_up_date": today + timedelta(days=180),
        "evaluation_plan": "Questionnaire aux participants et bilan public.",
    }
    fields.update(overrides)
    return update_process(
        process,
        actor=agent,
        expected_revision=process.revision,
        fields=fields,
        sources=[
            {"title": "Étude d'impact", "viewpoint": "administration", "url": "",
             "contradictory": False},
            {"title": "Contribution de la FUB", "viewpoint": "association d'usagers", "url": "",
             "contradictory": True},
            {"title": "Note de l'association des maires", "viewpoint": "collectivités", "url": "",
             "contradictory": True},
        ],
        commitments=[
            {"what": "Réponse à chaque proposition", "who": "La direction générale des mobilités",
             "due_date": today + timedelta(days=170), "channel": "Page du dispositif"},
        ],
    )  # fmt: skip


def walk_to(process, status: str, *, referent=None, advisor=None, answerer=None):
    """Bring a complete draft along the lifecycle to `status` through the real actions.

    The referent and CIPC advisor are new users unless given; the CIPC's recommendations
    are answered by `answerer` (by default the sponsor). Returns (referent, advisor).
    """
    from concerto.processes import actions
    from concerto.processes.lifecycle import Status
    from concerto.processes.models import Opinion

    referent = referent or user_with_role(Role.REFERENT, organisation=process.ministry)
    advisor = advisor or user_with_role(Role.CIPC_ADVISOR)
    if status == Status.READY_FOR_REFERENT:
        actions.mark_ready_for_referent(process, actor=process.project_lead)
        process.refresh_from_db()
        return referent, advisor
    steps = [Status.SUBMITTED, Status.UNDER_REVIEW, Status.OPINION_ISSUED, Status.PUBLISHED,
             Status.OPEN, Status.CLOSED]  # fmt: skip
    for step in steps[: steps.index(status) + 1]:
        if step == Status.SUBMITTED:
            actions.submit_referral(process, actor=referent)
        elif step == Status.UNDER_REVIEW:
            actions.assign_advisor(process, actor=advisor, advisor=advisor)
        elif step == Status.OPINION_ISSUED:
            actions.issue_opinion(
                process, actor=advisor, verdict=Opinion.Verdict.WITH_RECOMMENDATIONS,
                reasoning="Dispositif bien cadré.", recommendations=["Allonger la consultation."],
            )  # fmt: skip
        elif step == Status.PUBLISHED:
            process.refresh_from_db()
            for recommendation in process.referral.opinion.recommendations.all():
                actions.answer_recommendation(
                    recommendation, actor=answerer or process.sponsor, answer="accepted", reason=""
                )
            actions.publish_process(process, actor=referent)
        elif step == Status.OPEN:
            actions.open_participation(process, actor=referent)
        elif step == Status.CLOSED:
            closing.close_participation(process, actor=referent)
        process.refresh_from_db()
    return referent, advisor


def open_module(kind: str, *, process=None, title: str = "Donnez votre avis", **fields):
    """A module of `kind` on a process open to citizens, open from yesterday for 30 days.

    Returns (module, organiser): the organiser is the process's project lead.
    """
    from datetime import timedelta

    from django.utils import timezone

    from concerto.participation.actions import create_module
    from concerto.processes.lifecycle import Status

    if process is None:
        process = complete_process()
        walk_to(process, Status.OPEN)
    today = timezone.localdate()
    fields.setdefault("opens_on", today - timedelta(days=1))
    fields.setdefault("closes_on", today + timedelta(days=30))
    module = create_module(process, actor=process.project_lead, kind=kind, title=title, **fields)
    return module, process.project_lead
