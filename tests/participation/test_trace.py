"""What became of a proposal: staff link it to its project ("Suivi de la proposition"),
and its page shows the whole trace, from its submission to the project's progress."""

import csv
import datetime
import io
from decimal import Decimal

import pytest
from django.core.cache import caches
from django.urls import reverse

from cms.roles import POLITIQUES_CONTRACTUELLES
from contrats.models import Project, ProjectStatusChange
from participation import signals
from participation.models import Answer, AnswerStatus, Proposal, Status
from tests.cms.factories import ImageFactory
from tests.contrats.factories import ProjectFactory, make_contract, make_note, make_po
from tests.contrats.test_progress import Received

from . import factories

pytestmark = pytest.mark.django_db


def at(day, hour=10):
    return datetime.datetime.combine(day, datetime.time(hour), tzinfo=datetime.UTC)


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    caches["renditions"].clear()


@pytest.fixture
def policy_staff(db):
    return factories.staff_user(POLITIQUES_CONTRACTUELLES)


@pytest.fixture
def story(site_root, media, django_capture_on_commit_callbacks):
    """A project created in January 2024, in the adopted PO 2024 (not in PO 2023 any
    more after its avenant), engaged in May, with a note and its photo in September."""
    cto = make_contract(site_root, kind="CTO", short_name="CTO")
    project = ProjectFactory(
        title="Maison de santé de Lalbenque",
        slug="maison-de-sante",
        status=Project.Status.PREPARATION,
    )
    ProjectStatusChange.objects.filter(project=project).update(
        at=at(datetime.date(2024, 1, 10))
    )
    po_2023 = make_po(cto, 2023)
    initial = po_2023.draft_version()
    initial.add_project(project, Decimal("5000"))
    initial.add_project(ProjectFactory(), Decimal("100"))
    initial.adopt(on=datetime.date(2023, 4, 14))
    avenant = po_2023.draft_version()
    avenant.remove_project(project)
    avenant.adopt(on=datetime.date(2023, 10, 6))
    version = make_po(cto, 2024).draft_version()
    version.add_project(project, Decimal("150000"))
    version.adopt(on=datetime.date(2024, 5, 3))
    project.status = Project.Status.ENGAGE
    project.save()
    project.status_changes.filter(new_status="engage").update(
        at=at(datetime.date(2024, 5, 20))
    )
    with django_capture_on_commit_callbacks(execute=True):
        note = make_note(
            project,
            title="Les travaux ont commencé",
            text="Le terrassement a débuté.",
            date=datetime.date(2024, 9, 16),
            photos=[(ImageFactory(), "Une pelleteuse sur le terrain")],
        )
    return {"project": project, "note": note, "programme": version.po}


@pytest.fixture
def answered(proposal):
    Proposal.objects.filter(pk=proposal.pk).update(
        created_at=at(datetime.date(2026, 2, 1))
    )
    Answer.objects.create(
        proposal=proposal,
        status=AnswerStatus.ACCEPTED,
        explanation="Retenue : <b>inscrite</b> au PO.",
        created_at=at(datetime.date(2026, 3, 2)),
    )
    return Proposal.objects.select_related("answer", "project").get(pk=proposal.pk)


def linked(proposal, project, day=datetime.date(2026, 3, 9)):
    proposal.link_project(project)
    Proposal.objects.filter(pk=proposal.pk).update(project_linked_at=at(day))
    return Proposal.objects.select_related("answer", "project").get(pk=proposal.pk)


# --- the trace ----------------------------------------------------------------------------


