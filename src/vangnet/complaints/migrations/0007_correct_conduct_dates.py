from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("complaints", "0006_law_committee_and_acknowledgement"),
    ]

    operations = [
        migrations.AddField(
            model_name="complaint",
            name="conduct_on",
            field=models.DateField(blank=True, null=True, verbose_name="gedraging op"),
        ),
        migrations.AddField(
            model_name="complaint",
            name="conduct_until",
            field=models.DateField(blank=True, null=True, verbose_name="gedraging tot en met"),
        ),
    ]
