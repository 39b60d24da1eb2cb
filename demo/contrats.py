"""Demo content of the contracts app: the territory, then contracts, projects and programmes.

Facts from the source text (CRTE signed on 17 December 2021, 3 orientations / 7 axes / 21 measures,
9 717 373 € of State financing in 2021, the comité de pilotage's members, the CTO 2022–2028 and its
yearly POs) are kept; names of orientations, axes, measures and projects are plausible demo content,
said so in their descriptions.
"""

import datetime
import random
from decimal import Decimal

from django.apps import apps as django_apps
from django.core.management import call_command
from django.db.models import Sum

from cms.roles import POLITIQUES_CONTRACTUELLES, grant_page_permissions
from cms.typography import of
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
    ProgressNote,
    ProgressNotePhoto,
    Project,
    ProjectStatusChange,
)

from .cms import add_to_main_menu, get_home
from .contrats_content import (
    BOURGS_CENTRES,
    COMMITTEE,
    CRTE_STATE_2021,
    CRTE_TREE,
    CTO_TREE,
    DEMO_NOTE,
    PETR_MEMBER_SIRENS,
    PROGRESS_HISTORY,
    PROGRESS_NOTES,
    PROGRESS_PROJECT,
    PROJECT_THEMES,
    worksite_image,
)


def load(stdout):
    call_command("import_territory", stdout=stdout)
    if not Epci.objects.petr_members().exists():
        Epci.objects.filter(siren__in=PETR_MEMBER_SIRENS).update(is_petr_member=True)
    home = get_home()
    index = contracts_index(home)
    communes = list(Commune.objects.in_petr().order_by("insee_code"))
    crte = load_crte(index, communes)
    cto = load_cto(index, communes)
    load_other_contracts(index, communes)
    load_crte_projects(crte, communes)
    load_cto_projects(cto, communes)
    load_progress()
    grant_page_permissions(
        django_apps,
        POLITIQUES_CONTRACTUELLES,
        index,
        ["add_page", "change_page", "publish_page", "lock_page", "unlock_page"],
    )
    add_to_main_menu(index, "Contrats")
    add_to_main_menu("/projets/", "Projets")
    add_to_main_menu("/communes/", "Ma commune")
    stdout.write(
        f"Contrats : {ContractPage.objects.count()} contrats, "
        f"{Project.objects.count()} projets de démonstration."
    )


def contracts_index(home):
    index = ContractsIndexPage.objects.first()
    if index is not None:
        return index
    index = ContractsIndexPage(
        title="Les contrats du territoire",
        slug="contrats",
        introduction=(
            "Le PETR Grand Quercy est le cadre de contractualisation de ses intercommunalités "
            "avec l’État, la Région Occitanie et le Département du Lot. Chaque contrat finance "
            "des projets : où, par qui et pour combien, tout est ici."
        ),
    )
    home.add_child(instance=index)
    index.save_revision().publish()
    return index


def build_tree(tree):
    orientations = []
    for o, (o_title, axes) in enumerate(tree, start=1):
        orientation = Orientation(number=o, title=o_title, description=DEMO_NOTE)
        orientation.axes = [
            Axe(
                number=a,
                title=a_title,
                measures=[
                    Mesure(number=m, title=m_title, description=DEMO_NOTE)
                    for m, m_title in enumerate(measures, start=1)
                ],
            )
            for a, (a_title, measures) in enumerate(axes, start=1)
        ]
        orientations.append(orientation)
    return orientations


def create_contract(
    index, slug, communes, tree=(), partners=(), committee=(), meetings=(), **fields
):
    existing = ContractPage.objects.filter(slug=slug).first()
    if existing is not None:
        return existing
    page = ContractPage(
        slug=slug,
        partners=[("partner", name) for name in partners],
        committee=[
            ("member", {"name": name, "institution": inst, "role": role})
            for name, inst, role in committee
        ],
        meetings=[("meeting", meeting) for meeting in meetings],
        **fields,
    )
    page.orientations = build_tree(tree)
    index.add_child(instance=page)
    page.zoning.set(communes)
    page.save()
    page.save_revision().publish()
    return page


