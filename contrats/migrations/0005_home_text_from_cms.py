"""The contracts' home text leaves cms' home page for the contracts index page."""

from django.db import migrations


def forward(apps, schema_editor):
    HomePage = apps.get_model("cms", "HomePage")
    ContractsIndexPage = apps.get_model("contrats", "ContractsIndexPage")
    text = (
        HomePage.objects.exclude(contracts_text="")
        .values_list("contracts_text", flat=True)
        .first()
    )
    if text:
        ContractsIndexPage.objects.filter(home_text="").update(home_text=text)


def backward(apps, schema_editor):
    HomePage = apps.get_model("cms", "HomePage")
    ContractsIndexPage = apps.get_model("contrats", "ContractsIndexPage")
    index = ContractsIndexPage.objects.order_by("path").first()
    if index is not None:
        HomePage.objects.update(
            contracts_text=index.home_text, contracts_index_page_id=index.pk
        )


class Migration(migrations.Migration):
    dependencies = [
        ("contrats", "0004_index_home_text"),
        ("cms", "0003_search_entries_gin_index"),
    ]
    run_before = [("cms", "0004_home_and_settings_name_no_app")]

    operations = [migrations.RunPython(forward, backward)]
