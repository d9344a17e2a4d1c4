"""Bulk e-mail as an outbox: one Campaign per thing sent to many (a newsletter edition,
a day's digests), one Delivery row per address, written before anything leaves.

The rows are what makes a send resumable: the send task fans out the recipients into
Delivery rows (idempotent thanks to the unique constraint), then sends the pending ones
and marks each one sent as soon as the SMTP server has accepted it. A worker killed in
the middle leaves pending rows that the re-run task sends; rows already sent are never
sent again.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Campaign(models.Model):
    key = models.CharField(_("clé"), max_length=200, unique=True)
    kind = models.CharField(_("type"), max_length=50)
    subject = models.CharField(_("objet"), max_length=255, blank=True)
    # The row the kind sends (an edition, an event): kinds read it back with this id.
    source_id = models.PositiveBigIntegerField(null=True, blank=True)
    send_after = models.DateTimeField(_("envoi à partir du"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    fanned_out_at = models.DateTimeField(null=True, blank=True)
    # The fan-out lease: one sender at a time writes the Delivery rows; a killed
    # sender's lease runs out and the next run of the task takes over.
    sender = models.CharField(max_length=64, blank=True)
    leased_until = models.DateTimeField(null=True, blank=True)
    # The send is shared out in lanes (delivery pk modulo `lanes`), each with its own
    # lease (Lane), so as many workers as lanes send one campaign at once.
    lanes = models.PositiveSmallIntegerField(default=1)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("envoi groupé")
        verbose_name_plural = _("envois groupés")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return self.key


class Lane(models.Model):
    """One share of a campaign's deliveries (those whose pk modulo the campaign's lanes
    is `number`), sent by one sender at a time: the one holding the lease renews it after
    every batch; a killed sender's lease runs out and another sender takes the lane."""

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="lane_set")
    number = models.PositiveSmallIntegerField()
    sender = models.CharField(max_length=64, blank=True)
    leased_until = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("voie d'envoi")
        verbose_name_plural = _("voies d'envoi")
        ordering = ["campaign", "number"]
        constraints = [
            models.UniqueConstraint(fields=["campaign", "number"], name="one_lane_per_number")
        ]

    def __str__(self) -> str:
        return f"{self.campaign_id} #{self.number}"


class Delivery(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", _("à envoyer")
        SENT = "sent", _("envoyé")
        SKIPPED = "skipped", _("non envoyé")

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="deliveries")
    address = models.EmailField(_("adresse"), max_length=254)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    payload = models.JSONField(default=dict, blank=True)
    status = models.CharField(
        _("statut"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    # Why a delivery was skipped: "suppressed" (bounce, complaint), "unsubscribed" (since
    # the fan-out), "empty" (nothing left to say, e.g. a digest whose items were all
    # withdrawn), "refused" (by the SMTP server), "error" (could not be rendered).
    skip_reason = models.CharField(max_length=20, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    # The same id on a resend after a crash lets receiving software drop the copy.
    message_id = models.CharField(max_length=255, blank=True)

    class Meta:
        verbose_name = _("envoi")
        verbose_name_plural = _("envois")
        constraints = [
            models.UniqueConstraint(fields=["campaign", "address"], name="one_delivery_per_address")
        ]
        indexes = [models.Index(fields=["campaign", "status", "id"], name="delivery_pending")]

    def __str__(self) -> str:
        return f"{self.campaign_id} → {self.address}"


class Suppression(models.Model):
    """An address no bulk e-mail goes to any more: it bounced for good or complained."""

    class Reason(models.TextChoices):
        BOUNCE = "bounce", _("adresse en échec définitif")
        COMPLAINT = "complaint", _("signalement comme indésirable")

    address = models.EmailField(_("adresse"), max_length=254, unique=True)
    reason = models.CharField(_("motif"), max_length=20, choices=Reason.choices)
    detail = models.CharField(_("détail"), max_length=500, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("adresse exclue des envois")
        verbose_name_plural = _("adresses exclues des envois")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.address


def normalised(address: str) -> str:
    """One spelling per mailbox for the outbox and the suppression list."""
    return address.strip().lower()
