"""Who may enter, read, edit, submit, download and write: every forbidden path is tried."""

import pytest
from django.core import mail
from django.urls import reverse

from mayors.models import Message, Submission

from .factories import PASSWORD, add_attachment, make_complete_draft

pytestmark = pytest.mark.django_db


@pytest.fixture
def dossier_b(call, commune_b, mayor_b, measure):
    submission = make_complete_draft(
        call, commune_b, mayor_b, measure, title="Salle de Bélaye"
    )
    Message.objects.create(
        submission=submission,
        author=mayor_b,
        body="Question de Bélaye",
        from_staff=False,
    )
    return submission


def login(client, user):
    assert client.login(email=user.email, password=PASSWORD)
    return client


def test_anonymous_is_sent_to_login(client):
    response = client.get(reverse("mayors:dashboard"))
    assert response.status_code == 302
    assert reverse("account_login") in response["Location"]


def test_resident_cannot_enter(client, resident):
    login(client, resident)
    assert client.get(reverse("mayors:dashboard")).status_code == 403


def test_staff_without_membership_cannot_enter_the_intranet(client, staff):
    login(client, staff)
    assert client.get(reverse("mayors:dashboard")).status_code == 403


def test_invited_mayor_enters(client, mayor_a, call):
    login(client, mayor_a)
    response = client.get(reverse("mayors:dashboard"))
    assert response.status_code == 200
    assert call.title in response.content.decode()


def test_commune_a_never_reaches_commune_b(client, mayor_a, dossier_b, call, commune_b):
    login(client, mayor_a)
    attachment = dossier_b.attachments.first()
    gets = [
        reverse("mayors:submission_detail", args=[dossier_b.pk]),
        reverse("mayors:submission_edit", args=[dossier_b.pk]),
        reverse("mayors:submission_submit", args=[dossier_b.pk]),
        reverse("mayors:submission_withdraw", args=[dossier_b.pk]),
        reverse("mayors:attachment_download", args=[attachment.pk]),
        reverse("mayors:submission_create", args=[call.pk, commune_b.pk]),
    ]
    for url in gets:
        assert client.get(url).status_code == 404, url
    posts = [
        (reverse("mayors:submission_edit", args=[dossier_b.pk]), {"title": "Piraté"}),
        (reverse("mayors:submission_submit", args=[dossier_b.pk]), {}),
        (reverse("mayors:submission_withdraw", args=[dossier_b.pk]), {}),
        (reverse("mayors:submission_move", args=[dossier_b.pk, "monter"]), {}),
        (reverse("mayors:message_create", args=[dossier_b.pk]), {"body": "Intrusion"}),
        (reverse("mayors:attachment_upload", args=[dossier_b.pk]), {}),
        (reverse("mayors:attachment_delete", args=[dossier_b.pk, attachment.pk]), {}),
        (
            reverse("mayors:submission_create", args=[call.pk, commune_b.pk]),
            {"title": "Intrus"},
        ),
    ]
    for url, data in posts:
        assert client.post(url, data).status_code == 404, url
    dossier_b.refresh_from_db()
    assert dossier_b.title == "Salle de Bélaye"
    assert dossier_b.state == Submission.State.DRAFT
    assert dossier_b.attachments.count() == 1
    assert not Message.objects.filter(body="Intrusion").exists()
    assert not Submission.objects.filter(title="Intrus").exists()
    dashboard = client.get(reverse("mayors:dashboard")).content.decode()
    assert "Salle de Bélaye" not in dashboard
    assert "Question de Bélaye" not in dashboard


def test_resident_and_anonymous_cannot_download(client, resident, dossier_b):
    attachment = dossier_b.attachments.first()
    url = reverse("mayors:attachment_download", args=[attachment.pk])
    assert client.get(url).status_code == 302
    login(client, resident)
    assert client.get(url).status_code == 404