def load_crte(index, communes):
    epci_presidents = [
        (f"Président·e de la {epci.name}", epci.name, "Membre")
        for epci in Epci.objects.petr_members()
    ]
    crte = create_contract(
        index,
        "crte",
        communes,
        tree=CRTE_TREE,
        title="Contrat de relance et de transition écologique (CRTE)",
        short_name="CRTE",
        kind=ContractPage.Kind.CRTE,
        introduction=(
            "Signé avec l’État le 17 décembre 2021, le CRTE décline le projet de territoire en "
            "3 orientations stratégiques, 7 axes opérationnels et 21 mesures, sans hiérarchie "
            "entre elles."
        ),
        body=(
            "<p>La gouvernance est partagée : un comité de pilotage coprésidé par le Préfet et "
            "le Président du PETR se réunit au moins une fois par an.</p>"
        ),
        signature_date=datetime.date(2021, 12, 17),
        start_year=2021,
        end_year=2026,
        status=ContractPage.Status.EN_COURS,
        partners=[
            "État",
            "Département du Lot",
            "PNR des Causses du Quercy",
            "Banque des Territoires",
            "ADEME",
            "Agence de l’Eau Adour-Garonne",
        ],
        committee=[*COMMITTEE[:4], *epci_presidents, COMMITTEE[4]],
        meetings=[
            {
                "date": datetime.date(2022, 11, 24),
                "agenda": "Bilan de la première année ; programmation 2023.",
                "minutes": None,
            },
            {
                "date": datetime.date(2023, 12, 7),
                "agenda": "Suivi des projets engagés ; perspectives 2024.",
                "minutes": None,
            },
        ],
    )
    return crte


def load_cto(index, communes):
    return create_contract(
        index,
        "contrat-territorial-occitanie",
        communes,
        tree=CTO_TREE,
        title="Contrat territorial Occitanie 2022–2028",
        short_name="CTO",
        kind=ContractPage.Kind.CTO,
        introduction=(
            "Contrat intégrateur avec la Région Occitanie : des priorités partagées (Pacte Vert – "
            "Occitanie 2040), un plan pluriannuel d’investissement et un Programme Opérationnel "
            "annuel, modifiable en cours d’année par avenant. Une subvention de la Région exige que "
            "le projet figure au Programme Opérationnel."
        ),
        signature_date=datetime.date(2022, 10, 14),
        start_year=2022,
        end_year=2028,
        status=ContractPage.Status.EN_COURS,
        partners=[
            "Région Occitanie",
            "Département du Lot",
            "Intercommunalités du PETR",
        ],
    )


def load_other_contracts(index, communes):
    by_name = {c.name: c for c in communes}
    create_contract(
        index,
        "bourgs-centres",
        [by_name[name] for name in BOURGS_CENTRES if name in by_name],
        title="Contrats Bourgs-Centres Occitanie",
        short_name="Bourgs-Centres",
        kind=ContractPage.Kind.BOURG_CENTRE,
        introduction=(
            "Des contrats de revitalisation pour les bourgs qui structurent le territoire, "
            "prolongés jusqu’en 2028 par avenants ; de nouvelles candidatures restent possibles. "
            "Liste des communes : contenu de démonstration à confirmer."
        ),
        start_year=2019,
        end_year=2028,
        status=ContractPage.Status.EN_COURS,
        partners=["Région Occitanie", "Département du Lot", "Communes lauréates"],
    )
    create_contract(
        index,
        "contrat-local-de-sante",
        communes,
        title="Contrat local de santé",
        short_name="CLS",
        kind=ContractPage.Kind.CLS,
        introduction=(
            "Conduit avec l’Agence régionale de santé pour améliorer l’accès aux soins et la "
            "prévention sur tout le territoire."
        ),
        start_year=2023,
        end_year=2027,
        status=ContractPage.Status.SIGNE,
        partners=["Agence régionale de santé Occitanie", "Département du Lot"],
    )
    create_contract(
        index,
        "contrat-de-ruralite",
        communes,
        title="Contrat de ruralité 2017–2020",
        short_name="Ruralité",
        kind=ContractPage.Kind.RURALITE,
        introduction=(
            "La génération précédente de contrats avec l’État : achevé, il reste consultable "
            "pour mémoire."
        ),
        start_year=2017,
        end_year=2020,
        status=ContractPage.Status.ACHEVE,
        partners=["État"],
    )


