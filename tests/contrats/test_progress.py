"""A project's progress: status history written by save(), notes, photos, and the
signals other apps connect to (each sent once, after the commit)."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from contrats import signals
from contrats.models import (
    POVersion,
    ProgressNote,
    Project,
    ProjectStatusChange,
)
from contrats.models.progress import PHOTO_RENDITION, progress_timeline
from tests.cms.factories import ImageFactory

from .factories import ProjectFactory, make_contract, make_note, make_po

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("media")]


class Received:
    """A real receiver connected for the test: what the signal carried, each time."""

    def __init__(self, signal):
        self.signal = signal
        self.calls = []

    def __call__(self, sender, **kwargs):
        self.calls.append((sender, kwargs))

    def __enter__(self):
        self.signal.connect(self)
        return self

    def __exit__(self, *exc):
        self.signal.disconnect(self)


def history(project):
    return list(project.status_changes.values_list("previous_status", "new_status"))


def test_history_starts_with_the_first_status_and_follows_each_change():
    project = ProjectFactory(status=Project.Status.IDEE)
    assert history(project) == [("", "idee")]
    project.title = "Autre intitulé"
    project.save()  # same status: nothing recorded
    project.status = Project.Status.ENGAGE
    project.save()
    project.refresh_from_db()
    project.status = Project.Status.REALISE
    project.save()
    assert history(project) == [
        ("", "idee"),
        ("idee", "engage"),
        ("engage", "realise"),
    ]
    first, *_rest = project.status_changes.all()
    assert first.is_initial and first.actor is None
    assert first.at <= timezone.now()


def test_a_save_that_does_not_write_the_status_records_nothing():
    project = ProjectFactory(status=Project.Status.IDEE)
    project.status = Project.Status.ENGAGE
    project.save(update_fields=["title"])
    assert history(project) == [("", "idee")]


def test_who_changed_the_status_is_kept(django_user_model):
    user = django_user_model.objects.create_user(email="agent@example.org")
    project = ProjectFactory(status=Project.Status.IDEE)
    project.status = Project.Status.PREPARATION
    project.status_changed_by = user
    project.save()
    assert project.status_changes.last().actor == user


def test_status_changed_is_sent_once_per_change_after_the_commit(
    django_capture_on_commit_callbacks,
):
    with Received(signals.project_status_changed) as received:
        with django_capture_on_commit_callbacks(execute=True):
            project = ProjectFactory(status=Project.Status.IDEE)
        assert received.calls == []  # a first status is not a change
        with django_capture_on_commit_callbacks(execute=False) as pending:
            project.status = Project.Status.ENGAGE
            project.save()
            project.save()  # no second change
        assert received.calls == []  # not before the commit
        for callback in pending:
            callback()
    assert len(received.calls) == 1
    sender, kwargs = received.calls[0]
    assert sender is Project and kwargs["project"] == project
    change = kwargs["change"]
    assert isinstance(change, ProjectStatusChange)
    assert (change.previous_status, change.new_status) == ("idee", "engage")


def test_registered_is_sent_once_for_a_new_project_with_its_communes(
    django_capture_on_commit_callbacks,
):
    from contrats.models import Commune, Epci

    epci = Epci.objects.create(
        siren="200023737", name="Grand Cahors", nature="CA", is_petr_member=True
    )
    cahors = Commune.objects.create(insee_code="46042", name="Cahors", epci=epci)
    with Received(signals.project_registered) as received:
        with django_capture_on_commit_callbacks(execute=True):
            project = ProjectFactory.build(status=Project.Status.IDEE)
            project.communes.set([cahors])
            project.save()
        # what a receiver reads once the project's transaction committed
        communes = [list(kw["project"].communes.all()) for _s, kw in received.calls]
        with django_capture_on_commit_callbacks(execute=True):
            project.status = Project.Status.ENGAGE
            project.save()
    assert len(received.calls) == 1
    sender, kwargs = received.calls[0]
    assert sender is Project and kwargs["project"] == project
    assert kwargs["change"].is_initial
    assert communes == [[cahors]]


def test_po_adoption_is_sent_once_whichever_path_adopts(
    site_root, django_capture_on_commit_callbacks
):
    cto = make_contract(site_root, kind="CTO", short_name="CTO")
    project = ProjectFactory()
    with Received(signals.po_version_adopted) as received:
        with django_capture_on_commit_callbacks(execute=True):
            initial = make_po(cto, 2024).draft_version()
            initial.add_project(project, Decimal("1000"))
            initial.adopt(on=datetime.date(2024, 5, 3))
            initial.adopt()  # already adopted: nothing happens
        with django_capture_on_commit_callbacks(execute=True):
            avenant = initial.po.draft_version()  # an avenant, a draft: not adopted
            avenant.status = POVersion.Status.ADOPTE
            avenant.save()
        with pytest.raises(ValidationError):
            avenant.save()  # frozen: never adopted twice
    assert [kwargs["version"] for _sender, kwargs in received.calls] == [
        initial,
        avenant,
    ]
    assert all(sender is POVersion for sender, _kwargs in received.calls)
    assert avenant.kind == POVersion.Kind.AVENANT


def test_note_published_is_sent_once_on_creation_not_on_edits(
    django_capture_on_commit_callbacks,
):
    project = ProjectFactory()
    with Received(signals.progress_note_published) as received:
        with django_capture_on_commit_callbacks(execute=True):
            note = make_note(project, photos=[(ImageFactory(), "Le chantier")])
        with django_capture_on_commit_callbacks(execute=True):
            note.text = "Texte corrigé."
            note.save()
    assert len(received.calls) == 1
    sender, kwargs = received.calls[0]
    assert sender is ProgressNote and kwargs["note"] == note
    assert kwargs["note"].photos.count() == 1  # saved with the note, before the signal


def test_photo_renditions_are_made_when_the_note_is_saved(
    django_capture_on_commit_callbacks,
):
    image = ImageFactory()
    with django_capture_on_commit_callbacks(execute=True):
        note = make_note(ProjectFactory(), photos=[(image, "Les fondations")])
    photo = note.photos.get()
    assert image.renditions.filter(filter_spec=PHOTO_RENDITION).count() == 1
    assert photo.rendition is not None and photo.rendition.width <= 800


def test_a_note_cannot_be_dated_in_the_future():
    note = ProgressNote(
        project=ProjectFactory(),
        title="Plus tard",
        text="…",
        date=timezone.localdate() + datetime.timedelta(days=1),
    )
    with pytest.raises(ValidationError) as error:
        note.full_clean()
    assert "ne peut pas être dans le futur" in str(error.value)


def test_timeline_merges_changes_and_notes_in_date_order():
    project = ProjectFactory(status=Project.Status.IDEE)
    ProjectStatusChange.objects.filter(project=project).update(
        at=datetime.datetime(2024, 1, 10, 9, tzinfo=datetime.UTC)
    )
    late = make_note(project, title="Deuxième", date=datetime.date(2024, 6, 1))
    early = make_note(project, title="Première", date=datetime.date(2024, 3, 1))
    project.status = Project.Status.ENGAGE
    project.save()
    same_day = make_note(project, title="Aujourd’hui")
    timeline = progress_timeline(project)
    assert [entry.item for entry in timeline][1:3] == [early, late]
    assert [entry.kind for entry in timeline] == [
        "status",
        "note",
        "note",
        "status",
        "note",
    ]
    assert timeline[-1].item == same_day  # after the change of the same day
