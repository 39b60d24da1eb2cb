import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    """ProjectStatusChange becomes a cms.history.StateChange: its columns are renamed
    (``changed_at`` → ``at``, ``changed_by`` → ``actor``), every row kept."""

    dependencies = [
        ("contrats", "0011_commune_sort_name"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.RemoveIndex(
            model_name="projectstatuschange",
            name="contrats_pr_project_6c78a7_idx",
        ),
        migrations.RenameField(
            model_name="projectstatuschange", old_name="changed_at", new_name="at"
        ),
        migrations.RenameField(
            model_name="projectstatuschange", old_name="changed_by", new_name="actor"
        ),
        migrations.AlterModelOptions(
            name="projectstatuschange",
            options={
                "get_latest_by": ["at", "pk"],
                "ordering": ["at", "pk"],
                "verbose_name": "changement d’état d’un projet",
                "verbose_name_plural": "changements d’état des projets",
            },
        ),
        migrations.AlterField(
            model_name="projectstatuschange",
            name="actor",
            field=models.ForeignKey(
                blank=True,
                help_text="Vide quand l’application a agi d’elle-même.",
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
                verbose_name="par",
            ),
        ),
        migrations.AddIndex(
            model_name="projectstatuschange",
            index=models.Index(
                fields=["project", "at"], name="contrats_pr_project_14d32b_idx"
            ),
        ),
    ]
