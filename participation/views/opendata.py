"""Open data of the consultations: CSV, JSON and DCAT-AP (see participation.opendata)."""

from django.http import Http404
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from cms import opendata

from .. import opendata as datasets
from .base import public_consultation_or_404

OPEN_DATA_FIELDS = [
    "id",
    "consultation",
    "titre",
    "texte",
    "categorie",
    "commune_insee",
    "commune",
    "latitude",
    "longitude",
    "date",
    "soutiens",
    "commentaires",
    "reponse",
    "explication",
]


def open_data_rows(consultation):
    """Published proposals, their answers and counts; no author, no personal data."""
    proposals = consultation.proposals_for_list().order_by("pk")
    for proposal in proposals.iterator(chunk_size=500):
        answer = getattr(proposal, "answer", None)
        yield {
            "id": proposal.pk,
            "consultation": consultation.title,
            "titre": proposal.title,
            "texte": proposal.body,
            "categorie": proposal.category.name if proposal.category else "",
            "commune_insee": proposal.commune.insee_code if proposal.commune else "",
            "commune": proposal.commune.name if proposal.commune else "",
            "latitude": str(proposal.latitude or ""),
            "longitude": str(proposal.longitude or ""),
            "date": proposal.created_at.date().isoformat(),
            "soutiens": proposal.support_count,
            "commentaires": proposal.comment_count,
            "reponse": answer.get_status_display() if answer else "",
            "explication": answer.explanation if answer else "",
        }


@require_GET
def open_data(request, pk, extension):
    """Published under the Licence Ouverte through the site's shared open-data helpers."""
    consultation = public_consultation_or_404(request, pk)
    rows = list(open_data_rows(consultation))
    filename = f"consultation-{consultation.slug}-propositions.{extension}"
    if extension == "json":
        return opendata.json_response(
            filename,
            rows,
            _("Propositions et réponses : %(title)s") % {"title": consultation.title},
            request,
        )
    return opendata.csv_response(
        filename,
        OPEN_DATA_FIELDS,
        ([row[key] for key in OPEN_DATA_FIELDS] for row in rows),
    )


@require_GET
def open_data_comments(request, pk, extension):
    """The published comments, anonymised (see ``participation.opendata``)."""
    consultation = public_consultation_or_404(request, pk)
    rows = list(datasets.comment_rows(consultation))
    filename = f"consultation-{consultation.slug}-commentaires.{extension}"
    if extension == "json":
        return opendata.json_response(
            filename,
            rows,
            _("Commentaires : %(title)s") % {"title": consultation.title},
            request,
        )
    fields = datasets.COMMENT_FIELDS
    return opendata.csv_response(
        filename,
        fields,
        ([row[key] for key in fields] for row in rows),
    )


@require_GET
def open_data_dcat(request, pk):
    """One closed consultation's DCAT-AP dataset; none while it is still open."""
    consultation = public_consultation_or_404(request, pk)
    dataset = datasets.dataset(request, consultation)
    if dataset is None:
        raise Http404
    return opendata.jsonld_response(f"consultation-{consultation.slug}.jsonld", dataset)


@require_GET
def dcat_catalogue(request):
    """The DCAT-AP catalogue of the closed consultations, for data.gouv.fr to harvest."""
    catalog = datasets.catalogue(request)
    return opendata.jsonld_response("catalogue.jsonld", catalog)
