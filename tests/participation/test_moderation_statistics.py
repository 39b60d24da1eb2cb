"""The public yearly moderation statistics, from real data."""

import datetime
import re

import pytest
import time_machine
from django.core.cache import cache
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from participation.models import Appeal, Status

from . import factories

pytestmark = pytest.mark.django_db


def this_year():
    return timezone.localdate().year


def url(year=None):
    return reverse("participation:moderation_statistics", args=[year or this_year()])


def moment(year, month=6):
    return timezone.make_aware(datetime.datetime(year, month, 15, 12))


def build(site_root, n=1):
    """``n`` times: this year, 4 proposals published, 1 pending, 2 hidden (one by a
    moderator for "off topic", one by spam reports), 1 restored after an appeal and
    1 kept hidden after one, an official one (not counted); 3 comments published,
    1 hidden for offensive words and appealed, 1 deleted by its author (not
    counted); the year before, a proposal with a report and a comment."""
    year = this_year()
    consultation = factories.consultation(site_root, "open")
    moderator_a, moderator_b = factories.moderator(), factories.moderator()

    def proposal(**fields):
        return factories.ProposalFactory(
            consultation=consultation, created_at=moment(year), **fields
        )

    for _ in range(n):
        for _ in range(4):
            proposal()
        proposal(status=Status.PENDING)
        factories.hidden_by(moderator_a, proposal(), "off_topic")
        reported = proposal()
        for _ in range(3):
            reported.report(factories.UserFactory(), "spam")  # 3 reports, hidden
        restored = factories.hidden_by(moderator_a, proposal(), "duplicate")
        Appeal.file(restored, restored.author, "Ce n’est pas un doublon.").decide(
            moderator_b, "overturned", "En effet."
        )
        kept = factories.hidden_by(moderator_a, proposal(), "duplicate")
        Appeal.file(kept, kept.author, "Je conteste.").decide(
            moderator_b, "upheld", "Doublon confirmé."
        )
        official = proposal(is_official=True)
        for _ in range(3):
            factories.CommentFactory(
                consultation=consultation, proposal=official, created_at=moment(year)
            )
        offensive = factories.CommentFactory(
            consultation=consultation, created_at=moment(year)
        )
        factories.hidden_by(moderator_a, offensive, "offensive")
        Appeal.file(offensive, offensive.author, "Je n’ai insulté personne.")
        factories.CommentFactory(
            consultation=consultation,
            created_at=moment(year),
            deleted_at=timezone.now(),
        )
        # The year before.
        old = factories.ProposalFactory(
            consultation=consultation, created_at=moment(year - 1)
        )
        old.reports.create(
            reporter=factories.UserFactory(),
            reason="other",
            created_at=moment(year - 1),
        )
        factories.CommentFactory(consultation=consultation, created_at=moment(year - 1))
    return consultation


def cells(page, label):
    """The numbers of the table row headed ``label``."""
    row = re.search(rf'<th scope="row">{re.escape(label)}</th>(.*?)</tr>', page)
    assert row, label
    return [int(value) for value in re.findall(r">(\d+)</td>", row.group(1))]


@pytest.mark.parametrize("n", [1, 3])
def test_figures_from_real_data(client, site_root, charter, n):
    build(site_root, n)
    page = client.get(url()).content.decode()
    # Déposées, publiées, masquées, en attente.
    assert cells(page, "Propositions") == [9 * n, 5 * n, 3 * n, n]
    assert cells(page, "Commentaires") == [4 * n, 3 * n, n, 0]
    assert cells(page, "Total") == [13 * n, 8 * n, 4 * n, n]
    # Masquées par motif: propositions, commentaires, total.
    assert cells(page, "Hors sujet") == [n, 0, n]
    assert cells(page, "Publicité ou contenu indésirable") == [n, 0, n]
    assert cells(page, "Doublon d’une contribution existante") == [n, 0, n]
    assert cells(page, "Propos injurieux, haineux ou discriminatoires") == [0, n, n]
    assert cells(page, "Données personnelles d’un tiers") == [0, 0, 0]
    assert "Motif non précisé" not in page
    assert f"{4 * n} contributions de {this_year()} masquées" in page
    assert cells(page, "Signalements reçus") == [3 * n]
    assert cells(page, "Demandes de réexamen") == [3 * n]
    assert cells(page, "dont masquage maintenu") == [n]
    assert cells(page, "dont contribution rétablie") == [n]
    assert cells(page, "dont en attente de décision") == [n]
    # The year before, apart; the year selector links both; the charter.
    assert f'href="{url(this_year() - 1)}"' in page
    assert f'href="{url()}" aria-current="page"' in page
    assert f'href="{charter.url}"' in page
    before = client.get(url(this_year() - 1)).content.decode()
    assert cells(before, "Propositions") == [n, n, 0, 0]
    assert cells(before, "Signalements reçus") == [n]


