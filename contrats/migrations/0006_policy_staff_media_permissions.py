from django.db import migrations

from cms.roles import POLITIQUES_CONTRACTUELLES, grant_model_permissions

MEDIA_PERMISSIONS = {
    "wagtaildocs": ["add_document", "change_document", "choose_document"],
    "wagtailimages": ["add_image", "change_image", "choose_image"],
}


def grant(apps, schema_editor):
    """Policy staff attach signed contracts, minutes and project photos."""
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    Collection = apps.get_model("wagtailcore", "Collection")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")
    for app_label in MEDIA_PERMISSIONS:
        # Creates the permission rows a fresh database only gets after post_migrate.
        grant_model_permissions(apps, POLITIQUES_CONTRACTUELLES, app_label, [], [])
    root = Collection.objects.filter(depth=1).first()
    if root is None:
        return
    group, _ = Group.objects.get_or_create(name=POLITIQUES_CONTRACTUELLES)
    for app_label, codenames in MEDIA_PERMISSIONS.items():
        for permission in Permission.objects.filter(
            content_type__app_label=app_label, codename__in=codenames
        ):
            GroupCollectionPermission.objects.get_or_create(
                group=group, collection=root, permission=permission
            )


class Migration(migrations.Migration):
    dependencies = [
        ("contrats", "0005_contract_streamfields"),
        ("cms", "0002_staff_groups"),
        ("wagtaildocs", "0014_alter_document_file_size"),
        ("wagtailimages", "0027_image_description"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
