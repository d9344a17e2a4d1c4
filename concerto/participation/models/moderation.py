from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from concerto.participation.models.contribution import HiddenReason


class ModerationEvent(models.Model):
    """Hiding or restoring a contribution: kept forever, nothing is silently deleted."""

    class Action(models.TextChoices):
        HIDE = "hide", _("Masquage")
        RESTORE = "restore", _("Rétablissement")

    contribution = models.ForeignKey(
        "participation.Contribution", on_delete=models.CASCADE, related_name="moderation_events"
    )
    action = models.CharField(max_length=10, choices=Action.choices)
    reason = models.CharField(max_length=20, choices=HiddenReason.choices, blank=True)
    note = models.TextField(_("précision"), blank=True)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.get_action_display()} — {self.contribution_id}"


class Report(models.Model):
    """A citizen's report of a contribution to the moderators."""

    contribution = models.ForeignKey(
        "participation.Contribution", on_delete=models.CASCADE, related_name="reports"
    )
    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    reason = models.CharField(_("motif"), max_length=20, choices=HiddenReason.choices)
    comment = models.TextField(_("précision"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    handled_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["contribution", "reporter"], name="one_report_each")
        ]

    def __str__(self) -> str:
        return f"{self.get_reason_display()} — {self.contribution_id}"


class BanQuerySet(models.QuerySet):
    def in_force(self, today=None):
        today = today or timezone.localdate()
        return self.filter(lifted_at__isnull=True).filter(
            models.Q(until__isnull=True) | models.Q(until__gte=today)
        )

    def barring(self, user, process):
        """The bans in force that bar `user` from `process`: its own, or a block over the
        whole platform."""
        return (
            self.in_force()
            .filter(user=user)
            .filter(models.Q(process=process) | models.Q(process__isnull=True))
        )


class Ban(models.Model):
    """A participant barred from contributing to one process, or, without a process,
    blocked on the whole platform by the CIPC, until a date or until lifted."""

    process = models.ForeignKey(
        "processes.Process", on_delete=models.CASCADE, related_name="bans", null=True, blank=True
    )
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    reason = models.TextField(_("motif"))
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(auto_now_add=True)
    until = models.DateField(_("jusqu'au"), null=True, blank=True)
    lifted_at = models.DateTimeField(_("levé le"), null=True, blank=True)

    objects = BanQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["process", "user"], name="one_ban_each"),
            models.UniqueConstraint(
                fields=["user"], condition=models.Q(process__isnull=True),
                name="one_platform_block_each",
            ),
        ]  # fmt: skip

    def __str__(self) -> str:
        return f"{self.user} — {self.process or '*'}"
