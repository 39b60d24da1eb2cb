import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

COPIED = [
    "commune",
    "charter_accepted_at",
    "contribution_blocked",
    "contribution_blocked_reason",
    "contribution_blocked_at",
    "contribution_blocked_by",
]


def copy_from_accounts(apps, schema_editor):
    """One profile per account that has any of these set; the others read as empty."""
    User = apps.get_model("accounts", "User")
    ParticipantProfile = apps.get_model("participation", "ParticipantProfile")
    accounts = User.objects.filter(
        models.Q(commune__isnull=False)
        | models.Q(charter_accepted_at__isnull=False)
        | models.Q(contribution_blocked=True)
        | ~models.Q(contribution_blocked_reason="")
        | models.Q(contribution_blocked_at__isnull=False)
        | models.Q(contribution_blocked_by__isnull=False)
    )
    ParticipantProfile.objects.bulk_create(
        [
            ParticipantProfile(
                user_id=user["pk"],
                commune_id=user["commune"],
                charter_accepted_at=user["charter_accepted_at"],
                contribution_blocked=user["contribution_blocked"],
                contribution_blocked_reason=user["contribution_blocked_reason"],
                contribution_blocked_at=user["contribution_blocked_at"],
                contribution_blocked_by_id=user["contribution_blocked_by"],
            )
            for user in accounts.values("pk", *COPIED).iterator()
        ],
        batch_size=500,
    )


def copy_back(apps, schema_editor):
    User = apps.get_model("accounts", "User")
    ParticipantProfile = apps.get_model("participation", "ParticipantProfile")
    for profile in ParticipantProfile.objects.iterator():
        User.objects.filter(pk=profile.user_id).update(
            commune_id=profile.commune_id,
            charter_accepted_at=profile.charter_accepted_at,
            contribution_blocked=profile.contribution_blocked,
            contribution_blocked_reason=profile.contribution_blocked_reason,
            contribution_blocked_at=profile.contribution_blocked_at,
            contribution_blocked_by_id=profile.contribution_blocked_by_id,
        )


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0003_notices_and_frequency"),
        ("contrats", "0011_commune_sort_name"),
        ("participation", "0013_staff_roles_as_permissions"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="ParticipantProfile",
            fields=[
                (
                    "user",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.CASCADE,
                        primary_key=True,
                        related_name="participation_profile",
                        serialize=False,
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="compte",
                    ),
                ),
                (
                    "charter_accepted_at",
                    models.DateTimeField(
                        blank=True,
                        null=True,
                        verbose_name="charte de participation acceptée le",
                    ),
                ),
                (
                    "contribution_blocked",
                    models.BooleanField(
                        default=False,
                        help_text="Un·e participant·e bloqué·e peut lire et se connecter, mais ne peut plus proposer, commenter, soutenir ni signaler.",
                        verbose_name="bloqué·e pour contribuer",
                    ),
                ),
                (
                    "contribution_blocked_reason",
                    models.TextField(blank=True, verbose_name="motif du blocage"),
                ),
                (
                    "contribution_blocked_at",
                    models.DateTimeField(
                        blank=True, null=True, verbose_name="bloqué·e le"
                    ),
                ),
                (
                    "commune",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="residents",
                        to="contrats.commune",
                        verbose_name="commune de résidence",
                    ),
                ),
                (
                    "contribution_blocked_by",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="bloqué·e par",
                    ),
                ),
            ],
            options={
                "verbose_name": "profil de participant·e",
                "verbose_name_plural": "profils de participant·es",
            },
        ),
        migrations.RunPython(copy_from_accounts, copy_back, elidable=False),
    ]
