"""Panels created before retention dates were bounded (issue #21): a date beyond two years
after the end of the process's participation (or after the panel's creation) is brought
back to that limit, so the daily retention run purges the pool then."""

from datetime import date

from django.db import migrations
from django.utils import timezone

MAX_YEARS = 2  # as concerto.panels.retention, copied: a migration does not follow the code


def _years_later(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def bound_retention_dates(apps, schema_editor):
    Panel = apps.get_model("panels", "Panel")
    for panel in Panel.objects.filter(pool_purged_at__isnull=True).select_related("process"):
        created_on = timezone.localdate(panel.created_at)
        end = panel.process.participation_end
        limit = _years_later(max(end, created_on) if end else created_on, MAX_YEARS)
        if panel.retention_date > limit:
            Panel.objects.filter(pk=panel.pk).update(retention_date=limit)


class Migration(migrations.Migration):
    dependencies = [
        ("panels", "0002_recruitment_sessions_recommendations"),
        ("processes", "0001_initial"),
    ]

    operations = [migrations.RunPython(bound_retention_dates, migrations.RunPython.noop)]
