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

from concerto.followup.models import AnswerBatch, Delivery
from concerto.jobs.progress import Progress, job_task, start_job
from concerto.notifications.actions import notify

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
