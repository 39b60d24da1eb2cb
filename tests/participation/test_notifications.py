import pytest
from django.core import mail
from django.core.management import call_command

from accounts.models import Frequency
from participation.notifications import NEW_CONSULTATION

from . import factories

pytestmark = pytest.mark.django_db


def test_new_consultation_only_for_residents_who_opted_in(site_root):
    keen = factories.UserFactory(notification_frequency=Frequency.IMMEDIATE)
    keen.set_notification(NEW_CONSULTATION, True)
    factories.UserFactory()  # default: off
    consultation = factories.consultation(site_root, "open")
    consultation.save_revision().publish()
    assert [message.to for message in mail.outbox] == [[keen.email]]
    assert consultation.title in mail.outbox[0].subject
    consultation.save_revision().publish()
    call_command("announce_consultations")
    assert len(mail.outbox) == 1


def test_upcoming_consultation_is_announced_when_it_opens(site_root):
    keen = factories.UserFactory(notification_frequency=Frequency.IMMEDIATE)
    keen.set_notification(NEW_CONSULTATION, True)
    consultation = factories.consultation(site_root, "upcoming")
    consultation.save_revision().publish()
    assert mail.outbox == []
    type(consultation).objects.filter(pk=consultation.pk).update(
        opens_at=consultation.opens_at - 2 * factories.DAY
    )
    call_command("announce_consultations")
    assert len(mail.outbox) == 1


def test_topic_turned_off_means_no_reply_email(proposal, resident, other_resident):
    from participation.models import Comment
    from participation.notifications import REPLY

    resident.set_notification(REPLY, False)
    parent = Comment.objects.create(
        consultation=proposal.consultation, proposal=proposal, author=resident, body="A"
    )
    reply = Comment.objects.create(
        consultation=proposal.consultation,
        proposal=proposal,
        author=other_resident,
        parent=parent,
        body="B",
    )
    assert reply.notify_reply() is False
    assert mail.outbox == []
