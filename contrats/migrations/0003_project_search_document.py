"""The projects' full-text document, kept by a trigger, and its index, on PostgreSQL.

Ranking matches with an expression index recomputes every matched document (seconds'
worth at thousands of matches); the stored ``tsvector`` column (``search_document``) is
read instead. A trigger, not ``save()``, writes it, so bulk inserts and ``update()``
keep it right too. On other databases the column stays empty and the explorer falls
back to word matching.
"""

from django.db import migrations

DOCUMENT = """
    setweight(to_tsvector('french', coalesce(NEW.title, '')), 'A')
    || setweight(to_tsvector('french', coalesce(NEW.summary, '')), 'B')
    || setweight(to_tsvector('french', coalesce(NEW.holder_name, '')), 'C')
"""

FORWARD = [
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
    dependencies = [("contrats", "0002_staff_permissions")]

    operations = [migrations.RunPython(run(FORWARD), run(BACKWARD))]
