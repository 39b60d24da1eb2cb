"""The admin of project progress: notes with photos posted by policy staff, reached
from the project's edit screen; the status history shown there; others refused."""

import datetime

import pytest
from django.core.cache import caches
from django.urls import reverse
from django.utils import timezone
from wagtail.test.utils.form_data import inline_formset, nested_form_data

from cms.roles import COMMUNICATION, MODERATION, POLITIQUES_CONTRACTUELLES
from contrats import signals
from contrats.models import ProgressNote, Project
from contrats.models.progress import PHOTO_RENDITION
from tests.cms.factories import ImageFactory

from .factories import ProjectFactory, make_note
from .test_admin import project_form, staff
from .test_progress import Received

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("media")]


@pytest.fixture
def policy_user():
    return staff("avancement@example.org", POLITIQUES_CONTRACTUELLES)


def note_form(project, photos=(), **fields):
    data = {
        "project": project.pk if project else "",
        "date": "2025-03-14",
        "title": "Les fondations sont coulées",
        "text": "Le chantier avance.\nProchaine étape : les murs.",
        "photos": inline_formset(
            [
                {"image": image.pk, "alt_text": alt_text, "caption": caption}
                for image, alt_text, caption in photos
            ]
        ),
    }
    data.update(fields)
    return nested_form_data(data)


def test_policy_staff_post_a_note_with_a_photo(
    client, policy_user, django_capture_on_commit_callbacks
):
    project = ProjectFactory()
    image = ImageFactory()
    caches["renditions"].clear()
    client.force_login(policy_user)
    with (
        Received(signals.progress_note_published) as received,
        django_capture_on_commit_callbacks(execute=True),
    ):
        response = client.post(
            reverse("contrats_progress:add"),
            note_form(project, photos=[(image, "La dalle de béton", "Mars 2025")]),
        )
    assert response.status_code == 302, response.context["form"].errors
    note = ProgressNote.objects.get()
    assert (note.project, note.author, note.date) == (
        project,
        policy_user,
        datetime.date(2025, 3, 14),
    )
    photo = note.photos.get()
    assert (photo.image, photo.alt_text, photo.caption) == (
        image,
        "La dalle de béton",
        "Mars 2025",
    )
    assert image.renditions.filter(filter_spec=PHOTO_RENDITION).exists()
    assert len(received.calls) == 1
    # Editing it later sends nothing more.
    with (
        Received(signals.progress_note_published) as received,
        django_capture_on_commit_callbacks(execute=True),
    ):
        data = note_form(project, title="Fondations coulées")
        data.update(
            nested_form_data(
                {
                    "photos": inline_formset(
                        [
                            {
                                "id": photo.pk,
                                "image": image.pk,
                                "alt_text": "La dalle",
                                "caption": "",
                            }
                        ],
                        initial=1,
                    )
                }
            )
        )
        response = client.post(reverse("contrats_progress:edit", args=[note.pk]), data)
    assert response.status_code == 302, response.context["form"].errors
    note.refresh_from_db()
    assert (
        note.title == "Fondations coulées" and note.photos.get().alt_text == "La dalle"
    )
    assert received.calls == []


def test_bad_input_gets_a_french_message_and_saves_nothing(client, policy_user):
    client.force_login(policy_user)
    project = ProjectFactory()
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    response = client.post(
        reverse("contrats_progress:add"),
        note_form(project, date=tomorrow.isoformat(), title=""),
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "ne peut pas être dans le futur" in html
    response = client.post(
        reverse("contrats_progress:add"),
        note_form(project, photos=[(ImageFactory(), "", "")]),
    )
    assert response.status_code == 200
    assert not ProgressNote.objects.exists()


def test_the_project_edit_screen_leads_to_a_prefilled_note_and_shows_the_history(
    client, policy_user
):
    project = ProjectFactory(slug="halle-de-producteurs", status=Project.Status.IDEE)
    make_note(project, title="Première réunion de chantier")
    client.force_login(policy_user)
    response = client.post(
        reverse("contrats_projects:edit", args=[project.pk]),
        project_form(status="preparation"),
    )
    assert response.status_code == 302, response.context["form"].errors
    change = project.status_changes.last()
    assert (change.previous_status, change.new_status) == ("idee", "preparation")
    assert change.actor == policy_user

    html = client.get(reverse("contrats_projects:edit", args=[project.pk])).content
    html = html.decode()
    add_url = f"{reverse('contrats_progress:add')}?project={project.pk}"
    assert f'href="{add_url}"' in html
    assert "Publier une note d’avancement" in html
    assert "Historique des états" in html and "En préparation" in html
    assert "Première réunion de chantier" in html
    assert "avancement@example.org" in html  # who changed it, for staff only

    response = client.get(add_url)
    assert response.status_code == 200
    assert response.context["form"].initial["project"] == project.pk
    assert "Halle de producteurs" in response.content.decode()  # the chosen project


def test_listing_filters_by_project_and_searches(client, policy_user):
    school, hall = ProjectFactory(title="École"), ProjectFactory(title="Halle")
    make_note(school, title="Toiture posée")
    make_note(hall, title="Charpente livrée")
    client.force_login(policy_user)
    index = reverse("contrats_progress:index")
    html = client.get(index, {"project": school.pk}).content.decode()
    assert "Toiture posée" in html and "Charpente livrée" not in html
    html = client.get(index, {"q": "charpente"}).content.decode()
    assert "Charpente livrée" in html and "Toiture posée" not in html


@pytest.mark.parametrize("group", [COMMUNICATION, MODERATION, None])
def test_others_may_not_post_or_change_notes(client, group):
    project = ProjectFactory()
    note = make_note(project, title="Note existante")
    if group:
        client.force_login(staff(f"{group[:4].lower()}@example.org", group))
    for url in [
        reverse("contrats_progress:index"),
        reverse("contrats_progress:add"),
        reverse("contrats_progress:edit", args=[note.pk]),
        reverse("contrats_progress:delete", args=[note.pk]),
    ]:
        assert client.get(url).status_code in (302, 403), url
    client.post(reverse("contrats_progress:add"), note_form(project, title="Intrus"))
    client.post(
        reverse("contrats_progress:edit", args=[note.pk]),
        note_form(project, title="Modifiée"),
    )
    client.post(reverse("contrats_progress:delete", args=[note.pk]))
    assert list(ProgressNote.objects.values_list("title", flat=True)) == [
        "Note existante"
    ]
