"""E-mail alerts: the organisers hear when a group falls under their threshold.

The page shows the alerts to the organisers at any time; the e-mail comes to them.
Checked every hour (scheduler job "representativeness-alerts") for the processes whose
participation is open and that received profile answers since their last check, from
the true counts (never published: the e-mail names groups, not counts). A question
raises e-mail alerts only from ALERT_MIN_RESPONDENTS respondents: with a handful of
answers nearly every group is "under", which says nothing yet. Each group is e-mailed
about at most once every RENOTIFY_AFTER, so a share hovering around the threshold does
not send a message per check.
"""

from datetime import datetime, timedelta

from django.db import transaction
from django.db.models import Exists, OuterRef, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from concerto.notifications.actions import notify
from concerto.processes.lifecycle import Status
from concerto.representativeness.models import ProfileResponse, ProfileSettings
from concerto.representativeness.tables import Alert, current_alerts

ALERT_MIN_RESPONDENTS = 20
RENOTIFY_AFTER = timedelta(days=7)


def settings_to_check():
    """Open processes with profile questions and answers newer than their last check."""
    newer = ProfileResponse.objects.filter(process=OuterRef("process")).filter(
        Q(answered_at__gt=OuterRef("alerts_checked_at"))
    )
    return ProfileSettings.objects.filter(process__status=Status.OPEN).filter(
        Q(alerts_checked_at__isnull=True, process__profile_responses__isnull=False) | Exists(newer)
    )


def check_all(now: datetime | None = None) -> int:
    """Check every process due; returns how many groups were e-mailed about."""
    pks = set(settings_to_check().values_list("pk", flat=True))
    return sum(len(check_alerts(pk, now=now)) for pk in sorted(pks))


@transaction.atomic
def check_alerts(settings_pk: int, *, now: datetime | None = None) -> list[Alert]:
    """E-mail the organisers about the groups newly under the threshold; locked, so that
    two workers checking the same process at once send one e-mail."""
    now = now or timezone.now()
    # No select_related: PostgreSQL cannot lock the nullable side of an outer join.
    settings = ProfileSettings.objects.select_for_update().filter(pk=settings_pk).first()
    if settings is None:
        return []
    process = settings.process
    due = [
        alert
        for alert in current_alerts(process)
        if alert.respondents >= ALERT_MIN_RESPONDENTS
        and not _recent(settings.alerts_notified.get(alert.key), now)
    ]
    if due:
        for alert in due:
            settings.alerts_notified[alert.key] = now.isoformat()
        _email(process, due, round(settings.alert_percent))
    settings.alerts_checked_at = now
    settings.save(update_fields=["alerts_notified", "alerts_checked_at"])
    return due


def _recent(notified_at: str | None, now: datetime) -> bool:
    return bool(notified_at) and datetime.fromisoformat(notified_at) > now - RENOTIFY_AFTER


def _email(process, alerts: list[Alert], percent: int) -> None:
    groups = "\n".join(f"- {alert.question} : {alert.category}" for alert in alerts)
    body = (
        ngettext(
            "Parmi les participants qui ont répondu aux questions de profil, ce groupe pèse "
            "moins de %(percent)s %% de sa part dans la population :",
            "Parmi les participants qui ont répondu aux questions de profil, ces groupes "
            "pèsent moins de %(percent)s %% de leur part dans la population :",
            len(alerts),
        )
        % {"percent": percent}
        + f"\n{groups}\n\n"
        + _(
            "Pour les atteindre, le guide méthodologique recommande d'aller vers eux : "
            "réunions sur leurs lieux de vie, relais associatifs et élus locaux, "
            "contributions sur papier, horaires adaptés, et si besoin un panel tiré au sort."
        )
    )
    notify(
        [process.sponsor, process.project_lead],
        subject=_("Représentativité : des groupes manquent à « %(title)s »")
        % {"title": process.title},
        body=body,
        url=reverse("representativeness:page", args=[process.slug]),
    )
