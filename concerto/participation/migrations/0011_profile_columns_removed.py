from django.db import migrations


class Migration(migrations.Migration):
    """The columns go once their answers are in `answers` (0010), in a transaction of
    their own."""

    dependencies = [
        ("participation", "0010_profile_answers"),
    ]

    operations = [
        migrations.RemoveField(model_name="participantprofile", name="age_band"),
        migrations.RemoveField(model_name="participantprofile", name="departement"),
        migrations.RemoveField(model_name="participantprofile", name="gender"),
    ]
