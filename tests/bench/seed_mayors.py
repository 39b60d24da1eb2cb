"""Bench data for the intranet: past calls with three priorities per PETR commune, and messages.

Inserted with bulk_create so seeding takes seconds; the Cahors mayor's dashboard then lists
priorities across eight years while the staff list holds thousands.
"""

import datetime
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from contrats.models import Commune, ContractPage
from demo.mayors import OFFICIALS
from mayors.models import CallForPriorities, Message, Submission

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


def pages():
    return [
        ("intranet dashboard, signed in", "/espace-elus/", mayor_email()),
        ("Conférence des Maires page", "/conference-des-maires/"),
    ]