def test_trace_gives_each_step_with_its_data_in_order(answered, story):
    project = story["project"]
    steps = linked(answered, project).trace()
    assert [step.kind for step in steps] == [
        "submitted",
        "answered",
        "project",
        "status",
        "programme",
        "status",
        "note",
    ]
    submitted, answer, became, created, programme, engaged, note = steps
    assert submitted.date == datetime.date(2026, 2, 1)
    assert answer.date == datetime.date(2026, 3, 2)
    assert answer.data["status"] == "accepted" and answer.data["status_label"] == (
        "Retenue"
    )
    assert answer.data["explanation"] == "Retenue : <b>inscrite</b> au PO."
    assert became.date == datetime.date(2026, 3, 9)
    assert became.data["project"] == project and became.data["url"] == (
        "/projets/maison-de-sante/"
    )
    assert "Maison de santé de Lalbenque" in became.label
    assert created.date == datetime.date(2024, 1, 10) and created.data["is_initial"]
    # Only the current adopted versions that list the project: not PO 2023's avenant.
    assert programme.data["year"] == 2024
    assert programme.data["region_amount"] == Decimal("150000")
    assert programme.date == programme.data["adopted_on"] == datetime.date(2024, 5, 3)
    assert programme.data["url"] == story["programme"].get_absolute_url()
    assert (engaged.data["previous_label"], engaged.data["new_label"]) == (
        "En préparation",
        "Engagé",
    )
    assert (
        note.label == "Les travaux ont commencé" and note.data["note"] == story["note"]
    )
    assert [photo.alt_text for photo in note.data["photos"]] == [
        "Une pelleteuse sur le terrain"
    ]


def test_without_a_project_the_trace_stops_at_the_answer(answered, proposal):
    assert [step.kind for step in answered.trace()] == ["submitted", "answered"]
    assert [step.kind for step in proposal.trace()] == ["submitted", "answered"]


def test_proposal_page_shows_the_trace(client, answered, story):
    linked(answered, story["project"])
    html = client.get(answered.get_absolute_url()).content.decode()
    trace = html.split('aria-labelledby="trace-titre"', 1)[1].split("</section>", 1)[0]
    assert "Ce que devient cette proposition" in html
    assert '<ol class="trace">' in trace
    for text in (
        "Proposition déposée",
        "1 février 2026",
        "Réponse du Grand Quercy : Retenue",
        "Devenue un projet : Maison de santé de Lalbenque",
        'href="/projets/maison-de-sante/"',
        "Au Programme Opérationnel 2024",
        "Financement de la Région : 150\u202f000\u00a0€",
        "3 mai 2024",
        f'href="{story["programme"].get_absolute_url()}"',
        "Nouvel état du projet : « Engagé »",
        "Les travaux ont commencé",
        'alt="Une pelleteuse sur le terrain"',
    ):
        assert text in trace, text
    assert "&lt;b&gt;inscrite&lt;/b&gt;" in trace  # the explanation is escaped
    # The project's own timeline sits inside the step where the proposal became it.
    own, project = trace.split('<ol class="trace trace--project"', 1)
    assert "Le parcours du projet" in own
    assert "Devenue un projet" in own and "Devenue un projet" not in project
    for text in ("Au Programme Opérationnel 2024", "Les travaux ont commencé"):
        assert text in project and text not in own, text


@pytest.mark.parametrize("state", [Status.PENDING, Status.HIDDEN])
def test_pending_and_hidden_proposals_show_no_trace(
    client, answered, story, resident, state
):
    linked(answered, story["project"])
    Proposal.objects.filter(pk=answered.pk).update(status=state)
    proposal = Proposal.objects.get(pk=answered.pk)
    assert proposal.trace() == []
    client.force_login(resident)  # the author still sees a pending proposal
    html = client.get(proposal.get_absolute_url()).content.decode()
    assert "Ce que devient cette proposition" not in html
    assert "Les travaux ont commencé" not in html


# --- linking it, in the admin --------------------------------------------------------------


def follow_up(proposal):
    return reverse("participation_proposals:follow_up", args=[proposal.pk])


