"""The « Politiques contractuelles » group manages the organisations (EPCI, associations…)
that apply to démarches, as it manages the communes' invited people: a data step."""

from django.db import migrations

from cms.roles import POLITIQUES_CONTRACTUELLES, grant_model_permissions


def grant(apps, schema_editor):
    grant_model_permissions(
        apps,
        POLITIQUES_CONTRACTUELLES,
        "mayors",
        ["organisation"],
        ["add", "change", "delete", "view"],
    )


class Migration(migrations.Migration):
    dependencies = [
        ("mayors", "0006_organisations"),
        ("cms", "0002_staff_groups"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
