"""The legal pages every French public body's site must publish (demo wording).

Mentions légales: LCEN art. 6 III. Accessibility: art. 47 of loi 2005-102 and décret
2019-768 (RGAA 4.1). Personal data: RGPD art. 13 and 37. Cookies: art. 82 of loi
Informatique et Libertés (strictly necessary cookies need no consent).
"""

from .cms_content import accordion, heading, p, paragraph, ul

ORGANISATION = "PETR Grand Quercy"
# Demo data: a plausible street in Cahors, in the form staff fill in Paramètres (one
# line per line of the address); the PETR's staff replace it with the real one.
ADDRESS = "PETR Grand Quercy\n107 quai Cavaignac\n46000 Cahors"
EMAIL = "contact@grandquercy.fr"
PUBLICATION_DIRECTOR = "Le Président du PETR Grand Quercy"
HOST_NAME = "OVH SAS"
HOST_ADDRESS = "2 rue Kellermann, 59100 Roubaix"
HOST_PHONE = "1007"
DPO_NAME = "Délégué à la protection des données du PETR Grand Quercy"
DPO_EMAIL = "dpo@grandquercy.fr"


def legal_notice():
    return [
        heading("Éditeur du site"),
        paragraph(
            p(
                f"{ORGANISATION} — Pôle d’Équilibre Territorial et Rural, établissement "
                "public regroupant les communautés de communes et d’agglomération du "
                "territoire.",
                f"Adresse : {ADDRESS.replace(chr(10), ', ')}. Courriel : "
                f'<a href="mailto:{EMAIL}">{EMAIL}</a>.',
            )
        ),
        heading("Directeur de la publication"),
        paragraph(
            p(
                f"{PUBLICATION_DIRECTOR}, en sa qualité de représentant légal de "
                "l’établissement."
            )
        ),
        heading("Hébergement"),
        paragraph(p(f"{HOST_NAME}, {HOST_ADDRESS}. Téléphone : {HOST_PHONE}.")),
        heading("Propriété intellectuelle et réutilisation"),
        paragraph(
            p(
                "Les textes de ce site peuvent être réutilisés en citant la source (PETR "
                "Grand Quercy) et la date de mise à jour. Les illustrations du contenu de "
                "démonstration sont des dessins générés pour ce site.",
                "Les données publiques publiées sur ce site (contrats, projets, "
                "financements) sont réutilisables librement.",
            )
        ),
        heading("Accessibilité et données personnelles"),
        paragraph(
            p(
                "Voir la déclaration d’accessibilité et la page « Données personnelles », "
                "accessibles depuis le pied de chaque page."
            )
        ),
    ]


def accessibility_statement(schema_url):
    return [
        paragraph(
            p(
                f"Le {ORGANISATION} s’engage à rendre ses sites internet, intranet et "
                "extranet accessibles conformément à l’article 47 de la loi n° 2005-102 du "
                "11 février 2005.",
                "À cette fin, il met en œuvre la stratégie et les actions décrites dans son "
                f'<a href="{schema_url}">schéma pluriannuel de mise en accessibilité '
                "numérique</a> et ses plans d’actions annuels.",
                "Cette déclaration d’accessibilité s’applique au site du Grand Quercy, à "
                "l’espace de participation citoyenne et à l’espace des élus.",
            )
        ),
        heading("État de conformité"),
        paragraph(
            p(
                "Le site du Grand Quercy est <strong>partiellement conforme</strong> avec le "
                "référentiel général d’amélioration de l’accessibilité (RGAA), version 4.1, "
                "en raison des non-conformités et des dérogations énumérées ci-dessous.",
                "Les pages publiques sont contrôlées automatiquement à chaque évolution du "
                "site (outil axe-core, critères WCAG 2.1 niveaux A et AA) et au clavier ; un "
                "audit complet par un organisme indépendant reste à conduire.",
            )
        ),
        heading("Contenus non accessibles"),
        heading("Non-conformités", "h3"),
        paragraph(
            ul(
                "certains documents PDF anciens (délibérations, contrats signés) ne sont "
                "pas balisés et ne sont pas accessibles aux lecteurs d’écran ;",
                "les cartes des zonages des contrats ne disposent pas encore toutes d’une "
                "alternative textuelle complète (la liste des communes est fournie à côté) ;",
                "certaines images des actualités anciennes n’ont pas de texte alternatif "
                "pertinent.",
            )
        ),
        heading("Dérogations pour charge disproportionnée", "h3"),
        paragraph(p("Aucune.")),
        heading("Contenus non soumis à l’obligation d’accessibilité", "h3"),
        paragraph(
            ul(
                "les documents bureautiques publiés avant le 23 septembre 2018 ;",
                "les contenus de tiers qui ne sont ni financés ni développés par le Grand "
                "Quercy.",
            )
        ),
        heading("Établissement de cette déclaration"),
        paragraph(
            p(
                "Technologies utilisées : HTML5, CSS, JavaScript (amélioration progressive "
                "uniquement : le site fonctionne sans JavaScript).",
                "Environnement de test : Chromium avec axe-core ; navigation au clavier ; "
                "NVDA avec Firefox et VoiceOver avec Safari pour les contrôles manuels.",
            )
        ),
        heading("Retour d’information et contact"),
        paragraph(
            p(
                "Si vous n’arrivez pas à accéder à un contenu ou à un service, vous pouvez "
                "contacter le Grand Quercy pour être orienté vers une alternative accessible "
                "ou obtenir le contenu sous une autre forme :"
            )
            + ul(
                'par le <a href="/contact/">formulaire de contact</a> ;',
                f'par courriel : <a href="mailto:{EMAIL}">{EMAIL}</a> ;',
                f"par courrier : {ADDRESS.replace(chr(10), ', ')}.",
            )
        ),
        heading("Voies de recours"),
        paragraph(
            p(
                "Si vous constatez un défaut d’accessibilité vous empêchant d’accéder à un "
                "contenu ou à une fonctionnalité du site, que vous nous le signalez et que "
                "vous ne parvenez pas à obtenir une réponse de notre part, vous êtes en droit "
                "de faire parvenir vos doléances ou une demande de saisine au Défenseur des "
                "droits :"
            )
            + ul(
                'écrire un message au Défenseur des droits par son <a href="https://formulaire.defenseurdesdroits.fr/">formulaire en ligne</a> ;',
                "contacter le délégué du Défenseur des droits dans votre région ;",
                "envoyer un courrier par la poste (gratuit, ne pas mettre de timbre) : "
                "Défenseur des droits, Libre réponse 71120, 75342 Paris CEDEX 07.",
            )
        ),
    ]


