"""Demo content of the `participation` app: consultations, contributions, the council. Idempotent."""

import datetime

from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.utils import timezone
from wagtail.documents.models import Document

from contrats.models import Commune, ContractPage, Project
from participation.models import (
    Answer,
    AnswerStatus,
    Appeal,
    College,
    Comment,
    ConsultationCategory,
    ConsultationIndexPage,
    ConsultationPage,
    CouncilMeeting,
    CouncilMember,
    CouncilOpinion,
    CouncilPage,
    Proposal,
    ReportReason,
    Stance,
    Status,
    Support,
)

from .cms import DEMO_PASSWORD, add_to_main_menu, get_home
from .participation_content import RESIDENTS, STANCES


def residents():
    User = get_user_model()
    people = []
    for email, name in RESIDENTS.items():
        user, created = User.objects.get_or_create(
            email=email, defaults={"display_name": name}
        )
        if created:
            if settings.DEBUG:
                user.set_password(DEMO_PASSWORD)
            else:
                user.set_unusable_password()
            user.save()
        EmailAddress.objects.update_or_create(
            user=user, email=email, defaults={"verified": True, "primary": True}
        )
        people.append(user)
    return people


def get_index(home):
    index = ConsultationIndexPage.objects.first()
    if index is None:
        index = home.add_child(
            instance=ConsultationIndexPage(
                title="Consultations citoyennes",
                slug="consultations",
                introduction=(
                    "Le Conseil Participatif Citoyen associe les habitant·es au développement "
                    "du territoire : proposez, commentez, soutenez, et suivez les réponses "
                    "du Grand Quercy."
                ),
            )
        )
    return index


def get_consultation(index, slug, **fields):
    consultation = ConsultationPage.objects.filter(slug=slug).first()
    if consultation is None:
        categories = fields.pop("categories")
        consultation = index.add_child(instance=ConsultationPage(slug=slug, **fields))
        for position, name in enumerate(categories):
            ConsultationCategory.objects.create(
                page=consultation, name=name, sort_order=position
            )
        consultation.save_revision().publish()
        consultation.refresh_from_db()
    return consultation


def add_contributions(consultation, people, proposals):
    """Proposals (title, body, category index, commune, supporters, comments, answer)."""
    if consultation.proposals.exists():
        return
    categories = list(consultation.categories.all())
    for number, item in enumerate(proposals):
        author = people[number % len(people)]
        proposal = Proposal.objects.create(
            consultation=consultation,
            author=author,
            title=item["title"],
            easy_read=item.get("easy_read", ""),
            body=item["body"],
            category=categories[item["category"]] if categories else None,
            commune=item.get("commune"),
            latitude=item.get("latitude"),
            longitude=item.get("longitude"),
            created_at=consultation.opens_at + datetime.timedelta(days=number + 1),
        )
        Support.objects.bulk_create(
            Support(proposal=proposal, user=person)
            for person in people[: item.get("supports", 0)]
            if person != author
        )
        # bulk_create sends no signal: the stored counter is set here.
        Proposal.objects.filter(pk=proposal.pk).refresh_counts()
        previous = None
        for offset, text in enumerate(item.get("comments", [])):
            comment = Comment.objects.create(
                consultation=consultation,
                proposal=proposal,
                author=people[(number + offset + 1) % len(people)],
                parent=previous if offset == 1 else None,
                body=text,
                created_at=proposal.created_at + datetime.timedelta(hours=offset + 2),
            )
            previous = comment if offset == 0 else previous
        if "answer" in item:
            Answer.objects.create(
                proposal=proposal,
                status=item["answer"][0],
                explanation=item["answer"][1],
            )


