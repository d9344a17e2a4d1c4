"""Load the demo data set; running it twice changes nothing."""

from dataclasses import dataclass

from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from concerto.accounts.actions import grant_membership
from concerto.accounts.models import Organisation, User
from concerto.accounts.roles import OrganisationKind, Role
from concerto.demo import (
    analysis,
    evaluation,
    followup,
    panels,
    procurement,
    resources,
    trainings,
)
from concerto.demo.organisations import CIPC, EXPERT_GROUP, MINISTRIES, PROVIDERS
from concerto.demo.participation import load_participation
from concerto.demo.walker import load_processes
from concerto.identity.signin import requires_second_factor
from concerto.notifications.actions import without_emails

DEMO_PASSWORD = "Concerto-demo-2026!"
# Demo only: the TOTP secret of every demo CIPC advisor and administrator, public in the
# README so that anyone can try the two-factor step. In base32 for authenticator apps:
# MNXW4Y3FOJ2G6LLEMVWW6LLUN52HALLTMVRXEZLU
DEMO_TOTP_KEY = b"concerto-demo-totp-secret".hex()


@dataclass(frozen=True)
class DemoAccount:
    email: str
    first_name: str
    last_name: str
    role: str
    organisation_slug: str | None


DEMO_ACCOUNTS: tuple[DemoAccount, ...] = (
    DemoAccount("administratrice@exemple.gouv.fr", "Alice", "Martin", Role.ADMINISTRATOR, None),
    DemoAccount("conseiller.cipc@exemple.gouv.fr", "Bruno", "Lefèvre", Role.CIPC_ADVISOR, "cipc"),
    DemoAccount(
        "referente.ecologie@exemple.gouv.fr",
        "Claire",
        "Dubois",
        Role.REFERENT,
        "transition-ecologique",
    ),
    DemoAccount("agent.ecologie@exemple.gouv.fr", "David", "Moreau", Role.AGENT, "dgaln"),
    DemoAccount("experte@exemple.gouv.fr", "Élise", "Bernard", Role.EXPERT, "groupe-experts"),
    DemoAccount(
        "prestataire@exemple.fr", "François", "Petit", Role.PROVIDER, "prestataire-analyse"
    ),
    DemoAccount("citoyenne@exemple.fr", "Gabrielle", "Roux", Role.CITIZEN, None),
)

# The other people the demo processes need: referents, project leads and sponsors
# (commanditaires) of other ministries, and a second CIPC advisor who dispatches
# referrals. They sign in with the demo password too but are not printed by `make run`.
# Sponsors hold no dedicated role: they are agents of their directorate.
DEMO_PEOPLE: tuple[DemoAccount, ...] = (
    DemoAccount("conseillere.cipc@exemple.gouv.fr", "Camille", "Perrin", Role.CIPC_ADVISOR, "cipc"),
    # Transition écologique
    DemoAccount("directrice.dgaln@exemple.gouv.fr", "Hélène", "Garnier", Role.AGENT, "dgaln"),
    DemoAccount("agent.energie@exemple.gouv.fr", "Inès", "Fabre", Role.AGENT, "dgec"),
    DemoAccount("directeur.dgec@exemple.gouv.fr", "Laurent", "Chevalier", Role.AGENT, "dgec"),
    DemoAccount("directeur.dgpr@exemple.gouv.fr", "Marc", "Girard", Role.AGENT, "dgpr"),
    # Santé
    DemoAccount("referent.sante@exemple.gouv.fr", "Julien", "Mercier", Role.REFERENT, "sante"),
    DemoAccount("agent.sante@exemple.gouv.fr", "Sarah", "Benali", Role.AGENT, "dgos"),
    DemoAccount("directrice.dgos@exemple.gouv.fr", "Nathalie", "Rousseau", Role.AGENT, "dgos"),
    # Ville et Logement
    DemoAccount(
        "referente.logement@exemple.gouv.fr", "Amandine", "Lambert", Role.REFERENT, "ville-logement"
    ),
    DemoAccount("agent.logement@exemple.gouv.fr", "Karim", "Haddad", Role.AGENT, "dhup"),
    DemoAccount("directeur.dhup@exemple.gouv.fr", "Philippe", "Fontaine", Role.AGENT, "dhup"),
    # Sports, Jeunesse et Vie associative
    DemoAccount(
        "referent.jeunesse@exemple.gouv.fr", "Thomas", "Blanc", Role.REFERENT, "sports-jeunesse"
    ),
    DemoAccount("agent.jeunesse@exemple.gouv.fr", "Léa", "Gautier", Role.AGENT, "djepva"),
    DemoAccount("directrice.djepva@exemple.gouv.fr", "Sophie", "Marchand", Role.AGENT, "djepva"),
    # Économie et Finances
    DemoAccount(
        "referente.economie@exemple.gouv.fr",
        "Isabelle",
        "Roche",
        Role.REFERENT,
        "economie-finances",
    ),
    DemoAccount("agent.economie@exemple.gouv.fr", "Antoine", "Faure", Role.AGENT, "dge"),
    DemoAccount("directeur.dge@exemple.gouv.fr", "Olivier", "Duval", Role.AGENT, "dge"),
    # Transports
    DemoAccount(
        "referent.transports@exemple.gouv.fr", "Nicolas", "Bertin", Role.REFERENT, "transports"
    ),
    DemoAccount("agent.transports@exemple.gouv.fr", "Chloé", "Morel", Role.AGENT, "dgitm"),
    DemoAccount("directrice.dgitm@exemple.gouv.fr", "Valérie", "Henry", Role.AGENT, "dgitm"),
    # Culture
    DemoAccount("referente.culture@exemple.gouv.fr", "Mathilde", "Colin", Role.REFERENT, "culture"),
    DemoAccount("agent.culture@exemple.gouv.fr", "Hugo", "Lemaire", Role.AGENT, "dgpa"),
    DemoAccount("directeur.dgpa@exemple.gouv.fr", "Bertrand", "Noël", Role.AGENT, "dgpa"),
    # Citizens taking part in the open demo processes.
    DemoAccount("participant.lyon@exemple.fr", "Karim", "Benali", Role.CITIZEN, None),
    DemoAccount("participante.brest@exemple.fr", "Maëlle", "Le Gall", Role.CITIZEN, None),
    DemoAccount("participant.pau@exemple.fr", "Jean", "Etcheverry", Role.CITIZEN, None),
    DemoAccount("participante.lille@exemple.fr", "Sophie", "Vandenberghe", Role.CITIZEN, None),
)


