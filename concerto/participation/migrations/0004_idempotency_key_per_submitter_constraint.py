from django.db import migrations, models


class Migration(migrations.Migration):
    # Apart from the data migration, so that PostgreSQL alters the table outside the
    # transaction that updated its rows.
    dependencies = [("participation", "0003_idempotency_key_per_submitter")]

    operations = [
        migrations.AddConstraint(
            model_name="contribution",
            constraint=models.UniqueConstraint(
                condition=models.Q(("idempotency_key__isnull", False)),
                fields=("module", "idempotency_scope", "idempotency_key"),
                name="contribution_idempotency_key_per_submitter",
            ),
        ),
    ]
