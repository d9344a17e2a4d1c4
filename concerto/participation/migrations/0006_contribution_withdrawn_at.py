"""When its author withdrew a contribution: shown on a withdrawn proposal's page. Those
withdrawn before take their last change, the closest date there is."""

from django.db import migrations, models


def date_past_withdrawals(apps, schema_editor):
    Contribution = apps.get_model("participation", "Contribution")
    Contribution.objects.filter(status="withdrawn", withdrawn_at__isnull=True).update(
        withdrawn_at=models.F("updated_at")
    )


class Migration(migrations.Migration):
    dependencies = [("participation", "0005_offline_proposals")]

    operations = [
        migrations.AddField(
            model_name="contribution",
            name="withdrawn_at",
            field=models.DateTimeField(blank=True, null=True, verbose_name="retirée le"),
        ),
        migrations.RunPython(date_past_withdrawals, migrations.RunPython.noop),
    ]
