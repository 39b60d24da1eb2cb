"""Factories for the contracts app: a small territory and contracts built through the real models."""

import datetime
from decimal import Decimal

import factory

from contrats.models import (
    Axe,
    Commune,
    ContractPage,
    ContractsIndexPage,
    Epci,
    FinancingLine,
    Mesure,
    Orientation,
    ProgrammeOperationnel,
    Project,
)


class EpciFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Epci
        django_get_or_create = ["siren"]

    siren = factory.Sequence(lambda n: f"2{n:08d}")
    name = factory.Sequence(lambda n: f"CC numéro {n}")
    nature = Epci.Nature.CC
    is_petr_member = True


class CommuneFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Commune
        django_get_or_create = ["insee_code"]

    # Five characters whatever the sequence reaches (PostgreSQL enforces varchar(5)).
    insee_code = factory.Sequence(lambda n: f"{46 + n // 1000}{n % 1000:03d}")
    name = factory.Sequence(lambda n: f"Commune {n}")
    epci = factory.SubFactory(EpciFactory)
    population = 500
    latitude = 44.45
    longitude = 1.44
    geometry = factory.LazyAttribute(
        lambda o: {
            "type": "Polygon",
            "coordinates": [
                [
                    [o.longitude - 0.02, o.latitude - 0.02],
                    [o.longitude + 0.02, o.latitude - 0.02],
                    [o.longitude + 0.02, o.latitude + 0.02],
                    [o.longitude - 0.02, o.latitude + 0.02],
                    [o.longitude - 0.02, o.latitude - 0.02],
                ]
            ],
        }
    )


def contracts_index(home):
    index = ContractsIndexPage.objects.first()
    if index is None:
        index = home.add_child(
            instance=ContractsIndexPage(title="Contrats", slug="contrats")
        )
    return index


def make_contract(home, kind="CRTE", short_name=None, tree=(2, 2, 2), **fields):
    """A published contract page with a strategy tree of the given shape."""
    index = contracts_index(home)
    short_name = short_name or kind
    page = index.add_child(
        instance=ContractPage(
            title=fields.pop("title", f"Contrat {short_name}"),
            slug=fields.pop("slug", short_name.lower()),
            kind=kind,
            short_name=short_name,
            start_year=fields.pop("start_year", 2021),
            end_year=fields.pop("end_year", 2026),
            status=fields.pop("status", ContractPage.Status.EN_COURS),
            signature_date=fields.pop("signature_date", datetime.date(2021, 12, 17)),
            **fields,
        )
    )
    orientations, axes_per, measures_per = tree
    for o in range(1, orientations + 1):
        orientation = Orientation.objects.create(
            contract=page, number=o, title=f"Orientation {o}"
        )
        for a in range(1, axes_per + 1):
            axe = Axe.objects.create(
                orientation=orientation, number=a, title=f"Axe {o}.{a}"
            )
            for m in range(1, measures_per + 1):
                Mesure.objects.create(axe=axe, number=m, title=f"Mesure {o}.{a}.{m}")
    return page


class ProjectFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Project
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Projet {n}")
    summary = "Un projet du territoire."
    holder_kind = Project.HolderKind.COMMUNE
    holder_name = "Commune de Cahors"
    total_cost = Decimal("100000")
    status = Project.Status.ENGAGE
    start_year = 2021
    location = "SRID=4326;POINT(1.44 44.45)"

    @factory.post_generation
    def measures(self, create, extracted, **kwargs):
        if create and extracted:
            self.measures.set(extracted)
            self.save()

    @factory.post_generation
    def communes(self, create, extracted, **kwargs):
        if create and extracted:
            self.communes.set(extracted)
            self.save()


class FinancingLineFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FinancingLine

    project = factory.SubFactory(ProjectFactory)
    funder = FinancingLine.Funder.ETAT
    programme = FinancingLine.Programme.DETR
    amount = Decimal("10000")
    year = 2021
    status = FinancingLine.Status.ACQUIS


def make_po(contract, year):
    return ProgrammeOperationnel.objects.create(contract=contract, year=year)


def make_note(project, photos=(), **fields):
    """A progress note saved through the model, with one photo per (image, alt text)."""
    from contrats.models import ProgressNote, ProgressNotePhoto

    note = ProgressNote(
        project=project,
        title=fields.pop("title", "Le chantier avance"),
        text=fields.pop("text", "Les fondations sont coulées."),
        **fields,
    )
    note.photos = [
        ProgressNotePhoto(image=image, alt_text=alt_text) for image, alt_text in photos
    ]
    note.save()
    return note


def petr_communes(size=2):
    """The PETR's communes on a grid, Cahors (46042) and Gourdon (46127) first."""
    epci = EpciFactory(name="Grand Cahors")
    named = [("Cahors", "46042", 19_000), ("Gourdon", "46127", 4_000)]
    communes = []
    for n in range(size):
        name, code, population = (
            named[n] if n < len(named) else (f"Commune {n}", f"2A{n:03d}", 300)
        )
        communes.append(
            CommuneFactory(
                name=name,
                insee_code=code,
                epci=epci,
                population=population,
                latitude=44.2 + (n // 12) * 0.05,
                longitude=1.2 + (n % 12) * 0.05,
            )
        )
    return communes


def contracts_site(home, communes=None):
    """A CRTE over the communes, its projects in the first ones with their financing and
    news, and a CTO with its PO 2023 in draft: what the contract, project, map, commune
    and PO pages and listings show."""
    communes = communes or petr_communes()
    crte = make_contract(
        home, title="Contrat de Relance et de Transition Écologique", slug="crte"
    )
    crte.zoning.set(communes)
    measures = list(Mesure.objects.filter(axe__orientation__contract=crte))
    for number, (title, status) in enumerate(
        [
            ("Voie verte de la vallée du Lot", Project.Status.ENGAGE),
            ("Maison de santé pluriprofessionnelle", Project.Status.REALISE),
            ("Rénovation énergétique de l’école", Project.Status.ENGAGE),
        ]
    ):
        commune = communes[number % len(communes)]
        project = ProjectFactory(
            title=title,
            status=status,
            communes=[commune],
            measures=[measures[number]],
            location=f"SRID=4326;POINT({commune.longitude} {commune.latitude})",
        )
        FinancingLineFactory(project=project, amount=Decimal(20_000 * (number + 1)))
    make_note(project)
    cto = make_contract(
        home,
        kind="CTO",
        title="Contrat Territorial Occitanie",
        slug="contrat-territorial-occitanie",
        start_year=2022,
        end_year=2028,
    )
    make_po(cto, 2023).draft_version()
    return crte
