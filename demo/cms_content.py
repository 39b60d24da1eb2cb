"""French texts of the demo site, written from the PETR's own presentation of its contracts.

Source: the Grand Quercy's page "Politiques contractuelles" (grandquercy.fr), copied in
../shared/mission/ when the project started; facts are kept as the source states them.
"""


def p(*paragraphs):
    return "".join(f"<p>{text}</p>" for text in paragraphs)


def ul(*items):
    return "<ul>" + "".join(f"<li>{item}</li>" for item in items) + "</ul>"


def paragraph(html):
    return {"type": "paragraph", "value": html}


def heading(text, level="h2"):
    return {"type": "heading", "value": {"text": text, "level": level}}


def accordion(title, items):
    return {
        "type": "accordion",
        "value": {
            "heading": title,
            "items": [{"title": q, "content": a} for q, a in items],
        },
    }


def quote(text, attribution=""):
    return {"type": "quote", "value": {"quote": text, "attribution": attribution}}


def cta(text, label, url):
    return {
        "type": "call_to_action",
        "value": {"text": text, "label": label, "url": url, "page": None},
    }


def table(caption, headings, rows):
    return {
        "type": "table",
        "value": {
            "caption": caption,
            "columns": [{"type": "text", "heading": h} for h in headings],
            "rows": [{"values": list(row)} for row in rows],
        },
    }


def image(image_id, alt, caption=""):
    return {
        "type": "image",
        "value": {
            "image": {"image": image_id, "alt_text": alt, "decorative": False},
            "caption": caption,
            "credit": "",
        },
    }


HOME_INTRODUCTION = (
    "Le Pôle d’Équilibre Territorial et Rural Grand Quercy porte, pour ses communautés de "
    "communes et d’agglomération, les contrats de développement du territoire avec l’État, "
    "la Région Occitanie et le Département du Lot."
)

PRESENTATION = [
    paragraph(
        p(
            "Le Pôle d’Équilibre Territorial et Rural Grand Quercy (Grand Quercy) est le "
            "successeur des « Pays » du territoire : le Pays Bourian et le Pays de Cahors et "
            "du Sud du Lot.",
            "Il a pour compétence d’être, aux lieu et place de ses membres — les communautés "
            "de communes et d’agglomération —, le cadre de contractualisation infrarégionale "
            "et infradépartementale des politiques de développement, d’aménagement et de "
            "solidarité entre les territoires. À ce titre, il porte et met en œuvre "
            "l’ensemble des dispositifs contractuels avec l’État, la Région Occitanie et le "
            "Département du Lot.",
        )
    ),
    heading("Notre projet de territoire"),
    paragraph(
        p(
            "Notre projet marque la volonté du Grand Quercy d’œuvrer à l’émergence d’un "
            "nouveau modèle de développement résilient sur le plan écologique, social, "
            "économique et sanitaire. Il affirme le soutien à l’économie de proximité, "
            "accorde une place majeure à la transition énergétique et à la valorisation du "
            "territoire dans toutes ses aménités et son attractivité.",
            "Notre démarche pose un certain nombre d’enjeux transversaux auxquels le "
            "territoire doit faire face dans les prochaines années :",
        )
        + ul(
            "le lien social et l’attractivité pour accueillir de nouvelles populations ;",
            "la maîtrise foncière et la préservation des ressources au service de la "
            "transition écologique ;",
            "l’appui à la création d’entreprises et à la diversification des filières "
            "économiques.",
        )
    ),
    quote(
        "Le Grand Quercy doit ainsi amorcer un projet ambitieux et durable qui trouvera son "
        "équilibre entre les différentes forces vives du territoire.",
        "Projet de territoire du Grand Quercy",
    ),
]

