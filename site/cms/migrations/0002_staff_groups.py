"""The staff groups and what each may do in the admin: a data step, kept explicit."""

from django.db import migrations

from cms.roles import (
    COMMUNICATION,
    POLITIQUES_CONTRACTUELLES,
    STAFF_GROUPS,
    grant_model_permissions,
    grant_page_permissions,
)

PAGE_EDITING = ["add_page", "change_page", "publish_page", "lock_page", "unlock_page"]


def create_groups(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Page = apps.get_model("wagtailcore", "Page")
    Collection = apps.get_model("wagtailcore", "Collection")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")
    Permission = apps.get_model("auth", "Permission")

    access_admin = Permission.objects.get(
        content_type__app_label="wagtailadmin", codename="access_admin"
    )
    for name in STAFF_GROUPS:
        Group.objects.get_or_create(name=name)[0].permissions.add(access_admin)

    root = Page.objects.filter(depth=1).first()
    if root is not None:
        grant_page_permissions(apps, COMMUNICATION, root, PAGE_EDITING)

    collection = Collection.objects.filter(depth=1).first()
    if collection is not None:
        for name in (COMMUNICATION, POLITIQUES_CONTRACTUELLES):
            group = Group.objects.get(name=name)
            for app_label, model in (("wagtailimages", "image"), ("wagtaildocs", "document")):
                for action in ("add", "change", "choose"):
                    permission = Permission.objects.filter(
                        content_type__app_label=app_label, codename=f"{action}_{model}"
                    ).first()
                    if permission is not None:
                        GroupCollectionPermission.objects.get_or_create(
                            group=group, collection=collection, permission=permission
                        )

    grant_model_permissions(
        apps,
        COMMUNICATION,
        "cms",
        ["newscategory", "noticebanner"],
        ["add", "change", "delete", "view"],
    )
    grant_model_permissions(
        apps, COMMUNICATION, "cms", ["sitesettings"], ["change", "view"]
    )
    Site = apps.get_model("wagtailcore", "Site")
    SiteSettings = apps.get_model("cms", "SiteSettings")
    for site in Site.objects.all():
        SiteSettings.objects.get_or_create(site=site)


def remove_groups(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=STAFF_GROUPS).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("cms", "0001_initial"),
        ("wagtailcore", "__latest__"),
        ("wagtailimages", "__latest__"),
        ("wagtaildocs", "__latest__"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
    ]

    operations = [migrations.RunPython(create_groups, remove_groups)]
