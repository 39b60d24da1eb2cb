"""What the « Politiques contractuelles » group may do in the intranet's admin, instruction
included: a data step, kept explicit."""

from django.db import migrations

from cms.roles import POLITIQUES_CONTRACTUELLES, grant_model_permissions

MODELS = [
    "electedofficial",
    "callforpriorities",
    "deadlineextension",
    "submission",
    "attachment",
    "message",
    "conferencesession",
    "opinion",
]


def grant(apps, schema_editor):
    grant_model_permissions(
        apps, POLITIQUES_CONTRACTUELLES, "mayors", MODELS, ["add", "change", "delete", "view"]
    )
    grant_model_permissions(
        apps, POLITIQUES_CONTRACTUELLES, "mayors", ["submission"], ["review"]
    )


class Migration(migrations.Migration):
    dependencies = [
        ("mayors", "0001_initial"),
        ("cms", "0002_staff_groups"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
