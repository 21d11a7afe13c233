from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0001_initial"),
    ]

    operations = [
        migrations.CreateModel(
            name="DailyRun",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("job", models.CharField(max_length=200, verbose_name="taak")),
                ("day", models.DateField(verbose_name="dag")),
                ("ran_at", models.DateTimeField(auto_now_add=True, verbose_name="uitgevoerd op")),
                ("messages", models.PositiveIntegerField(default=0, verbose_name="berichten")),
            ],
            options={
                "verbose_name": "dagelijkse taak",
                "verbose_name_plural": "dagelijkse taken",
                "ordering": ["-day", "job"],
                "constraints": [
                    models.UniqueConstraint(
                        fields=("job", "day"), name="one_daily_run_per_job_and_day"
                    )
                ],
            },
        ),
    ]
