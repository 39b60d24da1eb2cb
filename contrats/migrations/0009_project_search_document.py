"""The projects' full-text document as a column, kept by a trigger, on PostgreSQL.

Ranking matches with an expression index recomputes every matched document (seconds'
worth at thousands of matches); a stored ``tsvector`` is read instead. A trigger, not
``save()``, writes it, so bulk inserts and ``update()`` keep it right too. On other
databases the column stays empty and the explorer falls back to word matching.
"""

import django.contrib.postgres.search
from django.db import migrations

DOCUMENT = """
    setweight(to_tsvector('french', coalesce(NEW.title, '')), 'A')
    || setweight(to_tsvector('french', coalesce(NEW.summary, '')), 'B')
    || setweight(to_tsvector('french', coalesce(NEW.holder_name, '')), 'C')
"""

FORWARD = [
    "DROP INDEX IF EXISTS contrats_project_search",
    f"""
    CREATE OR REPLACE FUNCTION contrats_project_search_document() RETURNS trigger AS $$
    BEGIN
        NEW.search_document := {DOCUMENT};
        RETURN NEW;
    END
    $$ LANGUAGE plpgsql
    """,
    """
    CREATE TRIGGER contrats_project_search_document
    BEFORE INSERT OR UPDATE ON contrats_project
    FOR EACH ROW EXECUTE FUNCTION contrats_project_search_document()
    """,
    "UPDATE contrats_project SET search_document = NULL",  # the trigger fills it
    "CREATE INDEX contrats_project_search_document ON contrats_project"
    " USING gin (search_document)",
]

BACKWARD = [
    "DROP INDEX IF EXISTS contrats_project_search_document",
    "DROP TRIGGER IF EXISTS contrats_project_search_document ON contrats_project",
    "DROP FUNCTION IF EXISTS contrats_project_search_document()",
]


def run(statements):
    def operation(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            for statement in statements:
                schema_editor.execute(statement)

    return operation


class Migration(migrations.Migration):
    dependencies = [("contrats", "0008_project_search_index")]

    operations = [
        migrations.AddField(
            model_name="project",
            name="search_document",
            field=django.contrib.postgres.search.SearchVectorField(
                editable=False, null=True
            ),
        ),
        migrations.RunPython(run(FORWARD), run(BACKWARD)),
    ]
