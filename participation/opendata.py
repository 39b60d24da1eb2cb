"""The consultations' open data: anonymised comments, and DCAT-AP metadata for data.gouv.fr.

Every closed consultation (closed, or with its results published; live and public) is a
``dcat:Dataset`` whose distributions are the CSV and JSON files of its proposals (with
the official answers) and of its comments; ``/donnees/catalogue.jsonld`` is the
``dcat:Catalog`` of them all, the URL data.gouv.fr harvests (its DCAT harvester reads
JSON-LD, keys datasets on ``dct:identifier`` and matches the licence on
``dct:license``, see ``cms.opendata.DCAT_LICENCE``).

Anonymised means explicit field lists: never an author, a display name, an e-mail or
any other field a model may gain later.
"""

import datetime

from django.conf import settings
from django.db.models import Max, OuterRef, Prefetch, Q, Subquery
from django.db.models.functions import Coalesce, Greatest
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from cms import cache_policy, chrome, restrictions
from cms import opendata as shared
from cms.sites import page_url_maker
from contrats.models import Commune

from .models import Answer, Comment, ConsultationCategory, ConsultationPage, Proposal
from .models.choices import Stance, Status

COMMENT_FIELDS = ["id", "proposition", "en_reponse_a", "date", "etiquette", "texte"]
IDENTIFIER = "grand-quercy-consultation-{pk}"
GOVERNMENT_THEME = {"@id": f"{shared.EU}/data-theme/GOVE"}
IRREGULAR = {"@id": f"{shared.EU}/frequency/IRREG"}


def comment_rows(consultation):
    """Published comments on the consultation and on its published proposals."""
    comments = (
        Comment.objects.filter(
            consultation=consultation,
            status=Status.PUBLISHED,
            deleted_at__isnull=True,
        )
        .filter(Q(proposal__isnull=True) | Q(proposal__status=Status.PUBLISHED))
        .order_by("pk")
        .values_list("pk", "proposal_id", "parent_id", "created_at", "stance", "body")
    )
    stances = dict(Stance.choices)
    for pk, proposal_id, parent_id, created_at, stance, body in comments.iterator(
        chunk_size=2000
    ):
        yield {
            "id": pk,
            "proposition": proposal_id or "",
            "en_reponse_a": parent_id or "",
            "date": timezone.localtime(created_at).date().isoformat(),
            "etiquette": str(stances.get(stance, "")),
            "texte": body,
        }


# --- DCAT-AP ---------------------------------------------------------------------------


def consultations_for_catalogue(request, until, pk=None):
    """Live public consultations closed by ``until``, with what their metadata shows.

    Three queries whatever their number: the pages (with their last change, the latest
    of the page's publication and of its proposals, comments and answers), their
    communes and their categories.
    """

    def latest(model, field="consultation"):
        return Subquery(
            model.objects.filter(**{field: OuterRef("pk")})
            .order_by()
            .values(field)
            .annotate(last=Max("updated_at"))
            .values("last")
        )

    published = Coalesce("last_published_at", "closes_at")
    pages = ConsultationPage.objects.live().exclude(restrictions.private_q(request))
    if pk is not None:
        pages = pages.filter(pk=pk)
    return list(
        pages.filter(closes_at__lte=until)
        .annotate(
            modified_at=Greatest(
                published,
                Coalesce(latest(Proposal), published),
                Coalesce(latest(Comment), published),
                Coalesce(latest(Answer, "proposal__consultation"), published),
            )
        )
        .only(
            "pk",
            "title",
            "summary",
            "theme",
            "url_path",
            "opens_at",
            "closes_at",
            "results_published_at",
            "last_published_at",
        )
        .prefetch_related(
            Prefetch(
                "communes",
                queryset=Commune.objects.order_by("sort_name").only(
                    "insee_code", "name"
                ),
            ),
            Prefetch(
                "categories",
                queryset=ConsultationCategory.objects.order_by("sort_order"),
            ),
        )
        .order_by("-closes_at", "pk")
    )


