"""Writing and verifying the hash chains of published answers and commitments.

Each process has one chain per kind (answers, commitments): every version's hash
covers the previous hash and its own canonical content, so editing a past row
breaks every hash after it. Domains built on the follow-up that keep chains of their own
the same way (co-drafting's texts) register their check with `register_chain`, and
`verify_every_chain` runs them all.
"""

from dataclasses import dataclass

from django.utils import timezone
from django.utils.translation import gettext as _

from concerto.followup.models import Answer, AnswerVersion, CommitmentVersion
from concerto.followup.models.versions import GENESIS, VersionBase
from concerto.hooks import Hooks


def _append(model: type[VersionBase], process_id: int, reason: str, **fields) -> VersionBase:
    """Append one version to the process's chain; callers hold the process row lock."""
    last = model.objects.filter(process_id=process_id).order_by("-pk").first()
    owner = next(iter(fields))
    number = model.objects.filter(**{owner: fields[owner]}).count() + 1
    version = model(
        process_id=process_id,
        number=number,
        reason=reason,
        created_at=timezone.now(),
        previous_hash=last.hash if last else GENESIS,
        **fields,
    )
    version.hash = version.compute_hash()
    version.save()
    return version


def record_answer(answer: Answer, reason: str) -> AnswerVersion:
    return _append(
        AnswerVersion, answer.process_id, reason, answer=answer, content=answer.content()
    )


def commitment_content(commitment) -> dict:
    content = {
        "what": commitment.what,
        "who": commitment.who,
        "due_date": commitment.due_date.isoformat(),
        "channel": commitment.channel,
    }
    if commitment.quantity:
        # Only when set, so that the content of a commitment without one is unchanged.
        content["quantity"] = commitment.quantity
    return content


def record_commitment(commitment, reason: str) -> CommitmentVersion:
    return _append(
        CommitmentVersion,
        commitment.process_id,
        reason,
        commitment=commitment,
        content=commitment_content(commitment),
    )


def record_commitments(process, reason: str) -> None:
    """A first version for each commitment that has none yet."""
    for commitment in process.commitments.filter(versions__isnull=True):
        record_commitment(commitment, reason)


@dataclass
class Tampering:
    version: VersionBase
    kind: str

    def message(self) -> str:
        return _(
            "Chaîne rompue : la version %(number)s de %(kind)s n°%(object)s "
            "(dispositif « %(process)s », empreinte %(hash)s) a été modifiée après sa "
            "publication."
        ) % {
            "number": self.version.number,
            "kind": self.kind,
            "object": self.version.object_id,
            "process": self.version.process,
            "hash": self.version.hash[:12],
        }


def verify_chains(process_ids=None) -> tuple[int, Tampering | None]:
    """Recompute every chain; return how many versions were checked and the first
    altered one (None when the chain holds)."""
    checked = 0
    for model, kind in ((CommitmentVersion, _("l'engagement")), (AnswerVersion, _("la réponse"))):
        versions = model.objects.select_related("process").order_by("process_id", "pk")
        if process_ids is not None:
            versions = versions.filter(process_id__in=process_ids)
        previous: dict[int, str] = {}
        for version in versions.iterator(chunk_size=2000):
            expected_previous = previous.get(version.process_id, GENESIS)
            checked += 1
            if version.previous_hash != expected_previous or version.compute_hash() != version.hash:
                return checked, Tampering(version, str(kind))
            previous[version.process_id] = version.hash
    return checked, None


# Each returns how many records it checked and the first altered one (None when it holds).
_other_chains = Hooks()
# Called from a domain's AppConfig.ready(); registering the same check again is harmless.
register_chain = _other_chains.add


def verify_every_chain() -> tuple[int, object | None]:
    """The follow-up's chains, then every registered one: how many records were checked,
    and the first altered one (with a `message()`), None when they all hold."""
    checked = 0
    for check in (verify_chains, *_other_chains):
        count, tampering = check()
        checked += count
        if tampering is not None:
            return checked, tampering
    return checked, None
