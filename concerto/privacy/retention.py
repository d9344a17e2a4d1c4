"""Retention periods, enforced: each rule deletes or anonymises what is due.

Run daily by the platform's own schedule (concerto.scheduler: the task worker starts
the `apply_retention_task` task, no cron needed), or by hand with `concerto privacy
retention`; every run of every rule is recorded, even when it had nothing to delete.
"""

from collections.abc import Callable
from datetime import date, datetime, time, timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Max, Q
from django.db.models.functions import Coalesce
from django.utils import timezone

from concerto.activity.models import Entry
from concerto.mailing.models import Delivery
from concerto.newsletter.actions import purge_unconfirmed
from concerto.panels.actions import purge_expired_pools
from concerto.participation.models import ParticipantProfile
from concerto.privacy.actions import DELETED_EMAIL, erase_account
from concerto.privacy.models import DeletionRecord, StaffAccess
from concerto.representativeness.models import ProfileResponse


def _cutoff(today: date, days: int) -> datetime:
    return timezone.make_aware(datetime.combine(today - timedelta(days=days), time.min))


def purge_participant_profiles(today: date) -> int:
    """Profiles of people whose last contribution (or consent) is older than the period."""
    cutoff = _cutoff(today, settings.PRIVACY_RETENTION_DAYS["participant_profiles"])
    due = ParticipantProfile.objects.annotate(
        last_activity=Coalesce(Max("user__contributions__created_at"), "consented_at")
    ).filter(last_activity__lt=cutoff)
    deleted = ParticipantProfile.objects.filter(
        pk__in=list(due.values_list("pk", flat=True))
    ).delete()[0]
    # Per-process profile answers follow the same rule, per person.
    stale = ProfileResponse.objects.annotate(
        last_activity=Coalesce(Max("user__contributions__created_at"), "answered_at")
    ).filter(last_activity__lt=cutoff)
    stale_ids = list(stale.values_list("pk", flat=True))
    return deleted + ProfileResponse.objects.filter(pk__in=stale_ids).delete()[0]


def anonymise_inactive_accounts(today: date) -> int:
    """Accounts without a membership nor a sign-in (or sign-up) within the period."""
    cutoff = _cutoff(today, settings.PRIVACY_RETENTION_DAYS["inactive_accounts"])
    inactive = (
        get_user_model()
        .objects.filter(is_superuser=False, memberships__isnull=True)
        .filter(Q(last_login__lt=cutoff) | Q(last_login__isnull=True, date_joined__lt=cutoff))
        .exclude(email__endswith=DELETED_EMAIL.split("@")[1])
    )
    count = 0
    for user in inactive.iterator():
        erase_account(user)
        count += 1
    return count


def purge_access_log(today: date) -> int:
    cutoff = _cutoff(today, settings.PRIVACY_RETENTION_DAYS["access_log"])
    return StaffAccess.objects.filter(accessed_at__lt=cutoff).delete()[0]


def purge_mailing_deliveries(today: date) -> int:
    """The per-address record of bulk e-mails, once their campaign has long finished:
    it only served to send each message once."""
    cutoff = _cutoff(today, settings.PRIVACY_RETENTION_DAYS["mailing_deliveries"])
    return Delivery.objects.filter(campaign__finished_at__lt=cutoff).delete()[0]


def purge_activity_log(today: date) -> int:
    cutoff = _cutoff(today, settings.PRIVACY_RETENTION_DAYS["activity_log"])
    return Entry.objects.filter(at__lt=cutoff).delete()[0]


def purge_panel_pools(today: date) -> int:
    return purge_expired_pools(today)


RULES: dict[str, Callable[[date], int]] = {
    "participant_profiles": purge_participant_profiles,
    "inactive_accounts": anonymise_inactive_accounts,
    "panel_pools": purge_panel_pools,
    "access_log": purge_access_log,
    "newsletter_unconfirmed": purge_unconfirmed,
    "mailing_deliveries": purge_mailing_deliveries,
    "activity_log": purge_activity_log,
}


def apply_retention(today: date | None = None) -> dict[str, int]:
    today = today or timezone.localdate()
    done = {}
    for rule, apply in RULES.items():
        with transaction.atomic():
            done[rule] = apply(today)
            DeletionRecord.objects.create(rule=rule, deleted=done[rule])
    return done
