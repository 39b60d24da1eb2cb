"""The commune, the charter and the block move from the account to the participation
profile: the migration copies what accounts held, for every account that held any."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

BEFORE = [
    ("accounts", "0003_notices_and_frequency"),
    ("participation", "0013_staff_roles_as_permissions"),
]
AFTER = [("accounts", "0004_participation_fields_to_profile")]


def migrate(targets):
    """Migrate accounts and participation to ``targets``; the models as they were then
    (with the communes as they are: contrats is not migrated)."""
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    contrats = executor.loader.graph.leaf_nodes("contrats")
    return executor.loader.project_state([*targets, *contrats]).apps


@pytest.mark.django_db(transaction=True)
def test_the_migration_copies_commune_charter_and_block_to_the_profile():
    old = migrate(BEFORE)
    User = old.get_model("accounts", "User")
    Epci = old.get_model("contrats", "Epci")
    Commune = old.get_model("contrats", "Commune")
    epci = Epci.objects.create(siren="200023737", name="Grand Cahors", nature="CA")
    cahors = Commune.objects.create(insee_code="46042", name="Cahors", epci=epci)
    accepted = timezone.now()
    moderator = User.objects.create(email="moderation@exemple.fr")
    resident = User.objects.create(
        email="lou@exemple.fr", commune=cahors, charter_accepted_at=accepted
    )
    blocked = User.objects.create(
        email="spam@exemple.fr",
        contribution_blocked=True,
        contribution_blocked_reason="Publicités répétées.",
        contribution_blocked_at=accepted,
        contribution_blocked_by=moderator,
    )
    try:
        new = migrate(AFTER)
        Profile = new.get_model("participation", "ParticipantProfile")
        assert Profile.objects.count() == 2, "no row for an account with nothing set"
        lou = Profile.objects.get(user_id=resident.pk)
        assert (lou.commune_id, lou.charter_accepted_at) == (cahors.pk, accepted)
        assert not lou.contribution_blocked
        spam = Profile.objects.get(user_id=blocked.pk)
        assert spam.contribution_blocked
        assert spam.contribution_blocked_reason == "Publicités répétées."
        assert spam.contribution_blocked_at == accepted
        assert spam.contribution_blocked_by_id == moderator.pk
        assert spam.commune_id is None

        # And back: the account holds them again.
        old = migrate(BEFORE)
        User = old.get_model("accounts", "User")
        assert User.objects.get(pk=resident.pk).commune_id == cahors.pk
        assert User.objects.get(pk=blocked.pk).contribution_blocked_by_id == (
            moderator.pk
        )
    finally:
        executor = MigrationExecutor(connection)
        executor.migrate(executor.loader.graph.leaf_nodes())
