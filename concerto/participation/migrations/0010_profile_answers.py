from django.db import migrations, models

# The three columns of the profile become keys of `answers`, with the same codes (the
# catalogue's): nothing is renamed, an empty column is left out.
COLUMNS = ("age_band", "gender", "departement")
LENGTHS = {"age_band": 10, "gender": 10, "departement": 3}


def answers_from_columns(row) -> dict:
    return {key: getattr(row, key) for key in COLUMNS if getattr(row, key)}


def move_into_answers(apps, schema_editor):
    Profile = apps.get_model("participation", "ParticipantProfile")
    for profile in Profile.objects.all().iterator():
        profile.answers = answers_from_columns(profile)
        profile.save(update_fields=["answers"])


def move_back_to_columns(apps, schema_editor):
    Profile = apps.get_model("participation", "ParticipantProfile")
    for profile in Profile.objects.all().iterator():
        for key in COLUMNS:
            setattr(profile, key, str(profile.answers.get(key) or "")[: LENGTHS[key]])
        profile.save(update_fields=list(COLUMNS))


class Migration(migrations.Migration):
    dependencies = [
        ("participation", "0009_text_module_kind"),
    ]

    operations = [
        migrations.AddField(
            model_name="participantprofile",
            name="answers",
            field=models.JSONField(blank=True, default=dict, verbose_name="réponses"),
        ),
        migrations.RunPython(move_into_answers, move_back_to_columns),
    ]