@pytest.mark.parametrize("role", ["moderator", "policy_staff"])
def test_staff_link_change_and_unlink_a_proposal(
    client, request, role, answered, django_capture_on_commit_callbacks
):
    staff = request.getfixturevalue(role)
    first, second = ProjectFactory(title="Halle"), ProjectFactory(title="Crèche")
    words = (answered.title, answered.body, answered.updated_at)
    client.force_login(staff)
    url = follow_up(answered)
    html = client.get(url).content.decode()
    assert "Suivi de la proposition" in html and "aucun projet" in html
    with (
        Received(signals.proposal_linked) as received,
        django_capture_on_commit_callbacks(execute=True),
    ):
        response = client.post(
            url, {"action": "link", "project": first.pk}, follow=True
        )
        assert "La proposition est liée au projet « Halle »." in (
            response.content.decode()
        )
        client.post(url, {"action": "link", "project": first.pk})  # no change
        client.post(url, {"action": "link", "project": second.pk})
    answered.refresh_from_db()
    assert answered.project == second and answered.project_linked_at is not None
    assert [kwargs["project"] for _sender, kwargs in received.calls] == [first, second]
    assert all(
        sender is Proposal and kwargs["proposal"] == answered
        for sender, kwargs in received.calls
    )
    with Received(signals.proposal_linked) as received:
        response = client.post(url, {"action": "unlink"}, follow=True)
    assert "n’est plus liée à un projet" in response.content.decode()
    answered.refresh_from_db()
    assert answered.project is None and answered.project_linked_at is None
    assert received.calls == []
    # Residents' words, and the date they last changed them, are left as they were.
    assert (answered.title, answered.body, answered.updated_at) == words


def test_bad_input_gets_a_french_message_and_links_nothing(client, moderator, answered):
    client.force_login(moderator)
    for data, message in (
        ({"action": "link", "project": ""}, "Choisissez le projet."),
        ({"action": "link", "project": "999999"}, "Ce projet n’existe pas."),
    ):
        response = client.post(follow_up(answered), data)
        assert response.status_code == 200
        assert message in response.content.decode()
    answered.refresh_from_db()
    assert answered.project is None


@pytest.mark.parametrize("state", [Status.PENDING, Status.HIDDEN])
def test_an_unpublished_proposal_cannot_be_linked(client, moderator, proposal, state):
    Proposal.objects.filter(pk=proposal.pk).update(status=state)
    client.force_login(moderator)
    response = client.post(
        follow_up(proposal), {"action": "link", "project": ProjectFactory().pk}
    )
    assert "Seule une proposition publiée peut être liée à un projet." in (
        response.content.decode()
    )
    proposal.refresh_from_db()
    assert proposal.project is None


def test_the_export_names_the_project(client, moderator, answered):
    linked(answered, ProjectFactory(title="Halle de producteurs"))
    client.force_login(moderator)
    response = client.get(reverse("participation_proposals:index"), {"export": "csv"})
    rows = list(
        csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode()))
    )
    assert rows[0]["Projet"] == "Halle de producteurs"


@pytest.mark.parametrize("who", ["anonymous", "resident", "communication"])
def test_others_may_not_link(client, proposal, resident, who):
    project = ProjectFactory()
    proposal.link_project(project)
    if who == "resident":
        client.force_login(resident)
    elif who == "communication":
        client.force_login(factories.communication_staff())
    url = follow_up(proposal)
    assert client.get(url).status_code in (302, 403)
    client.post(url, {"action": "link", "project": ProjectFactory().pk})
    client.post(url, {"action": "unlink"})
    proposal.refresh_from_db()
    assert proposal.project == project


def test_the_follow_up_is_reached_from_inspect_decision_and_answers(
    client, moderator, policy_staff, answered
):
    url = follow_up(answered)
    client.force_login(moderator)
    for screen in (
        reverse("participation_proposals:inspect", args=[answered.pk]),
        reverse("participation_moderation:decide", args=["proposition", answered.pk]),
        reverse("participation_answers:index"),
        reverse("participation_proposals:index"),
    ):
        response = client.get(screen)
        assert response.status_code == 200, screen
        assert f'href="{url}"' in response.content.decode(), screen
    client.force_login(policy_staff)
    for screen in (
        reverse("participation_proposals:inspect", args=[answered.pk]),
        reverse("participation_answers:index"),
    ):
        assert f'href="{url}"' in client.get(screen).content.decode(), screen


# --- the demo --------------------------------------------------------------------------------


class Out:
    def write(self, text):
        pass
