import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    """Transition becomes a cms.history.StateChange (same columns, new labels)."""

    dependencies = [
        ("mayors", "0005_legal_records"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AlterModelOptions(
            name="transition",
            options={
                "get_latest_by": ["at", "pk"],
                "ordering": ["at", "pk"],
                "verbose_name": "étape",
                "verbose_name_plural": "historique",
            },
        ),
        migrations.AlterField(
            model_name="transition",
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
        migrations.AlterField(
            model_name="transition",
            name="at",
            field=models.DateTimeField(
                default=django.utils.timezone.now, verbose_name="date"
            ),
        ),
    ]
