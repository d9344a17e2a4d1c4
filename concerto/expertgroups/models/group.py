from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from concerto.folding import french_order


class ExpertGroup(models.Model):
    """A group of experts the CIPC mandates to analyse processes and draw lessons."""

    name = models.CharField(_("nom du groupe"), max_length=200)
    slug = models.SlugField(_("adresse"), max_length=220, unique=True)
    mandate = models.TextField(_("mandat"))
    calendar = models.TextField(_("calendrier des travaux"), blank=True)
    starts_on = models.DateField(_("début du mandat"))
    ends_on = models.DateField(_("fin du mandat"), null=True, blank=True)
    members = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        through="GroupMember",
        related_name="expert_groups",
        verbose_name=_("membres"),
    )
    processes = models.ManyToManyField(
        "processes.Process",
        related_name="expert_groups",
        blank=True,
        verbose_name=_("dispositifs étudiés"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("groupe d'experts")
        verbose_name_plural = _("groupes d'experts")
        ordering = french_order("name")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("expertgroups:workspace", args=[self.slug])


class GroupMember(models.Model):
    group = models.ForeignKey(ExpertGroup, on_delete=models.CASCADE, related_name="memberships")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    added_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["group", "user"], name="one_membership_per_expert")
        ]

    def __str__(self) -> str:
        return f"{self.user} — {self.group}"


class ProcessNote(models.Model):
    """The group's shared notes on one process it studies."""

    group = models.ForeignKey(ExpertGroup, on_delete=models.CASCADE, related_name="notes")
    process = models.ForeignKey("processes.Process", on_delete=models.CASCADE, related_name="+")
    body = models.TextField(_("notes partagées"), blank=True)
    # Bumped by every save: two members editing at once never overwrite each other.
    revision = models.PositiveIntegerField(default=0)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("notes sur un dispositif")
        verbose_name_plural = _("notes sur les dispositifs")
        constraints = [
            models.UniqueConstraint(fields=["group", "process"], name="one_note_per_process")
        ]

    def __str__(self) -> str:
        return f"{self.group} — {self.process}"