SCHEMA = [
    paragraph(
        p(
            "Ce schéma pluriannuel 2026-2028 décrit la politique du Grand Quercy pour "
            "rendre accessibles ses services de communication en ligne, conformément au "
            "décret n° 2019-768 du 24 juillet 2019."
        )
    ),
    heading("Organisation"),
    paragraph(
        p(
            "Un référent accessibilité numérique est désigné au sein du pôle des moyens "
            "généraux ; l’équipe de communication est formée à la rédaction de contenus "
            "accessibles (titres, textes alternatifs, documents)."
        )
    ),
    heading("Plan d’actions annuel"),
    paragraph(
        ul(
            "audit de conformité RGAA 4.1 par un organisme indépendant ;",
            "mise en accessibilité ou remplacement des documents PDF les plus consultés ;",
            "alternative textuelle pour chaque carte de zonage ;",
            "contrôle automatique de chaque page publiée.",
        )
    ),
]


def personal_data(participation_privacy_url):
    processings = [
        (
            "Formulaire de contact",
            "répondre à vos demandes",
            "mission d’intérêt public (article 6-1-e du RGPD)",
            "1 an après le dernier échange",
        ),
        (
            "Comptes des habitants et contributions",
            "permettre la participation aux consultations du Conseil Participatif Citoyen",
            "consentement (article 6-1-a du RGPD), donné à l’inscription",
            "jusqu’à la suppression du compte, ou 3 ans sans connexion (un courriel "
            "prévient 30 jours avant) ; les contributions publiées restent visibles sous "
            "« Participant·e supprimé·e »",
        ),
        (
            "Intranet des élus et dossiers des collectivités",
            "instruire les dossiers et priorités déposés par les communes",
            "mission d’intérêt public (article 6-1-e du RGPD)",
            "durée du contrat concerné, puis archivage selon les règles des archives "
            "publiques",
        ),
        (
            "Fonds de carte",
            "afficher les cartes (communes, projets, propositions) : votre navigateur "
            "demande les images de la carte au serveur de tuiles de l’IGN, la "
            "Géoplateforme de l’État (data.geopf.fr), qui reçoit alors votre adresse IP "
            "et la zone affichée, comme pour tout site consulté",
            "mission d’intérêt public (article 6-1-e du RGPD)",
            "aucune conservation par le Grand Quercy ; l’IGN applique sa propre "
            "politique de confidentialité",
        ),
    ]
    blocks = [
        paragraph(
            p(
                f"Le {ORGANISATION} est responsable des traitements de données personnelles "
                "réalisés sur ce site. Il ne vend ni ne cède vos données ; elles ne sont "
                "accessibles qu’aux agents habilités du Grand Quercy.",
            )
        ),
        heading("Délégué à la protection des données"),
        paragraph(
            p(
                f"{DPO_NAME} : "
                f'<a href="mailto:{DPO_EMAIL}">{DPO_EMAIL}</a>, ou par courrier à '
                f"l’adresse {ADDRESS.replace(chr(10), ', ')}."
            )
        ),
        heading("Les traitements"),
    ]
    for name, purpose, basis, retention in processings:
        blocks.append(heading(name, "h3"))
        blocks.append(
            paragraph(
                ul(
                    f"Finalité : {purpose}.",
                    f"Base légale : {basis}.",
                    f"Durée de conservation : {retention}.",
                )
            )
        )
    blocks += [
        paragraph(
            p(
                "Le détail propre à la participation citoyenne figure dans la "
                f'<a href="{participation_privacy_url}">politique de confidentialité des '
                "participant·es</a>."
            )
        ),
        heading("Vos droits"),
        paragraph(
            p(
                "Vous disposez d’un droit d’accès, de rectification, d’effacement, de "
                "limitation et d’opposition, ainsi que du droit de retirer votre consentement "
                "à tout moment. Les titulaires d’un compte peuvent télécharger et supprimer "
                "leurs données depuis « Mon compte ». Pour exercer vos droits, écrivez au "
                "délégué à la protection des données.",
                "Si vous estimez que vos droits ne sont pas respectés, vous pouvez adresser "
                'une réclamation à la <a href="https://www.cnil.fr/fr/plaintes">CNIL</a>.',
            )
        ),
    ]
    return blocks


