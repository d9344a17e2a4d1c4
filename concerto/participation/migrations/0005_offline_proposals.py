"""Contributions that arrived offline into a proposals module were stored as free
contributions, which no public page lists: they become proposals, titled with their
first words when they came without a title."""

from django.db import migrations
from django.utils.text import Truncator


def offline_contributions_become_proposals(apps, schema_editor):
    Contribution = apps.get_model("participation", "Contribution")
    rows = Contribution.objects.filter(
        module__kind="proposals", kind="contribution", parent__isnull=True
    ).exclude(channel="online")
    for row in rows.only("pk", "title", "body").iterator(chunk_size=1000):
        title = row.title.strip() or Truncator(" ".join(row.body.split())).words(12)[:200]
        Contribution.objects.filter(pk=row.pk).update(kind="proposal", title=title)


class Migration(migrations.Migration):
    dependencies = [("participation", "0004_idempotency_key_per_submitter_constraint")]

    operations = [
        migrations.RunPython(offline_contributions_become_proposals, migrations.RunPython.noop)
    ]
