"""What the « Politiques contractuelles » group may do with contracts, projects and their
media: a data step, kept explicit."""

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
    "progressnote",
    "progressnotephoto",
]

MEDIA_PERMISSIONS = {
    "wagtaildocs": ["add_document", "change_document", "choose_document"],
    "wagtailimages": ["add_image", "change_image", "choose_image"],
}


def grant(apps, schema_editor):
    grant_model_permissions(
        apps,
        POLITIQUES_CONTRACTUELLES,
        "contrats",
        MODELS,
        ["add", "change", "delete", "view"],
    )
    # The status history is read-only, for them too.
    grant_model_permissions(
        apps, POLITIQUES_CONTRACTUELLES, "contrats", ["projectstatuschange"], ["view"]
    )
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group = Group.objects.get(name=POLITIQUES_CONTRACTUELLES)
    group.permissions.add(
        *Permission.objects.filter(
            content_type__app_label="wagtailadmin", codename="access_admin"
        )
    )

    # Signed contracts, minutes and project photos.
    Collection = apps.get_model("wagtailcore", "Collection")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")
    for app_label in MEDIA_PERMISSIONS:
        # Creates the permission rows a fresh database only gets after post_migrate.
        grant_model_permissions(apps, POLITIQUES_CONTRACTUELLES, app_label, [], [])
    root = Collection.objects.filter(depth=1).first()
    if root is None:
        return
    for app_label, codenames in MEDIA_PERMISSIONS.items():
        for permission in Permission.objects.filter(
            content_type__app_label=app_label, codename__in=codenames
        ):
            GroupCollectionPermission.objects.get_or_create(
                group=group, collection=root, permission=permission
            )


class Migration(migrations.Migration):
    dependencies = [
        ("contrats", "0001_initial"),
        ("cms", "0002_staff_groups"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
        ("wagtaildocs", "0014_alter_document_file_size"),
        ("wagtailimages", "0027_image_description"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
