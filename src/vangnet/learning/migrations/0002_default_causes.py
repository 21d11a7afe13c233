"""A starting list of causes, so a fresh installation can record lessons at once; the
coordinator changes it in the admin. Stored in Dutch, the register's language."""

from django.db import migrations

CAUSES = [
    ("Communicatie en informatie", "Onduidelijke, te late of geen informatie."),
    ("Bejegening", "Hoe de inwoner te woord is gestaan of behandeld."),
    ("Termijn niet gehaald", "Te lang gewacht op antwoord, besluit of uitvoering."),
    ("Fout in de uitvoering", "Een vergissing, iets vergeten of verkeerd gedaan."),
    ("Regel of beleid", "Een regel of werkwijze staat een redelijke uitkomst in de weg."),
    ("Samenwerking tussen organisaties", "Overdracht of afstemming tussen afdelingen of partners."),
    ("Geen fout gevonden", "De klacht is begrijpelijk, maar er ging niets mis."),
    ("Anders", ""),
]


def add_causes(apps, schema_editor):
    Cause = apps.get_model("learning", "Cause")
    for position, (name, description) in enumerate(CAUSES, start=1):
        Cause.objects.get_or_create(
            name=name, defaults={"description": description, "position": position}
        )


class Migration(migrations.Migration):
    dependencies = [("learning", "0001_initial")]

    operations = [migrations.RunPython(add_causes, migrations.RunPython.noop)]
