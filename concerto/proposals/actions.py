"""Named write operations of the proposals module: submit, comment, argue, support,
vote useful, merge. Views call these; tests call these to set up state."""

import uuid

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from concerto import ratelimit
from concerto.notifications.actions import notify
from concerto.participation.actions import submit_contribution
from concerto.participation.actions.common import RateLimited, require, required_text
from concerto.participation.actions.contributions import EMPTY_TITLE
from concerto.participation.models import Contribution, ContributionKind, Module
from concerto.proposals.links import proposal_url
from concerto.proposals.models import MergeEvent, Support, UsefulVote

PUBLISHED = Contribution.Status.PUBLISHED


def submit_proposal(
    module: Module,
    *,
    author,
    title: str,
    body: str,
    theme=None,
    location: str = "",
    pseudonym: str = "",
    idempotency_key: uuid.UUID | None,
    address: str | None = None,
) -> tuple[Contribution, bool]:
    """A citizen submits a proposal, exactly once per idempotency key."""
    title = required_text(title, field="title", message=EMPTY_TITLE)
    return submit_contribution(
        module, author=author, kind=ContributionKind.PROPOSAL, body=body,
        idempotency_key=idempotency_key, address=address, title=title, theme=theme,
        location=location.strip(), pseudonym=pseudonym.strip(),
    )  # fmt: skip


def comment_proposal(
    proposal: Contribution,
    *,
    author,
    body: str,
    reply_to: Contribution | None = None,
    pseudonym: str = "",
    idempotency_key: uuid.UUID | None,
    address: str | None = None,
) -> tuple[Contribution, bool]:
    """Comment a proposal, or reply to one of its comments.

    Threads have two levels: a reply to a reply joins the thread of the first comment.
    """
    _require_discussable(proposal)
    parent = proposal
    if reply_to is not None:
        if reply_to.kind != ContributionKind.COMMENT or reply_to.status != PUBLISHED:
            raise ValidationError(_("Ce commentaire n'accepte pas de réponse."))
        root = reply_to if reply_to.parent_id == proposal.pk else reply_to.parent
        if root is None or root.parent_id != proposal.pk:
            raise ValidationError(_("Ce commentaire n'appartient pas à cette proposition."))
        parent = root
    return submit_contribution(
        proposal.module, author=author, kind=ContributionKind.COMMENT, body=body,
        idempotency_key=idempotency_key, address=address, parent=parent,
        pseudonym=pseudonym.strip(),
    )  # fmt: skip


def argue_proposal(
    proposal: Contribution,
    *,
    author,
    stance: str,
    body: str,
    pseudonym: str = "",
    idempotency_key: uuid.UUID | None,
    address: str | None = None,
) -> tuple[Contribution, bool]:
    """Add an argument for or against a proposal."""
    _require_discussable(proposal)
    if stance not in (Contribution.Stance.FOR, Contribution.Stance.AGAINST):
        raise ValidationError({"stance": _("Indiquez si votre argument est pour ou contre.")})
    return submit_contribution(
        proposal.module, author=author, kind=ContributionKind.ARGUMENT, body=body,
        idempotency_key=idempotency_key, address=address, parent=proposal, stance=stance,
        pseudonym=pseudonym.strip(),
    )  # fmt: skip


def support_proposal(
    proposal: Contribution, *, user, address: str | None = None
) -> tuple[Support, bool]:
    """A signed-in participant supports a proposal, once: supporting it again returns the
    existing support. Returns (support, created)."""
    _require_voter(proposal.module, user)
    with transaction.atomic():
        # Locked against a concurrent merge moving supports off or onto this proposal.
        proposal = _lock_listed_proposal(proposal)
        existing = Support.objects.filter(proposal=proposal, user=user).first()
        if existing is not None:
            return existing, False
        _count_vote(user, address)
        try:
            with transaction.atomic():
                return Support.objects.create(proposal=proposal, user=user), True
        except IntegrityError:
            # The same person's other click committed first: one support.
            return Support.objects.get(proposal=proposal, user=user), False


def withdraw_support(proposal: Contribution, *, user, address: str | None = None) -> bool:
    """Withdraw one's support while the module is open. Returns whether one was removed."""
    _require_voter(proposal.module, user)
    with transaction.atomic():
        proposal = _lock_listed_proposal(proposal)
        supports = Support.objects.filter(proposal=proposal, user=user)
        if not supports.exists():
            return False
        _count_vote(user, address)
        deleted, _detail = supports.delete()
        return deleted > 0


def vote_useful(
    argument: Contribution, *, user, address: str | None = None
) -> tuple[UsefulVote, bool]:
    """A signed-in participant finds an argument useful, once; not their own."""
    _require_voter(argument.module, user)
    if argument.kind != ContributionKind.ARGUMENT or argument.status != PUBLISHED:
        raise ValidationError(_("Cet argument n'est plus publié."))
    if argument.author_id == user.pk:
        raise ValidationError(_("Vous ne pouvez pas juger utile votre propre argument."))
    existing = UsefulVote.objects.filter(argument=argument, user=user).first()
    if existing is not None:
        return existing, False
    _count_vote(user, address)
    try:
        with transaction.atomic():
            return UsefulVote.objects.create(argument=argument, user=user), True
    except IntegrityError:
        return UsefulVote.objects.get(argument=argument, user=user), False


