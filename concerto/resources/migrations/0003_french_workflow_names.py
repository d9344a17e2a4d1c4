"""Wagtail's default moderation workflow is named after its group, in English
(« Moderators approval »): editors read « Soumettre à Moderators approval ». Its French
name here, for the databases that already have it and for new ones."""

from django.db import migrations

ENGLISH, FRENCH = "Moderators approval", "relecture avant publication"


def to_french(apps, schema_editor):
    for model in ("Task", "Workflow"):
        apps.get_model("wagtailcore", model).objects.filter(name=ENGLISH).update(name=FRENCH)


def to_english(apps, schema_editor):
    for model in ("Task", "Workflow"):
        apps.get_model("wagtailcore", model).objects.filter(name=FRENCH).update(name=ENGLISH)


class Migration(migrations.Migration):
    dependencies = [
        ("resources", "0002_alter_faqtheme_options"),
        ("wagtailcore", "0048_add_default_workflows"),
    ]

    operations = [migrations.RunPython(to_french, to_english)]