def split_exactly(total, parts, rng):
    """``parts`` positive whole amounts adding up exactly to ``total``."""
    weights = [rng.uniform(0.4, 1.6) for _ in range(parts)]
    scale = total / Decimal(str(sum(weights)))
    amounts = [(Decimal(str(w)) * scale).quantize(Decimal(1)) for w in weights]
    amounts[-1] += total - sum(amounts)
    return amounts


def make_project(slug, title, commune, measure, cost, start_year, status, rng):
    project = Project.objects.filter(slug=slug).first()
    if project is not None:
        return project, False
    lat = (commune.latitude or 44.45) + rng.uniform(-0.004, 0.004)
    lng = (commune.longitude or 1.44) + rng.uniform(-0.004, 0.004)
    project = Project(
        slug=slug,
        title=f"{title} — {commune.name}",
        summary=(
            f"{title} porté par la commune {of(commune.name)}. "
            "Projet de démonstration : les montants sont fictifs."
        ),
        holder_kind=Project.HolderKind.COMMUNE,
        holder_name=f"Commune {of(commune.name)}",
        total_cost=cost,
        start_year=start_year,
        end_year=start_year + 1,
        status=status,
    )
    project.set_point(round(lat, 6), round(lng, 6))
    project.save()
    project.communes.set([commune])
    project.measures.set([measure])
    project.save()
    return project, True


def load_crte_projects(crte, communes):
    if Project.objects.filter(slug__startswith="crte-").exists():
        return
    rng = random.Random(46)  # noqa: S311 - reproducible demo amounts
    measures = list(Mesure.objects.filter(axe__orientation__contract=crte))
    state_amounts = split_exactly(CRTE_STATE_2021, 30, rng)
    statuses = [Project.Status.ENGAGE, Project.Status.REALISE, Project.Status.ENGAGE]
    for n, state in enumerate(state_amounts):
        commune = communes[(n * 37) % len(communes)]
        theme = PROJECT_THEMES[n % len(PROJECT_THEMES)]
        cost = (state / Decimal("0.45")).quantize(Decimal(1000))
        project, created = make_project(
            f"crte-{n + 1:02d}",
            theme,
            commune,
            measures[n % len(measures)],
            cost,
            2021,
            statuses[n % len(statuses)],
            rng,
        )
        if not created:
            continue
        programme = ["DETR", "DSIL", "FNADT"][n % 3]
        lines = [
            FinancingLine(
                project=project,
                funder=FinancingLine.Funder.ETAT,
                programme=programme,
                amount=state,
                year=2021,
                status=FinancingLine.Status.VERSE
                if n % 2
                else FinancingLine.Status.ACQUIS,
            ),
            FinancingLine(
                project=project,
                funder=FinancingLine.Funder.DEPARTEMENT,
                programme="FAST",
                amount=(cost * Decimal("0.15")).quantize(Decimal(1)),
                year=2022,
                status=FinancingLine.Status.ACQUIS,
            ),
        ]
        if n % 4 == 0:
            lines.append(
                FinancingLine(
                    project=project,
                    funder=FinancingLine.Funder.EUROPE,
                    programme="LEADER",
                    amount=(cost * Decimal("0.1")).quantize(Decimal(1)),
                    year=2022,
                    status=FinancingLine.Status.SOLLICITE,
                )
            )
        FinancingLine.objects.bulk_create(lines)
    for n in range(30, 36):  # projects still being prepared, no financing yet
        commune = communes[(n * 37) % len(communes)]
        make_project(
            f"crte-{n + 1:02d}",
            PROJECT_THEMES[n % len(PROJECT_THEMES)],
            commune,
            measures[n % len(measures)],
            Decimal(rng.randrange(80, 900) * 1000),
            2024,
            Project.Status.PREPARATION if n % 2 else Project.Status.IDEE,
            rng,
        )
    state_2021 = FinancingLine.objects.filter(
        funder=FinancingLine.Funder.ETAT, year=2021, project__slug__startswith="crte-"
    ).aggregate(total=Sum("amount"))["total"]
    assert state_2021 == CRTE_STATE_2021, state_2021  # noqa: S101 - demo invariant


