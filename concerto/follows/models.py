"""Who follows what, what happened to it, and how often each person wants to hear.

A follow names its target by kind and id (a process, a proposal, a theme, a ministry, or
the State-wide devoir de suite, id 0), so one table and one index serve every kind, and an
event's targets join the follows on the same two columns. Events are recorded once each;
what a follower sees is computed by query from the events of what they follow, never
written per follower: a process may have 200,000 followers.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

# The id of the one State-wide target (the devoir de suite of every process).
STATE_WIDE = 0


class TargetKind(models.TextChoices):
    PROCESS = "process", _("Dispositif")
    PROPOSAL = "proposal", _("Proposition")
    THEME = "theme", _("Thème")
    MINISTRY = "ministry", _("Ministère")
    FOLLOWUP = "followup", _("Devoir de suite de l'État")


class Follow(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="follows"
    )
    target_kind = models.CharField(_("type"), max_length=20, choices=TargetKind.choices)
    target_id = models.PositiveBigIntegerField(_("identifiant"))
    created_at = models.DateTimeField(_("suivi depuis le"), auto_now_add=True)

    class Meta:
        verbose_name = _("abonnement")
        verbose_name_plural = _("abonnements")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "target_kind", "target_id"], name="one_follow_per_target"
            )
        ]
        # The digests join follows by target, then walk them in user order.
        indexes = [models.Index(fields=["target_kind", "target_id", "user"])]

    def __str__(self) -> str:
        return f"{self.user_id} → {self.target_kind}:{self.target_id}"


class EventKind(models.TextChoices):
    ANSWER = "answer", _("Réponses publiées au titre du devoir de suite")
    PROPOSAL = "proposal", _("Propositions fusionnées")
    MODULE = "module", _("Ouverture des modules de participation")
    PROCESS = "process", _("Publication, ouverture et clôture des dispositifs")
    LATE = "late", _("Engagements du devoir de suite en retard")


class Frequency(models.TextChoices):
    IMMEDIATE = "immediate", _("Immédiatement")
    DAILY = "daily", _("Résumé quotidien")
    WEEKLY = "weekly", _("Résumé hebdomadaire")
    NEVER = "never", _("Jamais")


DEFAULT_FREQUENCY = Frequency.WEEKLY


def frequency_field(label):
    return models.CharField(
        label, max_length=10, choices=Frequency.choices, default=DEFAULT_FREQUENCY
    )


class Preferences(models.Model):
    """How often one person hears of each kind of event; no row means the defaults."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="follow_preferences"
    )
    auto_follow = models.BooleanField(
        _("Suivre automatiquement ce à quoi je contribue"), default=True
    )
    answer = frequency_field(EventKind.ANSWER.label)
    proposal = frequency_field(EventKind.PROPOSAL.label)
    module = frequency_field(EventKind.MODULE.label)
    process = frequency_field(EventKind.PROCESS.label)
    late = frequency_field(EventKind.LATE.label)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("préférences de notification")
        verbose_name_plural = _("préférences de notification")

    def __str__(self) -> str:
        return str(self.user_id)

    def frequencies(self) -> dict[str, str]:
        return {kind: getattr(self, kind) for kind in EventKind.values}


class Event(models.Model):
    """One thing that happened that followers care about, recorded once (its `key`)."""

    key = models.CharField(max_length=200, unique=True)
    kind = models.CharField(_("type"), max_length=20, choices=EventKind.choices)
    process = models.ForeignKey("processes.Process", on_delete=models.CASCADE, related_name="+")
    # The objects whose withdrawal or hiding makes the event no longer worth telling.
    proposal = models.ForeignKey(
        "participation.Contribution",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
    )
    answer = models.ForeignKey(
        "followup.Answer", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    summary = models.CharField(_("ce qui a changé"), max_length=300)
    url = models.CharField(_("lien"), max_length=500)
    created_at = models.DateTimeField(_("date"), default=timezone.now, db_index=True)

    class Meta:
        verbose_name = _("événement suivi")
        verbose_name_plural = _("événements suivis")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return self.summary


class EventTarget(models.Model):
    """A target an event concerns: its followers hear of it."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="targets")
    target_kind = models.CharField(max_length=20, choices=TargetKind.choices)
    target_id = models.PositiveBigIntegerField()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["event", "target_kind", "target_id"], name="one_row_per_event_target"
            )
        ]
        indexes = [models.Index(fields=["target_kind", "target_id", "event"])]

    def __str__(self) -> str:
        return f"{self.event_id} → {self.target_kind}:{self.target_id}"
