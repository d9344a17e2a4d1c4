from django.db import migrations

# code, label, default progress, reason required, new date required, tracks implementation,
# DSFR badge colour
STATUSES = [
    ("retained", "Retenue", 10, False, False, True, "success"),
    ("partly-retained", "Partiellement retenue", 10, False, False, True, "info"),
    ("not-retained", "Non retenue", 100, True, False, False, "error"),
    ("under-study", "À l'étude", 0, False, True, False, "warning"),
    ("out-of-scope", "Hors du champ de la décision", 100, False, False, False, "new"),
]


def seed(apps, schema_editor):
    AnswerStatus = apps.get_model("followup", "AnswerStatus")
    for position, (code, label, progress, reason, new_date, tracks, badge) in enumerate(
        STATUSES
    ):
        AnswerStatus.objects.update_or_create(
            code=code,
            defaults={
                "label": label,
                "default_progress": progress,
                "requires_reason": reason,
                "requires_new_date": new_date,
                "tracks_implementation": tracks,
                "badge": badge,
                "position": position,
            },
        )


def unseed(apps, schema_editor):
    apps.get_model("followup", "AnswerStatus").objects.filter(
        code__in=[row[0] for row in STATUSES]
    ).delete()


class Migration(migrations.Migration):
    dependencies = [("followup", "0001_initial")]

    operations = [migrations.RunPython(seed, unseed)]
