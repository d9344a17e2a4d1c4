"""People who asked for the CIPC's newsletter, with or without an account."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from concerto.newsletter.audiences import Audience


class SubscriberQuerySet(models.QuerySet):
    def receiving(self, audiences) -> "SubscriberQuerySet":
        """Confirmed and not unsubscribed, in one of `audiences`."""
        return self.filter(
            confirmed_at__isnull=False, unsubscribed_at__isnull=True, audience__in=audiences
        )


class Subscriber(models.Model):
    """One address (normalised: trimmed, lower case). Editions reach it only once its owner
    confirmed it from the e-mail sent to it (double opt-in), and until they unsubscribe."""

    email = models.EmailField(_("adresse électronique"), unique=True)
    audience = models.CharField(_("public"), max_length=20, choices=Audience.choices)
    consent_wording = models.TextField(_("texte du consentement donné"))
    consented_at = models.DateTimeField(_("consentement donné le"))
    confirmed_at = models.DateTimeField(_("adresse confirmée le"), null=True, blank=True)
    unsubscribed_at = models.DateTimeField(_("désabonné le"), null=True, blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("compte"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="newsletter_subscriptions",
    )
    created_at = models.DateTimeField(_("inscrit le"), auto_now_add=True)

    objects = SubscriberQuerySet.as_manager()

    class Meta:
        verbose_name = _("abonné à la lettre d'information")
        verbose_name_plural = _("abonnés à la lettre d'information")
        indexes = [
            # The retention purge looks for old unconfirmed requests.
            models.Index(fields=["confirmed_at", "consented_at"], name="newsletter_pending_idx"),
        ]

    def __str__(self) -> str:
        return self.email

    @property
    def is_receiving(self) -> bool:
        return self.confirmed_at is not None and self.unsubscribed_at is None
