from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from concerto.processes.models import Recommendation


class DraftKind(models.TextChoices):
    LESSON = "lesson", _("Enseignement")
    RECOMMENDATION = "recommendation", _("Recommandation")


class DraftQuerySet(models.QuerySet):
    def published(self):
        return self.filter(published_at__isnull=False)


class Draft(models.Model):
    """A lesson or a recommendation the group writes together; a recommendation, once
    published to the government, gets a number and a date, and the government's answers."""

    group = models.ForeignKey(
        "expertgroups.ExpertGroup", on_delete=models.CASCADE, related_name="drafts"
    )
    kind = models.CharField(_("type"), max_length=20, choices=DraftKind.choices)
    title = models.CharField(_("titre"), max_length=255)
    body = models.TextField(_("texte"))
    processes = models.ManyToManyField(
        "processes.Process", blank=True, related_name="+", verbose_name=_("dispositifs cités")
    )
    revision = models.PositiveIntegerField(default=1)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    # Publication to the government: number within the year, date, answer due by.
    year = models.PositiveIntegerField(null=True, blank=True)
    sequence = models.PositiveIntegerField(null=True, blank=True)
    published_at = models.DateTimeField(_("transmise au gouvernement le"), null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    due_date = models.DateField(_("réponse du gouvernement attendue le"), null=True, blank=True)

    objects = DraftQuerySet.as_manager()

    class Meta:
        verbose_name = _("texte du groupe")
        verbose_name_plural = _("textes du groupe")
        ordering = ["-updated_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["year", "sequence"], name="unique_recommendation_number"
            )
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        if self.is_published:
            return reverse("expertgroups:public_detail", args=[self.year, self.sequence])
        return reverse("expertgroups:draft", args=[self.group.slug, self.pk])

    @property
    def number(self) -> str:
        return f"{self.year}-{self.sequence}" if self.published_at else ""

    @property
    def is_published(self) -> bool:
        return self.published_at is not None


class DraftVersion(models.Model):
    """Each saved state of a text, to read how it evolved."""

    draft = models.ForeignKey(Draft, on_delete=models.CASCADE, related_name="versions")
    revision = models.PositiveIntegerField()
    title = models.CharField(max_length=255)
    body = models.TextField()
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-revision"]
        constraints = [
            models.UniqueConstraint(fields=["draft", "revision"], name="unique_draft_revision")
        ]

    def __str__(self) -> str:
        return f"{self.title} (v{self.revision})"


class Comment(models.Model):
    draft = models.ForeignKey(Draft, on_delete=models.CASCADE, related_name="comments")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    body = models.TextField(_("commentaire"), max_length=5000)
    revision = models.PositiveIntegerField(_("version commentée"))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.author} — {self.draft}"


# The government answers with the vocabulary sponsors use for the CIPC's opinions.
AnswerStatus = Recommendation.Answer
