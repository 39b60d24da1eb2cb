from django.db import migrations

from cms.roles import COMMUNICATION, grant_model_permissions


def grant(apps, schema_editor):
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


class Migration(migrations.Migration):
    dependencies = [
        ("cms", "0003_public_site"),
        ("cms", "0002_staff_groups"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
