"""Demo catalogue of aid schemes for the Lot, and « Quelles aides pour mon projet ? ».

The schemes exist; their rates, ceilings and dates here are plausible examples, said
so in each description: the funder's own page has the current terms.
"""

import datetime
from decimal import Decimal

from django.utils import timezone

from aides.models import AidFinderPage, AidScheme, Carrier, Funder, Theme
from contrats.models import Commune, ContractPage, Mesure
from mayors.models import CallForPriorities

from .cms import add_to_main_menu, ensure_page, get_home

EXAMPLE = (
    " Taux, plafond et calendrier donnés à titre d’exemple : vérifiez-les auprès du "
    "financeur ou du pôle des Politiques contractuelles."
)
COLLECTIVITES = [Carrier.COMMUNE, Carrier.EPCI]
EVERYONE = [Carrier.COMMUNE, Carrier.EPCI, Carrier.ASSOCIATION, Carrier.AUTRE]
BOURGS_CENTRES = ["Gourdon", "Gramat", "Souillac", "Lalbenque", "Saint-Céré"]
#: name → fields (``closes_in``: days from today; None: au fil de l'eau, no end).
SCHEMES = {
    "DETR — Dotation d’équipement des territoires ruraux": {
        "programme": "DETR",
        "funder": Funder.ETAT,
        "funder_name": "État — préfecture du Lot",
        "applicants": COLLECTIVITES,
        "themes": [
            Theme.BATIMENTS,
            Theme.AMENAGEMENT,
            Theme.EAU,
            Theme.MOBILITE,
            Theme.SERVICES,
            Theme.SPORT,
        ],
        "measures": ["Rénovation énergétique des bâtiments publics"],
        "max_rate": "40",
        "ceiling": "200000",
        "min_eligible_cost": "10000",
        "closes_in": 58,
        "procedure_url": "https://www.demarches-simplifiees.fr/",
        "funder_url": "https://www.lot.gouv.fr/",
        "contact": "Préfecture du Lot, bureau des concours financiers de l’État",
        "description": "Soutient les investissements des communes rurales et de leurs "
        "groupements : écoles, mairies, voirie, eau, équipements de services. Les "
        "priorités de l’année sont arrêtées par la commission départementale DETR.",
    },
    "DSIL — Dotation de soutien à l’investissement local": {
        "programme": "DSIL",
        "funder": Funder.ETAT,
        "funder_name": "État — préfecture de région Occitanie",
        "applicants": COLLECTIVITES,
        "themes": [Theme.BATIMENTS, Theme.ENERGIE, Theme.MOBILITE, Theme.AMENAGEMENT],
        "measures": [
            "Rénovation énergétique des bâtiments publics",
            "Revitalisation des centres-bourgs",
        ],
        "max_rate": "50",
        "closes_in": 45,
        "procedure_url": "https://www.demarches-simplifiees.fr/",
        "funder_url": "https://www.prefectures-regions.gouv.fr/occitanie",
        "contact": "Préfecture du Lot, bureau des concours financiers de l’État",
        "description": "Finance les grandes priorités d’investissement des communes "
        "et EPCI : rénovation thermique, transition énergétique, mobilités, "
        "équipements publics rendus nécessaires par la hausse de la population.",
    },
    "Fonds vert — accélérer la transition écologique": {
        "programme": "Fonds vert",
        "funder": Funder.ETAT,
        "funder_name": "État — direction départementale des territoires du Lot",
        "applicants": COLLECTIVITES,
        "themes": [Theme.ENERGIE, Theme.BATIMENTS, Theme.NATURE, Theme.AMENAGEMENT],
        "measures": [
            "Production locale d’énergies renouvelables",
            "Éclairage public économe",
        ],
        "max_rate": "50",
        "min_eligible_cost": "15000",
        "closes_in": 90,
        "procedure_url": "https://aides-territoires.beta.gouv.fr/",
        "funder_url": "https://www.ecologie.gouv.fr/",
        "contact": "DDT du Lot, service territoires",
        "description": "Rénovation énergétique des bâtiments publics, éclairage public, "
        "renaturation, biodiversité, prévention des risques naturels.",
    },
    "FNADT — Fonds national d’aménagement et de développement du territoire": {
        "programme": "FNADT",
        "funder": Funder.ETAT,
        "funder_name": "État — préfecture du Lot",
        "applicants": [Carrier.COMMUNE, Carrier.EPCI, Carrier.ASSOCIATION],
        "themes": [Theme.SERVICES, Theme.NUMERIQUE, Theme.ECONOMIE],
        "measures": ["Maisons France services et tiers-lieux", "Inclusion numérique"],
        "max_rate": "40",
        "ceiling": "100000",
        "closes_in": None,
        "funder_url": "https://www.lot.gouv.fr/",
        "contact": "Préfecture du Lot, sous-préfecture de Gourdon",
        "description": "Accompagne les projets de services au public en milieu rural : "
        "France services, tiers-lieux, ingénierie de projets de territoire.",
    },
    "Contrat Bourg-Centre Occitanie": {
        "programme": "Bourg-Centre",
        "funder": Funder.REGION,
        "applicants": COLLECTIVITES,
        "themes": [Theme.AMENAGEMENT, Theme.CULTURE, Theme.SERVICES, Theme.ECONOMIE],
        "measures": ["Commerces et services en centre-bourg"],
        "bourgs_centres": True,
        "max_rate": "30",
        "ceiling": "300000",
        "closes_in": None,
        "demarche": "Contrats Bourgs-Centres Occitanie : avenant ou nouvelle candidature",
        "funder_url": "https://www.laregion.fr/",
        "contact": "Région Occitanie, Maison de la Région de Cahors",
        "description": "Pour les communes signataires d’un contrat Bourg-Centre : "
        "espaces publics, commerces, habitat et équipements du projet de "
        "valorisation du centre. Un avenant ou une nouvelle candidature se "
        "prépare avec le pôle.",
    },
    "Fonds d’aménagement du Département du Lot": {
        "programme": "FAST",
        "funder": Funder.DEPARTEMENT,
        "applicants": COLLECTIVITES,
        "themes": [
            Theme.AMENAGEMENT,
            Theme.MOBILITE,
            Theme.EAU,
            Theme.BATIMENTS,
            Theme.SPORT,
        ],
        "max_rate": "25",
        "ceiling": "100000",
        "min_eligible_cost": "5000",
        "closes_in": None,
        "funder_url": "https://lot.fr/",
        "contact": "Département du Lot, direction de l’attractivité et des territoires",
        "description": "Aide aux équipements communaux et intercommunaux : voirie, "
        "bâtiments, eau potable, équipements sportifs.",
    },
    "LEADER — Groupe d’action locale du Grand Quercy": {
        "programme": "LEADER",
        "funder": Funder.EUROPE,
        "funder_name": "Union européenne (FEADER) — GAL du Grand Quercy",
        "applicants": EVERYONE,
        "themes": [
            Theme.ECONOMIE,
            Theme.CULTURE,
            Theme.SERVICES,
            Theme.NUMERIQUE,
            Theme.NATURE,
        ],
        "measures": [
            "Circuits courts et alimentation locale",
            "Itinérance et sites touristiques",
        ],
        "max_rate": "60",
        "ceiling": "80000",
        "min_eligible_cost": "5000",
        "closes_in": 390,
        "rolling": True,
        "contact": "PETR Grand Quercy, animation LEADER",
        "description": "Fonds européen pour les projets innovants du territoire, "
        "publics et privés, choisis par le comité de programmation du GAL. Il "
        "s’ajoute à un financement public national (contrepartie).",
    },
    "FEDER Occitanie — transition énergétique et numérique": {
        "programme": "FEDER",
        "funder": Funder.EUROPE,
        "funder_name": "Union européenne (FEDER) — Région Occitanie, autorité de gestion",
        "applicants": EVERYONE,
        "themes": [Theme.ENERGIE, Theme.NUMERIQUE, Theme.NATURE],
        "max_rate": "50",
        "min_eligible_cost": "50000",
        "closes_in": 120,
        "funder_url": "https://www.europe-en-occitanie.eu/",
        "contact": "Région Occitanie, direction des affaires européennes",
        "description": "Appels à projets du programme régional FEDER : rénovation "
        "énergétique, réseaux de chaleur, usages numériques, biodiversité.",
    },
    "Contrat Local de Santé — appel à projets prévention": {
        "programme": "CLS",
        "funder": Funder.ARS,
        "funder_name": "Agence régionale de santé Occitanie",
        "applicants": EVERYONE,
        "themes": [Theme.SANTE],
        "measures": ["Accès aux soins de proximité"],
        "max_rate": "80",
        "ceiling": "20000",
        "closes_in": 30,
        "demarche": "Contrat Local de Santé — appel à projets 2027",
        "contact": "PETR Grand Quercy, coordination du Contrat Local de Santé",
        "description": "Actions de prévention et de promotion de la santé du Contrat "
        "Local de Santé du Grand Quercy, ouvertes aux associations.",
    },
    "Fonds Chaleur renouvelable": {
        "programme": "Fonds Chaleur",
        "funder": Funder.ADEME,
        "funder_name": "ADEME Occitanie",
        "applicants": EVERYONE,
        "themes": [Theme.ENERGIE],
        "measures": ["Production locale d’énergies renouvelables"],
        "max_rate": "45",
        "min_eligible_cost": "30000",
        "closes_in": None,
        "funder_url": "https://agirpourlatransition.ademe.fr/",
        "contact": "ADEME, direction régionale Occitanie",
        "description": "Chaufferies bois, réseaux de chaleur, géothermie et solaire "
        "thermique des collectivités, associations et entreprises.",
    },
    "Agence de l’eau Adour-Garonne — eau potable et assainissement": {
        "programme": "Agence de l’eau",
        "funder": Funder.AUTRE_PUBLIC,
        "funder_name": "Agence de l’eau Adour-Garonne",
        "applicants": COLLECTIVITES,
        "themes": [Theme.EAU, Theme.NATURE],
        "measures": ["Gestion économe de la ressource en eau"],
        "max_rate": "50",
        "closes_in": None,
        "funder_url": "https://eau-grandsudouest.fr/",
        "contact": "Agence de l’eau Adour-Garonne, délégation de Toulouse",
        "description": "Économies d’eau, réseaux d’eau potable, assainissement et "
        "restauration des rivières.",
    },
    "Fondation du patrimoine — patrimoine de proximité": {
        "programme": "Mécénat",
        "funder": Funder.PRIVE,
        "funder_name": "Fondation du patrimoine, délégation du Lot",
        "applicants": [Carrier.COMMUNE, Carrier.EPCI, Carrier.ASSOCIATION],
        "themes": [Theme.CULTURE],
        "measures": ["Restauration du patrimoine bâti"],
        "max_rate": "20",
        "ceiling": "30000",
        "closes_in": None,
        "funder_url": "https://www.fondation-patrimoine.org/",
        "contact": "Fondation du patrimoine, délégation du Lot",
        "description": "Souscriptions et aides au patrimoine non protégé : lavoirs, "
        "chapelles, pigeonniers. Financement privé : il n’entre pas dans le calcul "
        "des 20 % d’autofinancement d’une commune.",
    },
}


