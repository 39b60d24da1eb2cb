"""The charter page and the consultations' home text leave cms for participation;
moderators choose the charter beside their other participation setting."""

from django.db import migrations


def forward(apps, schema_editor):
    Site = apps.get_model("wagtailcore", "Site")
    SiteSettings = apps.get_model("cms", "SiteSettings")
    ParticipationSettings = apps.get_model("participation", "ParticipationSettings")
    HomePage = apps.get_model("cms", "HomePage")
    ConsultationIndexPage = apps.get_model("participation", "ConsultationIndexPage")
    charters = dict(
        SiteSettings.objects.values_list("site_id", "participation_charter_page_id")
    )
    # Every site has its row: no request creates one later (a write seen by the cache).
    for site in Site.objects.all():
        settings, _ = ParticipationSettings.objects.get_or_create(site=site)
        if charters.get(site.pk) and not settings.charter_page_id:
            settings.charter_page_id = charters[site.pk]
            settings.save(update_fields=["charter_page"])
    text = (
        HomePage.objects.exclude(consultations_text="")
        .values_list("consultations_text", flat=True)
        .first()
    )
    if text:
        ConsultationIndexPage.objects.filter(home_text="").update(home_text=text)


def backward(apps, schema_editor):
    SiteSettings = apps.get_model("cms", "SiteSettings")
    ParticipationSettings = apps.get_model("participation", "ParticipationSettings")
    HomePage = apps.get_model("cms", "HomePage")
    ConsultationIndexPage = apps.get_model("participation", "ConsultationIndexPage")
    for settings in ParticipationSettings.objects.exclude(charter_page=None):
        SiteSettings.objects.update_or_create(
            site_id=settings.site_id,
            defaults={"participation_charter_page_id": settings.charter_page_id},
        )
    index = ConsultationIndexPage.objects.exclude(home_text="").first()
    if index is not None:
        HomePage.objects.update(
            consultations_text=index.home_text, consultations_index_page_id=index.pk
        )


class Migration(migrations.Migration):
    dependencies = [
        ("participation", "0003_charter_and_index_home_text"),
        ("cms", "0003_search_entries_gin_index"),
    ]
    run_before = [("cms", "0004_home_and_settings_name_no_app")]

    operations = [migrations.RunPython(forward, backward)]
