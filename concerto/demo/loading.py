"""Load the demo data set; running it twice changes nothing."""

from dataclasses import dataclass

from django.db import transaction

from concerto.accounts.actions import grant_membership
from concerto.accounts.models import Organisation, User
from concerto.accounts.roles import OrganisationKind, Role
from concerto.demo.organisations import CIPC, EXPERT_GROUP, MINISTRIES, PROVIDERS

DEMO_PASSWORD = "Concerto-demo-2026!"


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
    for account in DEMO_ACCOUNTS:
        user, created = User.objects.get_or_create(
            email=account.email,
            defaults={
                "first_name": account.first_name,
                "last_name": account.last_name,
                "is_superuser": account.role == Role.ADMINISTRATOR,
            },
        )
        if created:
            # Only on creation: a password changed since stays changed.
            user.set_password(DEMO_PASSWORD)
            user.save(update_fields=["password"])
        if account.organisation_slug:
            organisation = Organisation.objects.get(slug=account.organisation_slug)
            grant_membership(user=user, organisation=organisation, role=account.role)


@transaction.atomic
def load_demo() -> None:
    load_organisations()
    load_accounts()
