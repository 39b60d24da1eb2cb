"""Staff side: invitations, review, export, compiling the PO, query budget."""

import re

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.models import User
from contrats.models import POEntry, ProgrammeOperationnel, Project
from mayors.models import ElectedOfficial, Submission
from mayors.programme import compile_programme

from .factories import PASSWORD, make_complete_draft

pytestmark = pytest.mark.django_db
State = Submission.State


@pytest.fixture
def staff_client(client, staff):
    client.login(email=staff.email, password=PASSWORD)
    return client


def invite(staff_client, commune, email="nouvelle.maire@arcambal.fr", role="maire"):
    return staff_client.post(
        reverse("mayors_official:add"),
        {
            "first_name": "Claire",
            "last_name": "Delmas",
            "email": email,
            "role": role,
            "commune": commune.pk,
            "epci": "",
            "is_active": "on",
        },
    )


def test_invitation_creates_an_account_and_a_one_time_link(
    staff_client, client, commune_a, django_capture_on_commit_callbacks
):
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = invite(staff_client, commune_a)
    assert response.status_code == 302
    user = User.objects.get(email="nouvelle.maire@arcambal.fr")
    assert not user.has_usable_password()
    official = ElectedOfficial.objects.get(user=user)
    assert official.commune == commune_a and official.invited_at
    message = mail.outbox[-1]
    assert message.to == ["nouvelle.maire@arcambal.fr"]
    link = re.search(r"http://testserver(/espace-elus/invitation/\S+)", message.body)
    link = link.group(1)
    assert "valable 3 jours" in message.body
    assert "En tant que maire" in message.body
    staff_client.logout()
    response = client.get(link, follow=True)
    assert response.status_code == 200
    assert "Bienvenue dans l’espace des élus" in response.text
    set_password_url = response.redirect_chain[-1][0]
    response = client.post(
        set_password_url,
        {"password1": "Causses-du-Quercy-46", "password2": "Causses-du-Quercy-46"},
    )
    # Signed in, on the dashboard: no dead-end page, no second sign-in.
    assert response.status_code == 302
    assert response.url == reverse("mayors:dashboard")
    assert client.get(response.url).status_code == 200
    user.refresh_from_db()
    assert user.check_password("Causses-du-Quercy-46")
    client.logout()
    # The link served once: it is now refused.
    response = client.get(link, follow=True)
    assert response.context["token_fail"]
    assert "Ce lien d’invitation ne fonctionne plus" in response.text
    assert client.login(email=user.email, password="Causses-du-Quercy-46")
    assert client.get(reverse("mayors:dashboard")).status_code == 200


def test_invitation_form_rejects_inconsistent_roles(staff_client, commune_a, epci):
    response = staff_client.post(
        reverse("mayors_official:add"),
        {
            "first_name": "A",
            "last_name": "B",
            "email": "x@example.org",
            "role": "referent_epci",
            "commune": commune_a.pk,
        },
    )
    assert response.status_code == 200
    assert not User.objects.filter(email="x@example.org").exists()


def test_commune_user_cannot_invite(client, mayor_a, commune_a):
    client.login(email=mayor_a.email, password=PASSWORD)
    invite(client, commune_a, email="intrus@example.org")
    assert not User.objects.filter(email="intrus@example.org").exists()


@pytest.fixture
def submitted(call, commune_a, mayor_a, measure):
    draft = make_complete_draft(call, commune_a, mayor_a, measure)
    draft.submit(by=mayor_a)
    return draft


def act(staff_client, submission, action, message=""):
    return staff_client.post(
        reverse("mayors_submission:act", args=[submission.pk]),
        {"action": action, "message": message},
    )


def test_review_actions_from_the_admin(staff_client, submitted):
    assert act(staff_client, submitted, "start_review").status_code == 302
    response = act(staff_client, submitted, "rejected", "")
    assert response.status_code == 200  # reason missing: explained, nothing changed
    submitted.refresh_from_db()
    assert submitted.state == State.IN_REVIEW
    act(staff_client, submitted, "request_changes", "Ajoutez le plan de situation.")
    submitted.refresh_from_db()
    assert submitted.state == State.CHANGES_REQUESTED
    page = staff_client.get(
        reverse("mayors_submission:inspect", args=[submitted.pk])
    ).content.decode()
    assert "Ajoutez le plan de situation." in page
    assert submitted.reference in page


def test_submissions_list_filters_search_and_export(
    staff_client, submitted, call, commune_b, mayor_b, measure
):
    other = make_complete_draft(
        call, commune_b, mayor_b, measure, title="Médiathèque de Bélaye"
    )
    index = reverse("mayors_submission:index")
    page = staff_client.get(index).content.decode()
    assert submitted.title in page and other.title in page
    page = staff_client.get(index, {"state": "submitted"}).content.decode()
    assert submitted.title in page and other.title not in page
    page = staff_client.get(index, {"commune": commune_b.pk}).content.decode()
    assert other.title in page and submitted.title not in page
    page = staff_client.get(
        index, {"epci": commune_b.epci_id, "year": call.year}
    ).content.decode()
    assert other.title in page and submitted.title not in page
    page = staff_client.get(index, {"axe": measure.axe_id}).content.decode()
    assert other.title in page and submitted.title in page
    page = staff_client.get(index, {"q": "Médiathèque"}).content.decode()
    assert other.title in page and submitted.title not in page
    csv = staff_client.get(index, {"export": "csv"})
    assert csv.status_code == 200
    body = (
        b"".join(csv.streaming_content).decode()
        if csv.streaming
        else csv.content.decode()
    )
    assert (
        "Référence" in body
        and submitted.reference in body
        and "Médiathèque de Bélaye" in body
    )
    xlsx = staff_client.get(index, {"export": "xlsx"})
    assert xlsx.status_code == 200
    assert "spreadsheetml" in xlsx["Content-Type"]