def get_council(index):
    council = CouncilPage.objects.first()
    if council is not None:
        return council
    council = index.add_child(
        instance=CouncilPage(
            title="Le Conseil Participatif Citoyen",
            slug="conseil-participatif-citoyen",
            introduction=(
                "Le Conseil Participatif Citoyen, ou Conseil de Développement, associe les "
                "habitant·es du Grand Quercy au développement du territoire."
            ),
            body=(
                "<p>Il rend des avis sur les contrats que le PETR porte avec l’État, la Région "
                "Occitanie et le Département du Lot, et anime les consultations ouvertes à "
                "toutes et tous.</p>"
            ),
        )
    )
    communes = list(Commune.objects.in_petr().order_by("-population")[:4])
    for position, (name, college) in enumerate(
        [
            ("Marie Delmas", College.RESIDENTS),
            ("Jean-Pierre Lacombe", College.ASSOCIATIONS),
            ("Sophie Bouyssou", College.ECONOMIC),
            ("Karim Benali", College.QUALIFIED),
        ]
    ):
        CouncilMember.objects.create(
            page=council,
            name=name,
            college=college,
            commune=communes[position] if position < len(communes) else None,
            role="Co-président·e" if position == 0 else "",
            sort_order=position,
        )
    minutes = Document(title="Compte rendu de la réunion plénière")
    minutes.file.save(
        "compte-rendu-cpc.txt",
        ContentFile(
            "Compte rendu de la réunion plénière du Conseil Participatif Citoyen.\n"
            "Avis sur la stratégie de mobilités rurales.\n".encode()
        ),
        save=True,
    )
    now = timezone.now()
    CouncilMeeting.objects.create(
        page=council,
        date=now - datetime.timedelta(days=45),
        place="Cahors, salle du PETR",
        agenda="Bilan des consultations ; avis sur le Programme Opérationnel.",
        minutes=minutes,
        sort_order=0,
    )
    CouncilMeeting.objects.create(
        page=council,
        date=now + datetime.timedelta(days=20),
        place="Gourdon, salle des fêtes",
        agenda="Synthèse de la consultation sur les mobilités rurales.",
        sort_order=1,
    )
    CouncilOpinion.objects.create(
        page=council,
        title="Avis sur le Contrat de Relance et de Transition Écologique",
        date=(now - datetime.timedelta(days=40)).date(),
        summary=(
            "Le Conseil salue les 3 orientations stratégiques du CRTE et demande une "
            "attention particulière aux mobilités des personnes sans voiture."
        ),
        document=minutes,
        sort_order=0,
    )
    council.save_revision().publish()
    return council


def add_moderation_examples(consultation, people):
    """Tagged comments, and a hidden one whose author asked for a review."""
    for body, stance in STANCES.items():
        Comment.objects.filter(body=body, stance="").update(stance=stance)
    proposal = consultation.proposals.order_by("created_at").first()
    if proposal is None:
        return
    examples = [
        (
            people[3],
            Stance.AGAINST,
            "Un minibus coûtera cher pour peu de trajets : mieux vaut aider le "
            "covoiturage entre voisins.",
        ),
        (
            people[2],
            Stance.QUESTION,
            "Les personnes en fauteuil pourront-elles monter dans le minibus ?",
        ),
    ]
    for author, stance, body in examples:
        Comment.objects.get_or_create(
            consultation=consultation,
            proposal=proposal,
            body=body,
            defaults={"author": author, "stance": stance},
        )
    hidden, _created = Comment.objects.get_or_create(
        consultation=consultation,
        proposal=proposal,
        body="Achetez vos pneus neige chez nous, livraison gratuite dans tout le Lot !",
        defaults={
            "author": people[1],
            "status": Status.HIDDEN,
            "hidden_reason_code": ReportReason.SPAM,
            "hidden_reason": "Message publicitaire sans rapport avec la consultation.",
        },
    )
    Appeal.objects.get_or_create(
        comment=hidden,
        defaults={
            "author": hidden.author,
            "explanation": "Je voulais seulement signaler qu’il faut équiper le minibus "
            "pour l’hiver.",
        },
    )


# The answered ("Retenue") proposal and the demo project it became (demo/contrats.py).
LINKED_PROPOSAL = "Une maison de santé dans chaque bassin de vie"
LINKED_PROJECT = "cto-11"


def link_demo_project(consultation):
    proposal = consultation.proposals.filter(title=LINKED_PROPOSAL).first()
    project = Project.objects.filter(slug=LINKED_PROJECT).first()
    if proposal is not None and project is not None and proposal.project_id is None:
        proposal.link_project(project)


