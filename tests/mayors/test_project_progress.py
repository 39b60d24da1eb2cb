"""A commune's priority and its project: policy staff link it in the review admin, the
commune's people follow the project's progress from the priority's intranet page."""

import datetime

import pytest
from django.contrib.auth.models import Group
from django.core.cache import caches
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from cms.roles import COMMUNICATION
from contrats.models import Project, ProjectStatusChange
from tests.browser import assert_accessible
from tests.cms.factories import ImageFactory
from tests.contrats.factories import ProjectFactory, make_note

from .factories import PASSWORD, UserFactory, make_complete_draft

pytestmark = pytest.mark.django_db


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    caches["renditions"].clear()


@pytest.fixture
def priority(call, commune_a, mayor_a, measure):
    draft = make_complete_draft(call, commune_a, mayor_a, measure, title="École")
    draft.submit(by=mayor_a)
    return draft


def link(client, submission, project):
    return client.post(
        reverse("mayors_submission:project", args=[submission.pk]),
        {"project": project.pk if project else ""},
    )


def test_reviewer_sets_changes_and_clears_the_project(client, staff, priority):
    school, other = ProjectFactory(title="École de Cahors"), ProjectFactory()
    client.force_login(staff)
    inspect = reverse("mayors_submission:inspect", args=[priority.pk])
    html = client.get(inspect).content.decode()
    assert "Projet des contrats" in html
    assert reverse("mayors_submission:project", args=[priority.pk]) in html
    response = link(client, priority, school)
    assert response.status_code == 302
    priority.refresh_from_db()
    assert priority.project == school
    page = client.get(inspect).content.decode()
    assert "La priorité est liée au projet « École de Cahors »." in page
    assert "Page publique du projet" in page
    link(client, priority, other)
    priority.refresh_from_db()
    assert priority.project == other
    link(client, priority, None)
    priority.refresh_from_db()
    assert priority.project is None


def test_a_project_carries_one_priority_only(
    client, staff, priority, call, commune_b, mayor_b, measure
):
    project = ProjectFactory()
    other = make_complete_draft(call, commune_b, mayor_b, measure, title="Salle")
    other.project = project
    other.save(update_fields=["project"])
    client.force_login(staff)
    response = link(client, priority, project)
    assert response.status_code == 200
    assert "Ce projet est déjà lié à la priorité « Salle » (Bélaye)." in (
        response.content.decode()
    )
    response = client.post(
        reverse("mayors_submission:project", args=[priority.pk]), {"project": "99999"}
    )
    assert "Ce projet n’existe pas." in response.content.decode()
    priority.refresh_from_db()
    assert priority.project is None


@pytest.mark.parametrize("who", ["anonymous", "mayor", "communication"])
def test_others_may_not_set_the_project(client, priority, mayor_a, who):
    if who == "mayor":
        client.force_login(mayor_a)
    elif who == "communication":
        user = UserFactory(email="com@grandquercy.test", is_staff=True)
        user.groups.add(Group.objects.get(name=COMMUNICATION))
        client.force_login(user)
    response = link(client, priority, ProjectFactory())
    assert response.status_code in (302, 403)
    priority.refresh_from_db()
    assert priority.project is None


def progress_project(size, image):
    project = ProjectFactory(title="École de Cahors", status=Project.Status.ENGAGE)
    ProjectStatusChange.objects.bulk_create(
        ProjectStatusChange(
            project=project, previous_status="idee", new_status="engage"
        )
        for _ in range(size)
    )
    ProjectStatusChange.objects.filter(project=project).update(
        at=datetime.datetime(2024, 6, 1, tzinfo=datetime.UTC)
    )
    for n in range(size * 3):
        make_note(
            project,
            title=f"Étape {n}",
            text=f"Texte de l’étape {n}.",
            date=datetime.date(2025, 1, 1) + datetime.timedelta(days=n),
            photos=[(image, f"Photo {n}")],
        )
    return project


def test_the_commune_follows_the_project_from_its_priority(
    client, media, priority, mayor_a, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        project = progress_project(2, ImageFactory())
    priority.project = project
    priority.save(update_fields=["project"])
    client.login(email=mayor_a.email, password=PASSWORD)
    html = client.get(reverse("mayors:submission_detail", args=[priority.pk]))
    html = html.content.decode()
    section = html.split('id="avancement"', 1)[1].split("</section>", 1)[0]
    assert "Avancement du projet" in section and "Engagé" in section
    assert f'href="{project.get_absolute_url()}"' in section
    # The five latest steps: the latest notes, with their photos.
    assert "Étape 5" in section and "Étape 1" in section and "Étape 0" not in section
    assert 'alt="Photo 5"' in section
    assert "Tout l’avancement sur la page du projet" in section


def test_another_commune_never_sees_it(client, priority, mayor_b):
    priority.project = ProjectFactory()
    priority.save(update_fields=["project"])
    client.login(email=mayor_b.email, password=PASSWORD)
    url = reverse("mayors:submission_detail", args=[priority.pk])
    assert client.get(url).status_code == 404
    client.logout()
    assert client.get(url).status_code == 302


def test_priority_page_queries_do_not_grow_with_the_progress(
    client,
    settings,
    media,
    call,
    commune_a,
    mayor_a,
    measure,
    django_capture_on_commit_callbacks,
):
    settings.PAGE_CACHE_ENABLED = False
    client.login(email=mayor_a.email, password=PASSWORD)
    image = ImageFactory()
    counts = []
    for size in (1, 10):
        draft = make_complete_draft(call, commune_a, mayor_a, measure, title=f"P{size}")
        with django_capture_on_commit_callbacks(execute=True):
            draft.project = progress_project(size, image)
        draft.save(update_fields=["project"])
        url = reverse("mayors:submission_detail", args=[draft.pk])
        client.get(url)
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        # the five latest steps, notes with a photo each (three at the first size)
        assert response.content.decode().count('alt="Photo ') == min(5, 3 * size)
        counts.append(len(queries))
    assert counts[0] == counts[1]


@pytest.mark.browser
def test_the_priority_page_with_its_project_is_accessible(
    browser_page, media, priority, mayor_a
):
    priority.project = progress_project(1, ImageFactory())  # on commit: renditions
    priority.save(update_fields=["project"])
    page = browser_page
    page.goto("/compte/login/")
    page.fill("input[name=login]", mayor_a.email)
    page.fill("input[name=password]", PASSWORD)
    page.locator("main").get_by_role("button", name="Connexion").click()
    page.wait_for_load_state()
    page.goto(reverse("mayors:submission_detail", args=[priority.pk]))
    assert page.locator("#avancement ol.progress-timeline > li").count() == 5
    assert page.locator('#avancement img[alt="Photo 2"]').count() == 1
    assert_accessible(page)