def crte_measures():
    return {
        measure.title: measure
        for measure in Mesure.objects.filter(
            axe__orientation__contract__kind=ContractPage.Kind.CRTE
        )
    }


def load_schemes(today):
    measures = crte_measures()
    bourgs = list(Commune.objects.in_petr().filter(name__in=BOURGS_CENTRES))
    for name, spec in SCHEMES.items():
        if AidScheme.objects.filter(name=name).exists():
            continue
        spec = dict(spec)
        spec.pop("demarche", None)
        closes_in = spec.pop("closes_in")
        rolling = spec.pop("rolling", closes_in is None)
        titles = spec.pop("measures", [])
        communes = bourgs if spec.pop("bourgs_centres", False) else []
        scheme = AidScheme.objects.create(
            name=name,
            max_rate=Decimal(spec.pop("max_rate")),
            ceiling=Decimal(spec.pop("ceiling")) if "ceiling" in spec else None,
            min_eligible_cost=(
                Decimal(spec.pop("min_eligible_cost"))
                if "min_eligible_cost" in spec
                else None
            ),
            opens_on=today - datetime.timedelta(days=60),
            closes_on=(
                None
                if closes_in is None
                else today + datetime.timedelta(days=closes_in)
            ),
            is_rolling=rolling,
            description=spec.pop("description") + EXAMPLE,
            is_published=True,
            **spec,
        )
        scheme.measures.set([measures[t] for t in titles if t in measures])
        scheme.communes.set(communes)


