from functools import cached_property

from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from concerto import generations
from concerto.accounts.roles import (
    MEMBERSHIP_ROLE_CHOICES,
    MEMBERSHIP_ROLE_KINDS,
    ROLE_PRIORITY,
    OrganisationKind,
    Role,
)
from concerto.folding import french_order


class UserManager(BaseUserManager):
    use_in_migrations = True

    def create_user(self, email: str, password: str | None = None, **fields):
        if not email:
            raise ValueError("An e-mail address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_superuser(self, email: str, password: str | None = None, **fields):
        fields.pop("is_staff", None)
        return self.create_user(email, password, is_superuser=True, **fields)

    def get_by_natural_key(self, email: str):
        return self.get(email__iexact=email)


class User(AbstractBaseUser, PermissionsMixin):
    """A person who signs in with an e-mail address."""

    class PublicName(models.TextChoices):
        """How the person's signed contributions are shown on public pages."""

        INITIALS = "initials", _("Mon prénom et l'initiale de mon nom (par exemple « Camille D. »)")
        PSEUDONYM = "pseudonym", _("Un pseudonyme de mon choix")

    email = models.EmailField(_("adresse électronique"), unique=True)
    first_name = models.CharField(_("prénom"), max_length=150, blank=True)
    last_name = models.CharField(_("nom"), max_length=150, blank=True)
    is_active = models.BooleanField(_("actif"), default=True)
    date_joined = models.DateTimeField(_("date d'inscription"), default=timezone.now)
    # Set when the person proved they own the address (confirmation link, one-time sign-in
    # link, password reset, or an identity provider vouching for it). An unconfirmed
    # account cannot sign in, contribute, nor be claimed through a provider.
    email_verified_at = models.DateTimeField(_("adresse confirmée le"), null=True, blank=True)
    # Public pages never print the full name: the first name and the last name's initial
    # unless the person chose a pseudonym (privacy:my_data).
    public_name_choice = models.CharField(
        _("nom affiché publiquement"),
        max_length=10,
        choices=PublicName.choices,
        default=PublicName.INITIALS,
    )
    public_pseudonym = models.CharField(_("pseudonyme public"), max_length=60, blank=True)

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS: list[str] = []

    class Meta:
        verbose_name = _("utilisateur")
        verbose_name_plural = _("utilisateurs")
        ordering = [*french_order("last_name"), *french_order("first_name"), "email"]

    def __str__(self) -> str:
        return self.get_full_name() or self.email

    def get_full_name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()

    def get_short_name(self) -> str:
        return self.first_name or self.email

    @property
    def public_name(self) -> str:
        """The name public pages show for this person's contributions, as they chose:
        their pseudonym, or their first name and the initial of their last name
        ("Camille D."); "" when they gave neither, for the caller to fall back on."""
        if self.public_name_choice == self.PublicName.PSEUDONYM:
            return self.public_pseudonym.strip()
        first, last = self.first_name.strip(), self.last_name.strip()
        if not last:
            return first
        return f"{first} {last[0].upper()}.".strip()

    @property
    def email_verified(self) -> bool:
        return self.email_verified_at is not None

    @property
    def is_staff(self) -> bool:
        """Administrators (superusers) alone reach the Django admin."""
        return self.is_superuser

    @cached_property
    def roles(self) -> tuple[str, ...]:
        """Every role this user holds, most specific first; citizen is always last."""
        held = {Role.CITIZEN}
        if self.is_superuser:
            held.add(Role.ADMINISTRATOR)
        held.update(membership.role for membership in self._memberships)
        return tuple(role for role in ROLE_PRIORITY if role in held)

    def ministry_ids(self, *roles: str) -> set[int]:
        """Ministries where the user holds one of `roles`, directly or through a directorate."""
        ids: set[int] = set()
        for membership in self._memberships:
            if membership.role in roles:
                organisation = membership.organisation
                ids.add(organisation.parent_id if organisation.parent_id else organisation.pk)
        return ids

    @cached_property
    def _memberships(self) -> list["Membership"]:
        """Read on every signed-in page (roles, abilities): kept in the shared cache until
        a membership of this user, or one of its organisations, changes (accounts/scopes.py).
        A signed-in request's user comes with them (accounts.backends)."""
        if self.pk is None:
            return []
        return generations.remembered(*memberships_spec(self.pk))

    def get_session_auth_hash(self) -> str:
        """The HMAC of the password hash that the session holds. A user read from the
        shared cache (accounts.backends) comes without their password hash and with this
        HMAC instead; once a password is set on the instance, it is computed again."""
        kept = self.__dict__.get(KEPT_SESSION_HASH)
        if kept is not None and "password" not in self.__dict__:
            return kept
        return super().get_session_auth_hash()

    def has_role(self, role: str, organisation: "Organisation | None" = None) -> bool:
        if organisation is None:
            return role in self.roles
        return self.memberships.filter(role=role, organisation=organisation).exists()


class Organisation(models.Model):
    """A ministry, one of its directorates, the CIPC, an expert group or a provider."""

    name = models.CharField(_("nom"), max_length=255)
    short_name = models.CharField(_("sigle"), max_length=40, blank=True)
    slug = models.SlugField(_("identifiant"), max_length=80, unique=True)
    kind = models.CharField(_("type"), max_length=20, choices=OrganisationKind.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("organisation de rattachement"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    siret = models.CharField(_("SIRET"), max_length=14, blank=True)

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = french_order("name")

    def __str__(self) -> str:
        return self.name

    @property
    def ministry(self) -> "Organisation | None":
        """The ministry this organisation belongs to (itself for a ministry)."""
        node: Organisation | None = self
        while node is not None and node.kind != OrganisationKind.MINISTRY:
            node = node.parent
        return node

    def clean(self) -> None:
        if self.kind == OrganisationKind.DIRECTORATE and (
            self.parent is None or self.parent.kind != OrganisationKind.MINISTRY
        ):
            raise ValidationError(
                {"parent": _("Une direction doit être rattachée à un ministère.")}
            )


def user_scope(user_id: int) -> str:
    return f"user:{user_id}"


# Where a user read from the shared cache carries the HMAC of its password hash.
KEPT_SESSION_HASH = "_kept_session_auth_hash"


def memberships_spec(user_id: int) -> generations.Spec:
    """remembered()'s arguments for a user's memberships with their organisations."""

    def load() -> list[Membership]:
        return list(Membership.objects.filter(user_id=user_id).select_related("organisation"))

    return user_scope(user_id), "memberships", load, 3600


class Membership(models.Model):
    """A user's role within one organisation."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="memberships")
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField(_("rôle"), max_length=20, choices=MEMBERSHIP_ROLE_CHOICES)
    created_at = models.DateTimeField(_("créé le"), auto_now_add=True)

    class Meta:
        verbose_name = _("appartenance")
        verbose_name_plural = _("appartenances")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "organisation", "role"], name="unique_membership_role"
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} — {self.get_role_display()} — {self.organisation}"

    def clean(self) -> None:
        allowed = MEMBERSHIP_ROLE_KINDS.get(self.role, frozenset())
        if self.organisation_id and self.organisation.kind not in allowed:
            raise ValidationError(
                {
                    "organisation": _(
                        "Le rôle « %(role)s » ne peut pas être tenu dans une organisation "
                        "de type « %(kind)s »."
                    )
                    % {
                        "role": self.get_role_display(),
                        "kind": self.organisation.get_kind_display(),
                    }
                }
            )


class RoleChange(models.Model):
    """A role given or withdrawn through the administration space, by whom and why.

    Written once, never edited: the history of who could do what, for the CIPC and the
    platform's administrators (kept as long as the account, see the privacy register)."""

    class Kind(models.TextChoices):
        GRANTED = "granted", _("Rôle attribué")
        REVOKED = "revoked", _("Rôle retiré")

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="role_changes")
    # The organisation's name is kept with it: the history outlives a renamed ministry.
    organisation = models.ForeignKey(
        Organisation, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    organisation_name = models.CharField(_("organisation"), max_length=255)
    role = models.CharField(_("rôle"), max_length=20, choices=MEMBERSHIP_ROLE_CHOICES)
    kind = models.CharField(_("changement"), max_length=10, choices=Kind.choices)
    reason = models.TextField(_("motif"))
    actor = models.ForeignKey(User, null=True, on_delete=models.SET_NULL, related_name="+")
    at = models.DateTimeField(_("le"), auto_now_add=True)

    class Meta:
        verbose_name = _("changement de rôle")
        verbose_name_plural = _("changements de rôle")
        ordering = ["-at", "-pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} — {self.user} — {self.get_role_display()}"
