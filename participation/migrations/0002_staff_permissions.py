"""What moderators and policy staff may do with the Conseil Participatif Citoyen's
contributions: a data step, kept explicit.

Moderating and linking a proposal to its project are permissions granted to the
groups, never group names, so that renaming a group in the admin keeps every moderator.
"""

from django.db import migrations

from cms.roles import (
    MODERATION,
    POLITIQUES_CONTRACTUELLES,
    grant_model_permissions,
    grant_permissions,
)


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
        apps, MODERATION, "participation", ["participationsettings"], ["change", "view"]
    )
    grant_permissions(apps, MODERATION, "participation", ["moderate", "link_proposal"])
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
    grant_permissions(
        apps, POLITIQUES_CONTRACTUELLES, "participation", ["link_proposal"]
    )


class Migration(migrations.Migration):
    dependencies = [
        ("participation", "0001_initial"),
        ("cms", "0002_staff_groups"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
