from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


class Synthesis(models.Model):
    """The published synthesis of a module: a snapshot of a curated analysis."""

    module = models.OneToOneField(
        "participation.Module", on_delete=models.CASCADE, related_name="synthesis"
    )
    analysis = models.ForeignKey(
        "analysis.Analysis", on_delete=models.PROTECT, related_name="syntheses"
    )
    figures = models.JSONField(default=dict)
    closed_questions = models.JSONField(default=list, blank=True)
    published_at = models.DateTimeField(_("publiée le"))
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("synthèse publiée")
        verbose_name_plural = _("synthèses publiées")

    def __str__(self) -> str:
        return str(self.module)

    def get_absolute_url(self) -> str:
        return reverse(
            "analysis:synthesis",
            kwargs={"slug": self.module.process.slug, "module_id": self.module_id},
        )


class SynthesisTheme(models.Model):
    """A theme as published: what the devoir de suite answers."""

    synthesis = models.ForeignKey(Synthesis, on_delete=models.CASCADE, related_name="themes")
    position = models.PositiveIntegerField(default=0)
    # The curated analysis theme this row publishes: the theme follow-up answers cover.
    source = models.ForeignKey(
        "analysis.Theme", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    label = models.CharField(_("intitulé"), max_length=200)
    # The section the theme belongs to: the open question, or the article of a text to
    # co-draft ("Article 3 — Titre"); "" for contributions in no section. With its rank,
    # it lays the synthesis out question by question, or article by article.
    question = models.CharField(_("question"), max_length=500, blank=True)
    question_position = models.IntegerField(default=-1)
    size = models.PositiveIntegerField(default=0)
    authors = models.PositiveIntegerField(default=0)
    quotes = models.JSONField(default=list)  # [{"text", "channel"}]
    # The devoir de suite's answers to this theme (set from the answer's form).
    answers = models.ManyToManyField(
        "followup.Answer", related_name="synthesis_themes", blank=True, verbose_name=_("réponses")
    )

    class Meta:
        verbose_name = _("thème de la synthèse")
        verbose_name_plural = _("thèmes de la synthèse")
        ordering = ["position", "pk"]

    def __str__(self) -> str:
        return self.label
