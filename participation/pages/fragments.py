"""What a consultation page shows that only changes with content, in one cache round trip."""

from django.conf import settings
from django.core.cache import cache
from django.db.models import Exists, F, OuterRef, Q, Value
from django.db.models.functions import Coalesce, NullIf
from wagtail.documents import get_document_model

from cms import cache as page_cache
from cms import cache_policy
from contrats.models import Commune

from ..models.choices import Status
from ..models.proposals import Proposal
from . import synthesis


def of(page):
    """What the page shows that only changes with content, in one cache round trip.

    Kept until the next change anywhere: the keys carry the site-wide generation
    that every save bumps (cms.cache). What is missing is computed together, in as
    few queries as possible, so the first request after a change stays cheap too.
    """
    if hasattr(page, "_fragments"):
        return page._fragments
    names = ["filters", "documents", "communes"]
    if page.contract_id or page.measure_id:
        names.append("contract")
    if page.results_published:
        names.append("synthesis")
    if page.answers_are_late:
        names.append("unanswered")
    generation = page_cache.token(cache_policy.consultation_pages(page.pk))
    keys = {name: f"participation:{page.pk}:{name}:{generation}" for name in names}
    found = cache.get_many(keys.values())
    values = {name: found[key] for name, key in keys.items() if key in found}
    missing = [name for name in names if name not in values]
    if missing:
        computed = compute(page, missing)
        cache.set_many(
            {keys[name]: computed[name] for name in missing},
            settings.PAGE_CACHE_TIMEOUT,
        )
        values.update(computed)
    page._fragments = values
    return values


def compute(page, names):
    computed = {}
    if {"filters", "communes", "documents"} & set(names):
        categories, communes, documents = small_lists(page)
        computed["filters"] = {
            "categories": categories,
            "communes": [(pk, name) for pk, name, used, _ in communes if used],
        }
        computed["communes"] = [name for _, name, _, concerned in communes if concerned]
        computed["documents"] = documents
    if "contract" in names:
        contract = page.contract
        computed["contract"] = {
            "contract_title": contract.title if contract else "",
            "contract_url": contract.url if contract else "",
            "measure": str(page.measure) if page.measure_id else "",
        }
    if "synthesis" in names:
        computed["synthesis"] = synthesis.compute(page)
    if "unanswered" in names:
        computed["unanswered"] = page.proposals.awaiting_answer().count()
    return computed


def small_lists(page):
    """Categories, communes and documents of the page in one query (a UNION).

    Communes: (pk, name, has published proposals, concerned by the consultation);
    documents: what the page links to (title, URL, extension).
    """

    def columns(kind, **values):
        return {
            "kind": Value(kind),
            "position": Value(0),
            "item": Value(0),
            "label": Value(""),
            "extra": Value(""),
            "used": Value(False),
            "concerned": Value(False),
            **values,
        }

    categories = page.categories.order_by().values(
        **columns("1", position=F("sort_order"), item=F("pk"), label=F("name")),
    )
    used = Exists(
        Proposal.objects.filter(
            consultation=page, status=Status.PUBLISHED, commune=OuterRef("pk")
        )
    )
    concerned = Exists(
        type(page).communes.through.objects.filter(
            consultationpage_id=page.pk, commune=OuterRef("pk")
        )
    )
    communes = (
        Commune.objects.order_by()
        .annotate(is_used=used, is_concerned=concerned)
        .filter(Q(is_used=True) | Q(is_concerned=True))
        .values(
            **columns(
                "2",
                item=F("pk"),
                label=F("name"),
                used=F("is_used"),
                concerned=F("is_concerned"),
            )
        )
    )
    documents = page.documents.order_by().values(
        **columns(
            "3",
            position=F("sort_order"),
            item=F("document_id"),
            label=Coalesce(NullIf("title", Value("")), "document__title"),
            extra=F("document__file"),
        )
    )
    rows = categories.union(communes, documents, all=True).order_by(
        "kind", "position", "label"
    )
    document_model = get_document_model()
    found = {"1": [], "2": [], "3": []}
    for row in rows:
        kind, item, label = row["kind"], row["item"], row["label"]
        if kind == "1":
            found[kind].append((item, label))
        elif kind == "2":
            found[kind].append((item, label, bool(row["used"]), bool(row["concerned"])))
        else:
            document = document_model(pk=item, title=label, file=row["extra"])
            found[kind].append(
                {
                    "title": label,
                    "url": document.url,
                    "extension": document.file_extension,
                }
            )
    return found["1"], found["2"], found["3"]
