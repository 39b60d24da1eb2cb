import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    """ModerationDecision becomes a cms.history.StateChange: its columns are renamed
    (``moderator`` → ``actor``, ``created_at`` → ``at``), every row kept."""

    dependencies = [
        ("participation", "0011_proposal_edit_and_withdraw"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.RenameField(
            model_name="moderationdecision", old_name="moderator", new_name="actor"
        ),
        migrations.RenameField(
            model_name="moderationdecision", old_name="created_at", new_name="at"
        ),
        migrations.AlterModelOptions(
            name="moderationdecision",
            options={
                "get_latest_by": ["at", "pk"],
                "ordering": ["-at"],
                "verbose_name": "décision de modération",
                "verbose_name_plural": "journal de modération",
            },
        ),
        migrations.AlterField(
            model_name="moderationdecision",
            name="actor",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
                verbose_name="modérateur·rice",
            ),
        ),
    ]
