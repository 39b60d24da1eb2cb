import datetime

import factory
import wagtail_factories
from django.utils import timezone
from wagtail.models import Page, Site

from cms import images
from cms.models import (
    ContactFormField,
    ContactPage,
    EventIndexPage,
    EventPage,
    HomePage,
    MainMenuItem,
    NewsCategory,
    NewsIndexPage,
    NewsPage,
    SitemapPage,
    SiteSettings,
    StandardPage,
)
from cms.models.settings import RgaaStatus


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


def home_page():
    """The home page as the default site's root, in place of Wagtail's welcome page."""
    home = HomePage.objects.first()
    if home is not None:
        return home
    welcome = Page.objects.filter(depth=2, content_type__model="page").first()
    home = Page.get_first_root_node().add_child(
        instance=HomePage(title="Grand Quercy", slug="accueil", seo_title="Accueil")
    )
    Site.objects.update_or_create(
        is_default_site=True,
        defaults={
            "hostname": "localhost",
            "port": 80,
            "root_page": home,
            "site_name": "Grand Quercy",
        },
    )
    if welcome is not None:
        welcome.delete()
    return home


def site_settings():
    return SiteSettings.objects.get_or_create(
        site=Site.objects.get(is_default_site=True)
    )[0]


def menu_item(page_or_url, label=""):
    """A main menu link, last in the menu."""
    settings = site_settings()
    target = (
        {"link_page": page_or_url}
        if isinstance(page_or_url, Page)
        else {"link_url": page_or_url}
    )
    return MainMenuItem.objects.create(
        settings=settings,
        sort_order=settings.menu_items.count(),
        label=label,
        **target,
    )


def paragraph(html):
    return {"type": "paragraph", "value": html}


BODY = [
    {"type": "heading", "value": {"text": "Les instances", "level": "h2"}},
    paragraph("<p>Un comité de pilotage <b>coprésidé</b> par le Préfet.</p>"),
    {
        "type": "accordion",
        "value": {
            "heading": "Questions fréquentes",
            "items": [{"title": "Qui siège ?", "content": "<p>L’État et le PETR.</p>"}],
        },
    },
    {"type": "quote", "value": {"quote": "Agir ensemble.", "attribution": "Le PETR"}},
]
TABLE = {
    "type": "table",
    "value": {
        "caption": "Les contrats du PETR",
        "columns": [
            {"type": "text", "heading": "Contrat"},
            {"type": "text", "heading": "Période"},
        ],
        "rows": [{"values": ["CRTE", "2021-2026"]}, {"values": ["CTO", "2022-2028"]}],
    },
}


def image_block(image):
    return {
        "type": "image",
        "value": {
            "image": {
                "image": image.pk,
                "alt_text": image.description,
                "decorative": False,
            },
            "caption": "",
            "credit": "",
        },
    }


def public_site(home):
    """One published page of each type of the public site, linked from the menu and the
    site settings: what a browser, query or header test walks through."""
    image = image_with_renditions(title="La vallée du Lot")
    section = publish(
        StandardPageFactory(
            parent=home,
            title="Le Grand Quercy",
            slug="le-grand-quercy",
            body=[image_block(image), *BODY],
            show_in_menus=True,
        )
    )
    publish(
        StandardPageFactory(
            parent=section,
            title="La gouvernance du CRTE",
            slug="gouvernance-du-crte",
            body=BODY,
            show_in_menus=True,
        )
    )
    publish(
        StandardPageFactory(
            parent=section,
            title="Le pôle des Politiques Contractuelles",
            slug="politiques-contractuelles",
            body=[paragraph("<p>Élaborer et gérer les contrats.</p>"), TABLE],
            show_in_menus=True,
        )
    )
    news = publish(NewsIndexPageFactory(parent=home, show_in_menus=True))
    article = NewsPageFactory(
        parent=news,
        title="Le Grand Quercy signe son Contrat de Relance et de Transition Écologique",
        slug="signature-du-crte",
        image=image,
        body=[paragraph("<p>Le 17 décembre 2021, le CRTE est signé.</p>")],
    )
    article.categories = [NewsCategoryFactory(name="Contrats", slug="contrats")]
    article.tags.add("CRTE")
    publish(article)
    agenda = publish(EventIndexPageFactory(parent=home, show_in_menus=True))
    now = timezone.now().replace(minute=0, second=0, microsecond=0)
    for slug, title, days in (
        ("comite-de-pilotage-crte", "Comité de pilotage du CRTE", 21),
        ("conference-des-maires", "Conférence des Maires", 35),
        ("comite-de-pilotage-crte-bilan", "Comité de pilotage : bilan", -60),
    ):
        publish(
            EventPageFactory(
                parent=agenda,
                slug=slug,
                title=title,
                start=now + datetime.timedelta(days=days),
            )
        )
    contact = publish(ContactPageFactory(parent=home, show_in_menus=True))
    sitemap = publish(SitemapPageFactory(parent=home))
    accessibility = publish(
        StandardPageFactory(
            parent=home,
            title="Déclaration d’accessibilité",
            slug="accessibilite",
            body=[paragraph("<p>Le site est partiellement conforme au RGAA 4.1.</p>")],
        )
    )
    settings = site_settings()
    settings.contact_page = contact
    settings.sitemap_page = sitemap
    settings.accessibility_page = accessibility
    settings.rgaa_status = RgaaStatus.PARTIELLEMENT
    settings.save()
    for page in (section, news, agenda, contact):
        menu_item(page, page.title)
    return home
