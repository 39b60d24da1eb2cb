"""Factories for the aid schemes' catalogue and its public page."""

import datetime
from decimal import Decimal

import factory
from django.utils import timezone

from aides.models import AidFinderPage, AidScheme, Carrier, Funder
from tests.cms.factories import publish


class AidSchemeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AidScheme
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Dispositif {n}")
    programme = "DETR"
    funder = Funder.ETAT
    applicants = factory.LazyFunction(lambda: [Carrier.COMMUNE, Carrier.EPCI])
    themes = factory.LazyFunction(list)
    max_rate = Decimal("40")
    ceiling = None
    opens_on = factory.LazyFunction(
        lambda: timezone.localdate() - datetime.timedelta(days=30)
    )
    closes_on = factory.LazyFunction(
        lambda: timezone.localdate() + datetime.timedelta(days=60)
    )
    contact = "Préfecture du Lot, bureau des dotations"
    contact_email = "dotations@lot.gouv.test"
    description = "Une aide pour les investissements des collectivités."
    is_published = True

    @factory.post_generation
    def measures(self, create, extracted, **kwargs):
        if create and extracted:
            self.measures.set(extracted)

    @factory.post_generation
    def communes(self, create, extracted, **kwargs):
        if create and extracted:
            self.communes.set(extracted)


def finder_page(home, **fields):
    """The « Quelles aides pour mon projet ? » page under the home page, published."""
    page = AidFinderPage.objects.first()
    if page is not None:
        return page
    page = home.add_child(
        instance=AidFinderPage(
            title="Quelles aides pour mon projet ?",
            slug="quelles-aides",
            introduction="Répondez à quatre questions.",
            **fields,
        )
    )
    publish(page)
    return page


def aides_site(home, communes=()):
    """The finder page and a small published catalogue (and one draft scheme)."""
    finder_page(home)
    AidSchemeFactory(name="DETR — équipements communaux", themes=["batiments"])
    AidSchemeFactory(
        name="Contrat Bourg-Centre Occitanie",
        programme="Bourg-Centre",
        funder=Funder.REGION,
        max_rate=Decimal("30"),
        closes_on=None,
        is_rolling=True,
        communes=list(communes)[:1],
    )
    AidSchemeFactory(
        name="Contrat Local de Santé — appel à projets",
        programme="CLS",
        funder=Funder.ARS,
        applicants=[Carrier.ASSOCIATION, Carrier.AUTRE],
        themes=["sante"],
    )
    AidSchemeFactory(name="Dispositif en préparation", is_published=False)
