"""The moderators' admin reads as French and helps: named columns, a proposal chooser
without hidden proposals, the queue named in its header, an alert on each appeal."""

from django.core import mail
from django.urls import reverse

from participation.models import Appeal

from . import factories


def test_lists_and_filters_are_labelled_in_french(client, moderator, proposal):
    client.force_login(moderator)
    html = client.get(reverse("participation_proposals:index")).content.decode()
    assert "Auteur·rice" in html
    assert "Author name" not in html
    assert "Answer réponse" not in html
    assert "Réponse officielle" in html
    answers = client.get(reverse("participation_answers:index")).content.decode()
    assert "Nouvelle réponse officielle" in answers
    assert "un(e)" not in answers


def test_answer_form_offers_only_answerable_proposals_by_consultation(
    client, moderator, open_consultation, proposal
):
    hidden = factories.hidden_by(
        moderator,
        factories.ProposalFactory(consultation=open_consultation, title="Masquée"),
    )
    client.force_login(moderator)
    html = client.get(reverse("participation_answers:add")).content.decode()
    assert f'<optgroup label="{open_consultation.title}">' in html
    assert proposal.title in html
    assert "Masquée" not in html
    response = client.post(
        reverse("participation_answers:add"),
        {"proposal": hidden.pk, "status": "rejected", "explanation": "Non."},
    )
    assert response.status_code == 200
    assert not hidden.__class__.objects.filter(answer__isnull=False).exists()


def test_queue_header_names_the_queue(client, moderator):
    client.force_login(moderator)
    html = client.get(reverse("participation_moderation:queue")).content.decode()
    header = html[html.index("<header") : html.index("</header>")]
    assert "File de modération" in header


def test_an_appeal_alerts_the_other_moderators(
    proposal, resident, moderator, django_capture_on_commit_callbacks
):
    colleague = factories.moderator()
    factories.hidden_by(moderator, proposal)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):  # sent once it is saved
        appeal = Appeal.file(proposal, resident, "Elle respecte la charte.")
    alerts = [m for m in mail.outbox if "réexamen" in m.subject]
    assert len(alerts) == 1
    assert alerts[0].to == [colleague.email]
    assert "Elle respecte la charte." in alerts[0].body
    assert (
        reverse("participation_moderation:appeal", args=[appeal.pk]) in alerts[0].body
    )
