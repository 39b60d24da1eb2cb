"""Demo démarches beside the priority call: each one a form of typed fields built as
staff would build it in the admin (source text: CRTE project sheets, Bourgs-Centres
avenants and candidatures, the Contrat Local de Santé's call for projects)."""

import datetime

from aides.models import Funder
from contrats.models import ContractPage
from mayors.models import (
    CallForPriorities,
    DemarcheDocument,
    DemarcheField,
    DocumentFamily,
)

Kind = DemarcheField.Kind
Family = DocumentFamily

DEMARCHES = [
    {
        "contract": ContractPage.Kind.CRTE,
        "title": "Fiches-projets CRTE 2027",
        "instructions": (
            "Une fiche par projet que la commune veut inscrire au Contrat pour la "
            "Réussite de la Transition Écologique ; l’équipe du PETR vous aide à la "
            "compléter."
        ),
        "documents": [
            ("Note de présentation du projet", [Family.PDF, Family.TEXT], True),
            ("Photographies du site", [Family.IMAGE, Family.PDF], False),
        ],
        "max_priorities": 5,
        "service_name": "Pôle des Politiques Contractuelles — animation du CRTE",
        "fields": [
            ("Orientation du CRTE", Kind.MEASURE, True, ""),
            ("Description du projet", Kind.LONG_TEXT, True, ""),
            ("Communes concernées", Kind.COMMUNES, False, ""),
            ("Emplacement", Kind.POINT, False, ""),
            ("Coût total HT", Kind.AMOUNT, True, ""),
            ("Date de démarrage prévue", Kind.DATE, False, ""),
            ("Plan de financement", Kind.FINANCING, True, ""),
            ("Gain énergétique attendu (kWh/an)", Kind.NUMBER, False, ""),
        ],
    },
    {
        "contract": ContractPage.Kind.BOURG_CENTRE,
        "title": "Contrats Bourgs-Centres Occitanie : avenant ou nouvelle candidature",
        "instructions": (
            "Pour les communes pôles : demander un avenant au contrat en cours ou "
            "présenter une nouvelle candidature."
        ),
        "documents": [
            ("Délibération du conseil municipal", [Family.PDF], True),
            ("Lettre d’intention du ou de la maire", [Family.PDF], False),
        ],
        "max_priorities": 1,
        "funder": Funder.REGION,
        "service_name": "",
        "fields": [
            (
                "Nature de la demande",
                Kind.CHOICE,
                True,
                "Avenant au contrat en cours\nNouvelle candidature",
            ),
            ("Projet de développement et de valorisation", Kind.LONG_TEXT, True, ""),
            ("Le contrat en cours est-il signé ?", Kind.YES_NO, False, ""),
            ("Montant des opérations envisagées HT", Kind.AMOUNT, False, ""),
            ("Plan guide ou étude préalable", Kind.FILE, False, ""),
        ],
    },
    {
        "contract": ContractPage.Kind.CLS,
        "title": "Contrat Local de Santé — appel à projets 2027",
        "instructions": (
            "Actions de prévention, d’accès aux soins et de santé mentale sur le "
            "Grand Quercy, portées par une commune ou une association."
        ),
        "documents": [
            (
                "Budget prévisionnel de l’action",
                [Family.PDF, Family.SPREADSHEET],
                True,
            ),
            ("Bilan de l’action précédente", [Family.PDF, Family.TEXT], False),
        ],
        "open_to_associations": True,
        "funder": Funder.ARS,
        "max_priorities": 3,
        "service_name": "Coordination du Contrat Local de Santé — PETR Grand Quercy",
        "fields": [
            (
                "Axe du Contrat Local de Santé",
                Kind.CHOICE,
                True,
                "Prévention et promotion de la santé\nAccès aux soins\nSanté mentale",
            ),
            ("Public visé", Kind.SHORT_TEXT, True, ""),
            ("Description de l’action", Kind.LONG_TEXT, True, ""),
            ("Nombre de personnes touchées", Kind.NUMBER, False, ""),
            ("Subvention demandée", Kind.AMOUNT, True, ""),
            ("Action déjà menée les années passées", Kind.YES_NO, False, ""),
        ],
    },
]


def load_demarches(now):
    """Idempotent: a démarche of the same title keeps its fields and dossiers."""
    created = []
    for spec in DEMARCHES:
        contract = ContractPage.objects.filter(kind=spec["contract"]).first()
        if contract is None:
            continue
        opened = {"open_to_associations": spec.get("open_to_associations", False)}
        call, new = CallForPriorities.objects.get_or_create(
            title=spec["title"],
            defaults={
                "kind": CallForPriorities.Kind.FORM,
                "contract": contract,
                "opens_at": now - datetime.timedelta(days=10),
                "closes_at": now + datetime.timedelta(days=60),
                "max_priorities": spec["max_priorities"],
                "instructions": spec["instructions"],
                "service_name": spec["service_name"],
                "funder": spec.get("funder", ""),
                **opened,
            },
        )
        # A demo loaded before the démarches were open to associations opens now.
        if not new and opened["open_to_associations"] and not call.open_to_associations:
            CallForPriorities.objects.filter(pk=call.pk).update(**opened)
        if new:
            add_documents(call, spec["documents"])
            DemarcheField.objects.bulk_create(
                DemarcheField(
                    call=call,
                    sort_order=order,
                    label=label,
                    kind=kind,
                    key=f"q{order + 1}",
                    required=required,
                    choices=choices,
                )
                for order, (label, kind, required, choices) in enumerate(spec["fields"])
            )
            created.append(call)
    return created


def add_documents(call, documents):
    """The pieces a démarche asks for: (name, allowed families, required)."""
    DemarcheDocument.objects.bulk_create(
        DemarcheDocument(
            call=call,
            sort_order=order,
            name=name,
            allowed_types=[str(family) for family in families],
            required=required,
        )
        for order, (name, families, required) in enumerate(documents)
    )
