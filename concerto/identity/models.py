from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Provider(models.TextChoices):
    PROCONNECT = "proconnect", _("ProConnect")
    FRANCECONNECT = "franceconnect", _("FranceConnect")


class LinkedIdentity(models.Model):
    """An identity at a provider (its `sub`) that signs a Concerto account in."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("utilisateur"),
        on_delete=models.CASCADE,
        related_name="linked_identities",
    )
    provider = models.CharField(
        _("fournisseur d'identité"), max_length=20, choices=Provider.choices
    )
    sub = models.CharField(_("identifiant chez le fournisseur"), max_length=255)
    email = models.EmailField(_("adresse transmise par le fournisseur"))
    linked_at = models.DateTimeField(_("liée le"), auto_now_add=True)
    last_used_at = models.DateTimeField(_("dernière connexion"), null=True, blank=True)

    class Meta:
        verbose_name = _("identité liée")
        verbose_name_plural = _("identités liées")
        ordering = ["provider", "linked_at"]
        constraints = [
            # One account per provider identity, and one identity per provider per account:
            # a second one would be a silent merge of two people.
            models.UniqueConstraint(fields=["provider", "sub"], name="unique_provider_sub"),
            models.UniqueConstraint(fields=["user", "provider"], name="unique_user_provider"),
        ]

    def __str__(self) -> str:
        return f"{self.get_provider_display()} — {self.email}"
