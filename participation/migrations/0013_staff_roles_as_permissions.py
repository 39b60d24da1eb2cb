"""Moderation and a proposal's follow-up become permissions granted to the groups, so
that renaming a group in the admin keeps every moderator."""

from django.db import migrations

from cms.roles import MODERATION, POLITIQUES_CONTRACTUELLES, grant_permissions


def grant(apps, schema_editor):
    grant_permissions(apps, MODERATION, "participation", ["moderate", "link_proposal"])
    grant_permissions(
        apps, POLITIQUES_CONTRACTUELLES, "participation", ["link_proposal"]
    )


class Migration(migrations.Migration):
    dependencies = [
        ("participation", "0012_moderation_decision_history"),
        ("cms", "0002_staff_groups"),
    ]

    operations = [
        migrations.AlterModelOptions(
            name="proposal",
            options={
                "ordering": ["-created_at"],
                "permissions": [
                    ("moderate", "Modérer les contributions"),
                    (
                        "link_proposal",
                        "Lier une proposition au projet qu’elle est devenue",
                    ),
                ],
                "verbose_name": "proposition",
                "verbose_name_plural": "propositions",
            },
        ),
        migrations.RunPython(grant, migrations.RunPython.noop),
    ]
