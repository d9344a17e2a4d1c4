"""Telling participants about a batch of answers, resumably.

Recipients are processed in chunks ordered by user id; each chunk writes its
Delivery rows and the notifications in one transaction, so a crash loses at most
the chunk in flight, and a rerun skips everyone already logged: nobody is told
twice, nobody is forgotten. Memory stays flat whatever the number of recipients.
"""

from django.contrib.auth import get_user_model
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from concerto.followup import counts
from concerto.followup.models import Answer, AnswerBatch, Delivery
from concerto.followup.selection import Selection, uncovered
from concerto.followup.versions import record_answer
from concerto.jobs.progress import Progress, job_task, start_job
from concerto.notifications.actions import notify
from concerto.processes.models import Process

CHUNK_SIZE = 1000


def pending_recipients(batch: AnswerBatch):
    """Authors of published contributions the batch covers, not yet told."""
    User = get_user_model()
    return (
        User.objects.filter(
            is_active=True,
            contributions__followup_answers__batch=batch,
            contributions__status="published",
        )
        .exclude(pk__in=Delivery.objects.filter(batch=batch).values("user"))
        .distinct()
        .order_by("pk")
    )


def deliver_batch(batch_id: int, progress: Progress | None = None, chunk_size: int = 0) -> int:
    """Notify every pending recipient of the batch; returns how many were told now."""
    batch = AnswerBatch.objects.select_related("process").get(pk=batch_id)
    chunk_size = chunk_size or CHUNK_SIZE
    url = reverse("followup:process", args=[batch.process.slug])
    subject = _("Réponse à votre contribution : %(title)s") % {"title": batch.process.title}
    body = _(
        "Le commanditaire du dispositif « %(title)s » a publié sa réponse aux contributions, "
        "dont la vôtre. Découvrez ce qui a été décidé, pourquoi, et le suivi de la mise en "
        "œuvre."
    ) % {"title": batch.process.title}
    total = pending_recipients(batch).count()
    told = 0
    while True:
        with transaction.atomic():
            # Locks the batch: two workers resuming at once do not interleave.
            AnswerBatch.objects.select_for_update().get(pk=batch.pk)
            users = list(pending_recipients(batch)[:chunk_size])
            if not users:
                break
            notifications = notify(users, subject=subject, body=body, url=url)
            Delivery.objects.bulk_create(
                [
                    Delivery(batch=batch, user=user, notification=notification)
                    for user, notification in zip(users, notifications, strict=True)
                ]
            )
        told += len(users)
        if progress is not None:
            progress.update(told, total, _("%(count)s participants prévenus") % {"count": told})
    AnswerBatch.objects.filter(pk=batch.pk).update(notified_at=timezone.now())
    return told


@job_task
def notify_answer_batch(progress: Progress, *, batch_id: int) -> str:
    batch = AnswerBatch.objects.select_related("process").get(pk=batch_id)
    deliver_batch(batch_id, progress)
    return reverse("followup:process", args=[batch.process.slug])


def start_batch_notification(batch: AnswerBatch, *, owner):
    job = start_job(
        notify_answer_batch,
        owner=owner,
        label=_("Prévenir les participants des réponses publiées"),
        batch_id=batch.pk,
    )
    AnswerBatch.objects.filter(pk=batch.pk).update(job=job)
    return job


COVER_CHUNK_SIZE = 5000
# Up to this many contributions, linking is done within the request.
COVER_NOW_LIMIT = 2000


def cover_selection(
    answer_id: int, selection: Selection, reason: str = "", progress: Progress | None = None,
    chunk_size: int = 0,
) -> int:  # fmt: skip
    """Link every contribution of `selection` to the answer, in chunks that each commit:
    a crash keeps what is linked, and a rerun links only the rest (a contribution is never
    linked twice). A published answer then gets a new version with the public reason, and
    the authors newly covered are told. Returns how many contributions were linked now."""
    answer = Answer.objects.select_related("process").get(pk=answer_id)
    chunk_size = chunk_size or COVER_CHUNK_SIZE
    rows = uncovered(answer, selection)
    total = rows.count()
    link = Answer.contributions.through
    linked, last = 0, 0
    while True:
        ids = list(rows.filter(pk__gt=last).values_list("pk", flat=True)[:chunk_size])
        if not ids:
            break
        with transaction.atomic():
            link.objects.bulk_create(
                [link(answer_id=answer.pk, contribution_id=pk) for pk in ids],
                ignore_conflicts=True,
            )
            counts.changed(answer.process_id)
        linked, last = linked + len(ids), ids[-1]
        if progress is not None:
            message = _("%(count)s contributions rattachées") % {"count": linked}
            progress.update(linked, total, message)
    if answer.published_at and linked:
        with transaction.atomic():
            Process.objects.select_for_update().get(pk=answer.process_id)
            answer = Answer.objects.select_related("status").get(pk=answer.pk)
            record_answer(answer, reason or _("Rattachement de contributions"))
        if answer.batch_id:
            deliver_batch(answer.batch_id, progress=None)
    return linked


@job_task
def cover_answer_selection(
    progress: Progress, *, answer_id: int, selection: dict, reason: str = ""
) -> str:
    answer = Answer.objects.get(pk=answer_id)
    cover_selection(answer_id, Selection.from_dict(selection), reason, progress)
    return reverse("followup:answer", args=[answer.process_id, answer.pk])


def start_cover(answer: Answer, selection: Selection, *, owner, reason: str = ""):
    """Link `selection` to `answer`: at once when it is small (the answer is complete on
    the next page), otherwise by a background job that runs once this commits."""
    if uncovered(answer, selection)[: COVER_NOW_LIMIT + 1].count() <= COVER_NOW_LIMIT:
        cover_selection(answer.pk, selection, reason)
        return None
    job = start_job(
        cover_answer_selection,
        owner=owner,
        label=_("Rattacher des contributions à la réponse « %(target)s »")
        % {"target": answer.target},
        answer_id=answer.pk,
        selection=selection.as_dict(),
        reason=reason,
    )
    Answer.objects.filter(pk=answer.pk).update(coverage_job=job)
    answer.coverage_job = job
    return job