POLE = [
    paragraph(
        p(
            "Le pôle des Politiques Contractuelles assure la mission d’élaboration et de "
            "gestion opérationnelle des différents contrats proposés par les partenaires du "
            "Grand Quercy.",
            "<strong>M. Serge Bladinières</strong>, 1<sup>er</sup> Vice-Président du Grand "
            "Quercy délégué aux Politiques Contractuelles, est chargé de la mise en œuvre de "
            "cette politique.",
            "Interlocuteur des porteurs de projets : le Directeur des Moyens Généraux et des "
            "Politiques Contractuelles, Habitat et Transition Écologique.",
        )
    ),
    heading("Les contrats en cours"),
    table(
        "Contrats portés par le Grand Quercy",
        ["Contrat", "Partenaire", "Situation"],
        [
            (
                "Contrat de Relance et de Transition Écologique (CRTE)",
                "État",
                "Signé le 17 décembre 2021",
            ),
            (
                "Contrat Territorial Occitanie (CTO) 2022-2028",
                "Région Occitanie",
                "En cours d’élaboration",
            ),
            (
                "Contrats Bourgs-Centres Occitanie",
                "Région Occitanie",
                "Prolongés jusqu’en 2028 par avenants",
            ),
            ("Contrat Local de Santé", "Agence Régionale de Santé", "En cours"),
        ],
    ),
    paragraph(
        p(
            "Sur la précédente génération de contrats avec l’État (Contrat de Ruralité) et "
            "la Région Occitanie, un grand nombre de projets ont été accompagnés et des "
            "financements importants ont été mobilisés pour les porteurs de projets.",
            "Les financements de l’État validés en 2021 dans le CRTE s’élèvent à "
            "<strong>9 717 373 €</strong> sur le Grand Quercy.",
        )
    ),
    heading("Le Contrat Territorial Occitanie 2022-2028"),
    paragraph(
        p(
            "La politique territoriale régionale 2018-2021 est arrivée à son terme ; la "
            "période 2022-2028 débute. Le nouveau Contrat Territorial Occitanie sera un "
            "contrat intégrateur qui fixe des orientations et priorités partagées, issues de "
            "la rencontre entre le projet de territoire et les priorités de la Région (Pacte "
            "Vert – Occitanie 2040 : mobilité, santé, alimentation, justice territoriale…) et "
            "du Département, et comprendra une liste indicative de projets.",
            "Il portera une dimension programmatique renforcée avec un Programme "
            "Opérationnel (PO) prévisionnel annuel, qui pourra être modifié par avenant en "
            "cours d’année. L’affectation d’une subvention de la Région à un projet sera "
            "subordonnée à son inscription dans un Programme Opérationnel.",
        )
    ),
]

GOVERNANCE = [
    paragraph(
        p(
            "Les représentants de l’État et le PETR Grand Quercy mettent en place une "
            "gouvernance conjointe pour assurer la mise en œuvre, le suivi et l’évaluation "
            "du CRTE. Cette gouvernance s’articule, selon leurs domaines de compétences "
            "respectifs, avec le Comité Stratégique du Plan de Relance et le Comité Local de "
            "Cohésion des Territoires (CLCT).",
        )
    ),
    heading("Le comité de pilotage"),
    paragraph(
        p(
            "Un comité de pilotage est mis en place, sous la coprésidence du Préfet de "
            "Département et du Président du PETR Grand Quercy. Il se réunit au minimum une "
            "fois par an. Le composent les représentants des institutions signataires et "
            "cosignataires du contrat-cadre :"
        )
        + ul(
            "le Président du PETR Grand Quercy et le Préfet du Lot ;",
            "le Président du Conseil Départemental du Lot ;",
            "la Présidente du Parc naturel régional des Causses du Quercy (PNR) ;",
            "les Présidents des communautés de communes et d’agglomération ;",
            "la Directrice Régionale de l’ADEME ou son représentant ;",
            "le cas échéant, des représentants des structures dont la participation est de "
            "nature à favoriser l’élaboration du CRTE et le déploiement territorialisé du "
            "Plan de Relance.",
        )
    ),
    accordion(
        "Questions fréquentes",
        [
            (
                "Quel est le rôle du Préfet ?",
                p(
                    "Le Préfet de Département, Délégué Territorial de l’Agence Nationale de "
                    "la Cohésion des Territoires, est responsable, au nom de l’État, de la "
                    "préparation et du suivi du CRTE. Il en facilite la bonne exécution et "
                    "assure la relation avec le Préfet de Région et les services régionaux "
                    "de l’État compétents."
                ),
            ),
            (
                "Comment le projet de territoire est-il organisé ?",
                p(
                    "Le projet de territoire du Grand Quercy se décline en 3 orientations "
                    "stratégiques, 7 axes opérationnels et 21 mesures. Ces axes et ces "
                    "mesures n’ont pas de hiérarchie ou de temporalité différentes et "
                    "doivent être travaillés simultanément."
                ),
            ),
            (
                "Où sont publiées les réunions du comité de pilotage ?",
                p(
                    "Les réunions du comité de pilotage sont annoncées dans l’agenda du site."
                ),
            ),
        ],
    ),
]

