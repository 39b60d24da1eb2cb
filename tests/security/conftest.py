import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def _clear_cache():
    """Rate-limit counters and cached pages must not leak from one test to the next."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    """The demo content, loaded once per module and rolled back at its end; each test
    runs in its own savepoint inside it."""
    import io

    from django.core.management import call_command
    from django.db import transaction

    with django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            call_command("load_demo", stdout=io.StringIO())
            yield
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


@pytest.fixture(scope="module")
def people(demo, django_db_blocker):
    """One account per role, on top of the demo's residents and officials."""
    from django.contrib.auth.models import Group

    from accounts.models import User
    from cms.roles import STAFF_GROUPS
    from tests.participation.factories import UserFactory, unverified_user

    with django_db_blocker.unblock():
        found = {
            "resident": User.objects.get(email="amandine@habitants.test"),
            "other_resident": User.objects.get(email="bernard@habitants.test"),
            "unverified": unverified_user(),
            "mayor": User.objects.get(email="maire.cahors@grandquercy.test"),
            "other_mayor": User.objects.get(email="maire.gourdon@grandquercy.test"),
            "delegate": User.objects.get(email="secretariat.cahors@grandquercy.test"),
            "superuser": UserFactory(is_staff=True, is_superuser=True),
        }
        for name in STAFF_GROUPS:
            user = UserFactory(is_staff=True)
            user.groups.add(Group.objects.get(name=name))
            found[name] = user
    return found