def link_demarches():
    """« Déposer le dossier » of a scheme served by a démarche of the intranet leads to
    the démarche's public page (the démarche names the schemes it serves)."""
    for name, spec in SCHEMES.items():
        call = CallForPriorities.objects.filter(title=spec.get("demarche")).first()
        scheme = AidScheme.objects.filter(name=name).first()
        if call is not None and scheme is not None:
            scheme.demarches.add(call)


def load_page(home):
    page = ensure_page(
        home,
        AidFinderPage,
        "quelles-aides",
        title="Quelles aides pour mon projet ?",
        introduction=(
            "Commune, intercommunalité, association : répondez à quatre questions "
            "pour voir les aides ouvertes à votre projet et un exemple de plan de "
            "financement."
        ),
        guidance=(
            "<p>Le pôle des Politiques contractuelles du PETR vous aide à monter votre "
            "dossier et vous oriente vers les partenaires techniques et financiers. "
            "Prenez contact avant de déposer : un projet bien préparé est instruit "
            "plus vite.</p>"
        ),
    )
    add_to_main_menu(page, "Quelles aides ?")
    return page


def load(stdout):
    load_schemes(timezone.localdate())
    link_demarches()
    load_page(get_home())
    stdout.write(
        f"Aides : {AidScheme.objects.count()} dispositifs, page « Quelles aides pour "
        "mon projet ? »."
    )
