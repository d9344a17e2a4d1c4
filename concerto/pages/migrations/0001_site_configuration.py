from django.db import migrations


def configure_site(apps, schema_editor):
    DsfrConfig = apps.get_model("dsfr", "DsfrConfig")
    DsfrConfig.objects.update_or_create(
        language="fr",
        defaults={
            "site_title": "Concerto",
            "site_tagline": "La participation citoyenne au sein de l'État",
            "header_brand": "République française",
            "header_brand_html": "République<br>française",
            "footer_brand": "République française",
            "footer_brand_html": "République<br>française",
            # "Non conforme" until an RGAA audit says otherwise.
            "accessibility_status": "NOT",
        },
    )


class Migration(migrations.Migration):
    dependencies = [("dsfr", "0012_dsfrconfig_notice_description_and_more")]
    operations = [migrations.RunPython(configure_site, migrations.RunPython.noop)]
