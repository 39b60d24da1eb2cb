"""Bench data for the contracts: 5 000 projects with their measures, communes and financing lines.

Rows are inserted with bulk_create (projects, the two many-to-many tables, financing lines), so
seeding takes seconds. The query-budget tests call ``add_projects`` at two sizes.
"""

import random
from decimal import Decimal

from django.db import connection, transaction

from contrats.models import Commune, ContractPage, FinancingLine, Mesure, Project

COUNT = 5000
BATCH = 1000
PREFIX = "bench-"
FUNDERS = [
    (FinancingLine.Funder.ETAT, "DETR"),
    (FinancingLine.Funder.ETAT, "DSIL"),
    (FinancingLine.Funder.DEPARTEMENT, "FAST"),
    (FinancingLine.Funder.EUROPE, "LEADER"),
]


def add_projects(count, measures, communes, prefix=PREFIX, seed=5000):
    """``count`` located projects, each with one measure, one commune and two financing lines."""
    rng = random.Random(seed)
    start = Project.objects.filter(slug__startswith=prefix).count()
    statuses = [value for value, _label in Project.Status.choices]
    with transaction.atomic():
        for offset in range(0, count, BATCH):
            size = min(BATCH, count - offset)
            projects = []
            for i in range(size):
                n = start + offset + i
                commune = communes[n % len(communes)]
                lat = (commune.latitude or 44.45) + rng.uniform(-0.01, 0.01)
                lng = (commune.longitude or 1.44) + rng.uniform(-0.01, 0.01)
                projects.append(
                    Project(
                        slug=f"{prefix}{n:05d}",
                        title=f"Projet de banc d’essai {n:05d} — {commune.name}",
                        summary="Projet généré pour mesurer les performances.",
                        holder_kind=Project.HolderKind.COMMUNE,
                        holder_name=f"Commune de {commune.name}",
                        total_cost=Decimal(rng.randrange(50, 2000) * 1000),
                        status=statuses[n % len(statuses)],
                        start_year=2021 + n % 6,
                        location=f"SRID=4326;POINT({lng:.6f} {lat:.6f})",
                        latitude=round(lat, 6),
                        longitude=round(lng, 6),
                    )
                )
            Project.objects.bulk_create(projects)
            created = list(
                Project.objects.filter(slug__in=[p.slug for p in projects]).values_list(
                    "pk", "slug", "total_cost", "start_year"
                )
            )
            Project.measures.through.objects.bulk_create(
                Project.measures.through(
                    project_id=pk, mesure_id=measures[int(slug[-5:]) % len(measures)].pk
                )
                for pk, slug, _cost, _year in created
            )
            Project.communes.through.objects.bulk_create(
                Project.communes.through(
                    project_id=pk,
                    commune_id=communes[int(slug[-5:]) % len(communes)].pk,
                )
                for pk, slug, _cost, _year in created
            )
            lines = []
            for pk, slug, cost, year in created:
                for k in range(2):
                    funder, programme = FUNDERS[(int(slug[-5:]) + k) % len(FUNDERS)]
                    lines.append(
                        FinancingLine(
                            project_id=pk,
                            funder=funder,
                            programme=programme,
                            amount=(cost * Decimal("0.2")).quantize(Decimal(1)),
                            year=year,
                            status=FinancingLine.Status.ACQUIS,
                        )
                    )
            FinancingLine.objects.bulk_create(lines)
    analyze()


def analyze():
    """Fresh planner statistics after a bulk load, as autovacuum would gather them."""
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        for model in (
            Project,
            Project.measures.through,
            Project.communes.through,
            FinancingLine,
        ):
            cursor.execute(f'ANALYZE "{model._meta.db_table}"')


def crte():
    return ContractPage.objects.filter(kind=ContractPage.Kind.CRTE).first()


def seed():
    contract = crte()
    if contract is None:
        raise RuntimeError("La démo doit créer le CRTE.")
    missing = COUNT - Project.objects.filter(slug__startswith=PREFIX).count()
    if missing <= 0:
        return
    measures = list(Mesure.objects.filter(axe__orientation__contract=contract))
    communes = list(Commune.objects.in_petr().order_by("insee_code"))
    add_projects(missing, measures, communes)


def pages():
    contract = crte()
    return [
        ("projects explorer", "/projets/"),
        ("projects explorer, filtered", "/projets/?financeur=etat&annee=2023"),
        ("projects explorer, page 100", "/projets/?page=100"),
        ("projects explorer, keywords", "/projets/?q=cahors"),
        ("projects map", "/projets/carte/"),
        ("contract page", contract.url),
        ("communes index", "/communes/"),
        ("communes index, search", "/communes/?q=saint"),
        ("commune page (Cahors)", "/communes/46042/"),
    ]
