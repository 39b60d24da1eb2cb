"""The published catalogue of aid schemes as open data records (CSV, JSON)."""

from django.db.models import Prefetch

from contrats.models import Commune, Mesure

from .models import AidScheme

FIELDS = [
    "identifiant",
    "nom",
    "dispositif",
    "financeur",
    "financeur_public",
    "porteurs_eligibles",
    "themes",
    "mesures",
    "communes_insee",
    "taux_max_pct",
    "plafond_eur",
    "depense_min_eur",
    "ouverture",
    "cloture",
    "au_fil_de_l_eau",
    "demarche_url",
    "financeur_url",
    "contact",
    "contact_courriel",
    "description",
    "mis_a_jour",
]


def published_schemes():
    return (
        AidScheme.objects.published()
        .with_procedures()
        .prefetch_related(
            Prefetch("measures", queryset=Mesure.objects.with_codes().order_by("pk")),
            Prefetch("communes", queryset=Commune.objects.only("insee_code")),
        )
        .order_by("pk")
    )


def measure_codes(scheme):
    return [f"{m.contract.short_name}:{m.code}" for m in scheme.measures.all()]


def scheme_record(scheme, request):
    return {
        "identifiant": scheme.pk,
        "nom": scheme.name,
        "dispositif": scheme.programme,
        "financeur": scheme.funder_label,
        "financeur_public": scheme.is_public,
        "porteurs_eligibles": scheme.applicant_labels,
        "themes": scheme.theme_labels,
        "mesures": measure_codes(scheme),
        "communes_insee": scheme.commune_codes,
        "taux_max_pct": scheme.max_rate,
        "plafond_eur": scheme.ceiling,
        "depense_min_eur": scheme.min_eligible_cost,
        "ouverture": scheme.opens_on,
        "cloture": scheme.closes_on,
        "au_fil_de_l_eau": scheme.is_rolling,
        "demarche_url": (
            request.build_absolute_uri(scheme.procedure_link)
            if scheme.procedure_link
            else ""
        ),
        "financeur_url": scheme.funder_url,
        "contact": scheme.contact,
        "contact_courriel": scheme.contact_email,
        "description": scheme.description,
        "mis_a_jour": scheme.updated_at,
    }


def csv_row(record):
    """Lists joined the way the projects' file joins them (one space, « ; » for labels)."""
    row = []
    for name in FIELDS:
        value = record[name]
        if isinstance(value, list):
            value = (
                " ".join(value)
                if name in ("mesures", "communes_insee")
                else " ; ".join(value)
            )
        elif isinstance(value, bool):
            value = "oui" if value else "non"
        row.append(value)
    return row
