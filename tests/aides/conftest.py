import datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from aides.models import Carrier, Funder, Theme
from tests.cms.factories import ContactPageFactory
from tests.contrats.factories import CommuneFactory, EpciFactory

from .factories import AidSchemeFactory, finder_page

TODAY = timezone.localdate


@pytest.fixture
def communes(db):
    epci = EpciFactory(name="Grand Cahors")
    return [
        CommuneFactory(insee_code="46042", name="Cahors", epci=epci),
        CommuneFactory(insee_code="46127", name="Gourdon", epci=epci),
    ]


@pytest.fixture
def outside_commune(db):
    return CommuneFactory(
        insee_code="82121", name="Montauban", epci=EpciFactory(is_petr_member=False)
    )


@pytest.fixture
def page(site_root):
    return finder_page(site_root)


@pytest.fixture
def contact(site_root):
    return ContactPageFactory(parent=site_root)


@pytest.fixture
def catalogue(communes):
    """Schemes that match a commune's 250 000 € building project in Cahors, and
    schemes that do not, each for one reason."""
    cahors, gourdon = communes
    return {
        "detr": AidSchemeFactory(
            name="DETR — bâtiments communaux",
            max_rate=Decimal("35"),
            ceiling=Decimal("150000"),
            themes=[Theme.BATIMENTS],
            procedure_url="https://www.demarches-simplifiees.fr/commencer/detr-lot",
        ),
        "dsil": AidSchemeFactory(
            name="DSIL — rénovation énergétique",
            programme="DSIL",
            max_rate=Decimal("30"),
            themes=[Theme.BATIMENTS, Theme.ENERGIE],
        ),
        "region": AidSchemeFactory(
            name="Contrat Bourg-Centre Occitanie",
            programme="Bourg-Centre",
            funder=Funder.REGION,
            max_rate=Decimal("30"),
            themes=[],
            closes_on=None,
            is_rolling=True,
            communes=[cahors],
        ),
        "for_associations": AidSchemeFactory(
            name="Appel à projets du Contrat Local de Santé",
            funder=Funder.ARS,
            applicants=[Carrier.ASSOCIATION],
            themes=[Theme.SANTE],
        ),
        "closed": AidSchemeFactory(
            name="Fonds clos",
            closes_on=TODAY() - datetime.timedelta(days=1),
        ),
        "not_yet": AidSchemeFactory(
            name="Fonds à venir",
            opens_on=TODAY() + datetime.timedelta(days=1),
        ),
        "too_small": AidSchemeFactory(
            name="Gros travaux seulement", min_eligible_cost=Decimal("500000")
        ),
        "unpublished": AidSchemeFactory(name="Brouillon", is_published=False),
        "other_theme": AidSchemeFactory(
            name="Voirie communale", themes=[Theme.MOBILITE]
        ),
        "elsewhere": AidSchemeFactory(
            name="Bourg-Centre de Gourdon", funder=Funder.REGION, communes=[gourdon]
        ),
    }
