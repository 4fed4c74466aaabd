# Opening hours move from the site settings (one language) to the footer text (one per language).

from django.db import migrations, models


def move_opening_hours(apps, schema_editor):
    """The hours typed in the settings go to every footer text, to be translated from there."""
    SiteSettings = apps.get_model("home", "SiteSettings")
    FooterText = apps.get_model("home", "FooterText")
    hours = next((s.opening_hours for s in SiteSettings.objects.exclude(opening_hours="")), "")
    if hours:
        FooterText.objects.filter(opening_hours="").update(opening_hours=hours)


class Migration(migrations.Migration):
    dependencies = [
        ("home", "0002_creole_locale"),
    ]

    operations = [
        migrations.AddField(
            model_name="footertext",
            name="opening_hours",
            field=models.CharField(
                blank=True,
                help_text="e.g. Tuesday to Saturday, 9 am – 5 pm",
                max_length=200,
                verbose_name="opening hours",
            ),
        ),
        migrations.RunPython(move_opening_hours, migrations.RunPython.noop),
        migrations.RemoveField(
            model_name="sitesettings",
            name="opening_hours",
        ),
    ]