def test_commune_users_and_staff_download_clean_files(
    client, mayor_b, staff, dossier_b
):
    attachment = dossier_b.attachments.first()
    url = reverse("mayors:attachment_download", args=[attachment.pk])
    for user in (mayor_b, staff):
        client.logout()
        login(client, user)
        response = client.get(url)
        assert response.status_code == 200
        assert b"".join(response.streaming_content).startswith(b"%PDF")
        assert response["Content-Disposition"].startswith("attachment")


@pytest.mark.parametrize("status", ["pending", "infected", "error"])
def test_unscanned_or_infected_files_are_never_served(
    client, mayor_b, dossier_b, status
):
    attachment = add_attachment(dossier_b, mayor_b, status=status)
    login(client, mayor_b)
    assert (
        client.get(
            reverse("mayors:attachment_download", args=[attachment.pk])
        ).status_code
        == 403
    )


def test_private_files_live_outside_media_root(client, settings, dossier_b):
    attachment = dossier_b.attachments.first()
    assert not attachment.file.path.startswith(str(settings.MEDIA_ROOT))
    assert client.get(settings.MEDIA_URL + attachment.file.name).status_code == 404


def test_delegate_prepares_but_cannot_submit(
    client, delegate_a, call, commune_a, measure, mayor_a
):
    draft = make_complete_draft(call, commune_a, mayor_a, measure)
    login(client, delegate_a)
    assert (
        client.get(reverse("mayors:submission_edit", args=[draft.pk])).status_code
        == 200
    )
    assert (
        client.get(reverse("mayors:submission_submit", args=[draft.pk])).status_code
        == 403
    )
    assert (
        client.post(reverse("mayors:submission_submit", args=[draft.pk])).status_code
        == 403
    )
    assert (
        client.post(reverse("mayors:submission_withdraw", args=[draft.pk])).status_code
        == 403
    )
    draft.refresh_from_db()
    assert draft.state == Submission.State.DRAFT


def test_designated_adjoint_submits(client, call, commune_a, measure, mayor_a):
    from .factories import OfficialFactory, UserFactory

    adjoint = OfficialFactory(
        commune=commune_a,
        role="adjoint",
        can_submit=True,
        user=UserFactory(email="adjoint@arcambal.fr"),
    ).user
    draft = make_complete_draft(call, commune_a, mayor_a, measure)
    login(client, adjoint)
    response = client.post(reverse("mayors:submission_submit", args=[draft.pk]))
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.state == Submission.State.SUBMITTED


def test_undesignated_adjoint_cannot_submit(client, call, commune_a, measure, mayor_a):
    from .factories import OfficialFactory, UserFactory

    adjoint = OfficialFactory(
        commune=commune_a,
        role="adjoint",
        user=UserFactory(email="adjoint2@arcambal.fr"),
    ).user
    draft = make_complete_draft(call, commune_a, mayor_a, measure)
    login(client, adjoint)
    assert (
        client.post(reverse("mayors:submission_submit", args=[draft.pk])).status_code
        == 403
    )


def test_staff_private_notes_never_reach_the_commune(client, staff, mayor_b, dossier_b):
    mail.outbox.clear()
    login(client, staff)
    message_url = reverse("mayors_submission:message", args=[dossier_b.pk])
    client.post(
        message_url, {"body": "NOTE-INTERNE : budget serré", "is_private_note": "on"}
    )
    client.post(message_url, {"body": "Pouvez-vous préciser le calendrier ?"})
    assert Message.objects.filter(is_private_note=True).count() == 1
    bodies = " ".join(m.body + m.subject for m in mail.outbox)
    assert "NOTE-INTERNE" not in bodies
    assert "Pouvez-vous préciser le calendrier" in bodies
    client.logout()
    login(client, mayor_b)
    page = client.get(
        reverse("mayors:submission_detail", args=[dossier_b.pk])
    ).content.decode()
    assert "NOTE-INTERNE" not in page
    assert "Pouvez-vous préciser le calendrier" in page
    dashboard = client.get(reverse("mayors:dashboard")).content.decode()
    assert "NOTE-INTERNE" not in dashboard
    assert "1 nouveau message" in dashboard


