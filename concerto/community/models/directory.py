"""The directory of agents: only those who chose to appear in it."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class AgentProfileQuerySet(models.QuerySet):
    def listed(self):
        return self.filter(is_listed=True, user__is_active=True)


class AgentProfile(models.Model):
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="community_profile"
    )
    is_listed = models.BooleanField(_("apparaître dans l'annuaire des agents"), default=False)
    ministry = models.ForeignKey(
        "accounts.Organisation",
        verbose_name=_("ministère"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    job_title = models.CharField(_("fonction"), max_length=200)
    processes = models.ManyToManyField(
        "processes.Process",
        verbose_name=_("dispositifs conduits sur Concerto"),
        blank=True,
        related_name="+",
    )
    past_experience = models.TextField(
        _("autres démarches participatives conduites"), blank=True, max_length=2000
    )
    skills = models.CharField(
        _("compétences"),
        max_length=500,
        blank=True,
        help_text=_("Séparées par des virgules, par exemple : animation, tirage au sort."),
    )
    updated_at = models.DateTimeField(auto_now=True)

    objects = AgentProfileQuerySet.as_manager()

    class Meta:
        verbose_name = _("fiche de l'annuaire")
        verbose_name_plural = _("fiches de l'annuaire")
        ordering = ["user__last_name", "user__first_name"]

    def __str__(self) -> str:
        return str(self.user)

    @property
    def skill_list(self) -> list[str]:
        return [skill.strip() for skill in self.skills.split(",") if skill.strip()]
