"""Answers to "was this page useful?": one per person (or browser session) and page."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class UsefulnessVote(models.Model):
    page = models.ForeignKey(
        "wagtailcore.Page", on_delete=models.CASCADE, related_name="usefulness_votes"
    )
    # "u:<user id>" when signed in, "s:<session key>" otherwise: the unique
    # constraint turns a double click or a second visit into a change of mind.
    voter = models.CharField(max_length=80)
    useful = models.BooleanField(_("utile"))
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("avis sur l'utilité")
        verbose_name_plural = _("avis sur l'utilité")
        constraints = [
            models.UniqueConstraint(fields=["page", "voter"], name="one_usefulness_vote_per_voter")
        ]

    def __str__(self) -> str:
        return f"{self.page_id} — {self.voter} — {self.useful}"