def _organisation(slug: str, name: str, short_name: str, kind: str, parent=None) -> Organisation:
    organisation, _ = Organisation.objects.update_or_create(
        slug=slug,
        defaults={"name": name, "short_name": short_name, "kind": kind, "parent": parent},
    )
    return organisation


def load_organisations() -> None:
    for slug, name, short_name, directorates in MINISTRIES:
        ministry = _organisation(slug, name, short_name, OrganisationKind.MINISTRY)
        for d_slug, d_name, d_short in directorates:
            _organisation(d_slug, d_name, d_short, OrganisationKind.DIRECTORATE, ministry)
    _organisation(*CIPC, OrganisationKind.CIPC)
    _organisation(*EXPERT_GROUP, OrganisationKind.EXPERT_GROUP)
    for provider in PROVIDERS:
        _organisation(*provider, OrganisationKind.PROVIDER)


def load_accounts() -> None:
    password_hash = ""
    for account in (*DEMO_ACCOUNTS, *DEMO_PEOPLE):
        user, created = User.objects.get_or_create(
            email=account.email,
            defaults={
                "first_name": account.first_name,
                "last_name": account.last_name,
                "is_superuser": account.role == Role.ADMINISTRATOR,
                # Demo addresses are fictitious: they count as confirmed.
                "email_verified_at": timezone.now(),
            },
        )
        if created:
            # Only on creation: a password changed since stays changed. Hashed once for
            # all accounts (the demo password is public): hashing is slow on purpose.
            password_hash = password_hash or make_password(DEMO_PASSWORD)
            user.password = password_hash
            user.save(update_fields=["password"])
        if user.email_verified_at is None:  # a demo database from before confirmation existed
            user.email_verified_at = timezone.now()
            user.save(update_fields=["email_verified_at"])
        if account.organisation_slug:
            organisation = Organisation.objects.get(slug=account.organisation_slug)
            grant_membership(user=user, organisation=organisation, role=account.role)
        if requires_second_factor(user):
            TOTPDevice.objects.get_or_create(
                user=user,
                name="Démonstration",
                defaults={"key": DEMO_TOTP_KEY, "confirmed": True},
            )


def load_demo() -> None:
    with without_emails(), transaction.atomic():
        load_organisations()
        load_accounts()
        load_processes()
        # Before load_participation, which fills every open process that has no module.
        followup.load()
        load_participation()
        analysis.load()
        panels.load()
        resources.load()
        trainings.load()
        procurement.load()
        evaluation.load()