def withdraw_useful_vote(argument: Contribution, *, user, address: str | None = None) -> bool:
    """Withdraw one's "useful" vote while the module is open. Returns whether one was removed."""
    _require_voter(argument.module, user)
    votes = UsefulVote.objects.filter(argument=argument, user=user)
    if not votes.exists():
        return False
    _count_vote(user, address)
    deleted, _detail = votes.delete()
    return deleted > 0


@transaction.atomic
def merge_proposals(
    source: Contribution, target: Contribution, *, actor, note: str = ""
) -> MergeEvent:
    """A moderator merges proposal `source` into `target` of the same module.

    `source` is no longer listed and sends its readers to `target`; its supports move to
    `target`, a person who supported both counting once; its comments and arguments
    follow; proposals merged into `source` earlier now point at `target`. Both authors
    are notified with a link, and the merge is logged.
    """
    require(source.module, actor, "moderate")
    if source.pk == target.pk:
        raise ValidationError({"target": _("Choisissez une autre proposition.")})
    # Both rows locked, in a fixed order so two crossed merges cannot deadlock.
    locked = {
        row.pk: row
        for row in Contribution.objects.select_for_update(of=("self",))
        .select_related("module__process", "author")
        .filter(pk__in=[source.pk, target.pk])
        .order_by("pk")
    }
    source, target = locked[source.pk], locked[target.pk]
    for proposal, field in ((source, "source"), (target, "target")):
        if proposal.kind != ContributionKind.PROPOSAL or proposal.module_id != source.module_id:
            raise ValidationError({field: _("Les deux propositions doivent être du même module.")})
        if proposal.status != PUBLISHED or proposal.merged_into_id is not None:
            raise ValidationError(
                {field: _("« %(title)s » n'est plus publiée ou a déjà été fusionnée.")
                 % {"title": proposal.title}}
            )  # fmt: skip

    duplicates = Support.objects.filter(
        proposal=source, user_id__in=Support.objects.filter(proposal=target).values("user_id")
    )
    already_there, _detail = duplicates.delete()
    moved = Support.objects.filter(proposal=source).update(proposal=target)
    discussion = Contribution.objects.filter(
        parent=source, kind__in=[ContributionKind.COMMENT, ContributionKind.ARGUMENT]
    ).update(parent=target)
    Contribution.objects.filter(merged_into=source).update(merged_into=target)
    source.merged_into = target
    source.save(update_fields=["merged_into", "updated_at"])
    event = MergeEvent.objects.create(
        source=source, target=target, actor=actor, note=note.strip(), supports_moved=moved,
        supports_already_there=already_there, discussion_moved=discussion,
    )  # fmt: skip

    url = proposal_url(target)
    body = _(
        "La proposition « %(source)s » a été fusionnée avec la proposition « %(target)s » "
        "par la modération, car elles portent la même idée. Les soutiens, commentaires et "
        "arguments sont désormais regroupés sur « %(target)s »."
    ) % {"source": source.title, "target": target.title}
    if event.note:
        body += " " + _("Précision de la modération : %(note)s") % {"note": event.note}
    notify(
        [source.author, target.author],
        subject=_("Une proposition a été fusionnée"),
        body=body,
        url=url,
    )
    return event


def _require_discussable(proposal: Contribution) -> None:
    """Read afresh: the caller's copy may predate a merge, a hiding or a withdrawal."""
    proposal = Contribution.objects.only("kind", "status", "merged_into").get(pk=proposal.pk)
    if (
        proposal.kind != ContributionKind.PROPOSAL
        or proposal.status != PUBLISHED
        or proposal.merged_into_id is not None
    ):
        raise ValidationError(_("Cette proposition n'est plus ouverte au débat."))


def _require_voter(module: Module, user) -> None:
    """Votes need an account: one per person cannot be checked for a pseudonym."""
    if not (user is not None and user.is_authenticated):
        raise PermissionDenied
    require(module, user, "contribute")


def _lock_listed_proposal(proposal: Contribution) -> Contribution:
    proposal = Contribution.objects.select_for_update().get(pk=proposal.pk)
    if proposal.kind != ContributionKind.PROPOSAL or proposal.status != PUBLISHED:
        raise ValidationError(_("Cette proposition n'est plus publiée."))
    if proposal.merged_into_id is not None:
        raise ValidationError(_("Cette proposition a été fusionnée avec une autre."))
    return proposal


def _count_vote(user, address: str | None) -> None:
    if not ratelimit.allow("vote", ratelimit.client_keys(user, address)):
        raise RateLimited()
