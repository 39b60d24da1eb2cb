"""Demo content of the public site, written from the PETR's own presentation.

Idempotent: each page is looked up by its slug under its parent and only created when
missing, so a second run changes nothing (and keeps the edits staff made meanwhile).
"""

import datetime
import io

from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.images import ImageFile
from django.utils import timezone
from PIL import Image as PILImage
from PIL import ImageDraw
from wagtail.images import get_image_model
from wagtail.models import Page, Site

from cms.images import pregenerate
from cms.models import (
    ContactFormField,
    ContactPage,
    EventIndexPage,
    EventPage,
    EventRelatedPage,
    HomePage,
    MainMenuItem,
    NewsCategory,
    NewsIndexPage,
    NewsPage,
    NewsRelatedPage,
    SitemapPage,
    SiteSettings,
    StandardPage,
)
from cms.models.settings import RgaaStatus
from cms.roles import STAFF_GROUPS
from participation.models import ParticipationSettings

from . import cms_content as content
from . import cms_legal as legal

DEMO_PASSWORD = "grandquercy-demo"  # noqa: S105
STAFF_ACCOUNTS = {
    "communication@grandquercy.test": ("Camille", "Communication", STAFF_GROUPS[0]),
    "contrats@grandquercy.test": ("Dominique", "Contrats", STAFF_GROUPS[1]),
    "moderation@grandquercy.test": ("Sacha", "Modération", STAFF_GROUPS[2]),
}
ADMIN_ACCOUNT = "admin@grandquercy.test"