PROJECT_HOLDERS = [
    paragraph(
        p(
            "L’animation, la coordination et la gestion du programme sont assurées par le "
            "pôle des Politiques Contractuelles. Il apporte aux porteurs de projets :"
        )
        + ul(
            "un appui technique à la réflexion pour la construction de leur projet ;",
            "une aide au montage du dossier ;",
            "une orientation vers les partenaires techniques et financiers potentiels.",
        )
    ),
    accordion(
        "Bon à savoir",
        [
            (
                "Mon projet peut-il recevoir une subvention de la Région ?",
                p(
                    "L’affectation d’une subvention de la Région à un projet territorial "
                    "est subordonnée à son inscription dans un Programme Opérationnel "
                    "annuel du Contrat Territorial Occitanie."
                ),
            ),
            (
                "Les communes peuvent-elles candidater aux Contrats Bourgs-Centres ?",
                p(
                    "La Région prolonge les Contrats Bourgs-Centres Occitanie jusqu’en 2028 "
                    "par voie d’avenants, en actualisant le projet de la commune si "
                    "nécessaire. Il est également possible de déposer de nouvelles "
                    "candidatures."
                ),
            ),
        ],
    ),
    cta(
        "Une question sur votre projet ? L’équipe du pôle vous répond.",
        "Contacter le pôle des Politiques Contractuelles",
        "/contact/",
    ),
]

INTRANET = [
    paragraph(
        p(
            "Le Grand Quercy ouvre son intranet pour permettre à ses collectivités "
            "territoriales de déposer leurs dossiers en ligne.",
            "Les maires et leurs délégués y soumettent les priorités de leur commune lors "
            "des appels à projets des Programmes Opérationnels, suivent l’instruction de "
            "leurs dossiers et échangent avec l’équipe du pôle des Politiques "
            "Contractuelles. Les maires sont associés à l’élaboration du Contrat Territorial "
            "Occitanie et des Programmes Opérationnels annuels au travers de leur Conférence "
            "des Maires.",
        )
    ),
    cta(
        "L’accès est réservé aux élus et aux agents des collectivités, sur invitation.",
        "Accéder à l’espace des élus",
        "/espace-elus/",
    ),
]

NEWS = [
    {
        "slug": "signature-du-crte",
        "title": "Le Grand Quercy signe son Contrat de Relance et de Transition Écologique",
        "date": (2021, 12, 17),
        "category": "Contrats",
        "tags": ["CRTE", "État"],
        "summary": (
            "Le 17 décembre 2021, le PETR Grand Quercy a signé son CRTE avec le Préfet du "
            "Lot, à la Préfecture de Cahors."
        ),
        "body": [
            paragraph(
                p(
                    "Le Contrat de Relance et de Transition Écologique (CRTE) du Grand Quercy "
                    "a été signé le 17 décembre 2021 avec le Préfet du Lot, à la Préfecture "
                    "de Cahors, en présence des partenaires du contrat : le Département du "
                    "Lot, le Parc naturel régional des Causses du Quercy, la Banque des "
                    "Territoires, l’ADEME et l’Agence de l’Eau Adour-Garonne.",
                    "Le projet de territoire se décline en 3 orientations stratégiques, "
                    "7 axes opérationnels et 21 mesures : l’ossature d’un programme "
                    "d’actions qui répond aux enjeux stratégiques transversaux du territoire.",
                )
            ),
        ],
        "image": "signature",
    },
    {
        "slug": "crte-financements-etat-2021",
        "title": "CRTE : 9 717 373 € de financements de l’État validés en 2021",
        "date": (2022, 1, 20),
        "category": "Contrats",
        "tags": ["CRTE", "financements"],
        "summary": (
            "Les financements de l’État validés en 2021 dans le cadre du CRTE s’élèvent à "
            "9 717 373 € sur le Grand Quercy."
        ),
        "body": [
            paragraph(
                p(
                    "Les financements de l’État validés en 2021 dans le Contrat de Relance et "
                    "de Transition Écologique s’élèvent à <strong>9 717 373 €</strong> sur le "
                    "Grand Quercy.",
                    "Ces financements accompagnent les projets des communes et des "
                    "intercommunalités inscrits dans les axes opérationnels du contrat.",
                )
            ),
        ],
        "image": "vallee",
    },
    {
        "slug": "contrat-territorial-occitanie-2022-2028",
        "title": "Contrat Territorial Occitanie 2022-2028 : le Grand Quercy engage son élaboration",
        "date": (2022, 3, 15),
        "category": "Contrats",
        "tags": ["CTO", "Région Occitanie"],
        "summary": (
            "La Région propose une nouvelle génération de Contrats Territoriaux Occitanie "
            "2022-2028 : le Grand Quercy s’appuie sur le travail mené pour le CRTE."
        ),
        "body": [
            paragraph(
                p(
                    "La politique territoriale régionale 2018-2021 est arrivée à son terme. "
                    "Le Conseil Régional propose l’élaboration d’une nouvelle génération de "
                    "Contrats Territoriaux Occitanie 2022-2028 avec les territoires de projet.",
                    "Le Grand Quercy est prêt à engager l’élaboration de son CTO en cohérence "
                    "avec le travail mené pour le CRTE. Les maires y seront associés au "
                    "travers de leur Conférence des Maires, et la participation citoyenne "
                    "sera renforcée avec le Conseil Participatif Citoyen.",
                )
            ),
        ],
        "image": "causse",
    },
    {
        "slug": "ouverture-intranet-collectivites",
        "title": "Les collectivités déposent désormais leurs dossiers en ligne",
        "date": None,
        "category": "Services aux collectivités",
        "tags": ["intranet", "Programme Opérationnel"],
        "summary": (
            "L’intranet du Grand Quercy ouvre : les communes et intercommunalités peuvent "
            "déposer et suivre leurs dossiers en ligne."
        ),
        "body": [
            paragraph(
                p(
                    "Annoncé dans la présentation des politiques contractuelles, l’intranet "
                    "du Grand Quercy est ouvert : les collectivités territoriales du "
                    "territoire y déposent leurs dossiers en ligne.",
                    "Chaque maire, ou son délégué, reçoit une invitation personnelle pour "
                    "accéder à l’espace des élus.",
                )
            ),
            cta("", "Découvrir l’espace des élus", "/espace-elus/"),
        ],
        "image": None,
    },
    {
        "slug": "contrat-local-de-sante",
        "title": "Santé : le Contrat Local de Santé du Grand Quercy",
        "date": (2022, 5, 10),
        "category": "Vie du territoire",
        "tags": ["santé"],
        "summary": (
            "Au travers de son pôle des Politiques Contractuelles, le Grand Quercy gère un "
            "Contrat Local de Santé en partenariat avec l’Agence Régionale de Santé."
        ),
        "body": [
            paragraph(
                p(
                    "Le Grand Quercy gère, au travers du pôle des Politiques Contractuelles, "
                    "un Contrat Local de Santé en partenariat avec l’Agence Régionale de "
                    "Santé."
                )
            ),
        ],
        "image": None,
    },
]

