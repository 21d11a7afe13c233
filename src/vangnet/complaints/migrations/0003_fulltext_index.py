"""PostgreSQL: a GIN index on the Dutch full-text vector of the search text, the exact
expression `selectors.search` queries. SQLite has no such index; search falls back
to a LIKE per word there."""

from django.db import migrations

INDEX = "complaint_search_nl"
EXPRESSION = "to_tsvector('dutch'::regconfig, COALESCE(search_text, ''))"


def create_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {INDEX} ON complaints_complaint USING gin ({EXPRESSION})"
        )


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


class Migration(migrations.Migration):
    dependencies = [("complaints", "0002_initial")]

    operations = [migrations.RunPython(create_index, drop_index)]
