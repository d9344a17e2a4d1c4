"""Supports, useful votes and merges: what the proposals module adds to core contributions.

Proposals, comments and arguments themselves are core `Contribution` rows (kinds
PROPOSAL, COMMENT and ARGUMENT); the tables here only point at them.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Support(models.Model):
    """One person's support of one proposal; the constraint makes a second one impossible,
    even for two requests racing each other."""

    proposal = models.ForeignKey(
        "participation.Contribution", on_delete=models.CASCADE, related_name="supports"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="proposal_supports"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("soutien")
        verbose_name_plural = _("soutiens")
        constraints = [
            models.UniqueConstraint(fields=["proposal", "user"], name="one_support_per_person")
        ]

    def __str__(self) -> str:
        return f"{self.user_id} → {self.proposal_id}"


class UsefulVote(models.Model):
    """One person finding one argument useful."""

    argument = models.ForeignKey(
        "participation.Contribution", on_delete=models.CASCADE, related_name="useful_votes"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="useful_votes"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("vote « utile »")
        verbose_name_plural = _("votes « utile »")
        constraints = [
            models.UniqueConstraint(fields=["argument", "user"], name="one_useful_vote_per_person")
        ]

    def __str__(self) -> str:
        return f"{self.user_id} → {self.argument_id}"


class MergeEvent(models.Model):
    """A moderator merged one proposal into another: who, when, why, and what moved."""

    source = models.ForeignKey(
        "participation.Contribution", on_delete=models.CASCADE, related_name="merges_out"
    )
    target = models.ForeignKey(
        "participation.Contribution", on_delete=models.CASCADE, related_name="merges_in"
    )
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    note = models.TextField(_("précision"), blank=True)
    supports_moved = models.PositiveIntegerField(_("soutiens transférés"), default=0)
    # Supports of people who had already supported the target: counted once.
    supports_already_there = models.PositiveIntegerField(_("soutiens déjà présents"), default=0)
    discussion_moved = models.PositiveIntegerField(_("commentaires et arguments"), default=0)
    at = models.DateTimeField(_("fusionnée le"), auto_now_add=True)

    class Meta:
        verbose_name = _("fusion de propositions")
        verbose_name_plural = _("fusions de propositions")
        ordering = ["-at", "-pk"]

    def __str__(self) -> str:
        return f"{self.source_id} → {self.target_id}"
