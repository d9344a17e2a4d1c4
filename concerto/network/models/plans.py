"""Each ministry's participation strategy and action plan, and its deputy referents."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Deputy(models.Model):
    """A deputy referent (suppléant): referents themselves are memberships with the
    referent role; a deputy keeps their own role and stands in for the referent."""

    ministry = models.ForeignKey(
        "accounts.Organisation",
        on_delete=models.CASCADE,
        related_name="deputies",
        limit_choices_to={"kind": "ministry"},
        verbose_name=_("ministère"),
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="deputyships",
        verbose_name=_("personne"),
    )
    title = models.CharField(_("fonction"), max_length=200, blank=True)
    phone = models.CharField(_("téléphone"), max_length=30, blank=True)

    class Meta:
        verbose_name = _("référent suppléant")
        verbose_name_plural = _("référents suppléants")
        constraints = [models.UniqueConstraint(fields=["ministry", "user"], name="unique_deputy")]

    def __str__(self) -> str:
        return f"{self.user} — {self.ministry}"


class ActionPlan(models.Model):
    ministry = models.OneToOneField(
        "accounts.Organisation",
        on_delete=models.CASCADE,
        related_name="action_plan",
        limit_choices_to={"kind": "ministry"},
        verbose_name=_("ministère"),
    )
    title = models.CharField(_("intitulé"), max_length=255)
    strategy = models.TextField(_("stratégie de participation"), blank=True)
    period_start = models.DateField(_("début"))
    period_end = models.DateField(_("fin"))
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("plan d'action ministériel")
        verbose_name_plural = _("plans d'action ministériels")
        ordering = ["ministry__name"]

    def __str__(self) -> str:
        return self.title


class ActionStatus(models.TextChoices):
    PLANNED = "planned", _("À engager")
    IN_PROGRESS = "in_progress", _("En cours")
    DONE = "done", _("Réalisée")
    ABANDONED = "abandoned", _("Abandonnée")


CLOSED_ACTION_STATUSES = frozenset({ActionStatus.DONE, ActionStatus.ABANDONED})


class PlanActionQuerySet(models.QuerySet):
    def open(self):
        return self.exclude(status__in=CLOSED_ACTION_STATUSES)

    def late(self, today=None):
        return self.open().filter(due_date__lt=today or timezone.localdate())


class PlanAction(models.Model):
    plan = models.ForeignKey(ActionPlan, on_delete=models.CASCADE, related_name="actions")
    title = models.CharField(_("action"), max_length=255)
    description = models.TextField(_("description"), blank=True)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="plan_actions",
        verbose_name=_("pilote"),
    )
    starts_on = models.DateField(_("début"), null=True, blank=True)
    due_date = models.DateField(_("échéance"))
    status = models.CharField(
        _("statut"), max_length=20, choices=ActionStatus.choices, default=ActionStatus.PLANNED
    )
    processes = models.ManyToManyField(
        "processes.Process",
        blank=True,
        related_name="plan_actions",
        verbose_name=_("dispositifs liés"),
    )
    # Bumped on every save: an edit based on an older version is refused, not lost.
    version = models.PositiveIntegerField(default=1)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    objects = PlanActionQuerySet.as_manager()

    class Meta:
        verbose_name = _("action du plan")
        verbose_name_plural = _("actions du plan")
        ordering = ["due_date", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(starts_on__isnull=True) | Q(starts_on__lte=models.F("due_date")),
                name="plan_action_dates_ordered",
            )
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_late(self) -> bool:
        return self.status not in CLOSED_ACTION_STATUSES and self.due_date < timezone.localdate()
