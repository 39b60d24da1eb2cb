"""Demo content of the intranet: a call for next year's PO, two communes' mayors, dossiers, a Conférence."""

import datetime
from decimal import Decimal

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.utils import timezone

from cms.typography import of
from contrats.models import Commune, ContractPage, Mesure
from mayors.invitations import account_for
from mayors.models import (
    Attachment,
    CallForPriorities,
    ConferencePage,
    ConferenceSession,
    DocumentFamily,
    ElectedOfficial,
    FinancingPlanLine,
    IntranetSettings,
    Organisation,
    Role,
    Submission,
)
from participation.models import Comment, ConsultationPage, Proposal

from .cms import DEMO_PASSWORD, add_to_main_menu, ensure_page, get_home
from .demarches import add_documents, load_demarches

# insee code → (e-mail, first name, last name, role)
OFFICIALS = {
    "46042": [
        ("maire.cahors@grandquercy.test", "Jean-Marc", "Vayssouze", Role.MAIRE),
        (
            "secretariat.cahors@grandquercy.test",
            "Lucie",
            "Bergougnoux",
            Role.SECRETAIRE,
        ),
    ],
    "46127": [
        ("maire.gourdon@grandquercy.test", "Hélène", "Calmels", Role.MAIRE),
    ],
}
DOCUMENTS = [
    ("Délibération du conseil municipal", [DocumentFamily.PDF], True),
    (
        "Devis ou estimation du maître d’œuvre",
        [DocumentFamily.PDF, DocumentFamily.SPREADSHEET],
        True,
    ),
    (
        "Photographies du site",
        [DocumentFamily.IMAGE, DocumentFamily.PDF],
        False,
    ),
]
# A fictional association (marked as an example) for the démarches open to associations.
ASSOCIATION = "Association Bien Vieillir en Quercy (exemple)"
ASSOCIATION_MEMBER = (
    "association.sante@grandquercy.test",
    "Nadia",
    "Lafon",
    Role.REPRESENTANT,
)
DOSSIERS = {
    "46042": [
        (
            "Rénovation énergétique de l’école Zacharie-Lafage",
            Submission.State.RETAINED,
            620_000,
        ),
        ("Voie verte entre Cahors et Arcambal", Submission.State.IN_REVIEW, 1_350_000),
        ("Halle gourmande du marché couvert", Submission.State.DRAFT, 480_000),
    ],
    "46127": [
        ("Maison de santé pluriprofessionnelle", Submission.State.SUBMITTED, 910_000),
        (
            "Réhabilitation du cinéma de Gourdon",
            Submission.State.CHANGES_REQUESTED,
            740_000,
        ),
    ],
}
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def communes():
    found = {c.insee_code: c for c in Commune.objects.filter(insee_code__in=OFFICIALS)}
    if len(found) < len(OFFICIALS):
        # Another territory file: take the first two communes of the PETR.
        fallback = list(Commune.objects.in_petr().order_by("-population")[:2])
        found = dict(zip(OFFICIALS, fallback, strict=False))
    return found


def load_officials(by_code):
    officials = {}
    for code, people in OFFICIALS.items():
        commune = by_code.get(code)
        if commune is None:
            continue
        for email, first, last, role in people:
            user = account_for(email, first, last)
            if settings.DEBUG and not user.has_usable_password():
                user.set_password(DEMO_PASSWORD)
                user.save(update_fields=["password"])
            official, _ = ElectedOfficial.objects.get_or_create(
                user=user,
                commune=commune,
                defaults={"role": role, "invited_at": timezone.now()},
            )
            officials.setdefault(code, []).append(official)
    return officials


def load_association(by_code):
    """An association whose president files the CLS démarche's dossiers."""
    association, _ = Organisation.objects.get_or_create(
        name=ASSOCIATION,
        defaults={
            "kind": Organisation.Kind.ASSOCIATION,
            "commune": by_code.get("46042"),
        },
    )
    email, first, last, role = ASSOCIATION_MEMBER
    user = account_for(email, first, last)
    if settings.DEBUG and not user.has_usable_password():
        user.set_password(DEMO_PASSWORD)
        user.save(update_fields=["password"])
    ElectedOfficial.objects.get_or_create(
        user=user,
        organisation=association,
        defaults={"role": role, "commune": None, "invited_at": timezone.now()},
    )
    return association


