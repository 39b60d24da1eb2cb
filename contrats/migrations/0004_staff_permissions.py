from django.db import migrations

from cms.roles import POLITIQUES_CONTRACTUELLES, grant_model_permissions

MODELS = [
    "contractpage",
    "contractsindexpage",
    "orientation",
    "axe",
    "mesure",
    "project",
    "financingline",
    "projectimage",
    "projectdocument",
    "programmeoperationnel",
    "poversion",
    "poentry",
    "epci",
    "commune",
]


def grant(apps, schema_editor):
    grant_model_permissions(
        apps,
        POLITIQUES_CONTRACTUELLES,
        "contrats",
        MODELS,
        ["add", "change", "delete", "view"],
    )
    # Publishing contracts also needs the admin and the documents/images they attach.
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group = Group.objects.get(name=POLITIQUES_CONTRACTUELLES)
    group.permissions.add(
        *Permission.objects.filter(
            content_type__app_label="wagtailadmin", codename="access_admin"
        )
    )


class Migration(migrations.Migration):
    dependencies = [
        ("contrats", "0003_project_communes_po_numbering"),
        ("cms", "0002_staff_groups"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