EVENTS = [
    {
        "slug": "conseil-participatif-citoyen-pleniere",
        "title": "Séance plénière du Conseil Participatif Citoyen",
        "days": 12,
        "hour": 18,
        "duration": 2,
        "place": "Salle des fêtes, Cahors",
        "organiser": "conseil_participatif",
        "summary": (
            "Les membres du Conseil Participatif Citoyen se réunissent pour associer les "
            "habitants au développement du territoire. Séance ouverte au public."
        ),
    },
    {
        "slug": "comite-de-pilotage-crte",
        "title": "Comité de pilotage du CRTE",
        "days": 21,
        "hour": 10,
        "duration": 2,
        "place": "Préfecture du Lot, Cahors",
        "organiser": "copil_crte",
        "summary": (
            "Réunion annuelle du comité de pilotage du CRTE, coprésidé par le Préfet du Lot "
            "et le Président du PETR Grand Quercy : suivi et évaluation du contrat."
        ),
    },
    {
        "slug": "conference-des-maires",
        "title": "Conférence des Maires : préparation du Programme Opérationnel",
        "days": 35,
        "hour": 17,
        "duration": 3,
        "place": "Espace Valentré, Cahors",
        "organiser": "conference_maires",
        "summary": (
            "Les maires du Grand Quercy sont associés à l’élaboration du Programme "
            "Opérationnel annuel du Contrat Territorial Occitanie."
        ),
    },
    {
        "slug": "comite-de-pilotage-crte-bilan",
        "title": "Comité de pilotage du CRTE : bilan annuel",
        "days": -60,
        "hour": 10,
        "duration": 2,
        "place": "Préfecture du Lot, Cahors",
        "organiser": "copil_crte",
        "summary": "Bilan annuel de la mise en œuvre du CRTE.",
    },
]

# The demo's drawings: title, alternative text, (ground, sky) colours.
IMAGES = {
    "signature": (
        "Illustration : signature d’un contrat",
        "Dessin : une plume et un document signé sur un bureau",
        ((107, 45, 60), (245, 242, 238)),
    ),
    "vallee": (
        "Illustration : la vallée du Lot",
        "Dessin : une rivière serpentant entre des collines boisées",
        ((47, 93, 58), (214, 230, 240)),
    ),
    "causse": (
        "Illustration : les causses du Quercy",
        "Dessin : un plateau calcaire sous un ciel clair",
        ((138, 109, 0), (230, 238, 246)),
    ),
}