class Catalogue:
    """Builds the JSON-LD of the datasets for one request (absolute URLs, publisher)."""

    def __init__(self, request):
        self.request = request
        self.absolute = request.build_absolute_uri
        self.page_url = page_url_maker()
        site_settings = chrome.get_chrome(request)["settings"]
        organisation = chrome.organisation_name(request)
        self.home = self.absolute("/")
        self.publisher = {
            "@id": f"{self.home}#organisme",
            "@type": "foaf:Agent",
            "foaf:name": organisation,
            "foaf:homepage": {"@id": self.home},
        }
        self.contact = {
            "@type": "vcard:Organization",
            "vcard:fn": organisation,
            "vcard:hasURL": {"@id": self.contact_url(site_settings)},
        }
        if site_settings and site_settings.email:
            self.contact["vcard:hasEmail"] = {"@id": f"mailto:{site_settings.email}"}

    def contact_url(self, site_settings):
        page = site_settings.contact_page if site_settings else None
        url = page.get_url(self.request) if page is not None else None
        return self.absolute(url) if url else self.home

    def dataset_url(self, consultation):
        return self.absolute(
            reverse("participation:open_data_dcat", args=[consultation.pk])
        )

    def spatial(self, consultation):
        communes = list(consultation.communes.all())
        if not communes:
            return [{"@type": "dct:Location", "skos:prefLabel": _("PETR Grand Quercy")}]
        return [
            {
                "@type": "dct:Location",
                "dct:identifier": commune.insee_code,
                "skos:prefLabel": commune.name,
            }
            for commune in communes
        ]

    def distributions(self, consultation, dataset_id):
        files = [
            (
                "propositions",
                "participation:open_data_{}",
                _("Propositions et réponses officielles"),
                _(
                    "Les propositions publiées, leur catégorie, leur commune, leurs "
                    "nombres de soutiens et de commentaires et la réponse officielle."
                ),
            ),
            (
                "commentaires",
                "participation:open_data_comments_{}",
                _("Commentaires"),
                _(
                    "Les commentaires publiés : la proposition commentée, le commentaire "
                    "auquel ils répondent, la date et le texte."
                ),
            ),
        ]
        return [
            shared.dcat_distribution(
                f"{dataset_id}#{name}-{extension}",
                self.absolute(reverse(route.format(extension), args=[consultation.pk])),
                extension,
                f"{title} ({extension.upper()})",
                description,
            )
            for name, route, title, description in files
            for extension in ("csv", "json")
        ]

    def dataset(self, consultation):
        dataset_id = self.dataset_url(consultation)
        keywords = [_("consultation citoyenne"), _("participation"), _("Grand Quercy")]
        if consultation.theme:
            keywords.append(consultation.theme)
        keywords += [category.name for category in consultation.categories.all()]
        landing = self.page_url(consultation.url_path)
        dataset = {
            "@id": dataset_id,
            "@type": "dcat:Dataset",
            "dct:identifier": IDENTIFIER.format(pk=consultation.pk),
            "dct:title": _("Consultation « %(title)s » : propositions et commentaires")
            % {"title": consultation.title},
            "dct:description": " ".join(
                [
                    consultation.summary,
                    _(
                        "Propositions des habitant·es, réponses officielles du Grand "
                        "Quercy et commentaires publiés, sans aucune donnée personnelle "
                        "(ni auteur·rice, ni nom, ni adresse électronique)."
                    ),
                ]
            ),
            "dct:issued": shared.dcat_moment(consultation.closes_at),
            "dct:modified": shared.dcat_moment(consultation.modified_at),
            "dct:temporal": {
                "@type": "dct:PeriodOfTime",
                "dcat:startDate": shared.dcat_moment(consultation.opens_at),
                "dcat:endDate": shared.dcat_moment(consultation.closes_at),
            },
            "dct:spatial": self.spatial(consultation),
            "dct:publisher": self.publisher,
            "dcat:contactPoint": self.contact,
            "dct:license": {"@id": shared.DCAT_LICENCE},
            "dct:language": shared.FRENCH,
            "dct:accrualPeriodicity": IRREGULAR,
            "dcat:theme": GOVERNMENT_THEME,
            "dcat:keyword": list(dict.fromkeys(str(k) for k in keywords)),
            "dcat:distribution": self.distributions(consultation, dataset_id),
        }
        if landing:
            dataset["dcat:landingPage"] = {"@id": self.absolute(landing)}
        return dataset

    def catalog(self, consultations):
        modified = max((c.modified_at for c in consultations), default=None)
        catalog = {
            "@id": self.absolute(reverse("dcat_catalogue")),
            "@type": "dcat:Catalog",
            "dct:title": _(
                "Données ouvertes des consultations citoyennes du Grand Quercy"
            ),
            "dct:description": _(
                "Les propositions, réponses officielles et commentaires des consultations "
                "closes du Conseil Participatif Citoyen du PETR Grand Quercy, anonymisés, "
                "sous Licence Ouverte 2.0."
            ),
            "dct:publisher": self.publisher,
            "foaf:homepage": {"@id": self.home},
            "dct:language": shared.FRENCH,
            "dct:license": {"@id": shared.DCAT_LICENCE},
            "dcat:themeTaxonomy": {"@id": f"{shared.EU}/data-theme"},
            "dcat:dataset": [self.dataset(c) for c in consultations],
        }
        if modified is not None:
            catalog["dct:modified"] = shared.dcat_moment(modified)
        return catalog


def catalogue(request):
    """The catalogue, kept until the next consultation closes and joins it."""
    now = timezone.now()
    horizon = now + datetime.timedelta(seconds=settings.PAGE_CACHE_TIMEOUT)
    found = consultations_for_catalogue(request, horizon)
    closed = [c for c in found if c.is_closed]
    cache_policy.valid_until(
        cache_policy.next_moment(*(c.closes_at for c in found if not c.is_closed))
    )
    return Catalogue(request).catalog(closed)


def dataset(request, consultation):
    """One consultation's dataset, as the catalogue describes it."""
    rows = consultations_for_catalogue(request, timezone.now(), pk=consultation.pk)
    return Catalogue(request).dataset(rows[0]) if rows else None
