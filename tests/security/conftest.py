import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def _clear_cache():
    """Rate-limit counters and cached pages must not leak from one test to the next."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture(scope="module")
def whole_site(django_db_setup, django_db_blocker):
    """A page of each type of every app, with contributions, contracts and dossiers,
    built once per module and rolled back at its end; each test runs in its own
    savepoint inside it. Returns the people of each role."""
    from django.contrib.auth.models import Group
    from django.db import transaction

    from cms.roles import STAFF_GROUPS
    from contrats.models import ContractPage
    from mayors.models import Role
    from tests.aides.factories import aides_site
    from tests.cms.factories import home_page, public_site
    from tests.contrats.factories import contracts_site, petr_communes
    from tests.mayors.factories import OfficialFactory, intranet_site
    from tests.participation.factories import (
        UserFactory,
        participation_site,
        unverified_user,
    )

    with django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            home = home_page()
            public_site(home)
            cahors, gourdon, *others = petr_communes(6)
            contracts_site(home, [cahors, gourdon, *others])
            residents = [UserFactory(), UserFactory(), UserFactory()]
            participation_site(home, people=residents, communes=[cahors, gourdon])
            aides_site(home, [gourdon])
            cto = ContractPage.objects.get(kind=ContractPage.Kind.CTO)
            people = {
                "resident": residents[0],
                "other_resident": residents[1],
                "unverified": unverified_user(),
                "mayor": intranet_site(home, cto, cahors, "maire@cahors.test"),
                "other_mayor": OfficialFactory(commune=gourdon, role=Role.MAIRE).user,
                "delegate": OfficialFactory(commune=cahors, role=Role.SECRETAIRE).user,
                "superuser": UserFactory(is_staff=True, is_superuser=True),
            }
            for name in STAFF_GROUPS:
                user = UserFactory(is_staff=True)
                user.groups.add(Group.objects.get(name=name))
                people[name] = user
            yield people
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


@pytest.fixture(scope="module")
def people(whole_site):
    """One account per role."""
    return whole_site