def load_call(cto, year, now):
    """The priorities gathered now are for next year's PO, as the démarches of the
    demo are (« Fiches-projets CRTE 2027 »)."""
    call, new = CallForPriorities.objects.get_or_create(
        contract=cto,
        year=year,
        defaults={
            "title": f"Priorités des communes pour le PO {year}",
            "opens_at": now - datetime.timedelta(days=20),
            "closes_at": now + datetime.timedelta(days=40),
            "max_priorities": 3,
            "instructions": (
                "Chaque commune classe au plus trois priorités. Une Région ne finance "
                "un projet que s’il figure au Programme Opérationnel de l’année."
            ),
        },
    )
    if new:
        add_documents(call, DOCUMENTS)
    return call


def load_dossiers(call, by_code, officials, staff, now):
    measures = list(Mesure.objects.filter(axe__orientation__contract=call.contract)[:5])
    for code, dossiers in DOSSIERS.items():
        commune = by_code.get(code)
        mayor = officials.get(code, [None])[0]
        if commune is None or mayor is None:
            continue
        for index, (title, target, cost) in enumerate(dossiers):
            if Submission.objects.filter(
                call=call, commune=commune, title=title
            ).exists():
                continue
            submission = Submission.create_draft(
                call=call,
                commune=commune,
                by=mayor.user,
                now=now - datetime.timedelta(days=15 - index),
                title=title,
                description=(
                    f"{title} : projet porté par la commune {of(commune.name)}, "
                    "inscrit dans la stratégie du Contrat territorial Occitanie."
                ),
                measure=measures[index % len(measures)] if measures else None,
                latitude=commune.latitude,
                longitude=commune.longitude,
                estimated_cost=Decimal(cost),
                planned_start=datetime.date(call.year, 4, 1),
                planned_end=datetime.date(call.year + 1, 12, 31),
                maturity=Submission.Maturity.STUDIES,
            )
            FinancingPlanLine.objects.bulk_create(
                [
                    FinancingPlanLine(
                        submission=submission,
                        funder="region",
                        amount=Decimal(cost) * Decimal("0.25"),
                    ),
                    FinancingPlanLine(
                        submission=submission,
                        funder="etat",
                        amount=Decimal(cost) * Decimal("0.30"),
                        status=FinancingPlanLine.Status.SECURED,
                    ),
                    FinancingPlanLine(
                        submission=submission,
                        funder="commune",
                        amount=Decimal(cost) * Decimal("0.20"),
                        status=FinancingPlanLine.Status.SECURED,
                    ),
                ]
            )
            for label in call.required_document_list:
                attachment = Attachment(
                    submission=submission,
                    kind=label,
                    original_name=f"{label}.pdf",
                    content_type="application/pdf",
                    size=len(PDF),
                    uploaded_by=mayor.user,
                    scan_status=Attachment.Scan.UNSCANNED,
                )
                attachment.file.save("piece.pdf", ContentFile(PDF), save=True)
            advance(
                submission,
                target,
                mayor.user,
                staff,
                now - datetime.timedelta(days=10 - index),
            )


def advance(submission, target, mayor, staff, now):
    State = Submission.State
    if target == State.DRAFT:
        return
    submission.submit(by=mayor, now=now)
    if target == State.SUBMITTED:
        return
    submission.start_review(by=staff, now=now + datetime.timedelta(days=1))
    if target == State.CHANGES_REQUESTED:
        submission.request_changes(
            by=staff,
            message="Merci de joindre le plan de financement signé par le maire.",
            now=now + datetime.timedelta(days=2),
        )
    elif target == State.RETAINED:
        submission.decide(
            by=staff, outcome=State.RETAINED, now=now + datetime.timedelta(days=3)
        )


def load_conference(home, now):
    page = ensure_page(
        home,
        ConferencePage,
        "conference-des-maires",
        title="La Conférence des Maires",
        introduction=(
            "Les maires du Grand Quercy participent à l’élaboration du Contrat "
            "territorial Occitanie et de ses Programmes Opérationnels annuels à "
            "travers leur Conférence des Maires."
        ),
        presentation=(
            "<p>La Conférence réunit les maires des communes du PETR. Elle examine "
            "chaque année le projet de Programme Opérationnel et rend un avis : une "
            "voix par commune.</p>"
        ),
    )
    add_to_main_menu(page, "Conférence des Maires")
    ConferenceSession.objects.get_or_create(
        title="Conférence des Maires — Programme Opérationnel de l’année",
        defaults={
            "starts_at": now + datetime.timedelta(days=21),
            "place": "Espace Valentré, Cahors",
            "agenda": "1. Présentation du projet de Programme Opérationnel\n2. Avis des maires\n3. Questions diverses",
            "opinion_opens_at": now - datetime.timedelta(days=1),
            "opinion_closes_at": now + datetime.timedelta(days=28),
        },
    )
    ConferenceSession.objects.get_or_create(
        title="Conférence des Maires — bilan de l’année passée",
        defaults={
            "starts_at": now - datetime.timedelta(days=200),
            "place": "Salle des fêtes de Gramat",
            "agenda": "1. Bilan du Programme Opérationnel\n2. Calendrier de l’appel à priorités",
            "minutes": "Les maires ont donné un avis favorable au Programme Opérationnel (31 avis favorables, 4 avec réserves, 2 défavorables).",
        },
    )