def test_commune_cannot_post_a_private_note(client, mayor_b, dossier_b):
    login(client, mayor_b)
    client.post(
        reverse("mayors:message_create", args=[dossier_b.pk]),
        {"body": "Bonjour", "is_private_note": "on"},
    )
    message = Message.objects.get(body="Bonjour")
    assert not message.is_private_note and not message.from_staff


def test_commune_cannot_reach_the_admin_review(client, mayor_b, dossier_b):
    login(client, mayor_b)
    for url in (
        reverse("mayors_submission:index"),
        reverse("mayors_submission:inspect", args=[dossier_b.pk]),
    ):
        assert client.get(url).status_code in (302, 403)
    response = client.post(
        reverse("mayors_submission:act", args=[dossier_b.pk]),
        {"action": "start_review"},
    )
    assert response.status_code in (302, 403)
    dossier_b.refresh_from_db()
    assert dossier_b.state == Submission.State.DRAFT


def test_epci_referent_reads_but_does_not_draft(
    client, call, commune_a, epci, measure, mayor_a
):
    from .factories import OfficialFactory, UserFactory

    referent = OfficialFactory(
        commune=None,
        epci=epci,
        role="referent_epci",
        user=UserFactory(email="referent@grandcahors.fr"),
    ).user
    draft = make_complete_draft(call, commune_a, mayor_a, measure)
    login(client, referent)
    assert (
        client.get(reverse("mayors:submission_detail", args=[draft.pk])).status_code
        == 200
    )
    assert (
        client.get(reverse("mayors:submission_edit", args=[draft.pk])).status_code
        == 403
    )
    assert (
        client.get(
            reverse("mayors:submission_create", args=[call.pk, commune_a.pk])
        ).status_code
        == 404
    )


def test_mayor_designates_the_adjoint_who_submits(
    client, mayor_a, mayor_b, commune_a, call, measure
):
    from .factories import OfficialFactory, UserFactory

    official = OfficialFactory(
        commune=commune_a,
        role="adjoint",
        user=UserFactory(email="adjointe@arcambal.fr"),
    )
    url = reverse("mayors:designate", args=[official.pk])
    login(client, mayor_b)
    assert client.post(url, {"can_submit": "1"}).status_code == 404
    official.refresh_from_db()
    assert not official.can_submit
    client.logout()
    login(client, mayor_a)
    dashboard = client.get(reverse("mayors:dashboard")).content.decode()
    assert official.user.get_full_name() in dashboard
    assert "Autoriser à déposer" in dashboard
    client.post(url, {"can_submit": "1"})
    official.refresh_from_db()
    assert official.can_submit
    draft = make_complete_draft(call, commune_a, mayor_a, measure)
    client.logout()
    login(client, official.user)
    assert (
        client.post(
            reverse("mayors:designate", args=[official.pk]), {"can_submit": "1"}
        ).status_code
        == 404
    )
    client.post(reverse("mayors:submission_submit", args=[draft.pk]))
    draft.refresh_from_db()
    assert draft.state == Submission.State.SUBMITTED


def test_production_settings_warn_without_a_virus_scanner(settings):
    from mayors.checks import virus_scanner_configured

    settings.MAYORS_VIRUS_SCANNER = None
    settings.SETTINGS_MODULE = "config.settings.production"
    assert [w.id for w in virus_scanner_configured(None)] == ["mayors.W001"]
    settings.MAYORS_VIRUS_SCANNER = {
        "BACKEND": "clamd",
        "SOCKET": "/run/clamav/clamd.ctl",
    }
    assert virus_scanner_configured(None) == []
    settings.MAYORS_VIRUS_SCANNER = None
    settings.SETTINGS_MODULE = "config.settings.dev"
    assert virus_scanner_configured(None) == []
