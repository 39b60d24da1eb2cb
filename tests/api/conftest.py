"""A small public data set, with what must never appear in the API next to it."""

import datetime
from decimal import Decimal

import pytest
from django.core.cache import cache

from cms.roles import POLITIQUES_CONTRACTUELLES
from participation.models import Answer, AnswerStatus, Comment, Status, Support
from tests.contrats.factories import (
    CommuneFactory,
    EpciFactory,
    FinancingLineFactory,
    ProjectFactory,
    make_contract,
    make_note,
)
from tests.participation import factories


@pytest.fixture(autouse=True)
def _clear_cache():
    """Throttle counters and cached responses must not leak from one test to the next."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def data(site_root):
    """Two communes, an open consultation and a draft one, proposals in every state,
    an answer, comments, supports, and a project with its financing and measures."""
    epci = EpciFactory(siren="200023737", name="Grand Cahors", nature="CA")
    cahors = CommuneFactory(insee_code="46042", name="Cahors", epci=epci)
    pradines = CommuneFactory(insee_code="46224", name="Pradines", epci=epci)
    outside = CommuneFactory(
        insee_code="46102",
        name="Figeac",
        epci=EpciFactory(siren="200067361", name="Grand-Figeac", is_petr_member=False),
    )
    consultation = factories.consultation(
        site_root,
        "open",
        categories=["Vélo", "Bus"],
        title="Mobilités du quotidien",
        theme="Mobilités",
    )
    consultation.communes.set([cahors, pradines])
    consultation.save()
    draft = factories.consultation(site_root, "open", title="Consultation brouillon")
    draft.unpublish()

    author = factories.UserFactory(
        email="secret.author@example.test", display_name="Nom Très Privé"
    )
    supporter = factories.UserFactory(
        email="secret.supporter@example.test", display_name="Soutien Privé"
    )
    category = consultation.categories.get(name="Vélo")
    answered = factories.ProposalFactory(
        consultation=consultation,
        author=author,
        title="Une piste cyclable vers la gare",
        body="Relier Pradines à la gare de Cahors.",
        category=category,
        commune=pradines,
    )
    Answer.objects.create(
        proposal=answered,
        status=AnswerStatus.ACCEPTED,
        explanation="Inscrite au programme 2027.",
        author=factories.moderator(email="secret.moderator@example.test"),
    )
    Support.objects.create(proposal=answered, user=supporter)
    Comment.objects.create(
        consultation=consultation,
        proposal=answered,
        author=supporter,
        body="Bonne idée.",
    )
    Comment.objects.create(
        consultation=consultation, author=supporter, body="Sur la consultation."
    )
    plain = factories.ProposalFactory(
        consultation=consultation,
        author=author,
        title="Des bus le dimanche",
        body="Au moins deux allers-retours.",
    )
    pending = factories.ProposalFactory(
        consultation=consultation,
        author=author,
        title="Proposition en attente",
        status=Status.PENDING,
    )
    hidden = factories.ProposalFactory(
        consultation=consultation,
        author=author,
        title="Proposition masquée",
        status=Status.HIDDEN,
    )
    Answer.objects.create(
        proposal=hidden, status=AnswerStatus.REJECTED, explanation="Réponse cachée."
    )
    in_draft = factories.ProposalFactory(
        consultation=draft, author=author, title="Proposition d’un brouillon"
    )

    crte = make_contract(site_root, tree=(1, 1, 2))
    measure = crte.orientations.get().axes.get().measures.order_by("number").last()
    project = ProjectFactory(
        title="Voie verte Cahors–Pradines",
        measures=[measure],
        communes=[cahors, pradines],
        total_cost=Decimal("250000"),
        start_year=2025,
        end_year=2027,
    )
    FinancingLineFactory(project=project, amount=Decimal("100000.50"), year=2025)
    FinancingLineFactory(
        project=project,
        funder="departement",
        programme="",
        amount=Decimal("20000"),
        year=2026,
        status="sollicite",
    )
    other_project = ProjectFactory(
        title="Aire de covoiturage", location="", start_year=2024, status="realise"
    )
    # What the answered proposal became, and how that project moves on.
    answered.link_project(project)
    project.status = "realise"
    project.status_changed_by = factories.staff_user(
        POLITIQUES_CONTRACTUELLES,
        email="secret.staff@example.test",
        display_name="Agent Très Privé",
    )
    project.save()
    project.status = "engage"
    project.save()
    make_note(
        project,
        title="Premier tronçon ouvert",
        text="Entre Pradines et le pont Valentré.",
        date=datetime.date(2025, 6, 2),
        author=project.status_changed_by,
    )
    return {
        "consultation": consultation,
        "draft": draft,
        "answered": answered,
        "plain": plain,
        "pending": pending,
        "hidden": hidden,
        "in_draft": in_draft,
        "author": author,
        "supporter": supporter,
        "project": project,
        "other_project": other_project,
        "communes": [cahors, pradines, outside],
        "crte": crte,
    }
