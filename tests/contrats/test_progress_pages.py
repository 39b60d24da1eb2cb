"""The "Avancement" section of the public project page: a dated timeline of status
changes and notes (photos with their alternative text), escaped, constant queries."""

import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from contrats.models import Project, ProjectStatusChange
from tests.cms.factories import ImageFactory

from .factories import ProjectFactory, make_note

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("media")]


def page(client, project):
    response = client.get(project.get_absolute_url())
    assert response.status_code == 200
    return response.content.decode()


def section(html):
    return html.split('id="avancement"', 1)[1].split("</section>", 1)[0]


def test_timeline_of_changes_and_notes_with_photos(
    client, django_capture_on_commit_callbacks
):
    project = ProjectFactory(slug="maison-de-sante", status=Project.Status.IDEE)
    ProjectStatusChange.objects.filter(project=project).update(
        at=datetime.datetime(2024, 1, 10, 9, tzinfo=datetime.UTC)
    )
    with django_capture_on_commit_callbacks(execute=True):
        make_note(
            project,
            title="Les travaux ont commencé",
            text="Le terrassement a débuté.",
            date=datetime.date(2024, 9, 16),
            photos=[(ImageFactory(), "Une pelleteuse sur le terrain")],
        )
    project.status = Project.Status.ENGAGE
    project.save()
    html = section(page(client, project))
    assert '<ol class="progress-timeline">' in html
    assert html.index("10 janvier 2024") < html.index("16 septembre 2024")
    assert "Projet enregistré : « Idée »" in html
    assert "Nouvel état : « Engagé »" in html and "Auparavant : « Idée »." in html
    assert "Les travaux ont commencé" in html and "Le terrassement a débuté." in html
    assert re.search(r'<img src="[^"]+" [^>]*alt="Une pelleteuse sur le terrain"', html)
    assert '<time datetime="2024-09-16">' in html


def test_a_photo_without_its_rendition_is_not_resized_during_the_request(client):
    project = ProjectFactory()
    make_note(
        project, photos=[(ImageFactory(), "Le chantier")]
    )  # no commit: no rendition
    html = section(page(client, project))
    assert "<img" not in html
    assert project.progress_notes.get().photos.get().image.renditions.count() == 0


def test_a_project_without_progress_says_so(client):
    project = ProjectFactory()
    ProjectStatusChange.objects.filter(project=project).delete()
    assert "Aucune étape enregistrée pour l’instant." in section(page(client, project))


def test_note_text_is_escaped(client, django_capture_on_commit_callbacks):
    project = ProjectFactory()
    with django_capture_on_commit_callbacks(execute=True):
        make_note(
            project,
            title="<script>alert('titre')</script>",
            text="<b>gras</b> & <script>alert(1)</script>",
            photos=[(ImageFactory(), '" onerror="alert(2)')],
        )
    html = section(page(client, project))
    assert "<script>" not in html and "<b>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert 'alt="&quot; onerror=&quot;alert(2)"' in html


def add_progress(project, notes, changes, image):
    statuses = list(Project.Status.values)
    ProjectStatusChange.objects.bulk_create(
        ProjectStatusChange(
            project=project,
            previous_status=statuses[n % 5],
            new_status=statuses[(n + 1) % 5],
        )
        for n in range(changes)
    )
    for n in range(notes):
        make_note(project, title=f"Note {n}", photos=[(image, f"Photo {n}")] * 2)


def count_queries(client, url):
    client.get(url)  # warm what does not depend on the data
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


def test_project_page_queries_do_not_grow_with_its_progress(
    client, settings, django_capture_on_commit_callbacks
):
    settings.PAGE_CACHE_ENABLED = False
    image = ImageFactory()
    counts = []
    for notes, changes in ((1, 1), (30, 60)):
        project = ProjectFactory()
        with django_capture_on_commit_callbacks(execute=True):
            add_progress(project, notes, changes, image)
        assert section(page(client, project)).count("<img") == 2 * notes
        counts.append(count_queries(client, project.get_absolute_url()))
    assert counts[0] == counts[1]
    assert counts[0] <= 15
