# Order transitions become a concerto.workflow.TransitionLog: each names its step.

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

# The step that leads to each status: one per status, so that an existing entry's
# step is known from the status it led to.
STEP_TO = {
    "submitted": "place",
    "referent_validated": "validate_as_referent",
    "sent": "validate_as_cipc",
    "refused": "refuse",
    "cancelled": "cancel",
}


def name_the_steps(apps, schema_editor):
    OrderTransition = apps.get_model("procurement", "OrderTransition")
    for to_status, action in STEP_TO.items():
        OrderTransition.objects.filter(to_status=to_status).update(action=action)


STATUSES = [
    ("submitted", "À valider par le référent"),
    ("referent_validated", "À valider par le CIPC"),
    ("sent", "Validé et envoyé au titulaire"),
    ("refused", "Refusé"),
    ("cancelled", "Annulé"),
]


class Migration(migrations.Migration):
    dependencies = [
        ("procurement", "0002_alter_holder_options"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name="ordertransition",
            name="action",
            field=models.CharField(default="", max_length=40, verbose_name="action"),
            preserve_default=False,
        ),
        migrations.AlterField(
            model_name="ordertransition",
            name="actor",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
                verbose_name="auteur",
            ),
        ),
        migrations.AlterField(
            model_name="ordertransition",
            name="at",
            field=models.DateTimeField(auto_now_add=True, verbose_name="date"),
        ),
        migrations.AlterField(
            model_name="ordertransition",
            name="from_status",
            field=models.CharField(
                blank=True, choices=STATUSES, max_length=24, verbose_name="statut de départ"
            ),
        ),
        migrations.AlterField(
            model_name="ordertransition",
            name="reason",
            field=models.TextField(blank=True, verbose_name="motif"),
        ),
        migrations.AlterField(
            model_name="ordertransition",
            name="to_status",
            field=models.CharField(choices=STATUSES, max_length=24, verbose_name="statut d'arrivée"),
        ),
        migrations.RunPython(name_the_steps, migrations.RunPython.noop),
    ]