def get_home():
    home = HomePage.objects.first()
    if home is None:
        root = Page.get_first_root_node()
        welcome = Page.objects.filter(depth=2, content_type__model="page").first()
        home = root.add_child(
            instance=HomePage(
                title="Grand Quercy",
                slug="accueil",
                seo_title="Accueil",
                introduction=content.HOME_INTRODUCTION,
            )
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


def create_staff_accounts():
    User = get_user_model()
    admin, created = User.objects.get_or_create(
        email=ADMIN_ACCOUNT,
        defaults={
            "first_name": "Admin",
            "last_name": "Grand Quercy",
            "is_staff": True,
            "is_superuser": True,
        },
    )
    if created:
        admin.set_password(DEMO_PASSWORD)
        admin.save()
    # Staff sign in through allauth like everyone: their address counts as verified.
    EmailAddress.objects.update_or_create(
        user=admin, email=admin.email, defaults={"verified": True, "primary": True}
    )
    for email, (first, last, group_name) in STAFF_ACCOUNTS.items():
        user, created = User.objects.get_or_create(
            email=email,
            defaults={"first_name": first, "last_name": last, "is_staff": True},
        )
        if created:
            user.set_password(DEMO_PASSWORD)
            user.save()
        EmailAddress.objects.update_or_create(
            user=user, email=email, defaults={"verified": True, "primary": True}
        )
        user.groups.add(Group.objects.get(name=group_name))


def site_settings():
    site = Site.objects.get(is_default_site=True)
    return SiteSettings.objects.get_or_create(site=site)[0]


def add_to_main_menu(page_or_url, label=""):
    """Add a link to the main menu unless it is already there (for every app's demo).

    Links are added before the "Contact" entry when it closes the menu.
    """
    settings_ = site_settings()
    items = list(settings_.menu_items.all().order_by("sort_order"))
    if isinstance(page_or_url, Page):
        lookup = {"link_page_id": page_or_url.pk}
        fields = {"link_page": page_or_url, "label": label}
    else:
        lookup = {"link_url": page_or_url}
        fields = {"link_url": page_or_url, "label": label or page_or_url}
    existing = settings_.menu_items.filter(**lookup).first()
    if existing is not None:
        return existing
    contact_id = settings_.contact_page_id
    position = len(items)
    if items and contact_id and items[-1].link_page_id == contact_id:
        position = len(items) - 1
        items[-1].sort_order = len(items)
        items[-1].save(update_fields=["sort_order"])
    return MainMenuItem.objects.create(
        settings=settings_, sort_order=position, **fields
    )


def ensure_page(parent, model, slug, **fields):
    """The child of ``parent`` with this slug, created and published when missing."""
    existing = parent.get_children().filter(slug=slug).first()
    if existing is not None:
        return existing.specific
    page = model(slug=slug, **fields)
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


def demo_image(key):
    Image = get_image_model()
    title, alt, (ground, sky) = content.IMAGES[key]
    image = Image.objects.filter(title=title).first()
    if image is not None:
        return image
    picture = PILImage.new("RGB", (1200, 675), sky)
    draw = ImageDraw.Draw(picture)
    for index, height in enumerate((420, 480, 540)):
        shade = tuple(max(0, c - 25 * index) for c in ground)
        draw.polygon(
            [
                (0, height),
                (375, height - 90),
                (750, height - 30),
                (1200, height - 120),
                (1200, 675),
                (0, 675),
            ],
            fill=shade,
        )
    draw.ellipse((940, 80, 1050, 190), fill=(250, 215, 120))
    buffer = io.BytesIO()
    picture.save(buffer, format="PNG")
    image = Image(
        title=title,
        description=alt,
        file=ImageFile(buffer, name=f"demo-{key}.png"),
    )
    image.save()
    return image


def with_image(blocks, image):
    if image is None:
        return blocks
    return [content.image(image.pk, image.description), *blocks]


def load_pages(home):
    if not home.introduction:
        home.introduction = content.HOME_INTRODUCTION
        home.save_revision().publish()

    presentation = ensure_page(
        home,
        StandardPage,
        "le-grand-quercy",
        title="Le Grand Quercy",
        introduction=(
            "Successeur des Pays Bourian et de Cahors et du Sud du Lot, le PETR porte les "
            "contrats de développement du territoire."
        ),
        body=with_image(content.PRESENTATION, demo_image("vallee")),
        show_in_menus=True,
    )
    pole = ensure_page(
        presentation,
        StandardPage,
        "politiques-contractuelles",
        title="Le pôle des Politiques Contractuelles",
        introduction="Élaborer et gérer les contrats proposés par nos partenaires.",
        body=content.POLE,
        show_in_menus=True,
    )
    governance = ensure_page(
        presentation,
        StandardPage,
        "gouvernance-du-crte",
        title="La gouvernance du CRTE",
        introduction="Un comité de pilotage coprésidé par le Préfet et le Président du PETR.",
        body=content.GOVERNANCE,
        show_in_menus=True,
    )
    ensure_page(
        presentation,
        StandardPage,
        "porteurs-de-projets",
        title="Accompagner les porteurs de projets",
        introduction="Un appui technique, une aide au montage du dossier, une orientation.",
        body=content.PROJECT_HOLDERS,
        show_in_menus=True,
    )
    intranet = ensure_page(
        presentation,
        StandardPage,
        "intranet-des-collectivites",
        title="L’intranet des collectivités",
        introduction="Les collectivités déposent leurs dossiers en ligne.",
        body=content.INTRANET,
        show_in_menus=True,
    )

    news_index = ensure_page(
        home,
        NewsIndexPage,
        "actualites",
        title="Actualités",
        introduction="Les nouvelles des contrats et des projets du Grand Quercy.",
        show_in_menus=True,
    )
    categories = {}
    for name, slug in (
        ("Contrats", "contrats"),
        ("Gouvernance", "gouvernance"),
        ("Services aux collectivités", "services-aux-collectivites"),
        ("Vie du territoire", "vie-du-territoire"),
    ):
        categories[name] = NewsCategory.objects.get_or_create(
            slug=slug, defaults={"name": name}
        )[0]
    related = {"signature-du-crte": governance, "crte-financements-etat-2021": pole}
    related["ouverture-intranet-collectivites"] = intranet
    for article in content.NEWS:
        if news_index.get_children().filter(slug=article["slug"]).exists():
            continue
        image = demo_image(article["image"]) if article["image"] else None
        page = NewsPage(
            slug=article["slug"],
            title=article["title"],
            date=datetime.date(*article["date"])
            if article["date"]
            else timezone.localdate(),
            summary=article["summary"],
            image=image,
            body=article["body"],
        )
        page.categories = [categories[article["category"]]]
        page.tags.add(*article["tags"])
        if article["slug"] in related:
            page.related_pages = [NewsRelatedPage(page=related[article["slug"]])]
        news_index.add_child(instance=page)
        page.save_revision().publish()

    agenda = ensure_page(
        home,
        EventIndexPage,
        "agenda",
        title="Agenda",
        introduction=(
            "Les réunions du comité de pilotage du CRTE, de la Conférence des Maires et du "
            "Conseil Participatif Citoyen."
        ),
        show_in_menus=True,
    )
    today = timezone.localtime().replace(minute=0, second=0, microsecond=0)
    for event in content.EVENTS:
        start = (today + datetime.timedelta(days=event["days"])).replace(
            hour=event["hour"]
        )
        page = ensure_page(
            agenda,
            EventPage,
            event["slug"],
            title=event["title"],
            start=start,
            end=start + datetime.timedelta(hours=event["duration"]),
            place=event["place"],
            organiser=event["organiser"],
            summary=event["summary"],
        )
        if event["organiser"] == "copil_crte" and not page.related_pages.exists():
            page.related_pages = [EventRelatedPage(page=governance)]
            page.save_revision().publish()

    contact = ensure_page(
        home,
        ContactPage,
        "contact",
        title="Contact",
        introduction=legal.CONTACT_INTRODUCTION,
        thank_you_text=legal.CONTACT_THANKS,
        data_protection_notice=legal.CONTACT_NOTICE,
        to_address=", ".join(settings.STAFF_NOTIFICATION_EMAILS),
        subject="[Site Grand Quercy] Nouveau message depuis le formulaire de contact",
        honeypot=True,
        show_in_menus=True,
    )
    if not contact.form_fields.exists():
        for order, (label, field_type, required, help_text) in enumerate(
            [
                ("Nom", "singleline", True, ""),
                ("Adresse électronique", "email", True, "Pour vous répondre."),
                ("Commune", "singleline", False, ""),
                ("Objet", "singleline", True, ""),
                ("Message", "multiline", True, ""),
            ]
        ):
            ContactFormField.objects.create(
                page=contact,
                sort_order=order,
                label=label,
                field_type=field_type,
                required=required,
                help_text=help_text,
            )

    legal_notice = ensure_page(
        home,
        StandardPage,
        "mentions-legales",
        title="Mentions légales",
        body=legal.legal_notice(),
    )
    accessibility = ensure_page(
        home,
        StandardPage,
        "accessibilite",
        title="Déclaration d’accessibilité",
        body=[],
    )
    schema = ensure_page(
        accessibility,
        StandardPage,
        "schema-pluriannuel",
        title="Schéma pluriannuel de mise en accessibilité numérique 2026-2028",
        body=legal.SCHEMA,
    )
    if not accessibility.body:
        accessibility.body = legal.accessibility_statement(schema.url)
        accessibility.save_revision().publish()
    charter = ensure_page(
        home,
        StandardPage,
        "charte-de-participation",
        title="Charte de participation",
        introduction="Les règles de la participation citoyenne en ligne.",
        body=legal.PARTICIPATION_CHARTER,
    )
    personal_data = ensure_page(
        home,
        StandardPage,
        "donnees-personnelles",
        title="Données personnelles",
        body=[],
    )
    privacy = ensure_page(
        personal_data,
        StandardPage,
        "participation",
        title="Confidentialité des participant·es",
        introduction="Vos données sur la plateforme de participation citoyenne.",
        body=legal.participation_privacy(charter.url),
    )
    if not personal_data.body:
        personal_data.body = legal.personal_data(privacy.url)
        personal_data.save_revision().publish()
    cookies = ensure_page(
        home, StandardPage, "cookies", title="Gestion des cookies", body=legal.COOKIES
    )
    sitemap = ensure_page(
        home,
        SitemapPage,
        "plan-du-site",
        title="Plan du site",
        introduction="Toutes les pages du site, rubrique par rubrique.",
    )

    site_ = site_settings()
    if not site_.legal_notice_page_id:
        site_.organisation_name = legal.ORGANISATION
        site_.address = legal.ADDRESS
        site_.email = legal.EMAIL
        site_.publication_director = legal.PUBLICATION_DIRECTOR
        site_.host_name = legal.HOST_NAME
        site_.host_address = legal.HOST_ADDRESS
        site_.host_phone = legal.HOST_PHONE
        site_.dpo_name = legal.DPO_NAME
        site_.dpo_email = legal.DPO_EMAIL
        site_.dpo_address = legal.ADDRESS
        site_.rgaa_status = RgaaStatus.PARTIELLEMENT
        site_.legal_notice_page = legal_notice
        site_.accessibility_page = accessibility
        site_.personal_data_page = personal_data
        site_.cookies_page = cookies
        site_.sitemap_page = sitemap
        site_.contact_page = contact
        site_.privacy_page = privacy
        site_.save()
    participation = ParticipationSettings.for_site(site_.site)
    if not participation.charter_page_id:
        participation.charter_page = charter
        participation.save()

    add_to_main_menu(presentation, "Le Grand Quercy")
    add_to_main_menu(news_index, "Actualités")
    add_to_main_menu(agenda, "Agenda")
    add_to_main_menu(contact, "Contact")


def load(stdout):
    home = get_home()
    load_pages(home)
    for page in Page.objects.live().descendant_of(home, inclusive=True).specific():
        pregenerate(page)
    if settings.DEBUG:
        create_staff_accounts()
    stdout.write("Site public : contenu de démonstration à jour.")


def print_staff_logins(stdout):
    stdout.write(f"\nComptes de démonstration (mot de passe commun : {DEMO_PASSWORD})")
    stdout.write(f"  administrateur·rice      {ADMIN_ACCOUNT}")
    for email, (_first, _last, group_name) in STAFF_ACCOUNTS.items():
        stdout.write(f"  {group_name:<24} {email}")
    stdout.write("  Administration : http://127.0.0.1:8000/admin/\n")
