import datetime

import factory
import wagtail_factories
from django.utils import timezone

from cms import images
from cms.models import (
    ContactFormField,
    ContactPage,
    EventIndexPage,
    EventPage,
    NewsCategory,
    NewsIndexPage,
    NewsPage,
    SitemapPage,
    StandardPage,
)


def publish(page):
    """Publish through Wagtail's revision workflow, as the admin does (signals included)."""
    page.save_revision().publish()
    return page.specific_class.objects.get(pk=page.pk)


class StandardPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Page {n}")
    introduction = "Une page de démonstration."

    class Meta:
        model = StandardPage


class NewsIndexPageFactory(wagtail_factories.PageFactory):
    title = "Actualités"
    slug = "actualites"

    class Meta:
        model = NewsIndexPage


class NewsCategoryFactory(factory.django.DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Catégorie {n}")
    slug = factory.Sequence(lambda n: f"categorie-{n}")

    class Meta:
        model = NewsCategory
        django_get_or_create = ["slug"]


class NewsPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Actualité numéro {n}")
    date = factory.Sequence(
        lambda n: datetime.date(2024, 1, 1) + datetime.timedelta(days=n)
    )
    summary = "Le Grand Quercy accompagne les projets du territoire."

    class Meta:
        model = NewsPage


class EventIndexPageFactory(wagtail_factories.PageFactory):
    title = "Agenda"
    slug = "agenda"

    class Meta:
        model = EventIndexPage


class EventPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Réunion {n}")
    start = factory.LazyFunction(lambda: timezone.now() + datetime.timedelta(days=10))
    end = factory.LazyAttribute(lambda o: o.start + datetime.timedelta(hours=2))
    place = "Préfecture du Lot, Cahors"
    organiser = "copil_crte"
    summary = "Réunion du comité de pilotage."

    class Meta:
        model = EventPage


class ContactPageFactory(wagtail_factories.PageFactory):
    title = "Contact"
    slug = "contact"
    to_address = "equipe@grandquercy.test"
    from_address = "site@grandquercy.test"
    subject = "Nouveau message"
    honeypot = True
    thank_you_text = "<p>Merci pour votre message.</p>"
    data_protection_notice = "<p>Vos données servent à vous répondre.</p>"

    class Meta:
        model = ContactPage
        skip_postgeneration_save = True

    @factory.post_generation
    def fields(obj, create, extracted, **kwargs):
        if not create:
            return
        for order, (label, field_type) in enumerate(
            [
                ("Nom", "singleline"),
                ("Adresse électronique", "email"),
                ("Message", "multiline"),
            ]
        ):
            ContactFormField.objects.create(
                page=obj,
                sort_order=order,
                label=label,
                field_type=field_type,
                required=True,
            )


class SitemapPageFactory(wagtail_factories.PageFactory):
    title = "Plan du site"
    slug = "plan-du-site"

    class Meta:
        model = SitemapPage


class ImageFactory(wagtail_factories.ImageFactory):
    title = factory.Sequence(lambda n: f"Image {n}")
    description = "Une vue de la vallée du Lot"


def image_with_renditions(**kwargs):
    image = ImageFactory(**kwargs)
    image.get_renditions(images.CARD, images.ARTICLE, images.SOCIAL, images.BODY)
    return image
