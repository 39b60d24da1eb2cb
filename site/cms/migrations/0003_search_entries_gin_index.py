"""Full-text search reads the index entries through ``title || body``: an index on it.

Wagtail's database backend on PostgreSQL filters with ``(title || body) @@ query``,
which its own indexes (on each column) cannot answer: without this one every search
scans and concatenates all the entries. PostgreSQL only.
"""

from django.db import migrations

INDEX = "cms_search_title_body_gin"


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {INDEX} "
            "ON wagtailsearch_indexentry USING gin ((title || body))"
        )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


class Migration(migrations.Migration):
    dependencies = [
        ("cms", "0002_staff_groups"),
        ("wagtailsearch", "0010_add_text_fields"),
    ]

    operations = [migrations.RunPython(create, drop)]