def test_hidden_before_the_charter_list_are_counted_apart(client, site_root):
    consultation = factories.consultation(site_root, "open")
    factories.ProposalFactory(
        consultation=consultation, status=Status.HIDDEN, hidden_reason="Ancien motif"
    )
    page = client.get(url()).content.decode()
    assert cells(page, "Motif non précisé (avant la liste de la charte)") == [1, 0, 1]


def test_years_follow_the_french_calendar(client, site_root):
    """A contribution at 00:30 in Paris on 1 January is of the new year."""
    year = this_year()
    consultation = factories.consultation(site_root, "open")
    new_year = timezone.make_aware(datetime.datetime(year, 1, 1, 0, 30))
    factories.ProposalFactory(consultation=consultation, created_at=new_year)
    assert new_year.astimezone(datetime.UTC).year == year - 1
    assert cells(client.get(url()).content.decode(), "Propositions")[0] == 1
    assert client.get(url(year - 1)).status_code == 404  # nothing filed before


def test_the_address_without_a_year_goes_to_this_year(client, site_root):
    response = client.get(reverse("participation:moderation_statistics_latest"))
    assert response.status_code == 302
    assert response["Location"] == url()


def test_years_out_of_range_are_not_found(client, site_root):
    build(site_root)
    assert client.get(url(this_year() + 1)).status_code == 404
    assert client.get(url(this_year() - 2)).status_code == 404
    assert client.get(url(this_year() - 1)).status_code == 200


@override_settings(PAGE_CACHE_ENABLED=False)
def test_same_queries_at_two_sizes(client, site_root):
    counts = []
    for n in (1, 4):
        build(site_root, n)
        cache.clear()
        with CaptureQueriesContext(connection) as cold:
            assert client.get(url()).status_code == 200
        with CaptureQueriesContext(connection) as warm:
            assert client.get(url()).status_code == 200
        counts.append((len(cold.captured_queries), len(warm.captured_queries)))
    assert counts[0] == counts[1], counts
    assert counts[0][1] <= 2


def test_cached_for_anonymous_visitors_and_fresh_after_a_change(client, site_root):
    consultation = build(site_root)
    first = client.get(url())
    assert first["X-Page-Cache"] == "miss"
    assert client.get(url())["X-Page-Cache"] == "hit"
    factories.ProposalFactory(consultation=consultation)  # a write: a new generation
    fresh = client.get(url())
    assert fresh["X-Page-Cache"] == "miss"
    assert cells(fresh.content.decode(), "Propositions")[0] == 10


def test_no_cached_copy_outlives_the_new_year(client, site_root):
    year = this_year()
    build(site_root)
    eve = timezone.make_aware(datetime.datetime(year, 12, 31, 23, 55))
    with time_machine.travel(eve, tick=False):
        response = client.get(url(year))
        assert response.status_code == 200
        # Kept until midnight at most (s-maxage is a minute), never served stale.
        assert "stale-while-revalidate" not in response["Cache-Control"]
        assert client.get(url(year)).get("X-Page-Cache") == "hit"
    with time_machine.travel(eve + datetime.timedelta(minutes=10), tick=False):
        page = client.get(url(year)).content.decode()
        assert f'href="{url(year + 1)}"' in page


def test_linked_from_the_consultations_index(client, site_root, charter):
    factories.consultation(site_root, "open")
    page = client.get(factories.index_page(site_root).url).content.decode()
    assert reverse("participation:moderation_statistics_latest") in page
    assert f'href="{charter.url}"' in page


def test_linked_from_every_page_footer(client, site_root, charter):
    page = client.get("/").content.decode()
    footer = page.split('class="site-footer"')[1]
    assert f'href="{reverse("participation:moderation_statistics_latest")}"' in footer
    assert f'href="{charter.url}"' in footer