COOKIES = [
    paragraph(
        p(
            "Ce site n’utilise que des cookies strictement nécessaires à son "
            "fonctionnement. Conformément à l’article 82 de la loi Informatique et "
            "Libertés et aux recommandations de la CNIL, ces cookies sont exemptés de "
            "consentement : <strong>c’est pourquoi aucun bandeau de consentement ne vous "
            "est présenté</strong>.",
            "Aucun cookie de mesure d’audience, de publicité ou de réseau social n’est "
            "déposé. Les fonds de carte viennent de la Géoplateforme de l’IGN "
            "(data.geopf.fr), qui ne dépose aucun cookie ; aucun autre contenu tiers "
            "(vidéo, carte hébergée ailleurs) n’est chargé sans action de votre part.",
        )
    ),
    {
        "type": "table",
        "value": {
            "caption": "Cookies déposés par le site",
            "columns": [
                {"type": "text", "heading": "Cookie"},
                {"type": "text", "heading": "Finalité"},
                {"type": "text", "heading": "Durée"},
            ],
            "rows": [
                {
                    "values": [
                        "sessionid",
                        "garder votre connexion ouverte (comptes, espace des élus, administration)",
                        "2 semaines, supprimé à la déconnexion",
                    ]
                },
                {
                    "values": [
                        "csrftoken",
                        "protéger les formulaires contre les envois frauduleux",
                        "1 an",
                    ]
                },
                {
                    "values": [
                        "messages",
                        "afficher un message de confirmation après une action",
                        "le temps de la visite",
                    ]
                },
            ],
        },
    },
    paragraph(
        p(
            "Vous pouvez supprimer ces cookies depuis les réglages de votre navigateur ; "
            "la connexion à votre compte ne sera alors plus conservée.",
            "Si un service soumis à consentement devait être ajouté, un gestionnaire de "
            "consentement serait mis en place avant tout dépôt.",
        )
    ),
]

