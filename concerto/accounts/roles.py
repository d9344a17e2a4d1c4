"""Platform roles and where each may be held."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    CITIZEN = "citizen", _("Citoyen")
    AGENT = "agent", _("Agent public")
    REFERENT = "referent", _("Référent ministériel")
    CIPC_ADVISOR = "cipc_advisor", _("Conseiller du CIPC")
    EXPERT = "expert", _("Expert")
    PROVIDER = "provider", _("Prestataire ou analyste")
    ADMINISTRATOR = "administrator", _("Administrateur")


class OrganisationKind(models.TextChoices):
    MINISTRY = "ministry", _("Ministère")
    DIRECTORATE = "directorate", _("Direction ou service")
    CIPC = "cipc", _("Centre interministériel de la participation citoyenne")
    EXPERT_GROUP = "expert_group", _("Groupe d'experts")
    PROVIDER = "provider", _("Prestataire")


# Roles held through a membership, and the kinds of organisation each fits.
# Citizens need no membership; administrators are Django superusers.
MEMBERSHIP_ROLE_KINDS: dict[str, frozenset[str]] = {
    Role.AGENT: frozenset({OrganisationKind.MINISTRY, OrganisationKind.DIRECTORATE}),
    Role.REFERENT: frozenset({OrganisationKind.MINISTRY}),
    Role.CIPC_ADVISOR: frozenset({OrganisationKind.CIPC}),
    Role.EXPERT: frozenset({OrganisationKind.EXPERT_GROUP, OrganisationKind.CIPC}),
    Role.PROVIDER: frozenset({OrganisationKind.PROVIDER}),
}

# Order in which a user with several roles lands on a dashboard.
ROLE_PRIORITY: tuple[str, ...] = (
    Role.ADMINISTRATOR,
    Role.CIPC_ADVISOR,
    Role.REFERENT,
    Role.AGENT,
    Role.EXPERT,
    Role.PROVIDER,
    Role.CITIZEN,
)

MEMBERSHIP_ROLE_CHOICES = [
    (role.value, role.label) for role in Role if role in MEMBERSHIP_ROLE_KINDS
]
