"""Tokens of the organisations' API: one per partner use, scoped, revocable, hashed at rest."""

import hashlib
import hmac
import secrets

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

TOKEN_PREFIX = "cct"


class Scope(models.TextChoices):
    CONTRIBUTIONS_WRITE = "contributions:write", _("Déposer des contributions (autres canaux)")
    ANSWERS_WRITE = "answers:write", _("Rédiger et publier des réponses du devoir de suite")


def hash_secret(secret: str) -> str:
    """Tokens are long random strings: a keyed SHA-256 suffices, no slow hash needed."""
    return hmac.new(settings.SECRET_KEY.encode(), secret.encode(), hashlib.sha256).hexdigest()


def new_token_parts() -> tuple[str, str]:
    """(public lookup prefix, secret); the full token is `cct_<prefix>_<secret>`."""
    return secrets.token_hex(6), secrets.token_urlsafe(32)


class ApiTokenQuerySet(models.QuerySet):
    def active(self):
        return self.filter(revoked_at__isnull=True)


class ApiToken(models.Model):
    """A ministry's key to the write API. Calls act on behalf of the person who created
    it, within its scopes and its ministry's processes; the secret is shown once."""

    organisation = models.ForeignKey(
        "accounts.Organisation",
        verbose_name=_("ministère"),
        on_delete=models.CASCADE,
        related_name="api_tokens",
    )
    name = models.CharField(_("nom du jeton"), max_length=100)
    prefix = models.CharField(max_length=12, unique=True)
    secret_hash = models.CharField(max_length=64)
    scopes = models.JSONField(_("portées"), default=list)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="organisation_api_tokens_created",
    )
    created_at = models.DateTimeField(_("créé le"), auto_now_add=True)
    last_used_at = models.DateTimeField(_("dernière utilisation"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("révoqué le"), null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    objects = ApiTokenQuerySet.as_manager()

    class Meta:
        verbose_name = _("jeton d'API")
        verbose_name_plural = _("jetons d'API")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.name} ({TOKEN_PREFIX}_{self.prefix}_…)"

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None

    def has_scope(self, scope: str) -> bool:
        return scope in self.scopes

    def matches(self, secret: str) -> bool:
        return hmac.compare_digest(self.secret_hash, hash_secret(secret))

    def scope_labels(self) -> list[str]:
        labels = dict(Scope.choices)
        return [str(labels.get(scope, scope)) for scope in self.scopes]
