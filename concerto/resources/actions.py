"""Named write operations of the resource centre."""

from datetime import date

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.text import slugify

from concerto.resources.editors import is_resource_editor
from concerto.resources.models import FaqEntryPage, FaqIndexPage, FaqTheme, UsefulnessVote


def voter_key(request) -> str:
    """Who is voting: the signed-in person, or else this browser's session."""
    if request.user.is_authenticated:
        return f"u:{request.user.pk}"
    if not request.session.session_key:
        request.session.save()
    return f"s:{request.session.session_key}"


def record_usefulness(page, *, voter: str, useful: bool) -> UsefulnessVote:
    """One vote per voter and page: voting again changes the answer, never adds a vote."""
    try:
        with transaction.atomic():
            vote, created = UsefulnessVote.objects.get_or_create(
                page=page, voter=voter, defaults={"useful": useful}
            )
    except IntegrityError:  # two clicks raced past get_or_create
        vote, created = UsefulnessVote.objects.get(page=page, voter=voter), False
    if not created and vote.useful != useful:
        vote.useful = useful
        vote.save(update_fields=["useful", "updated_at"])
    return vote


def usefulness_counts(page) -> dict[str, int]:
    votes = UsefulnessVote.objects.filter(page=page)
    useful = votes.filter(useful=True).count()
    return {"useful": useful, "not_useful": votes.count() - useful}


def _free_slug(parent, text: str) -> str:
    base = slugify(text)[:60].strip("-") or "question"
    taken = set(parent.get_children().values_list("slug", flat=True))
    slug, n = base, 2
    while slug in taken:
        slug, n = f"{base}-{n}", n + 1
    return slug


@transaction.atomic
def publish_faq_entry(
    *, actor, question: str, answer_html: str, theme: FaqTheme, checked_on: date | None = None
) -> FaqEntryPage:
    """Add a question to the FAQ and publish it, with a first revision in its history."""
    if not is_resource_editor(actor):
        raise PermissionDenied
    index = FaqIndexPage.objects.get()
    entry = FaqEntryPage(
        title=question[:255],
        slug=_free_slug(index, question),
        answer=answer_html,
        theme=theme,
        last_checked=checked_on or timezone.localdate(),
        owner=actor,
    )
    index.add_child(instance=entry)
    # The editor check above is the rule; Wagtail's group-based check would repeat it.
    entry.save_revision(user=actor).publish(user=actor, skip_permission_checks=True)
    entry.refresh_from_db()
    return entry
