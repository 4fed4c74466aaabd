"""Every environment has both languages, and Creole mirrors the French page tree."""

from django.db import migrations


def create_creole_locale(apps, schema_editor):
    Locale = apps.get_model("wagtailcore", "Locale")
    LocaleSynchronization = apps.get_model("wagtail_localize", "LocaleSynchronization")
    french, _ = Locale.objects.get_or_create(language_code="fr")
    creole, _ = Locale.objects.get_or_create(language_code="rcf")
    LocaleSynchronization.objects.get_or_create(locale=creole, defaults={"sync_from": french})


class Migration(migrations.Migration):
    dependencies = [
        ("home", "0001_initial"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtail_localize", "0016_rename_page_revision_translationlog_revision"),
    ]

    operations = [migrations.RunPython(create_creole_locale, migrations.RunPython.noop)]
