import factory

from concerto.accounts.models import Membership, Organisation, User
from concerto.accounts.roles import OrganisationKind, Role

PASSWORD = "Mot-de-passe-solide-2026"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"personne{n}@exemple.fr")
    first_name = factory.Faker("first_name", locale="fr_FR")
    last_name = factory.Faker("last_name", locale="fr_FR")
    password = factory.django.Password(PASSWORD)


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