def test_staff_cannot_edit_a_communes_dossier(staff_client, submitted):
    from django.urls import NoReverseMatch

    with pytest.raises(NoReverseMatch):
        reverse("mayors_submission:edit", args=[submitted.pk])


def retain(submission, staff):
    submission.start_review(by=staff)
    submission.decide(by=staff, outcome=State.RETAINED)


def test_compile_the_po_is_idempotent_and_reported(
    staff_client, submitted, staff, call, commune_b, mayor_b, measure
):
    retain(submitted, staff)
    other = make_complete_draft(call, commune_b, mayor_b, measure, title="Médiathèque")
    other.submit(by=mayor_b)
    other.start_review(by=staff)
    other.decide(by=staff, outcome=State.REJECTED, reason="Hors CTO")
    url = reverse("mayors_call:compile", args=[call.pk])
    assert "Compiler" in staff_client.get(url).content.decode()
    response = staff_client.post(url)
    assert "1 ajouté(s), 0 déjà présent(s)" in response.content.decode()
    programme = ProgrammeOperationnel.objects.get(
        contract=call.contract, year=call.year
    )
    version = programme.draft_version()
    entry = POEntry.objects.get(version=version)
    submitted.refresh_from_db()
    assert entry.project == submitted.project
    assert entry.region_amount == 80000
    project = submitted.project
    assert (
        project.title == submitted.title
        and project.total_cost == submitted.estimated_cost
    )
    assert list(project.communes.all()) == [submitted.commune]
    assert list(project.measures.all()) == [measure]
    assert project.latitude == pytest.approx(submitted.latitude)
    assert [(line.funder, line.amount) for line in project.financing_lines.all()] == [
        ("etat", 70000)
    ]
    response = staff_client.post(url)
    assert "0 ajouté(s), 1 déjà présent(s)" in response.content.decode()
    assert Project.objects.count() == 1 and POEntry.objects.count() == 1
    report = compile_programme(call)
    assert report.created == [] and report.existing == [submitted]


def test_compile_needs_review_permission(client, mayor_a, call):
    client.login(email=mayor_a.email, password=PASSWORD)
    client.post(reverse("mayors_call:compile", args=[call.pk]))
    assert not ProgrammeOperationnel.objects.exists()


def seed_submissions(call, mayor, measure, count):
    """Many communes with one priority each, in several states, through bulk inserts."""
    from contrats.models import Commune, Epci

    epci = Epci.objects.first()
    communes = Commune.objects.bulk_create(
        Commune(insee_code=f"9{n:04d}", name=f"Commune {n}", epci=epci)
        for n in range(count)
    )
    states = [State.DRAFT, State.SUBMITTED, State.IN_REVIEW, State.RETAINED]
    Submission.objects.bulk_create(
        Submission(
            call=call,
            commune=commune,
            title=f"Priorité {n}",
            rank=1,
            state=states[n % len(states)],
            reference=f"GQ-2099-{n:05d}",
            measure=measure,
        )
        for n, commune in enumerate(communes)
    )


def count_queries(client, url):
    client.get(url)  # the first request after login also loads the session
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200
    return len(context.captured_queries)


def test_submissions_list_query_count_does_not_grow(
    staff_client, call, mayor_a, measure, commune_a
):
    url = reverse("mayors_submission:index")
    seed_submissions(call, mayor_a, measure, 50)
    small = count_queries(staff_client, url)
    seed_submissions_more = 2000 - 50
    from contrats.models import Commune

    epci = commune_a.epci
    communes = Commune.objects.bulk_create(
        Commune(insee_code=f"8{n:04d}", name=f"Village {n}", epci=epci)
        for n in range(seed_submissions_more)
    )
    Submission.objects.bulk_create(
        Submission(call=call, commune=c, title=f"P {n}", rank=1, state=State.SUBMITTED)
        for n, c in enumerate(communes)
    )
    assert Submission.objects.count() == 2000
    large = count_queries(staff_client, url)
    assert small == large, (small, large)
    print(f"staff submissions list: {small} queries at 50 and 2 000 submissions")  # noqa: T201


def test_dashboard_query_count_does_not_grow(
    client, settings, mayor_a, call, commune_a, measure
):
    from mayors.models import Message

    settings.PAGE_CACHE_ENABLED = False  # the real render, not the session's copy
    client.login(email=mayor_a.email, password=PASSWORD)
    url = reverse("mayors:dashboard")
    for i in range(2):
        Submission.create_draft(call=call, commune=commune_a, by=mayor_a, title=f"P{i}")
    small = count_queries(client, url)
    Submission.create_draft(call=call, commune=commune_a, by=mayor_a, title="P3")
    for submission in Submission.objects.all():
        Message.objects.create(submission=submission, author=mayor_a, body="Bonjour")
    large = count_queries(client, url)
    assert small == large, (small, large)
