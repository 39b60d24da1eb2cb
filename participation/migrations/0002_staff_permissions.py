from django.db import migrations

from cms.roles import MODERATION, POLITIQUES_CONTRACTUELLES, grant_model_permissions


def grant(apps, schema_editor):
    grant_model_permissions(
        apps,
        MODERATION,
        "participation",
        ["proposal", "comment", "answer"],
        ["add", "change", "view"],
    )
    grant_model_permissions(
        apps,
        MODERATION,
        "participation",
        ["report", "moderationdecision", "support", "commentrevision"],
        ["view"],
    )
    grant_model_permissions(
        apps,
        POLITIQUES_CONTRACTUELLES,
        "participation",
        ["answer"],
        ["add", "change", "view"],
    )
    grant_model_permissions(
        apps, POLITIQUES_CONTRACTUELLES, "participation", ["proposal"], ["view"]
    )


class Migration(migrations.Migration):
    dependencies = [
        ("participation", "0001_initial"),
        ("cms", "0002_staff_groups"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