MAIRIE_DEPOSITS = {
    "proposal": {
        "resident_name": "Germaine, 84 ans",
        "channel": "paper",
        "title": "Un arrêt de bus devant la maison de retraite",
        "easy_read": "Un arrêt de bus juste devant la maison de retraite. "
        "Nous pourrions aller en ville seuls.",
        "body": (
            "Lettre remise à l’accueil de la mairie : les résidents de la maison de "
            "retraite doivent marcher dix minutes jusqu’à l’arrêt le plus proche, sans "
            "trottoir. Un arrêt devant l’entrée leur rendrait leur autonomie."
        ),
    },
    "comment": {
        "resident_name": "Roger B.",
        "channel": "in_person",
        "body": "Venu en mairie : le minibus devrait aussi passer par les hameaux du causse.",
    },
}


def load_deposits(officials):
    """A letter and a visit at the mairie, typed in by its secrétariat (once)."""
    consultation = ConsultationPage.objects.filter(slug="mobilites-rurales").first()
    desk = next(
        (
            official
            for people in officials.values()
            for official in people
            if official.role == Role.SECRETAIRE
        ),
        None,
    )
    if consultation is None or desk is None or not consultation.is_open:
        return
    mairie = desk.commune
    if not Proposal.objects.filter(deposit_commune=mairie).exists():
        Proposal.deposit_at_mairie(
            consultation=consultation,
            mairie=mairie,
            by=desk.user,
            consented=True,
            **MAIRIE_DEPOSITS["proposal"],
        )
    target = consultation.proposals.filter(author__isnull=False).first()
    if target and not Comment.objects.filter(deposit_commune=mairie).exists():
        Comment.deposit_at_mairie(
            consultation=consultation,
            proposal=target,
            mairie=mairie,
            by=desk.user,
            consented=True,
            **MAIRIE_DEPOSITS["comment"],
        )


def load_home_text(home):
    intranet = IntranetSettings.for_site(home.get_site())
    if not intranet.home_text:
        intranet.home_text = (
            "L’intranet des collectivités : les communes déposent et suivent leurs "
            "dossiers en ligne."
        )
        intranet.save()


def load(stdout):
    cto = ContractPage.objects.filter(kind=ContractPage.Kind.CTO).first()
    if cto is None:
        stdout.write(
            "Espace des élus : aucun Contrat territorial Occitanie, rien à charger."
        )
        return
    now = timezone.now()
    by_code = communes()
    officials = load_officials(by_code)
    call = load_call(cto, now.year + 1, now)
    staff = get_user_model().objects.filter(is_staff=True).order_by("pk").first()
    load_dossiers(call, by_code, officials, staff, now)
    load_demarches(now)
    load_association(by_code)
    load_deposits(officials)
    load_conference(get_home(), now)
    load_home_text(get_home())
    if settings.DEBUG:
        print_official_logins(stdout)
    stdout.write(
        f"Espace des élus : {CallForPriorities.objects.count()} démarches, "
        f"{Submission.objects.count()} dossiers, "
        f"{ElectedOfficial.objects.count()} élu·es invité·es."
    )


def print_official_logins(stdout):
    stdout.write(f"\nÉlu·es de démonstration (mot de passe commun : {DEMO_PASSWORD})")
    for people in OFFICIALS.values():
        for email, _first, _last, role in people:
            stdout.write(f"  {role.label:<24} {email}")
    email, _first, _last, role = ASSOCIATION_MEMBER
    stdout.write(f"  {role.label} ({ASSOCIATION}) : {email}")
    stdout.write("  Espace des élus : http://127.0.0.1:8000/espace-elus/\n")