def load(stdout):
    home = get_home()
    index = get_index(home)
    people = residents()
    now = timezone.now()
    communes = list(Commune.objects.in_petr().order_by("-population")[:6])

    def commune(position):
        return communes[position] if position < len(communes) else None

    crte = ContractPage.objects.filter(title__icontains="CRTE").first()
    mobility = get_consultation(
        index,
        "mobilites-rurales",
        title="Mobilités rurales : comment se déplacer demain dans le Grand Quercy ?",
        summary=(
            "Transport à la demande, covoiturage, vélo, gares : proposez vos idées pour "
            "mieux se déplacer sans dépendre de la voiture individuelle."
        ),
        easy_read=(
            "Vous habitez le Grand Quercy. Vous n’avez pas toujours de voiture. "
            "Comment aller au travail, chez le médecin ou au marché ? "
            "Donnez vos idées. Chaque idée aura une réponse."
        ),
        body=(
            "<p>La mobilité est l’une des priorités partagées du Contrat Territorial Occitanie "
            "(Pacte Vert – Occitanie 2040) et du Contrat de Relance et de Transition "
            "Écologique.</p><p>Vos propositions seront étudiées par le pôle des Politiques "
            "Contractuelles ; chacune recevra une réponse.</p>"
        ),
        theme="Mobilités",
        contract=crte,
        opens_at=now - datetime.timedelta(days=10),
        closes_at=now + datetime.timedelta(days=30),
        answers_promised_by=(now + datetime.timedelta(days=75)).date(),
        categories=[
            "Transport à la demande",
            "Covoiturage",
            "Vélo et marche",
            "Gares et bus",
        ],
    )
    add_contributions(
        mobility,
        people,
        [
            {
                "title": "Un transport à la demande le jour du marché",
                "easy_read": "Un minibus à réserver la veille, le jour du marché.",
                "body": (
                    "Beaucoup de personnes âgées ne conduisent plus. Un minibus réservable la "
                    "veille, le jour du marché, relierait les hameaux au bourg."
                ),
                "category": 0,
                "commune": commune(1),
                "supports": 3,
                "comments": [
                    "Très bonne idée, ma mère serait la première à l’utiliser.",
                    "Oui, et il faudrait pouvoir réserver par téléphone, pas seulement en ligne.",
                ],
            },
            {
                "title": "Des aires de covoiturage éclairées aux ronds-points",
                "body": "Des aires sûres et éclairées près des grands axes, avec un abri.",
                "category": 1,
                "commune": commune(0),
                "supports": 2,
                "comments": ["Celle de la sortie d’autoroute est toujours pleine."],
            },
            {
                "title": "Une voie verte entre les bourgs",
                "body": (
                    "Relier les bourgs voisins par une voie verte sur les anciennes voies "
                    "ferrées : voir https://www.francevelotourisme.com pour des exemples."
                ),
                "category": 2,
                "commune": commune(2),
                "latitude": commune(2).latitude if commune(2) else None,
                "longitude": commune(2).longitude if commune(2) else None,
                "supports": 4,
            },
            {
                "title": "Des horaires de bus calés sur les trains",
                "body": "Les correspondances en gare sont trop souvent manquées de 5 minutes.",
                "category": 3,
                "commune": commune(0),
                "supports": 1,
            },
        ],
    )
    add_moderation_examples(mobility, people)
    for proposal in mobility.proposals.all():
        if proposal.latitude is not None:
            proposal.latitude = round(proposal.latitude, 5)
            proposal.longitude = round(proposal.longitude, 5)
            proposal.save(update_fields=["latitude", "longitude"])

    health = get_consultation(
        index,
        "sante-de-proximite",
        title="Santé de proximité : vos priorités pour le Contrat Local de Santé",
        summary=(
            "Maisons de santé, télémédecine, prévention : vos priorités pour le Contrat "
            "Local de Santé signé avec l’Agence Régionale de Santé."
        ),
        body="<p>Consultation close : découvrez la synthèse et les réponses du Grand Quercy.</p>",
        theme="Santé",
        opens_at=now - datetime.timedelta(days=120),
        closes_at=now - datetime.timedelta(days=60),
        results_published_at=now - datetime.timedelta(days=30),
        answers_promised_by=(now - datetime.timedelta(days=30)).date(),
        categories=["Accès aux soins", "Prévention"],
    )
    add_contributions(
        health,
        people,
        [
            {
                "title": "Une maison de santé dans chaque bassin de vie",
                "body": "Regrouper médecins, infirmières et kinés pour attirer de jeunes praticiens.",
                "category": 0,
                "commune": commune(3),
                "supports": 4,
                "comments": ["Indispensable : le premier médecin est à 25 minutes."],
                "answer": (
                    AnswerStatus.ACCEPTED,
                    "Retenue : deux projets de maisons de santé sont inscrits au Contrat Local de Santé.",
                ),
            },
            {
                "title": "Des consultations de télémédecine en mairie",
                "body": "Un point de téléconsultation accompagné dans les mairies volontaires.",
                "category": 0,
                "commune": commune(4),
                "supports": 2,
                "answer": (
                    AnswerStatus.STUDYING,
                    "À l’étude avec l’Agence Régionale de Santé : une expérimentation est envisagée.",
                ),
            },
            {
                "title": "Un bus de prévention itinérant",
                "body": "Dépistages et ateliers nutrition dans les villages, une fois par mois.",
                "category": 1,
                "commune": commune(5),
                "supports": 1,
                "answer": (
                    AnswerStatus.PARTLY,
                    "Partiellement retenue : des journées de prévention itinérantes auront lieu deux fois par an.",
                ),
            },
            {
                "title": "Un hôpital dans chaque commune",
                "body": "Chaque commune devrait avoir son hôpital.",
                "category": 0,
                "supports": 0,
                "answer": (
                    AnswerStatus.REJECTED,
                    "Non retenue : le Grand Quercy ne finance pas d’hôpitaux ; la proposition "
                    "sur les maisons de santé répond au même besoin.",
                ),
            },
        ],
    )
    shops = get_consultation(
        index,
        "commerces-centre-bourg",
        title="Commerces de centre-bourg : comment les faire vivre ?",
        summary=(
            "Boutiques vacantes, marchés, tiers-lieux : vos idées pour garder des "
            "commerces de proximité dans les bourgs du Grand Quercy."
        ),
        body=(
            "<p>Consultation close. Le Grand Quercy s’était engagé à répondre à chaque "
            "proposition : certaines réponses sont en retard.</p>"
        ),
        theme="Commerce",
        opens_at=now - datetime.timedelta(days=100),
        closes_at=now - datetime.timedelta(days=40),
        answers_promised_by=(now - datetime.timedelta(days=10)).date(),
        categories=["Boutiques", "Marchés"],
    )
    add_contributions(
        shops,
        people,
        [
            {
                "title": "Des loyers aidés pour les boutiques vacantes",
                "body": "Une boutique à l’essai, loyer réduit la première année.",
                "category": 0,
                "commune": commune(0),
                "supports": 3,
                "comments": ["Cela a bien marché dans d’autres bourgs du Lot."],
                "answer": (
                    AnswerStatus.STUDYING,
                    "À l’étude avec les communautés de communes et la chambre de "
                    "commerce.",
                ),
            },
            {
                "title": "Un marché de producteurs en fin de journée",
                "body": "Un marché le vendredi soir, pour celles et ceux qui travaillent.",
                "category": 1,
                "commune": commune(2),
                "supports": 2,
                "comments": [
                    "Oui, avec une buvette !",
                    "Et des animations pour les enfants.",
                ],
            },
            {
                "title": "Un tiers-lieu dans l’ancienne poste",
                "body": "Café associatif, relais colis et point d’accès aux services publics.",
                "category": 0,
                "commune": commune(4),
                "supports": 1,
            },
        ],
    )
    link_demo_project(health)
    get_council(index)
    add_to_main_menu(index)
    stdout.write("Participation : consultations, contributions et Conseil à jour.")
