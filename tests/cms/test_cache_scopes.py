"""The page cache under real writes (cms.cache_policy): each write renews what it shows.

Writes go through the paths people use (signing in, commenting, supporting); pages
are read as an anonymous visitor reads them.
"""

import datetime
import threading
import time

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from wagtail.models import PageLogEntry

from accounts.models import Notice
from cms import cache as page_cache
from participation.models import Comment
from tests.participation import factories
from tests.participation.factories import PASSWORD

from .factories import NewsIndexPageFactory, NewsPageFactory

HEADER = "X-Page-Cache"


@pytest.fixture(autouse=True)
def _empty_cache(settings):
    settings.PAGE_CACHE_ENABLED = True
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def news(site_root):
    index = NewsIndexPageFactory(parent=site_root)
    return NewsPageFactory(parent=index, title="Le CRTE est signé")


@pytest.fixture
def consultations(site_root):
    return (
        factories.consultation(site_root, "open", title="Mobilités"),
        factories.consultation(site_root, "open", title="Centre-bourg"),
    )


@pytest.fixture
def resident(db):
    return factories.UserFactory()


def warm(client, *urls):
    for url in urls:
        client.get(url)
        assert client.get(url)[HEADER] == "hit", url


def state(client, url):
    return client.get(url)[HEADER]


def test_signing_in_keeps_every_page_cached(client, news, consultations, resident):
    urls = [news.url, consultations[0].url, consultations[0].get_parent().url]
    warm(client, *urls)

    response = Client().post(
        reverse("account_login"), {"login": resident.email, "password": PASSWORD}
    )

    assert response.status_code == 302
    resident.refresh_from_db()
    assert resident.last_login is not None
    assert [state(client, url) for url in urls] == ["hit", "hit", "hit"]


def test_a_comment_renews_its_consultation_at_once_and_nothing_else(
    client, news, consultations, resident
):
    mine, other = consultations
    index = mine.get_parent()
    warm(client, news.url, mine.url, other.url, index.url)
    author = Client()
    author.force_login(resident)

    response = author.post(
        reverse("participation:consultation_comment", args=[mine.pk]),
        {"body": "Un arrêt de bus près de l’école."},
    )

    assert response.status_code == 302
    page = client.get(mine.url)
    assert page[HEADER] == "miss"
    assert "Un arrêt de bus près de l’école." in page.content.decode()
    assert state(client, index.url) == "miss"  # it shows every consultation's figures
    assert state(client, other.url) == "hit"
    assert state(client, news.url) == "hit"


def test_a_support_renews_the_proposal_and_its_consultation_only(
    client, news, consultations, resident
):
    mine, other = consultations
    proposal = factories.ProposalFactory(consultation=mine)
    warm(client, news.url, mine.url, other.url, proposal.get_absolute_url())
    supporter = Client()
    supporter.force_login(resident)

    response = supporter.post(reverse("participation:support", args=[proposal.pk]))

    assert response.status_code == 302
    assert proposal.supports.count() == 1
    assert state(client, proposal.get_absolute_url()) == "miss"
    assert state(client, mine.url) == "miss"
    assert state(client, other.url) == "hit"
    assert state(client, news.url) == "hit"


def test_a_proposal_page_is_renewed_by_its_own_supports_and_comments_only(
    client, consultations, resident
):
    mine, _other = consultations
    supported, neighbour = (
        factories.ProposalFactory(consultation=mine),
        factories.ProposalFactory(consultation=mine),
    )
    urls = [p.get_absolute_url() for p in (supported, neighbour)]
    warm(client, mine.url, *urls)
    person = Client()
    person.force_login(resident)

    assert (
        person.post(reverse("participation:support", args=[supported.pk])).status_code
        == 302
    )
    assert [state(client, url) for url in (mine.url, *urls)] == ["miss", "miss", "hit"]

    response = person.post(
        reverse("participation:proposal_comment", args=[supported.pk]),
        {"body": "Oui, avec un abri pour attendre."},
    )
    assert response.status_code == 302
    page = client.get(urls[0])
    assert page[HEADER] == "miss"
    assert "Oui, avec un abri pour attendre." in page.content.decode()
    assert [state(client, url) for url in (mine.url, urls[1])] == ["miss", "hit"]

    response = person.post(
        reverse("participation:consultation_comment", args=[mine.pk]),
        {"body": "Et sur la consultation en général."},
    )
    assert response.status_code == 302
    assert [state(client, url) for url in (mine.url, *urls)] == ["miss", "hit", "hit"]


