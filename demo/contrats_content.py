"""Facts, plausible names and the worksite drawing of the contracts' demo (see demo/contrats.py)."""

import datetime
import io
from decimal import Decimal

from django.core.files.images import ImageFile
from PIL import Image as PILImage
from PIL import ImageDraw
from wagtail.images import get_image_model

from contrats.models import Project

# The seven EPCI a local source names as the PETR's members; unconfirmed, hence data.
PETR_MEMBER_SIRENS = [
    "244600433",  # CC de la Vallée du Lot et du Vignoble
    "200035327",
    "244600482",
    "244600573",
    "244600532",
    "200039519",
    "200023737",
]

DEMO_NOTE = "Contenu de démonstration : intitulé plausible, à remplacer par celui du contrat signé."
CRTE_STATE_2021 = Decimal("9717373")

CRTE_TREE = [
    (
        "Réussir la transition écologique et énergétique du territoire",
        [
            (
                "Sobriété et production d’énergies renouvelables",
                [
                    "Rénovation énergétique des bâtiments publics",
                    "Production locale d’énergies renouvelables",
                    "Éclairage public économe",
                ],
            ),
            (
                "Mobilités du quotidien",
                [
                    "Aménagements cyclables et voies vertes",
                    "Pôles d’échanges et covoiturage",
                    "Mobilité solidaire en milieu rural",
                ],
            ),
            (
                "Eau, biodiversité et paysages",
                [
                    "Gestion économe de la ressource en eau",
                    "Préservation des milieux et des continuités écologiques",
                    "Valorisation des paysages des causses et de la vallée du Lot",
                ],
            ),
        ],
    ),
    (
        "Renforcer l’attractivité économique et touristique",
        [
            (
                "Économie de proximité et agriculture",
                [
                    "Commerces et services en centre-bourg",
                    "Circuits courts et alimentation locale",
                    "Foncier et immobilier d’entreprise",
                ],
            ),
            (
                "Tourisme et patrimoine",
                [
                    "Itinérance et sites touristiques",
                    "Restauration du patrimoine bâti",
                    "Équipements culturels",
                ],
            ),
        ],
    ),
    (
        "Garantir la cohésion et l’accès aux services",
        [
            (
                "Services au public et santé",
                [
                    "Maisons France services et tiers-lieux",
                    "Accès aux soins de proximité",
                    "Inclusion numérique",
                ],
            ),
            (
                "Cadre de vie et équipements",
                [
                    "Équipements sportifs et de loisirs",
                    "Écoles et accueil de la petite enfance",
                    "Revitalisation des centres-bourgs",
                ],
            ),
        ],
    ),
]

CTO_TREE = [
    (
        "Pacte Vert : un territoire sobre et résilient",
        [
            (
                "Mobilités et énergie",
                ["Mobilités durables", "Transition énergétique du bâti public"],
            ),
            (
                "Alimentation",
                ["Projet alimentaire territorial", "Restauration collective"],
            ),
        ],
    ),
    (
        "Justice territoriale et accès aux services",
        [
            ("Santé", ["Maisons de santé pluriprofessionnelles", "Prévention"]),
            (
                "Centralités",
                ["Requalification des espaces publics", "Habitat en centre ancien"],
            ),
        ],
    ),
]

PROJECT_THEMES = [
    "Rénovation énergétique de l’école",
    "Chaufferie bois de la mairie",
    "Voie verte de la vallée",
    "Aire de covoiturage",
    "Requalification de la place du marché",
    "Restauration de l’église",
    "Maison France services",
    "Tiers-lieu numérique",
    "Halle de producteurs",
    "City-stade",
    "Centrales photovoltaïques sur toitures publiques",
    "Extension de la crèche",
    "Réseau d’eau potable économe",
    "Sentier d’interprétation des causses",
    "Maison de santé",
    "Éclairage public LED",
    "Salle culturelle",
    "Aménagement des berges du Lot",
]

COMMITTEE = [
    ("Le Préfet du Lot", "État", "Coprésident"),
    ("Le Président du PETR Grand Quercy", "PETR Grand Quercy", "Coprésident"),
    ("Le Président du Conseil départemental du Lot", "Département du Lot", "Membre"),
    (
        "Le Président du Parc naturel régional des Causses du Quercy",
        "PNR des Causses du Quercy",
        "Membre",
    ),
    ("Le Directeur régional de l’ADEME", "ADEME Occitanie", "Membre"),
]

BOURGS_CENTRES = [
    "Gourdon",
    "Prayssac",
    "Puy-l'Évêque",
    "Lalbenque",
    "Luzech",
    "Cazals",
    "Montcuq-en-Quercy-Blanc",
    "Limogne-en-Quercy",
    "Salviac",
    "Catus",
]


# The project a demo proposal became (demo/participation.py): in the adopted PO 2024.
PROGRESS_PROJECT = "cto-11"
PROGRESS_HISTORY = [
    ("", Project.Status.IDEE, datetime.date(2023, 6, 12)),
    (Project.Status.IDEE, Project.Status.PREPARATION, datetime.date(2023, 11, 20)),
    (Project.Status.PREPARATION, Project.Status.ENGAGE, datetime.date(2024, 5, 3)),
]
PROGRESS_NOTES = [
    (
        datetime.date(2024, 9, 16),
        "Les travaux ont commencé",
        "Le terrassement a débuté lundi. Les fondations seront coulées en octobre ; "
        "la commune tiendra une réunion publique sur le chantier le 3 octobre.",
        "Dessin : une pelleteuse jaune sur un terrain dégagé, devant des collines",
    ),
    (
        datetime.date(2025, 6, 2),
        "Le gros œuvre est terminé",
        "Murs et toiture sont posés. Les aménagements intérieurs commencent ; trois "
        "médecins et deux infirmières ont déjà confirmé leur installation.",
        None,
    ),
]


def worksite_image():
    """A small drawing of the worksite, made in code: no binary file in git."""
    Image = get_image_model()
    title = "Illustration : chantier de la maison de santé"
    image = Image.objects.filter(title=title).first()
    if image is not None:
        return image
    picture = PILImage.new("RGB", (960, 640), (214, 230, 240))
    draw = ImageDraw.Draw(picture)
    draw.polygon(
        [(0, 420), (300, 340), (640, 400), (960, 330), (960, 640), (0, 640)],
        fill=(47, 93, 58),
    )
    draw.rectangle((0, 480, 960, 640), fill=(150, 120, 80))
    draw.rectangle((380, 380, 560, 470), fill=(230, 180, 30))  # the digger's body
    draw.line((560, 400, 700, 330, 760, 440), fill=(200, 150, 20), width=16)  # its arm
    draw.ellipse((380, 450, 450, 520), fill=(40, 40, 40))
    draw.ellipse((490, 450, 560, 520), fill=(40, 40, 40))
    buffer = io.BytesIO()
    picture.save(buffer, format="PNG")
    image = Image(
        title=title,
        description=PROGRESS_NOTES[0][3],
        file=ImageFile(buffer, name="demo-chantier.png"),
    )
    image.save()
    return image
