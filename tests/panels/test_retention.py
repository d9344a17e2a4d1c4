"""A panel's pool is kept at most two years after the end of participation, and purged on
the platform's own schedule (issue #21, finding 7)."""

import importlib
from datetime import date, timedelta

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.utils import timezone

from concerto.panels import actions
from concerto.panels.models import Panel
from concerto.panels.retention import retention_limit
from concerto.processes.models import Process
from concerto.scheduler.schedule import run_due
from tests.panels.helpers import published_process, ready_panel

pytestmark = pytest.mark.django_db


def too_late_message(limit: date) -> str:
    month = [
        "janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août",
        "septembre", "octobre", "novembre", "décembre",
    ][limit.month - 1]  # fmt: skip
    return (
        f"La date de suppression ne peut pas dépasser le {limit.day} {month} {limit.year} : "
        "les données du vivier sont conservées au plus deux ans après la fin de la "
        "participation."
    )


def create(process, referent, retention_date):
    return actions.create_panel(
        process, actor=referent, name="Panel", size=2, retention_date=retention_date
    )


def test_a_retention_date_beyond_two_years_after_participation_is_refused():
    process, referent = published_process()
    end = timezone.localdate() + timedelta(days=100)
    Process.objects.filter(pk=process.pk).update(participation_end=end)
    process.refresh_from_db()
    limit = end.replace(year=end.year + 2)
    assert retention_limit(process, timezone.localdate()) == limit
    for too_late in (date(9999, 12, 31), limit + timedelta(days=1)):
        with pytest.raises(ValidationError) as error:
            create(process, referent, too_late)
        assert error.value.message_dict == {"retention_date": [too_late_message(limit)]}
    assert Panel.objects.count() == 0
    assert create(process, referent, limit).retention_date == limit


def test_without_an_end_of_participation_the_limit_counts_from_today():
    process, _referent = published_process()
    Process.objects.filter(pk=process.pk).update(participation_end=None)
    process.refresh_from_db()
    assert retention_limit(process, date(2026, 3, 1)) == date(2028, 3, 1)
    assert retention_limit(process, date(2028, 2, 29)) == date(2030, 2, 28)
    # A participation that ended long ago does not pull the limit into the past.
    Process.objects.filter(pk=process.pk).update(participation_end=date(2020, 1, 1))
    process.refresh_from_db()
    assert retention_limit(process, date(2026, 3, 1)) == date(2028, 3, 1)


def test_the_form_shows_the_error_next_to_the_date(client):
    process, referent = published_process()
    client.force_login(referent)
    response = client.post(
        f"/espace/dispositifs/{process.pk}/panels/nouveau/",
        {"name": "Panel", "size": "2", "retention_date": "9999-12-31"},
    )
    assert response.status_code == 200
    limit = retention_limit(process, timezone.localdate())
    assert response.context["form"].errors == {"retention_date": [too_late_message(limit)]}
    assert Panel.objects.count() == 0


def test_panels_kept_too_long_are_brought_within_the_limit_by_migration():
    panel, _referent = ready_panel()
    Panel.objects.filter(pk=panel.pk).update(retention_date=date(9999, 12, 31))
    migration = importlib.import_module("concerto.panels.migrations.0003_bound_retention_dates")
    migration.bound_retention_dates(apps, None)
    panel.refresh_from_db()
    assert panel.retention_date == retention_limit(panel.process, timezone.localdate())


def test_the_daily_schedule_purges_pools_past_their_date():
    panel, _referent = ready_panel()
    keep, _ = ready_panel()
    Panel.objects.filter(pk=panel.pk).update(retention_date=timezone.localdate())
    assert "privacy-retention" in run_due(timezone.now())
    panel.refresh_from_db()
    assert (panel.pool.count(), panel.pool_purged_at is not None) == (0, True)
    assert keep.pool.count() == 40
