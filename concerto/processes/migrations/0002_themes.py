from django.db import migrations

THEMES = [
    ("agriculture-alimentation", "Agriculture et alimentation"),
    ("culture", "Culture et patrimoine"),
    ("democratie", "Démocratie et citoyenneté"),
    ("economie", "Économie et entreprises"),
    ("education", "Éducation et jeunesse"),
    ("emploi", "Emploi et travail"),
    ("energie", "Énergie"),
    ("environnement-climat", "Environnement et climat"),
    ("finances-publiques", "Fiscalité et finances publiques"),
    ("justice", "Justice"),
    ("logement", "Logement et urbanisme"),
    ("numerique", "Numérique"),
    ("sante", "Santé"),
    ("securite", "Sécurité"),
    ("solidarites", "Solidarités et handicap"),
    ("territoires", "Territoires et ruralité"),
    ("transports", "Transports et mobilités"),
]


def add_themes(apps, schema_editor):
    Theme = apps.get_model("processes", "Theme")
    for slug, name in THEMES:
        Theme.objects.update_or_create(slug=slug, defaults={"name": name})


class Migration(migrations.Migration):
    dependencies = [("processes", "0001_initial")]
    operations = [migrations.RunPython(add_themes, migrations.RunPython.noop)]
