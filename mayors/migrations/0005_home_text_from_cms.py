"""The intranet's home text leaves cms' home page for the intranet settings, which the
communication team edits as it edited the home page."""

from django.db import migrations

from cms.roles import COMMUNICATION, grant_model_permissions


def forward(apps, schema_editor):
    HomePage = apps.get_model("cms", "HomePage")
    Site = apps.get_model("wagtailcore", "Site")
    IntranetSettings = apps.get_model("mayors", "IntranetSettings")
    texts = dict(
        HomePage.objects.exclude(intranet_text="").values_list("pk", "intranet_text")
    )
    for site in Site.objects.filter(root_page_id__in=texts):
        IntranetSettings.objects.update_or_create(
            site=site, defaults={"home_text": texts[site.root_page_id]}
        )
    grant_model_permissions(
        apps, COMMUNICATION, "mayors", ["intranetsettings"], ["change", "view"]
    )


def backward(apps, schema_editor):
    HomePage = apps.get_model("cms", "HomePage")
    IntranetSettings = apps.get_model("mayors", "IntranetSettings")
    for settings in IntranetSettings.objects.exclude(home_text="").select_related(
        "site"
    ):
        HomePage.objects.filter(pk=settings.site.root_page_id).update(
            intranet_text=settings.home_text
        )


class Migration(migrations.Migration):
    dependencies = [
        ("mayors", "0004_intranet_settings"),
        ("cms", "0003_search_entries_gin_index"),
    ]
    run_before = [("cms", "0004_home_and_settings_name_no_app")]

    operations = [migrations.RunPython(forward, backward)]
