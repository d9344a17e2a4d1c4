# The branches of the version records and of the imported record, both after 0001.
from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("codrafting", "0002_text_version_records"),
        ("codrafting", "0003_imported_record"),
    ]

    operations = []
