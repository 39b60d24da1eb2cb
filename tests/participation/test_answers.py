import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse

from accounts.models import Frequency
from participation.models import Answer, Comment, Follow, Support

from . import factories

pytestmark = pytest.mark.django_db


def test_answer_in_the_admin_notifies_author_supporters_followers_once(
    client, proposal, resident, moderator
):
    supporter, follower = factories.UserFactory(), factories.UserFactory()
    eager = factories.UserFactory(notification_frequency=Frequency.IMMEDIATE)
    Follow.objects.create(proposal=proposal, user=eager)
    Support.objects.create(proposal=proposal, user=supporter)
    Follow.objects.create(proposal=proposal, user=follower)
    Follow.objects.create(proposal=proposal, user=supporter)  # supports and follows
    client.force_login(moderator)
    response = client.post(
        reverse("participation_answers:add"),
        {
            "proposal": proposal.pk,
            "status": "accepted",
            "explanation": "Inscrite au PO 2026.",
        },
    )
    assert response.status_code == 302
    answer = Answer.objects.get()
    assert answer.author == moderator
    # who chose "at once" hears of it now, the others in their weekly digest
    assert [message.to for message in mail.outbox] == [[eager.email]]
    assert "Inscrite au PO 2026." in mail.outbox[0].body
    call_command("send_digests")
    recipients = sorted(address for message in mail.outbox for address in message.to)
    assert recipients == sorted(
        [eager.email, resident.email, supporter.email, follower.email]
    )
    assert all("Inscrite au PO 2026." in message.body for message in mail.outbox)
    client.post(
        reverse("participation_answers:edit", args=[answer.pk]),
        {"proposal": proposal.pk, "status": "accepted", "explanation": "Précision."},
    )
    call_command("send_digests")
    assert len(mail.outbox) == 4  # no new e-mail when only the wording changes
    client.post(
        reverse("participation_answers:edit", args=[answer.pk]),
        {"proposal": proposal.pk, "status": "rejected", "explanation": "Finalement."},
    )
    call_command("send_digests")
    assert len(mail.outbox) == 8  # a new status is a new step
    page = client.get(proposal.get_absolute_url()).content.decode()
    assert "Réponse du Grand Quercy" in page and "Finalement." in page


def test_residents_cannot_answer(client, proposal, resident):
    client.force_login(resident)
    response = client.post(
        reverse("participation_answers:add"),
        {"proposal": proposal.pk, "status": "accepted", "explanation": "Moi-même"},
    )
    assert response.status_code in (302, 403)
    assert not Answer.objects.exists()


def test_communication_staff_cannot_answer(client, proposal):
    client.force_login(factories.communication_staff())
    response = client.get(reverse("participation_answers:add"))
    assert response.status_code in (302, 403)


def test_synthesis_once_results_are_published(client, site_root):
    from contrats.models import Commune, Epci

    epci = Epci.objects.create(
        siren="200000002", name="CC Synthèse", is_petr_member=True
    )
    figeac = Commune.objects.create(insee_code="46101", name="Gramat", epci=epci)
    consultation = factories.consultation(site_root, "results")
    people = [factories.UserFactory() for _ in range(3)]
    first = factories.ProposalFactory(
        consultation=consultation, author=people[0], commune=figeac
    )
    second = factories.ProposalFactory(consultation=consultation, author=people[1])
    factories.ProposalFactory(
        consultation=consultation, author=people[2], status="hidden"
    )
    Support.objects.create(proposal=first, user=people[1])
    Comment.objects.create(
        consultation=consultation, proposal=first, author=people[1], body="Oui"
    )
    Answer.objects.create(proposal=first, status="accepted", explanation="Fait.")
    Answer.objects.create(
        proposal=second, status="rejected", explanation="Hors compétence."
    )
    synthesis = consultation.synthesis
    assert (
        synthesis["participants"],
        synthesis["proposals"],
        synthesis["comments"],
        synthesis["supports"],
    ) == (2, 2, 1, 1)
    assert [
        (row["commune__name"], row["total"]) for row in synthesis["by_commune"]
    ] == [
        ("Gramat", 1),
        (None, 1),
    ]
    page = client.get(consultation.url).content.decode()
    assert "Résultats de la consultation" in page
    assert (
        "<svg" in page
        and "<caption>Nombre de propositions par commune</caption>" in page
    )
    assert "Fait." in page and "Hors compétence." in page


def test_no_synthesis_before_results(client, site_root):
    consultation = factories.consultation(site_root, "closed")
    assert (
        "Résultats de la consultation"
        not in client.get(consultation.url).content.decode()
    )


def test_residents_who_took_part_at_their_mairie_count_as_participants(site_root):
    from contrats.models import Commune, Epci
    from participation.models import Proposal

    epci = Epci.objects.create(siren="200000003", name="CC Dépôts", is_petr_member=True)
    gramat = Commune.objects.create(insee_code="46128", name="Gramat", epci=epci)
    consultation = factories.consultation(site_root, "open")
    secretary = factories.UserFactory()

    def deposit(model, name, **fields):
        return model.deposit_at_mairie(
            consultation=consultation,
            mairie=gramat,
            by=secretary,
            resident_name=name,
            channel="paper",
            consented=True,
            **fields,
        )

    proposal = deposit(Proposal, "Jeanne D.", title="Un banc", body="À l’ombre.")
    deposit(Comment, "jeanne d.", proposal=proposal, body="Et une fontaine.")
    deposit(Comment, "Paul", proposal=proposal, body="D’accord.")
    factories.ProposalFactory(consultation=consultation)  # one account
    assert consultation.compute_synthesis()["participants"] == 3
