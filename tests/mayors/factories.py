"""Factories for the intranet: people bound to communes, calls, submissions built through the models."""

import datetime
import hashlib
import io
import zipfile
from decimal import Decimal

import factory
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from accounts.models import User
from contrats.models import Mesure
from mayors.models import (
    Attachment,
    CallForPriorities,
    ConferencePage,
    ConferenceSession,
    DemarcheDocument,
    DemarcheField,
    ElectedOfficial,
    FinancingPlanLine,
    Organisation,
    Role,
    Submission,
)
from tests.contrats.factories import CommuneFactory, EpciFactory  # noqa: F401

PASSWORD = "mot-de-passe-solide-42"
EICAR = b"X5O!P%@AP[4\\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ["email"]
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"personne{n}@example.org")
    first_name = "Camille"
    last_name = factory.Sequence(lambda n: f"Martin{n}")

    @factory.post_generation
    def password(self, create, extracted, **kwargs):
        self.set_password(extracted or PASSWORD)
        if create:
            self.save()
            from allauth.account.models import EmailAddress

            EmailAddress.objects.get_or_create(
                user=self,
                email=self.email,
                defaults={"verified": True, "primary": True},
            )


class OfficialFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ElectedOfficial

    user = factory.SubFactory(UserFactory)
    commune = factory.SubFactory(CommuneFactory)
    role = Role.MAIRE


def documents_from_text(default):
    """``required_documents="…"`` as the démarche's old text field took it, kept for
    the tests: one required document per line, of any accepted type (as the data
    migration turned the lines)."""

    @factory.post_generation
    def required_documents(call, create, lines):
        if not create:
            return
        text = default if lines is None else lines
        names = [line.strip() for line in text.splitlines() if line.strip()]
        DemarcheDocument.objects.bulk_create(
            DemarcheDocument(call=call, sort_order=order, name=name)
            for order, name in enumerate(names)
        )

    return required_documents


class CallFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CallForPriorities
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Appel à priorités {n}")
    year = 2027
    opens_at = factory.LazyFunction(
        lambda: timezone.now() - datetime.timedelta(days=10)
    )
    closes_at = factory.LazyFunction(
        lambda: timezone.now() + datetime.timedelta(days=20)
    )
    max_priorities = 3
    instructions = "Classez vos priorités par ordre d’importance."

    required_documents = documents_from_text("Délibération du conseil municipal")


def complete_fields(commune, measure):
    return {
        "title": "Rénovation de l’école",
        "description": "Isolation et chauffage bois.",
        "measure": measure,
        "latitude": commune.latitude,
        "longitude": commune.longitude,
        "estimated_cost": Decimal("250000"),
        "planned_start": datetime.date(2027, 3, 1),
        "planned_end": datetime.date(2028, 6, 30),
        "maturity": Submission.Maturity.READY,
    }


def pdf_bytes(text="Délibération"):
    return (
        b"%PDF-1.4\n1 0 obj<<>>endobj\n% " + text.encode() + b"\ntrailer<<>>\n%%EOF\n"
    )


def make_complete_draft(call, commune, by, measure, now=None, **overrides):
    """A draft with everything the call requires (a clean document for each)."""
    fields = {**complete_fields(commune, measure), **overrides}
    submission = Submission.create_draft(
        call=call, commune=commune, by=by, now=now, **fields
    )
    FinancingPlanLine.objects.create(
        submission=submission, funder="region", amount=Decimal("80000")
    )
    FinancingPlanLine.objects.create(
        submission=submission,
        funder="etat",
        amount=Decimal("70000"),
        status=FinancingPlanLine.Status.SECURED,
    )
    for label in call.required_document_list:
        add_attachment(submission, by, kind=label)
    return submission


def add_attachment(
    submission,
    by,
    kind="Autre pièce",
    content=None,
    name="piece.pdf",
    status=Attachment.Scan.CLEAN,
):
    content = content or pdf_bytes()
    return Attachment.objects.create(
        submission=submission,
        kind=kind,
        file=SimpleUploadedFile(name, content),
        original_name=name,
        content_type="application/pdf",
        size=len(content),
        scan_status=status,
        uploaded_by=by,
    )


def zip_bytes(members):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def eicar_signature_db(directory):
    """A ClamAV hash signature file (md5:size:name) holding the EICAR test string."""
    path = directory / "local.hdb"
    digest = hashlib.md5(EICAR, usedforsecurity=False).hexdigest()
    path.write_text(f"{digest}:{len(EICAR)}:Eicar-Test-Signature-GQ\n")
    return path


class SessionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ConferenceSession

    title = factory.Sequence(lambda n: f"Conférence des Maires n° {n}")
    starts_at = factory.LazyFunction(
        lambda: timezone.now() + datetime.timedelta(days=15)
    )
    place = "Salle des fêtes de Cahors"
    agenda = "1. Projet de Programme Opérationnel\n2. Questions diverses"


def conference_page(home):
    return home.add_child(
        instance=ConferencePage(
            title="La Conférence des Maires",
            slug="conference-des-maires",
            introduction="Les maires du Grand Quercy.",
        )
    )


def intranet_site(home, cto, commune, mayor_email, password=PASSWORD):
    """The Conférence's page, and a mayor whose commune has a call's priority in draft."""
    conference_page(home)
    SessionFactory(title="Conférence des Maires — Programme Opérationnel")
    mayor = OfficialFactory(
        commune=commune,
        role=Role.MAIRE,
        user=UserFactory(email=mayor_email, password=password),
    ).user
    measure = Mesure.objects.filter(axe__orientation__contract=cto).first()
    Submission.create_draft(
        call=CallFactory(contract=cto),
        commune=commune,
        by=mayor,
        **complete_fields(commune, measure),
    )
    return mayor


class DemarcheFactory(CallFactory):
    """A démarche on a form of typed fields (its fields: DemarcheFieldFactory)."""

    title = factory.Sequence(lambda n: f"Fiches-projets CRTE {n}")
    kind = CallForPriorities.Kind.FORM
    year = None
    max_priorities = 5
    required_documents = documents_from_text("Budget prévisionnel")
    instructions = "Une fiche par projet."


class DemarcheFieldFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = DemarcheField

    call = factory.SubFactory(DemarcheFactory)
    label = factory.Sequence(lambda n: f"Question {n}")
    kind = DemarcheField.Kind.SHORT_TEXT
    sort_order = factory.Sequence(lambda n: n)


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"Association Santé en Quercy {n}")
    kind = Organisation.Kind.ASSOCIATION
    siret = "12345678900017"


def organisation_member(organisation, email, role=Role.REPRESENTANT, **user_fields):
    """An account that belongs to an organisation (its legal representative unless
    told otherwise)."""
    return OfficialFactory(
        commune=None,
        organisation=organisation,
        role=role,
        user=UserFactory(email=email, **user_fields),
    ).user
