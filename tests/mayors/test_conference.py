"""The Conférence des Maires: convocation, one opinion per commune in a window, results, public page."""

import datetime

import pytest
from django.core import mail
from django.db import IntegrityError
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from mayors.models import ConferencePage, Opinion

from .factories import PASSWORD, OfficialFactory, SessionFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def session():
    now = timezone.now()
    return SessionFactory(
        opinion_opens_at=now - datetime.timedelta(days=1),
        opinion_closes_at=now + datetime.timedelta(days=6),
    )


def test_convocation_goes_to_every_active_mayor(
    session, mayor_a, mayor_b, delegate_a, staff
):
    OfficialFactory(
        role="maire", is_active=False, user=UserFactory(email="ancien@maire.fr")
    )
    mail.outbox.clear()
    client_staff = Client()
    client_staff.login(email=staff.email, password=PASSWORD)
    response = client_staff.post(reverse("mayors_session:convoke", args=[session.pk]))
    assert response.status_code == 302
    recipients = sorted(m.to[0] for m in mail.outbox)
    assert recipients == ["maire@arcambal.fr", "maire@belaye.fr"]
    assert session.title in mail.outbox[0].subject
    assert "Projet de Programme Opérationnel" in mail.outbox[0].body
    session.refresh_from_db()
    assert session.convocation_sent_at


def test_mayor_gives_the_communes_opinion_once(client, session, mayor_a, commune_a):
    client.login(email=mayor_a.email, password=PASSWORD)
    url = reverse("mayors:opinion", args=[session.pk, commune_a.pk])
    assert client.get(url).status_code == 200
    response = client.post(url, {"verdict": "reserves", "comment": ""})
    assert (
        response.status_code == 200
        and "Précisez vos réserves" in response.content.decode()
    )
    client.post(url, {"verdict": "reserves", "comment": "Priorité à la voirie."})
    client.post(url, {"verdict": "favourable", "comment": ""})
    opinion = Opinion.objects.get()
    assert opinion.verdict == "favourable" and opinion.commune == commune_a
    with pytest.raises(IntegrityError):
        Opinion.objects.create(
            session=session, commune=commune_a, verdict="unfavourable"
        )


def test_delegate_cannot_speak_for_the_commune(client, session, delegate_a, commune_a):
    client.login(email=delegate_a.email, password=PASSWORD)
    url = reverse("mayors:opinion", args=[session.pk, commune_a.pk])
    assert client.post(url, {"verdict": "favourable"}).status_code == 403
    assert not Opinion.objects.exists()


def test_other_commune_cannot_vote_for_mine(client, session, mayor_b, commune_a):
    client.login(email=mayor_b.email, password=PASSWORD)
    url = reverse("mayors:opinion", args=[session.pk, commune_a.pk])
    assert client.post(url, {"verdict": "unfavourable"}).status_code == 404
    assert not Opinion.objects.exists()


def test_outside_the_window_nothing_is_recorded(client, session, mayor_a, commune_a):
    session.opinion_closes_at = timezone.now() - datetime.timedelta(minutes=1)
    session.save()
    client.login(email=mayor_a.email, password=PASSWORD)
    response = client.post(
        reverse("mayors:opinion", args=[session.pk, commune_a.pk]),
        {"verdict": "favourable"},
    )
    assert response.status_code == 200
    assert not Opinion.objects.exists()


def test_results_are_aggregated_for_staff(client, session, staff, commune_a, commune_b):
    Opinion.objects.create(session=session, commune=commune_a, verdict="favourable")
    Opinion.objects.create(
        session=session,
        commune=commune_b,
        verdict="unfavourable",
        comment="Trop peu pour le nord",
    )
    assert session.results() == [
        ("Favorable", 1),
        ("Favorable avec réserves", 0),
        ("Défavorable", 1),
    ]
    client.login(email=staff.email, password=PASSWORD)
    page = client.get(
        reverse("mayors_session:inspect", args=[session.pk])
    ).content.decode()
    assert "Trop peu pour le nord" in page and "Défavorable" in page


def test_public_page_shows_past_sessions_and_nothing_private(
    client, site_root, commune_a
):
    past = SessionFactory(
        title="Conférence d’automne",
        starts_at=timezone.now() - datetime.timedelta(days=30),
        minutes="Avis favorable au projet de PO 2027.",
    )
    Opinion.objects.create(
        session=past,
        commune=commune_a,
        verdict="unfavourable",
        comment="COMMENTAIRE-PRIVE",
    )
    SessionFactory(title="Conférence de printemps")
    page = site_root.add_child(
        instance=ConferencePage(
            title="La Conférence des Maires",
            slug="conference-des-maires",
            introduction="Les maires du Grand Quercy.",
        )
    )
    response = client.get(page.url)
    html = response.content.decode()
    assert response.status_code == 200
    assert (
        "Conférence d’automne" in html
        and "Avis favorable au projet de PO 2027." in html
    )
    assert "Conférence de printemps" in html
    assert "COMMENTAIRE-PRIVE" not in html
    assert "Arcambal" not in html


def test_public_page_query_count_does_not_grow(client, site_root, settings, tmp_path):
    from django.core.files.base import ContentFile
    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from wagtail.documents import get_document_model

    from mayors.models import SessionDocument

    settings.PAGE_CACHE_ENABLED = False
    settings.MEDIA_ROOT = tmp_path / "media"
    page = site_root.add_child(
        instance=ConferencePage(title="La Conférence des Maires", slug="conference")
    )
    Document = get_document_model()

    def add_sessions(count):
        for n in range(count):
            session = SessionFactory(
                starts_at=timezone.now() - datetime.timedelta(days=10 + n)
            )
            document = Document(title=f"Relevé {n}")
            document.file.save(f"releve-{n}.pdf", ContentFile(b"%PDF-1.4\n"), save=True)
            SessionDocument.objects.create(
                session=session, title=f"Relevé {n}", document=document
            )

    def count():
        client.get(page.url)  # any save bumps the cms cache generation: warm it again
        with CaptureQueriesContext(connection) as queries:
            assert client.get(page.url).status_code == 200
        return len(queries.captured_queries)

    add_sessions(1)
    small = count()
    add_sessions(6)
    assert count() == small <= 15
