from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class DeletionRecord(models.Model):
    """One run of one retention rule: what was deleted, how much, and when."""

    rule = models.CharField(_("règle"), max_length=40)
    deleted = models.PositiveIntegerField(_("éléments supprimés ou anonymisés"))
    ran_at = models.DateTimeField(_("exécutée le"), auto_now_add=True)

    class Meta:
        verbose_name = _("suppression au titre de la conservation")
        verbose_name_plural = _("suppressions au titre de la conservation")
        ordering = ["-ran_at"]

    def __str__(self) -> str:
        return f"{self.rule}: {self.deleted}"


class StaffAccess(models.Model):
    """A staff member looked at personal data (a pool, a list of registrants, an export)."""

    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    category = models.CharField(_("catégorie de données"), max_length=60)
    subject = models.CharField(_("objet consulté"), max_length=255)
    path = models.CharField(_("adresse"), max_length=500)
    accessed_at = models.DateTimeField(_("consulté le"), auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("accès du personnel à des données personnelles")
        verbose_name_plural = _("accès du personnel à des données personnelles")
        ordering = ["-accessed_at"]

    def __str__(self) -> str:
        return f"{self.actor} — {self.category} — {self.subject}"
