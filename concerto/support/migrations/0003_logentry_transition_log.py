# The case log becomes a concerto.workflow.TransitionLog: kind, text and created_at are
# renamed action, reason and at (their data kept), three actions take their step's name,
# and each entry says from which status to which it went.

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

# Old action → the step's name, where it changed.
RENAMED = {
    "redirect": "redirect_to_coaching",
    "milestone": "add_milestone",
    "milestone_done": "complete_milestone",
}
# Each step starts from one status and leads to one (support/workflow.py), so an old
# entry's statuses are known from its action.
STATUSES = {
    "submit": ("", "submitted"),
    "accept": ("submitted", "accepted"),
    "redirect_to_coaching": ("submitted", "accepted"),
    "decline": ("submitted", "declined"),
    "assign": ("accepted", "accepted"),
    "add_milestone": ("accepted", "accepted"),
    "complete_milestone": ("accepted", "accepted"),
    "note": ("accepted", "accepted"),
    "close": ("accepted", "closed"),
    "survey": ("closed", "closed"),
}


def name_the_steps(apps, schema_editor):
    LogEntry = apps.get_model("support", "LogEntry")
    for old, new in RENAMED.items():
        LogEntry.objects.filter(action=old).update(action=new)
    for action, (from_status, to_status) in STATUSES.items():
        LogEntry.objects.filter(action=action).update(
            from_status=from_status, to_status=to_status
        )


def restore_the_kinds(apps, schema_editor):
    LogEntry = apps.get_model("support", "LogEntry")
    for old, new in RENAMED.items():
        LogEntry.objects.filter(action=new).update(action=old)


KINDS = [
    ("submit", "Demande déposée"),
    ("accept", "Demande acceptée"),
    ("redirect_to_coaching", "Orientée vers le coaching léger"),
    ("decline", "Demande déclinée"),
    ("assign", "Conseiller désigné"),
    ("add_milestone", "Jalon planifié"),
    ("complete_milestone", "Jalon atteint"),
    ("note", "Note de suivi"),
    ("close", "Accompagnement clôturé"),
    ("survey", "Questionnaire de satisfaction rempli"),
]


class Migration(migrations.Migration):
    dependencies = [
        ("support", "0002_idempotency_key_per_requester"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.RenameField(model_name="logentry", old_name="kind", new_name="action"),
        migrations.RenameField(model_name="logentry", old_name="text", new_name="reason"),
        migrations.RenameField(model_name="logentry", old_name="created_at", new_name="at"),
        migrations.AlterField(
            model_name="logentry",
            name="action",
            field=models.CharField(choices=KINDS, max_length=40, verbose_name="événement"),
        ),
        migrations.AlterField(
            model_name="logentry",
            name="at",
            field=models.DateTimeField(auto_now_add=True, verbose_name="date"),
        ),
        migrations.AlterField(
            model_name="logentry",
            name="actor",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
                verbose_name="auteur",
            ),
        ),
        migrations.AddField(
            model_name="logentry",
            name="from_status",
            field=models.CharField(blank=True, max_length=24, verbose_name="statut de départ"),
        ),
        migrations.AddField(
            model_name="logentry",
            name="to_status",
            field=models.CharField(default="", max_length=24, verbose_name="statut d'arrivée"),
            preserve_default=False,
        ),
        migrations.AlterModelOptions(
            name="logentry",
            options={
                "ordering": ["at", "pk"],
                "verbose_name": "entrée du journal",
                "verbose_name_plural": "journal de l'accompagnement",
            },
        ),
        migrations.RunPython(name_the_steps, restore_the_kinds),
    ]
