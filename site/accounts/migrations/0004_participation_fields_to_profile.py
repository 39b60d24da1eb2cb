from django.db import migrations


class Migration(migrations.Migration):
    """The commune, the charter and the block now live in participation's profile
    (copied by participation 0014 before they go)."""

    dependencies = [
        ("accounts", "0003_notices_and_frequency"),
        ("participation", "0014_participant_profile"),
    ]

    operations = [
        migrations.RemoveField(model_name="user", name="commune"),
        migrations.RemoveField(model_name="user", name="charter_accepted_at"),
        migrations.RemoveField(model_name="user", name="contribution_blocked"),
        migrations.RemoveField(model_name="user", name="contribution_blocked_reason"),
        migrations.RemoveField(model_name="user", name="contribution_blocked_at"),
        migrations.RemoveField(model_name="user", name="contribution_blocked_by"),
    ]
