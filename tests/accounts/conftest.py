from pathlib import Path

import pytest
from django.utils.translation import gettext_lazy as _

from accounts import notifications

TOPIC = "tests_nouvelles_consultations"


@pytest.fixture
def topic():
    """A notification topic registered the way apps do in AppConfig.ready()."""
    notifications.register_topic(TOPIC, _("Ouverture d’une nouvelle consultation"))
    yield TOPIC
    notifications.TOPICS.pop(TOPIC, None)


@pytest.fixture
def territory(db):
    from contrats.models import Commune, Epci

    member = Epci.objects.create(
        siren="200023737", name="Grand Cahors", nature="CA", is_petr_member=True
    )
    outside = Epci.objects.create(
        siren="200067064", name="Causse de Labastide-Murat", nature="CC"
    )
    cahors = Commune.objects.create(
        insee_code="46042", name="Cahors", epci=member, population=19405
    )
    arcambal = Commune.objects.create(
        insee_code="46005", name="Arcambal", epci=member, population=1030
    )
    elsewhere = Commune.objects.create(
        insee_code="46138", name="Labastide-Murat", epci=outside, population=700
    )
    return {"cahors": cahors, "arcambal": arcambal, "outside": elsewhere}


@pytest.fixture
def test_templates(settings):
    """A template folder of the test suite, as an app's templates/ would be."""
    templates = [dict(engine) for engine in settings.TEMPLATES]
    templates[0]["DIRS"] = [*templates[0]["DIRS"], Path(__file__).parent / "templates"]
    settings.TEMPLATES = templates


@pytest.fixture(scope="session", autouse=True)
def serialized_rollback_survives_playwright(django_db_setup, django_db_blocker):
    """Playwright's sync API leaves an asyncio loop marked as running in the main thread,
    so Django's thread-critical connection storage switches to a context variable and
    tests get a fresh connection wrapper without ``_test_serialized_contents``: the
    serialized rollback of the next transactional test would then silently restore
    nothing (no Wagtail root page). Keep the contents on the wrapper class."""
    from django.db import connections

    for connection in connections.all():
        contents = getattr(connection, "_test_serialized_contents", None)
        if contents is not None:
            type(connection)._test_serialized_contents = contents
