"""Everyone a proposal concerns hears of each step of what it became, once; residents
who asked for it hear of their commune's consultations and projects."""

from decimal import Decimal

import pytest
from django.core import mail
from django.core.management import call_command

from accounts.models import Frequency, Notice
from contrats.models import Project
from participation.models import Answer, Follow, Support
from participation.notifications import COMMUNE_NEWS, NEW_CONSULTATION, PROGRESS
from tests.contrats.factories import (
    CommuneFactory,
    ProjectFactory,
    make_contract,
    make_note,
    make_po,
)

from . import factories

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def cahors(db):
    return CommuneFactory(insee_code="46042", name="Cahors")


@pytest.fixture
def people(proposal, resident):
    """The author (weekly digest), a supporter (at once) and a follower (weekly)."""
    supporter = factories.UserFactory(notification_frequency=Frequency.IMMEDIATE)
    follower = factories.UserFactory()
    Support.objects.create(proposal=proposal, user=supporter)
    Follow.objects.create(proposal=proposal, user=follower)
    return {"author": resident, "supporter": supporter, "follower": follower}


@pytest.fixture
def project(cahors):
    project = ProjectFactory.build(title="Maison de santé", status="preparation")
    project.communes.set([cahors])
    project.save()
    return project


def sent_to(user):
    return [message for message in mail.outbox if message.to == [user.email]]


def digest_of(user):
    mail.outbox.clear()
    call_command("send_digests")
    messages = sent_to(user)
    assert len(messages) <= 1
    return messages[0].body if messages else ""


def test_each_step_reaches_everyone_once(site_root, proposal, people, project):
    supporter, follower = people["supporter"], people["follower"]
    Answer.objects.create(
        proposal=proposal, status="accepted", explanation="Retenue pour 2027."
    ).notify_followers()
    proposal.link_project(project)
    project.status = Project.Status.ENGAGE
    project.save()
    make_note(project, title="Premier coup de pioche", text="Le chantier commence.")
    cto = make_contract(site_root, kind="CTO", short_name="CTO")
    version = make_po(cto, 2027).draft_version()
    version.add_project(project, Decimal("150000"))
    version.adopt()

    # at once: one e-mail per step, five steps
    subjects = [message.subject for message in sent_to(supporter)]
    assert len(subjects) == 5
    assert any("Retenue" in subject for subject in subjects)
    assert any("est devenue un projet : Maison de santé" in s for s in subjects)
    assert any("avance : Engagé" in subject for subject in subjects)
    assert any("Premier coup de pioche" in subject for subject in subjects)
    assert any("Programme Opérationnel 2027" in subject for subject in subjects)

    # the weekly readers: nothing yet, then one letter with the five steps, in order
    assert sent_to(people["author"]) == [] and sent_to(follower) == []
    body = digest_of(follower)
    steps = [
        "Retenue pour 2027.",
        "est devenue un projet des contrats du territoire",
        "à l’état « Engagé »",
        "Le chantier commence.",
        "la Région y consacre 150",
    ]
    positions = [body.index(step) for step in steps]
    assert positions == sorted(positions)
    assert f"né d’une proposition des habitant·es : « {proposal.title} »" in body
    assert sent_to(supporter) == []  # already told, step by step

    # an avenant re-adopts the project: not a new step; a later edit neither
    mail.outbox.clear()
    avenant = version.po.draft_version()
    avenant.add_project(project, Decimal("180000"))
    avenant.adopt()
    project.save()
    assert mail.outbox == []
    assert digest_of(follower) == ""


def test_two_proposals_becoming_one_project_make_one_email_per_step(
    open_consultation, resident, project
):
    first, second = (
        factories.ProposalFactory(consultation=open_consultation, author=resident)
        for _ in range(2)
    )
    resident.notification_frequency = Frequency.IMMEDIATE
    resident.save()
    first.link_project(project)
    second.link_project(project)
    assert len(sent_to(resident)) == 2  # each proposal's own link is its own step
    mail.outbox.clear()
    make_note(project, title="Travaux terminés")
    assert len(sent_to(resident)) == 1


def test_topics_turned_off_and_unpublished_proposals_tell_nobody(
    proposal, people, project
):
    people["supporter"].set_notification(PROGRESS, False)
    proposal.link_project(project)
    assert sent_to(people["supporter"]) == []
    hidden = factories.ProposalFactory(
        consultation=proposal.consultation, status="hidden"
    )
    Follow.objects.create(proposal=hidden, user=factories.UserFactory())
    type(hidden).objects.filter(pk=hidden.pk).update(project=project)
    make_note(project)
    assert not Notice.objects.filter(user__participation_follows__proposal=hidden)


def test_residents_who_asked_hear_of_their_communes_projects(cahors, proposal):
    elsewhere = CommuneFactory(insee_code="46005", name="Arcambal")
    keen = factories.UserFactory(commune=cahors)
    keen.set_notification(COMMUNE_NEWS, True)
    not_keen = factories.UserFactory(commune=cahors)
    other_commune = factories.UserFactory(commune=elsewhere)
    other_commune.set_notification(COMMUNE_NEWS, True)
    # also follows a proposal that becomes the project: still one notice per step
    Follow.objects.create(proposal=proposal, user=keen)

    project = ProjectFactory.build(title="Halle du marché", status="idee")
    project.communes.set([cahors])
    project.save()
    proposal.link_project(project)
    project.status = Project.Status.ENGAGE
    project.save()
    body = digest_of(keen)
    assert (
        "Un nouveau projet concerne votre commune (Cahors) : « Halle du marché »"
        in (body)
    )
    assert body.count("à l’état « Engagé »") == 1
    told = set(Notice.objects.values_list("user_id", flat=True))
    assert told == {keen.pk, proposal.author_id}  # the author follows their own
    assert not_keen.notices.count() == 0 and other_commune.notices.count() == 0


def test_consultation_openings_for_the_keen_and_the_concerned_communes(
    site_root, cahors
):
    elsewhere = CommuneFactory(insee_code="46005", name="Arcambal")
    keen = factories.UserFactory(notification_frequency=Frequency.IMMEDIATE)
    keen.set_notification(NEW_CONSULTATION, True)
    both = factories.UserFactory(commune=cahors)
    both.set_notifications({NEW_CONSULTATION: True, COMMUNE_NEWS: True})
    neighbour = factories.UserFactory(commune=elsewhere)
    neighbour.set_notification(COMMUNE_NEWS, True)

    about_cahors = factories.consultation(site_root, "open", title="Gare de Cahors")
    about_cahors.communes.set([cahors])
    about_cahors.save_revision().publish()
    assert [message.to for message in mail.outbox] == [[keen.email]]
    assert "Nouvelle consultation : Gare de Cahors" in mail.outbox[0].subject
    assert both.notices.count() == 1  # asked twice, told once
    assert neighbour.notices.count() == 0

    everywhere = factories.consultation(site_root, "open", title="Tout le PETR")
    everywhere.save_revision().publish()
    assert neighbour.notices.get().subject.endswith("Tout le PETR")
