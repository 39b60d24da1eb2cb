"""Démarches open to organisations: an association's members file its dossiers, never
a commune's, and a commune never sees theirs; staff invite them and instruct."""

import re

import pytest
from django.contrib.auth.models import Group
from django.core import mail
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from cms.roles import COMMUNICATION
from mayors.models import ElectedOfficial, Organisation, Role, Submission
from mayors.models.submissions import TransitionError

from .factories import (
    PASSWORD,
    DemarcheFactory,
    OfficialFactory,
    OrganisationFactory,
    UserFactory,
    add_attachment,
    organisation_member,
)

pytestmark = pytest.mark.django_db
State = Submission.State


@pytest.fixture
def association(db):
    return OrganisationFactory(name="Association Bien Vieillir en Quercy")


@pytest.fixture
def president(association):
    return organisation_member(association, "presidente@bien-vieillir.example")


@pytest.fixture
def member(association):
    return organisation_member(
        association, "benevole@bien-vieillir.example", role=Role.MEMBRE
    )


@pytest.fixture
def cls_call(cto):
    return DemarcheFactory(
        contract=cto,
        title="Contrat Local de Santé — appel à projets 2027",
        open_to_associations=True,
        required_documents="Statuts de l’association",
    )


@pytest.fixture
def communes_only(cto):
    return DemarcheFactory(contract=cto, title="Fiches-projets CRTE")


def association_draft(call, association, by, **fields):
    return Submission.create_draft(
        call=call,
        organisation=association,
        by=by,
        title=fields.pop("title", "Ateliers mémoire"),
        **fields,
    )


def login(client, user):
    client.login(email=user.email, password=PASSWORD)
    return client


# --- the model ---------------------------------------------------------------------


def test_siret_has_fourteen_digits_with_a_french_message():
    organisation = Organisation(name="Les Amis", kind="association", siret="123 456")
    with pytest.raises(ValidationError) as error:
        organisation.full_clean()
    assert error.value.message_dict["siret"] == [
        "Le SIRET compte exactement 14 chiffres, sans espace."
    ]


def test_a_dossier_has_exactly_one_holder(cls_call, association, commune_a, president):
    draft = association_draft(cls_call, association, president)
    assert draft.holder == association and draft.commune is None
    with pytest.raises(IntegrityError), transaction.atomic():
        Submission.objects.filter(pk=draft.pk).update(commune=commune_a)
    with pytest.raises(TransitionError):
        Submission.create_draft(
            call=cls_call, commune=commune_a, organisation=association, by=president
        )


def test_staff_read_who_may_apply(client, staff, cls_call):
    login(client, staff)
    page = client.get(reverse("mayors_call:inspect", args=[cls_call.pk]))
    assert "Qui peut déposer" in page.text and "communes, associations" in page.text
    listing = client.get(reverse("mayors_call:index"))
    assert "communes, associations" in listing.text


def test_a_priority_demarche_stays_for_communes(call):
    call.open_to_associations = True
    with pytest.raises(ValidationError) as error:
        call.clean()
    assert "réservée aux communes" in str(error.value)


def test_an_association_cannot_draft_where_only_communes_apply(
    communes_only, association, president
):
    with pytest.raises(TransitionError, match="pas ouverte aux associations"):
        association_draft(communes_only, association, president)


# --- the member's intranet -----------------------------------------------------------


def test_member_starts_a_dossier_from_the_dashboard(
    client, cls_call, communes_only, association, member
):
    page = login(client, member).get(reverse("mayors:dashboard"))
    create = reverse(
        "mayors:organisation_submission_create", args=[cls_call.pk, association.pk]
    )
    assert create in page.text
    assert communes_only.title not in page.text
    assert "Qui peut déposer : communes, associations." in page.text
    response = client.post(create, {"title": "Ateliers mémoire"})
    draft = Submission.objects.get()
    assert response.status_code == 302
    assert draft.organisation == association and draft.commune is None
    assert (
        "Association Bien Vieillir en Quercy"
        in client.get(reverse("mayors:submission_detail", args=[draft.pk])).text
    )


def test_a_commune_and_an_association_never_see_each_others_dossiers(
    client, cls_call, association, member, commune_a, mayor_a
):
    theirs = association_draft(cls_call, association, member)
    ours = Submission.create_draft(
        call=cls_call, commune=commune_a, by=mayor_a, title="Maison de santé"
    )
    login(client, mayor_a)
    assert (
        client.get(reverse("mayors:submission_detail", args=[theirs.pk])).status_code
        == 404
    )
    assert (
        client.get(reverse("mayors:submission_edit", args=[theirs.pk])).status_code
        == 404
    )
    create = reverse(
        "mayors:organisation_submission_create", args=[cls_call.pk, association.pk]
    )
    assert client.post(create, {"title": "Intrus"}).status_code == 404
    assert theirs.title not in client.get(reverse("mayors:dashboard")).text
    login(client, member)
    assert (
        client.get(reverse("mayors:submission_detail", args=[ours.pk])).status_code
        == 404
    )
    assert (
        client.post(
            reverse("mayors:submission_create", args=[cls_call.pk, commune_a.pk]),
            {"title": "Intrus"},
        ).status_code
        == 404
    )
    assert list(Submission.objects.for_user(member)) == [theirs]
    assert list(Submission.objects.for_user(mayor_a)) == [ours]
    assert Submission.objects.count() == 2


def test_another_associations_member_gets_404(client, cls_call, association, member):
    theirs = association_draft(cls_call, association, member)
    other = OfficialFactory(
        commune=None, organisation=OrganisationFactory(), role=Role.REPRESENTANT
    ).user
    login(client, other)
    assert (
        client.get(reverse("mayors:submission_detail", args=[theirs.pk])).status_code
        == 404
    )


