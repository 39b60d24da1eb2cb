from pathlib import Path

import pytest
from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from accounts.topics import Topic

TOPIC = "tests_nouvelles_consultations"


@pytest.fixture
def topic():
    """A notification topic declared the way apps do, through the Wagtail hook."""
    with hooks.register_temporarily(
        "register_notification_topics",
        lambda: [Topic(TOPIC, _("Ouverture d’une nouvelle consultation"))],
    ):
        yield TOPIC


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
