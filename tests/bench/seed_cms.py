"""Bench data for the public site: 2 000 news articles under the demo's news index.

The pages are inserted in bulk with correct treebeard paths (one parent, consecutive
steps), their categories, tags and search index entries: seconds instead of the
minutes a loop of ``add_child`` would take.
"""

import datetime
import random
import uuid
from urllib.parse import urlencode

from django.contrib.contenttypes.models import ContentType
from django.db import connection, transaction
from django.db.models import F
from django.utils import timezone
from taggit.models import Tag
from wagtail.models import Page
from wagtail.rich_text import RichText
from wagtail.search.backends import get_search_backend

from cms.models import NewsCategory, NewsIndexPage, NewsPage, NewsPageTag

COUNT = 2000
BATCH = 500
SEARCH_TERM = "mobilité"

THEMES = [
    "mobilité",
    "santé",
    "tourisme",
    "transition énergétique",
    "petite enfance",
    "agriculture",
    "habitat",
    "numérique",
    "culture",
    "eau et assainissement",
]
ACTIONS = [
    "un nouveau projet soutenu",
    "le comité de pilotage valide les dossiers",
    "une réunion publique annoncée",
    "les travaux commencent",
    "un appel à projets ouvert",
    "le bilan de l’année présenté",
]
COMMUNES = [
    "Cahors",
    "Gourdon",
    "Gramat",
    "Souillac",
    "Lalbenque",
    "Luzech",
    "Puy-l’Évêque",
    "Labastide-Murat",
    "Castelnau-Montratier",
    "Martel",
    "Rocamadour",
    "Saint-Céré",
]
TAGS = [
    "CRTE",
    "Contrat Territorial Occitanie",
    "Bourgs-Centres",
    "Contrat Local de Santé",
    "Conférence des Maires",
    "Conseil Participatif Citoyen",
    "LEADER",
    "ruralité",
]


def news_index():
    return NewsIndexPage.objects.live().order_by("path").first()


def seed():
    index = news_index()
    if index is None:
        raise RuntimeError("La démo doit créer un index des actualités.")
    already = NewsPage.objects.child_of(index).filter(slug__startswith="bench-").count()
    if already >= COUNT:
        return
    rng = random.Random(2026)
    with transaction.atomic():
        pages = _insert_pages(Page.objects.get(pk=index.pk), COUNT - already, rng)
        _classify(pages, rng)
    # What update_index does: related fields prefetched, one bulk insert.
    get_search_backend().add_bulk(
        NewsPage,
        NewsPage.get_indexed_objects().filter(pk__in=[page.pk for page in pages]),
    )
    analyze()


# What autovacuum does in production after a bulk load: without statistics, PostgreSQL
# takes the 2 000 children of the news index for one row and sorts them all.
ANALYZED_TABLES = [
    "wagtailcore_page",
    "cms_newspage",
    "cms_newspage_categories",
    "cms_newspagetag",
    "taggit_tag",
    "wagtailsearch_indexentry",
]


def analyze():
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        for table in ANALYZED_TABLES:
            cursor.execute(f"ANALYZE {connection.ops.quote_name(table)}")


def _insert_pages(parent, count, rng):
    content_type = ContentType.objects.get_for_model(NewsPage)
    last_child = parent.get_last_child()
    first_step = (
        Page._str2int(last_child.path[-Page.steplen :]) + 1 if last_child else 1
    )
    images = list(
        NewsPage.objects.exclude(image=None).values_list("image_id", flat=True)
    )
    now = timezone.now()
    today = datetime.date.today()
    pages = []
    for number in range(count):
        theme = rng.choice(THEMES)
        commune = rng.choice(COMMUNES)
        title = f"{commune}, {theme} : {rng.choice(ACTIONS)} ({number + 1})"
        slug = f"bench-{number + 1}"
        published = now - datetime.timedelta(hours=number * 7)
        pages.append(
            NewsPage(
                title=title,
                draft_title=title,
                slug=slug,
                content_type=content_type,
                locale_id=parent.locale_id,
                translation_key=uuid.uuid4(),
                path=Page._get_path(parent.path, parent.depth + 1, first_step + number),
                depth=parent.depth + 1,
                numchild=0,
                url_path=f"{parent.url_path}{slug}/",
                live=True,
                has_unpublished_changes=False,
                first_published_at=published,
                last_published_at=published,
                date=today - datetime.timedelta(days=number // 3),
                summary=(
                    f"À {commune}, le PETR Grand Quercy accompagne un projet de "
                    f"{theme} inscrit au contrat de territoire."
                ),
                image_id=rng.choice(images) if images and number % 2 else None,
                body=[
                    (
                        "paragraph",
                        RichText(
                            f"<p>Le projet de {theme} porté à {commune} associe les "
                            "communes, l’intercommunalité et les partenaires du "
                            "contrat. Il répond aux priorités arrêtées par la "
                            "Conférence des Maires et suivies par le comité de "
                            "pilotage du CRTE.</p>"
                        ),
                    )
                ],
            )
        )
    base_fields = [
        field
        for field in Page._meta.local_concrete_fields
        if not field.primary_key and field.name != "alias_of"
    ]
    for start in range(0, count, BATCH):
        batch = pages[start : start + BATCH]
        created = Page.objects.bulk_create(
            [
                Page(
                    **{
                        field.attname: getattr(page, field.attname)
                        for field in base_fields
                    }
                )
                for page in batch
            ]
        )
        for page, base in zip(batch, created, strict=True):
            page.page_ptr_id = page.pk = page.id = base.pk
        NewsPage._base_manager._insert(
            batch, fields=NewsPage._meta.local_concrete_fields
        )
    Page.objects.filter(pk=parent.pk).update(numchild=F("numchild") + count)
    return pages


def _classify(pages, rng):
    categories = list(NewsCategory.objects.all())
    tags = [Tag.objects.get_or_create(name=name)[0] for name in TAGS]
    through = NewsPage.categories.through
    category_links = []
    tag_links = []
    for page in pages:
        for category in rng.sample(categories, min(len(categories), 2)):
            category_links.append(
                through(newspage_id=page.pk, newscategory_id=category.pk)
            )
        for tag in rng.sample(tags, 2):
            tag_links.append(NewsPageTag(content_object_id=page.pk, tag=tag))
    through.objects.bulk_create(category_links, batch_size=BATCH)
    NewsPageTag.objects.bulk_create(tag_links, batch_size=BATCH)


def pages():
    index = news_index()
    article = NewsPage.objects.child_of(index).live().order_by("-date", "-pk").first()
    return [
        ("home", "/"),
        ("news index", index.url),
        ("news index, page 50", f"{index.url}?page=50"),
        ("article", article.url),
        ("search", f"/recherche/?{urlencode({'q': SEARCH_TERM})}"),
    ]