def test_only_the_representative_or_a_designated_member_deposits(
    client,
    refusals,
    cls_call,
    association,
    member,
    president,
    django_capture_on_commit_callbacks,
):
    draft = association_draft(cls_call, association, member)
    add_attachment(draft, member, kind="Statuts de l’association")
    deposit = reverse("mayors:submission_submit", args=[draft.pk])
    refusal = refusals(login(client, member), deposit, method="post")
    assert "représentant·e légal·e de l’organisation" in refusal
    draft.refresh_from_db()
    assert draft.state == State.DRAFT
    login(client, president)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(deposit)
    draft.refresh_from_db()
    assert draft.state == State.SUBMITTED, response
    recipients = {address for message in mail.outbox for address in message.to}
    assert {member.email, president.email} <= recipients
    pdf = client.get(reverse("mayors:acknowledgement_pdf", args=[draft.pk]))
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"


def test_a_designated_member_deposits(cls_call, association, member):
    official = ElectedOfficial.objects.get(user=member)
    official.can_submit = True
    official.save()
    draft = association_draft(cls_call, association, member)
    add_attachment(draft, member, kind="Statuts de l’association")
    draft.submit(by=member)
    assert draft.reference


# --- staff --------------------------------------------------------------------------


@pytest.fixture
def staff_client(client, staff):
    return login(client, staff)


def invite_member(
    client, association, email="tresoriere@bien-vieillir.example", **extra
):
    return client.post(
        reverse("mayors_official:add"),
        {
            "first_name": "Inès",
            "last_name": "Vayssière",
            "email": email,
            "role": "membre",
            "commune": "",
            "epci": "",
            "organisation": association.pk,
            "is_active": "on",
            **extra,
        },
    )


def test_staff_invite_an_associations_member(
    staff_client, association, django_capture_on_commit_callbacks
):
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = invite_member(staff_client, association)
    assert response.status_code == 302
    official = ElectedOfficial.objects.get(
        user__email="tresoriere@bien-vieillir.example"
    )
    assert official.organisation == association and official.commune is None
    body = mail.outbox[-1].body
    assert "Association Bien Vieillir en Quercy" in body
    assert "dossiers de votre organisation" in body
    assert re.search(r"/espace-elus/invitation/\S+", body)


def test_a_member_without_organisation_is_refused(staff_client, commune_a, association):
    response = invite_member(staff_client, association, organisation="")
    assert response.status_code == 200
    assert "Choisissez l’organisation." in response.text
    response = invite_member(staff_client, association, commune=commune_a.pk)
    assert "sans commune ni EPCI" in response.text
    assert not ElectedOfficial.objects.filter(organisation__isnull=False).exists()


def test_policy_staff_manage_organisations(staff_client):
    response = staff_client.post(
        reverse("mayors_organisation:add"),
        {"name": "Foyer rural de Lalbenque", "kind": "association", "siret": "12"},
    )
    assert response.status_code == 200
    assert "14 chiffres" in response.text
    response = staff_client.post(
        reverse("mayors_organisation:add"),
        {
            "name": "Foyer rural de Lalbenque",
            "kind": "association",
            "siret": "12345678900017",
            "is_active": "on",
        },
    )
    assert response.status_code == 302
    assert Organisation.objects.filter(name="Foyer rural de Lalbenque").exists()


def test_other_staff_groups_cannot_manage_organisations(client, association):
    editor = UserFactory(email="redaction@grandquercy.test", is_staff=True)
    editor.groups.add(Group.objects.get(name=COMMUNICATION))
    login(client, editor)
    assert client.get(reverse("mayors_organisation:index")).status_code in (302, 403)
    client.post(
        reverse("mayors_organisation:add"), {"name": "Intruse", "kind": "association"}
    )
    assert not Organisation.objects.filter(name="Intruse").exists()


def test_listing_filters_and_exports_the_holder(
    staff_client, cls_call, association, president, commune_a, mayor_a
):
    theirs = association_draft(cls_call, association, president)
    Submission.create_draft(
        call=cls_call, commune=commune_a, by=mayor_a, title="Maison de santé"
    )
    page = staff_client.get(
        reverse("mayors_submission:index"), {"holder": "association"}
    )
    assert theirs.title in page.text and "Maison de santé" not in page.text
    response = staff_client.get(
        reverse("mayors_submission:index"),
        {"export": "csv", "call": cls_call.pk, "holder": "association"},
    )
    text = b"".join(response.streaming_content).decode()
    header, row = text.splitlines()[:2]
    assert "Organisation" in header
    assert "Association Bien Vieillir en Quercy" in row
    inspect = staff_client.get(reverse("mayors_submission:inspect", args=[theirs.pk]))
    assert inspect.status_code == 200
    assert "Association Bien Vieillir en Quercy" in inspect.text


# --- query budget -------------------------------------------------------------------


def test_dashboard_queries_do_not_grow_with_the_associations_dossiers(
    client, cto, association, president
):
    calls = []
    login(client, president)
    counts = []
    for size in (1, 8):
        while len(calls) < size:
            call = DemarcheFactory(contract=cto, open_to_associations=True)
            calls.append(call)
            association_draft(
                call, association, president, title=f"Dossier {len(calls)}"
            )
        url = reverse("mayors:dashboard")
        client.get(url)  # warm: content types, site settings
        cache.clear()  # measured uncached: the page's own queries, not a cache hit
        with CaptureQueriesContext(connection) as context:
            response = client.get(url)
        assert response["X-Page-Cache"] == "private-miss"
        assert response.text.count("Nouveau dossier") == size
        counts.append(len(context.captured_queries))
    assert counts[0] == counts[1], counts
    print(f"dashboard of an association: {counts} queries at 1 and 8 démarches")  # noqa: T201
