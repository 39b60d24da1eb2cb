from django.db import migrations

from cms.roles import POLITIQUES_CONTRACTUELLES, grant_model_permissions


def grant(apps, schema_editor):
    grant_model_permissions(
        apps,
        POLITIQUES_CONTRACTUELLES,
        "aides",
        ["aidscheme"],
        ["add", "change", "delete", "view"],
    )


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group = Group.objects.filter(name=POLITIQUES_CONTRACTUELLES).first()
    if group is not None:
        group.permissions.remove(
            *Permission.objects.filter(content_type__app_label="aides")
        )


class Migration(migrations.Migration):
    dependencies = [
        ("aides", "0001_initial"),
        ("cms", "0002_staff_groups"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
