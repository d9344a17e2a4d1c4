"""Idempotency keys belong to their submitter in their module, no longer to the whole
platform: each stored key gets the scope of whoever sent it."""

import hashlib

from django.conf import settings
from django.db import migrations, models


def scope_of(row) -> str:
    # Mirrors concerto.participation.idempotency as it was written with this migration.
    if row.author_id is not None:
        return f"user:{row.author_id}"
    if row.entered_by_id is not None or row.channel != "online":
        return f"org:{row.module.process.ministry_id}"
    content = "\x1f".join([row.pseudonym.strip(), row.title.strip(), row.body.strip()])
    return "anon:" + hashlib.sha256(content.encode()).hexdigest()[:40]


def scope_stored_keys(apps, schema_editor):
    Contribution = apps.get_model("participation", "Contribution")
    rows = (
        Contribution.objects.filter(idempotency_key__isnull=False)
        .select_related("module__process")
        .only(
            "author_id",
            "entered_by_id",
            "channel",
            "pseudonym",
            "title",
            "body",
            "module__process__ministry_id",
        )  # fmt: skip
        .order_by("pk")
    )
    batch = []
    for row in rows.iterator(chunk_size=1000):
        row.idempotency_scope = scope_of(row)
        batch.append(row)
        if len(batch) >= 1000:
            Contribution.objects.bulk_update(batch, ["idempotency_scope"])
            batch = []
    Contribution.objects.bulk_update(batch, ["idempotency_scope"])


class Migration(migrations.Migration):
    dependencies = [
        ("participation", "0002_opinion_map_kind"),
        ("processes", "0002_themes"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name="contribution",
            name="idempotency_scope",
            field=models.CharField(blank=True, editable=False, max_length=64),
        ),
        migrations.AlterField(
            model_name="contribution",
            name="idempotency_key",
            field=models.UUIDField(blank=True, null=True),
        ),
        migrations.RunPython(scope_stored_keys, migrations.RunPython.noop),
    ]
