"""Recruitment: the categories volunteers answer, invitation batches and their codes.

An invitation holds only what sending it needs (the postal address or phone number
drawn at random, and its code); it is deleted with the pool on the retention date,
while the batch keeps its counts.
"""

import secrets

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

# No 0/O, 1/I/L: codes are typed from a letter or read over the phone.
CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
CODE_LENGTH = 12  # 31^12 ≈ 2^59: unguessable, even by trying many codes.


def new_code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def normalise_code(typed: str) -> str:
    """What a volunteer types ("abcd-efgh jkmn") → the stored form ("ABCDEFGHJKMN")."""
    return "".join(c for c in typed.upper() if c.isalnum())


def format_code(code: str) -> str:
    return "-".join(code[i : i + 4] for i in range(0, len(code), 4))


class PanelCategory(models.Model):
    """A criterion of the quotas (e.g. âge) and the values a volunteer may answer."""

    panel = models.ForeignKey("panels.Panel", on_delete=models.CASCADE, related_name="categories")
    name = models.CharField(_("catégorie"), max_length=100)
    values = models.JSONField(_("valeurs possibles"), default=list)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("catégorie du panel")
        verbose_name_plural = _("catégories du panel")
        ordering = ["position", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["panel", "name"], name="panels_unique_category")
        ]

    def __str__(self) -> str:
        return self.name


class InvitationBatch(models.Model):
    class Channel(models.TextChoices):
        MAIL = "mail", _("Courrier postal")
        PHONE = "phone", _("Téléphone")

    panel = models.ForeignKey(
        "panels.Panel", on_delete=models.CASCADE, related_name="invitation_batches"
    )
    label = models.CharField(_("nom du lot"), max_length=100)
    channel = models.CharField(_("canal"), max_length=10, choices=Channel.choices)
    # Counts outlive the invitations, which are deleted on the retention date.
    invited_count = models.PositiveIntegerField(default=0)
    registered_count = models.PositiveIntegerField(default=0)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("lot d'invitations")
        verbose_name_plural = _("lots d'invitations")
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["panel", "label"], name="panels_unique_batch_label")
        ]

    def __str__(self) -> str:
        return self.label

    @property
    def response_rate(self) -> float | None:
        return self.registered_count / self.invited_count if self.invited_count else None


class Invitation(models.Model):
    batch = models.ForeignKey(InvitationBatch, on_delete=models.CASCADE, related_name="invitations")
    code = models.CharField(_("code d'invitation"), max_length=16, unique=True, default=new_code)
    contact = models.CharField(_("adresse ou téléphone"), max_length=300)
    registered_at = models.DateTimeField(null=True, blank=True)
    # The registration form's one-time key: the same form sent twice is one registration.
    registration_key = models.CharField(max_length=64, blank=True)

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        ordering = ["pk"]

    def __str__(self) -> str:
        return format_code(self.code)

    @property
    def formatted_code(self) -> str:
        return format_code(self.code)