PARTICIPATION_CHARTER = [
    paragraph(
        p(
            "La plateforme de participation du Grand Quercy permet aux habitants de donner "
            "leur avis, de proposer des idées et de soutenir les propositions des autres "
            "dans le cadre des consultations du Conseil Participatif Citoyen. En créant un "
            "compte, vous acceptez cette charte."
        )
    ),
    heading("Les règles"),
    paragraph(
        ul(
            "restez courtois et respectueux des autres participant·es, des élus et des "
            "agents ;",
            "restez dans le sujet de la consultation ;",
            "ne publiez pas de données personnelles sur d’autres personnes ;",
            "une seule personne par compte : les comptes multiples sont interdits ;",
            "pas de publicité, de prosélytisme ou de propagande électorale.",
        )
    ),
    heading("La modération"),
    paragraph(
        p(
            "Les contributions sont relues par l’équipe de modération du Grand Quercy. Une "
            "contribution peut être masquée pour l’un des motifs suivants, et pour aucun "
            "autre ; le motif et l’explication de l’équipe s’affichent alors à sa place, "
            "et vous sont envoyés par courriel :"
        )
        + ul(
            "Publicité ou contenu indésirable ;",
            "Propos injurieux, haineux ou discriminatoires ;",
            "Contenu illicite ou contraire à l’ordre public ;",
            "Hors sujet ;",
            "Données personnelles d’un tiers ;",
            "Doublon d’une contribution existante.",
        )
        + p(
            "Chacun peut signaler une contribution qui lui semble contraire à la charte, "
            "dans la limite d’un nombre de signalements par jour et par compte. Une "
            "contribution signalée par plusieurs personnes passe en tête de la file de "
            "modération ; elle n’est masquée en attendant l’examen de l’équipe que si les "
            "signalements portent sur de la publicité, des propos injurieux, haineux ou "
            "discriminatoires, ou les données personnelles d’un tiers. Sinon, elle reste "
            "visible jusqu’à la décision de l’équipe.",
            "La première contribution d’un nouveau compte peut être relue avant sa "
            "publication. En cas de manquements répétés, le compte peut être suspendu.",
        )
    ),
    heading("Demander un réexamen"),
    paragraph(
        p(
            "Si votre contribution est masquée, vous pouvez en demander le réexamen, une "
            "seule fois, depuis la contribution elle-même ou depuis « Mon compte », en "
            "expliquant pourquoi elle respecte la charte.",
            "Une autre personne de l’équipe de modération que celle qui l’a masquée "
            "examine votre demande : elle maintient le masquage ou rétablit la "
            "contribution, et vous recevez sa décision par courriel.",
        )
    ),
    heading("La modération en chiffres"),
    paragraph(
        p(
            "Chaque année, le Grand Quercy publie les "
            '<a href="/participation/moderation/">statistiques de modération</a> : '
            "contributions publiées, masquées et leurs motifs, signalements reçus, "
            "demandes de réexamen et leurs suites."
        )
    ),
    heading("Que deviennent vos contributions ?"),
    paragraph(
        p(
            "Les contributions publiées sont prises en compte dans la synthèse de la "
            "consultation, transmise aux élus, et restent consultables publiquement.",
            "Si vous supprimez votre compte, vos données personnelles sont effacées ; vos "
            "contributions publiées sont conservées pour garder le fil des échanges, mais "
            "elles apparaissent désormais sous le nom « Participant·e supprimé·e ».",
        )
    ),
]


def participation_privacy(charter_url):
    return [
        paragraph(
            p(
                "Cette page complète la politique de données personnelles du Grand Quercy "
                "pour la plateforme de participation citoyenne."
            )
        ),
        accordion(
            "Vos données, en questions",
            [
                (
                    "Quelles données sont collectées ?",
                    p(
                        "Votre adresse électronique (obligatoire, vérifiée), le nom public "
                        "que vous choisissez, éventuellement votre commune, et vos "
                        "contributions (propositions, commentaires, soutiens, signalements)."
                    ),
                ),
                (
                    "Qu’est-ce qui est public ?",
                    p(
                        "Seuls votre nom public et vos contributions publiées. Votre adresse "
                        "électronique n’est jamais affichée."
                    ),
                ),
                (
                    "Combien de temps sont-elles conservées ?",
                    p(
                        "Jusqu’à la suppression de votre compte ; un compte sans connexion "
                        "pendant 3 ans est supprimé après un avertissement par courriel. Les "
                        "contributions publiées restent visibles sous « Participant·e "
                        f'supprimé·e », comme l’explique la <a href="{charter_url}">charte de '
                        "participation</a>."
                    ),
                ),
                (
                    "Comment exercer mes droits ?",
                    p(
                        "Depuis « Mon compte », vous pouvez télécharger vos données et "
                        "supprimer votre compte à tout moment. Vous pouvez aussi écrire au "
                        f'délégué à la protection des données : <a href="mailto:{DPO_EMAIL}">'
                        f"{DPO_EMAIL}</a>."
                    ),
                ),
            ],
        ),
    ]


CONTACT_INTRODUCTION = p(
    "Une question sur les contrats du territoire, un projet à accompagner, une remarque sur "
    "le site ? Écrivez-nous : l’équipe du Grand Quercy vous répond."
)

CONTACT_NOTICE = p(
    "Les informations saisies sont utilisées par le PETR Grand Quercy uniquement pour "
    "répondre à votre message (mission d’intérêt public). Elles sont transmises aux seuls "
    "agents chargés de vous répondre et conservées un an après le dernier échange.",
    "Vous pouvez accéder à vos données, les faire rectifier ou effacer, et vous opposer à "
    f'leur traitement en écrivant au délégué à la protection des données : <a href="mailto:{DPO_EMAIL}">'
    f"{DPO_EMAIL}</a>. En cas de difficulté, vous pouvez saisir la CNIL.",
)

CONTACT_THANKS = p(
    "Merci, votre message a bien été envoyé. L’équipe du Grand Quercy vous répondra dans les "
    "meilleurs délais."
)
