"""Immutable, hash-chained versions of published answers and commitments."""

import hashlib
import json

from django.db import models
from django.utils.translation import gettext_lazy as _

GENESIS = "0" * 64


def canonical_json(data: dict) -> str:
    return json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def chain_hash(previous_hash: str, payload: dict) -> str:
    return hashlib.sha256((previous_hash + canonical_json(payload)).encode()).hexdigest()


class ImmutableError(Exception):
    pass


class VersionBase(models.Model):
    """One link of a process's chain: content, reason, time and the hash over all of it."""

    process = models.ForeignKey("processes.Process", on_delete=models.PROTECT, related_name="+")
    number = models.PositiveIntegerField(_("version"))
    content = models.JSONField(_("contenu"))
    reason = models.TextField(_("motif"))
    created_at = models.DateTimeField(_("date"))
    previous_hash = models.CharField(max_length=64)
    hash = models.CharField(_("empreinte"), max_length=64, unique=True)

    class Meta:
        abstract = True
        ordering = ["pk"]

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise ImmutableError("A published version is never changed.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ImmutableError("A published version is never deleted.")

    def payload(self) -> dict:
        return {
            "object": self.object_id,
            "number": self.number,
            "content": self.content,
            "reason": self.reason,
            "at": self.created_at.isoformat(),
        }

    def compute_hash(self) -> str:
        return chain_hash(self.previous_hash, self.payload())


class AnswerVersion(VersionBase):
    answer = models.ForeignKey("followup.Answer", on_delete=models.PROTECT, related_name="versions")

    class Meta(VersionBase.Meta):
        verbose_name = _("version de réponse")
        verbose_name_plural = _("versions de réponses")

    def __str__(self) -> str:
        return f"{self.answer_id} v{self.number}"

    @property
    def object_id(self) -> int:
        return self.answer_id


class CommitmentVersion(VersionBase):
    commitment = models.ForeignKey(
        "processes.FollowUpCommitment", on_delete=models.PROTECT, related_name="versions"
    )

    class Meta(VersionBase.Meta):
        verbose_name = _("version d'engagement")
        verbose_name_plural = _("versions d'engagements")

    def __str__(self) -> str:
        return f"{self.commitment_id} v{self.number}"

    @property
    def object_id(self) -> int:
        return self.commitment_id
