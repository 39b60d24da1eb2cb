"""Bench data for the intranet: past calls with three priorities per PETR commune, and messages.

Inserted with bulk_create so seeding takes seconds; the Cahors mayor's dashboard then lists
priorities across eight years while the staff list holds thousands.
"""

import datetime
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from contrats.models import Commune, ContractPage, Mesure
from demo.mayors import OFFICIALS
from mayors.models import CallForPriorities, DemarcheField, Message, Submission

YEARS = 8
PER_COMMUNE = 3
TITLE_PREFIX = "Banc d’essai"
STATES = [
    Submission.State.RETAINED,
    Submission.State.POSTPONED,
    Submission.State.REJECTED,
    Submission.State.WITHDRAWN,
]


def mayor_email():
    return next(iter(OFFICIALS.values()))[0][0]


def seed():
    cto = ContractPage.objects.filter(kind=ContractPage.Kind.CTO).first()
    if cto is None:
        raise RuntimeError("La démo doit créer le CTO.")
    now = timezone.now()
    communes = list(Commune.objects.in_petr().order_by("insee_code"))
    with transaction.atomic():
        seed_demarche(cto, communes, now)
        for back in range(1, YEARS + 1):
            year = now.year - back
            call, created = CallForPriorities.objects.get_or_create(
                contract=cto,
                year=year,
                defaults={
                    "title": f"{TITLE_PREFIX} : priorités {year}",
                    "opens_at": now - datetime.timedelta(days=365 * back + 60),
                    "closes_at": now - datetime.timedelta(days=365 * back),
                    "retention_months": 12 * 20,
                },
            )
            if not created:
                continue
            submissions = Submission.objects.bulk_create(
                Submission(
                    call=call,
                    commune=commune,
                    title=f"{TITLE_PREFIX} {year} — {commune.name} n° {rank}",
                    description="Priorité de banc d’essai.",
                    rank=rank,
                    state=STATES[(index + rank) % len(STATES)],
                    reference=f"GQ-{year}-{index * PER_COMMUNE + rank:05d}",
                    estimated_cost=Decimal(100_000 * rank),
                    submitted_at=call.closes_at - datetime.timedelta(days=5),
                    decided_at=call.closes_at + datetime.timedelta(days=30),
                )
                for index, commune in enumerate(communes)
                for rank in range(1, PER_COMMUNE + 1)
            )
            Message.objects.bulk_create(
                Message(
                    submission=submission, body="Dossier reçu, merci.", from_staff=True
                )
                for submission in submissions
            )


DEMARCHE_TITLE = f"{TITLE_PREFIX} : fiches-projets"
DEMARCHE_FIELDS = [
    ("Description", DemarcheField.Kind.LONG_TEXT, "Un projet de banc d’essai."),
    ("Public", DemarcheField.Kind.SHORT_TEXT, "Tous les habitants"),
    ("Montant", DemarcheField.Kind.AMOUNT, "125000.00"),
    ("Habitants", DemarcheField.Kind.NUMBER, "2400"),
    ("Début", DemarcheField.Kind.DATE, "2027-04-01"),
    ("Engagé", DemarcheField.Kind.YES_NO, True),
    ("Thème", DemarcheField.Kind.CHOICE, "Mobilités"),
    ("Communes", DemarcheField.Kind.COMMUNES, None),
    ("Mesure", DemarcheField.Kind.MEASURE, None),
    ("Lieu", DemarcheField.Kind.POINT, [44.45, 1.44]),
]


def seed_demarche(cto, communes, now):
    """A démarche of typed fields and the Cahors mayor's dossier answering them all."""
    if CallForPriorities.objects.filter(title=DEMARCHE_TITLE).exists():
        return
    call = CallForPriorities.objects.create(
        title=DEMARCHE_TITLE,
        kind=CallForPriorities.Kind.FORM,
        contract=cto,
        opens_at=now - datetime.timedelta(days=10),
        closes_at=now + datetime.timedelta(days=3650),
        max_priorities=50,
    )
    measure = Mesure.objects.filter(axe__orientation__contract=cto).first()
    answers = {}
    for order, (label, kind, value) in enumerate(DEMARCHE_FIELDS):
        key = f"q{order}"
        DemarcheField.objects.create(
            call=call, sort_order=order, label=label, kind=kind, key=key
        )
        if kind == DemarcheField.Kind.COMMUNES:
            value = [c.pk for c in communes[:30]]
        elif kind == DemarcheField.Kind.MEASURE:
            value = measure.pk if measure else None
        answers[key] = value
    commune = Commune.objects.get(insee_code=next(iter(OFFICIALS)))
    Submission.objects.create(
        call=call, commune=commune, title=DEMARCHE_TITLE, rank=1, answers=answers
    )


def pages():
    dossier = Submission.objects.filter(title=DEMARCHE_TITLE).first()
    demarche = CallForPriorities.objects.filter(title=DEMARCHE_TITLE).first()
    return [
        ("démarche public page, anonymous", demarche.get_absolute_url()),
        ("démarches list, anonymous", "/demarches/"),
        ("intranet dashboard, signed in", "/espace-elus/", mayor_email()),
        (
            "démarche dossier page, signed in",
            f"/espace-elus/priorites/{dossier.pk}/",
            mayor_email(),
        ),
        ("Conférence des Maires page", "/conference-des-maires/"),
    ]
