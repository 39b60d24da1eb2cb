"""The residents and the comments' stances of the participation demo (demo/participation.py)."""

from participation.models import Stance

RESIDENTS = {
    "amandine@habitants.test": "Amandine de Figeac-sur-Céou",
    "bernard@habitants.test": "Bernard46",
    "chloe@habitants.test": "Chloé L.",
    "djamel@habitants.test": "Djamel",
}

# Stances of the demo's comments, by their text (demo data only: set once, never reset).
STANCES = {
    "Très bonne idée, ma mère serait la première à l’utiliser.": Stance.FOR,
    "Oui, et il faudrait pouvoir réserver par téléphone, pas seulement en ligne.": (
        Stance.QUESTION
    ),
    "Celle de la sortie d’autoroute est toujours pleine.": Stance.FOR,
    "Indispensable : le premier médecin est à 25 minutes.": Stance.FOR,
}