def load_cto_projects(cto, communes):
    if ProgrammeOperationnel.objects.filter(contract=cto).exists():
        return
    rng = random.Random(2022)  # noqa: S311
    measures = list(Mesure.objects.filter(axe__orientation__contract=cto))
    projects = []
    for n in range(14):
        commune = communes[(n * 53 + 11) % len(communes)]
        project, _created = make_project(
            f"cto-{n + 1:02d}",
            PROJECT_THEMES[(n * 5) % len(PROJECT_THEMES)],
            commune,
            measures[n % len(measures)],
            Decimal(rng.randrange(150, 1200) * 1000),
            2023 if n < 9 else 2024,
            Project.Status.ENGAGE,
            rng,
        )
        projects.append(project)

    def region_amount(project):
        return (project.total_cost * Decimal("0.2")).quantize(Decimal(1))

    po_2023 = ProgrammeOperationnel.objects.create(contract=cto, year=2023)
    initial = po_2023.draft_version()
    initial.note = "Programme adopté en commission permanente de la Région."
    initial.save()
    for project in projects[:7]:
        initial.add_project(project, region_amount(project))
    initial.adopt(on=datetime.date(2023, 4, 14))
    avenant = po_2023.draft_version()
    avenant.note = (
        "Avenant n° 1 : deux projets ajoutés, un montant révisé, un projet reporté."
    )
    avenant.save()
    avenant.add_project(projects[7], region_amount(projects[7]))
    avenant.add_project(projects[8], region_amount(projects[8]))
    avenant.add_project(projects[0], region_amount(projects[0]) + Decimal(15000))
    avenant.remove_project(projects[6])
    avenant.adopt(on=datetime.date(2023, 10, 6))

    po_2024 = ProgrammeOperationnel.objects.create(contract=cto, year=2024)
    initial_2024 = po_2024.draft_version()
    for project in [projects[6], *projects[9:13]]:
        initial_2024.add_project(project, region_amount(project))
    initial_2024.adopt(on=datetime.date(2024, 5, 3))

    for year, version in ((2023, avenant), (2024, initial_2024)):
        for entry in version.entries.select_related("project"):
            FinancingLine.objects.create(
                project=entry.project,
                funder=FinancingLine.Funder.REGION,
                programme="CTO",
                amount=entry.region_amount,
                year=year,
                status=FinancingLine.Status.ACQUIS,
            )
            FinancingLine.objects.create(
                project=entry.project,
                funder=FinancingLine.Funder.ETAT,
                programme="DSIL",
                amount=(entry.project.total_cost * Decimal("0.25")).quantize(
                    Decimal(1)
                ),
                year=year,
                status=FinancingLine.Status.SOLLICITE,
            )


def load_progress():
    """A dated status history and two notes (one with a photo) on the demo project.

    The history is written with the dates it has in the demo story; in use it is
    recorded by ``Project.save()`` at the time of each change.
    """
    project = Project.objects.filter(slug=PROGRESS_PROJECT).first()
    if project is None or project.progress_notes.exists():
        return
    project.status_changes.all().delete()
    ProjectStatusChange.objects.bulk_create(
        ProjectStatusChange(
            project=project,
            previous_status=previous,
            new_status=new,
            at=datetime.datetime.combine(day, datetime.time(10), tzinfo=datetime.UTC),
        )
        for previous, new, day in PROGRESS_HISTORY
    )
    if project.status != PROGRESS_HISTORY[-1][1]:
        Project.objects.filter(pk=project.pk).update(status=PROGRESS_HISTORY[-1][1])
    for day, title, text, alt_text in PROGRESS_NOTES:
        note = ProgressNote(project=project, date=day, title=title, text=text)
        if alt_text:
            note.photos = [
                ProgressNotePhoto(
                    image=worksite_image(),
                    alt_text=alt_text,
                    caption="Le chantier en septembre 2024.",
                )
            ]
        note.save()