def test_a_proposal_page_stays_cached_through_other_consultations_writes(
    client, news, consultations, resident
):
    mine, other = consultations
    proposal = factories.ProposalFactory(consultation=mine)
    elsewhere = factories.ProposalFactory(consultation=other)
    warm(client, proposal.get_absolute_url(), mine.url)
    supporter = Client()
    supporter.force_login(resident)

    response = supporter.post(reverse("participation:support", args=[elsewhere.pk]))

    assert response.status_code == 302
    assert state(client, proposal.get_absolute_url()) == "hit"
    assert state(client, mine.url) == "hit"


def test_figures_away_from_the_consultation_follow_at_the_end_of_the_lag(
    client, news, consultations, resident, settings
):
    settings.PAGE_CACHE_FIGURES_LAG = 1
    mine, _other = consultations
    index = mine.get_parent()
    warm(client, news.url, mine.url, index.url)
    author = Client()
    author.force_login(resident)

    for body in ("Un arrêt de bus près de l’école.", "Et un abri à vélos."):
        response = author.post(
            reverse("participation:consultation_comment", args=[mine.pk]),
            {"body": body},
        )
        assert response.status_code == 302

    assert state(client, mine.url) == "miss"  # its own pages: at once
    assert state(client, index.url) == "hit"  # the figures: within the lag
    time.sleep(1.1)
    assert state(client, index.url) == "miss"  # once for the whole window
    assert state(client, index.url) == "hit"
    assert state(client, mine.url) == "hit"
    assert state(client, news.url) == "hit"


def test_a_write_not_tied_to_one_consultation_renews_them_all(
    client, news, consultations
):
    comment = factories.CommentFactory(consultation=consultations[0])
    warm(client, news.url, *(c.url for c in consultations))

    Comment.objects.filter(pk=comment.pk).update(body="Corrigé par la modération.")

    assert [state(client, c.url) for c in consultations] == ["miss", "miss"]
    assert state(client, news.url) == "hit"


def test_publishing_news_renews_the_news_pages(client, news, consultations):
    warm(client, news.url)

    news.title = "Le CRTE est signé à Cahors"
    news.save_revision().publish()

    page = client.get(news.url)
    assert page[HEADER] == "miss"
    assert "Le CRTE est signé à Cahors" in page.content.decode()


def test_writes_that_show_nowhere_renew_nothing(client, news, consultations, resident):
    urls = [news.url, *(c.url for c in consultations)]
    warm(client, *urls)

    news.title = "Un brouillon"
    news.save_revision()  # a draft and its revision, until published
    PageLogEntry.objects.log_action(news, "wagtail.edit")
    Notice.objects.create(user=resident, key="k", topic="t", subject="s", body="b")

    assert [state(client, url) for url in urls] == ["hit", "hit", "hit"]
    assert "Un brouillon" not in client.get(news.url).content.decode()


def test_a_page_is_kept_until_its_consultation_changes_phase(client, site_root):
    closes_at = timezone.now() + datetime.timedelta(seconds=3)
    page = factories.consultation(site_root, "open", closes_at=closes_at)
    first = client.get(page.url)
    assert first[HEADER] == "miss"
    assert "stale-while-revalidate" not in first["Cache-Control"]
    assert state(client, page.url) == "hit"

    time.sleep((closes_at - timezone.now()).total_seconds() + 0.1)

    assert state(client, page.url) == "miss"  # no write: the clock said so


@pytest.mark.django_db(transaction=True)
def test_one_render_per_page_after_a_change(site_root):
    page = factories.consultation(site_root, "open")
    Client().get(page.url)
    factories.CommentFactory(consultation=page)  # a change: the copy is stale

    states = []

    def read():
        try:
            states.append(Client().get(page.url)[HEADER])
        finally:
            connection.close()

    threads = [threading.Thread(target=read) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert states.count("miss") == 1, states
    assert set(states) <= {"miss", "stale", "hit"}


def test_scopes_of_a_write_are_read_from_the_statement():
    from cms import cache_policy as policy

    assert policy.stales('UPDATE "accounts_user" SET "last_login" = %s WHERE 1') == ()
    assert policy.stales('INSERT INTO "django_session" VALUES (1)') == ()
    assert policy.stales('UPDATE "accounts_user" SET "display_name" = %s') == (
        policy.NAMES,
    )
    assert policy.stales('INSERT INTO "cms_newspage" VALUES (1)') == (policy.CONTENT,)
    assert page_cache.scope_key(policy.CONTENT) == page_cache.GENERATION_KEY
