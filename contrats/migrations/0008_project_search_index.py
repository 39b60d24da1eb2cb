"""A GIN index on the projects' full-text document, on PostgreSQL only.

Superseded by 0009 (a stored document kept by a trigger, cheap to rank), which drops
this expression index.
"""

from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVector
from django.db import migrations

INDEX_NAME = "contrats_project_search"


def document():
    return (
        SearchVector("title", weight="A", config="french")
        + SearchVector("summary", weight="B", config="french")
        + SearchVector("holder_name", weight="C", config="french")
    )


def add_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        project = apps.get_model("contrats", "Project")
        schema_editor.add_index(project, GinIndex(document(), name=INDEX_NAME))


def remove_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        project = apps.get_model("contrats", "Project")
        schema_editor.remove_index(project, GinIndex(document(), name=INDEX_NAME))


class Migration(migrations.Migration):
    dependencies = [("contrats", "0007_project_title_index")]

    operations = [migrations.RunPython(add_index, remove_index)]
