"""The mayor's dashboard: what each row says, for a commune and for an EPCI."""

import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from mayors.models import Message, Submission

from .factories import PASSWORD, OfficialFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def real_render(settings):
    settings.PAGE_CACHE_ENABLED = False


def dashboard(client, user):
    if client.session.get("_auth_user_id") != str(user.pk):
        client.login(email=user.email, password=PASSWORD)  # a login is a write
    return client.get(reverse("mayors:dashboard")).content.decode()


def row(page, submission):
    match = re.search(rf'<tr id="priorite-{submission.pk}">(.*?)</tr>', page, re.S)
    assert match, f"no row for {submission}"
    return match.group(1)


def say(submission, minutes, *, staff, private=False, author=None):
    message = Message.objects.create(
        submission=submission,
        author=author,
        body="…",
        from_staff=staff,
        is_private_note=private,
    )
    # created_at is set on creation: place the message in time explicitly.
    Message.objects.filter(pk=message.pk).update(
        created_at=timezone.now() - datetime.timedelta(minutes=60 - minutes)
    )


def test_new_staff_messages_are_those_after_the_communes_last_word(
    client, call, commune_a, mayor_a
):
    quiet, answered, pending = (
        Submission.create_draft(call=call, commune=commune_a, by=mayor_a, title=title)
        for title in ("Calme", "Répondu", "En attente")
    )
    say(quiet, 1, staff=True, private=True)  # a private note is never counted
    say(answered, 1, staff=True)
    say(answered, 2, staff=False, author=mayor_a)
    say(pending, 1, staff=True)
    say(pending, 2, staff=False, author=mayor_a)
    say(pending, 3, staff=True)
    say(pending, 4, staff=True)
    say(pending, 5, staff=True, private=True)
    page = dashboard(client, mayor_a)
    assert "nouveau" not in row(page, quiet)
    assert "nouveau" not in row(page, answered)
    assert "2 nouveaux" in row(page, pending)
    assert "2 nouveaux messages de l’équipe du PETR" in page


def test_rows_link_to_their_dossier_and_offer_reordering_while_editable(
    client, call, commune_a, mayor_a
):
    first = Submission.create_draft(call=call, commune=commune_a, by=mayor_a, title="A")
    page = dashboard(client, mayor_a)
    cells = row(page, first)
    assert reverse("mayors:submission_detail", args=[first.pk]) in cells
    assert "Brouillon" in cells
    assert reverse("mayors:submission_move", args=[first.pk, "monter"]) in cells
    assert reverse("mayors:submission_move", args=[first.pk, "descendre"]) in cells
    type(call).objects.filter(pk=call.pk).update(
        closes_at=timezone.now() - datetime.timedelta(minutes=1)
    )
    cells = row(dashboard(client, mayor_a), first)
    assert "Brouillon" in cells and "Monter" not in cells


def test_epci_referent_sees_the_communes_of_the_epci_without_reordering(
    client, call, commune_a, commune_b, epci, mayor_a, mayor_b
):
    referent = OfficialFactory(
        commune=None,
        epci=epci,
        role="referent_epci",
        user=UserFactory(email="referent@grandcahors.fr"),
    ).user
    mine = Submission.create_draft(call=call, commune=commune_a, by=mayor_a, title="A")
    other = Submission.create_draft(
        call=call, commune=commune_b, by=mayor_b, title="Ailleurs"
    )
    page = dashboard(client, referent)
    assert "Monter" not in row(page, mine)
    assert f'id="priorite-{other.pk}"' not in page
    assert epci.name in page  # the membership in the intranet navigation


def test_the_count_is_written_for_the_tables_the_models_use():
    # The unread count is one SQL statement (see mayors.views.base.NEW_STAFF_MESSAGES_SQL).
    assert Message._meta.db_table == "mayors_message"
    assert Submission._meta.db_table == "mayors_submission"


def test_calls_and_sessions_kept_per_generation_show_every_change(
    client, call, commune_a, mayor_a
):
    from mayors.models import DeadlineExtension

    from .factories import SessionFactory

    page = dashboard(client, mayor_a)
    assert call.title in page and "Aucune séance n’est programmée." in page
    assert "dans 2\xa0semaines" in page
    with CaptureQueriesContext(connection) as queries:
        dashboard(client, mayor_a)
    read = " ".join(q["sql"] for q in queries.captured_queries)
    # Kept for this generation: neither the calls nor the sessions are read again.
    assert 'FROM "mayors_callforpriorities"' not in read
    assert "mayors_conferencesession" not in read
    type(call).objects.filter(pk=call.pk).update(title="Appel renommé")
    SessionFactory(title="Séance d’automne")
    page = dashboard(client, mayor_a)
    assert "Appel renommé" in page and "Séance d’automne" in page
    # A commune's extension moves its deadline at once.
    DeadlineExtension.objects.create(
        call=call,
        commune=commune_a,
        closes_at=call.closes_at + datetime.timedelta(days=30),
    )
    assert "dans 1\xa0mois" in dashboard(client, mayor_a)


def test_the_current_time_applies_to_what_is_kept(
    client, call, commune_a, mayor_a, time_machine
):
    from .factories import SessionFactory

    now = timezone.now()
    time_machine.move_to(now, tick=False)
    SessionFactory(
        title="Séance imminente",
        starts_at=now + datetime.timedelta(hours=1),
        opinion_opens_at=now - datetime.timedelta(days=1),
        opinion_closes_at=now + datetime.timedelta(hours=2),
    )
    page = dashboard(client, mayor_a)
    assert "Prochaine séance : Séance imminente" in page
    assert "L’avis des maires" in page
    time_machine.move_to(now + datetime.timedelta(hours=3), tick=False)
    page = dashboard(client, mayor_a)
    assert "Séance imminente" not in page
    assert "Aucune séance n’est programmée." in page
    time_machine.move_to(call.closes_at + datetime.timedelta(minutes=1), tick=False)
    page = dashboard(client, mayor_a)
    assert "Aucun appel à priorités n’est ouvert en ce moment." in page
