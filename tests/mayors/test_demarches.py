"""Démarches built in the admin: typed fields, a commune's dossier answering them, the
ARE, the staff listing and its export, the version rule, the forbidden paths."""

import csv
import io

import pytest
from django.urls import reverse
from pypdf import PdfReader

from mayors.models import CallForPriorities, DemarcheField, Submission

from .factories import (
    PASSWORD,
    DemarcheFactory,
    DemarcheFieldFactory,
    add_attachment,
)

pytestmark = pytest.mark.django_db
Kind = DemarcheField.Kind


@pytest.fixture
def staff_client(client, staff):
    client.login(email=staff.email, password=PASSWORD)
    return client


@pytest.fixture
def mayor_client(client, mayor_a):
    client.login(email=mayor_a.email, password=PASSWORD)
    return client


@pytest.fixture
def demarche(cto):
    call = DemarcheFactory(contract=cto)
    DemarcheFieldFactory(
        call=call,
        label="Habitants concernés",
        key="habitants",
        kind=Kind.NUMBER,
        required=True,
    )
    DemarcheFieldFactory(
        call=call, label="Début des travaux", key="debut", kind=Kind.DATE
    )
    DemarcheFieldFactory(
        call=call,
        label="Porteur associé",
        key="porteur",
        kind=Kind.CHOICE,
        choices="Commune\nEPCI\nAssociation",
        required=True,
    )
    return call


def admin_data(call_fields, fields, documents=None, **overrides):
    """The démarche's admin form as staff post it: its documents and fields in inline
    formsets (by default one new required document, « Budget prévisionnel »)."""
    if documents is None:
        documents = [{"name": "Budget prévisionnel", "required": True}]
    data = {
        "title": "Contrat Local de Santé — appel à projets 2027",
        "kind": "form",
        "contract": "",
        "year": "",
        "opens_at": "2026-12-01 09:00",
        "closes_at": "2027-03-31 18:00",
        "max_priorities": "2",
        "retention_months": "36",
        "instructions": "",
        "service_name": "Animation du Contrat Local de Santé",
        "extensions-TOTAL_FORMS": "0",
        "extensions-INITIAL_FORMS": "0",
        "extensions-MIN_NUM_FORMS": "0",
        "extensions-MAX_NUM_FORMS": "1000",
        "form_fields-TOTAL_FORMS": str(len(fields)),
        "form_fields-INITIAL_FORMS": str(sum(1 for f in fields if f.get("id"))),
        "form_fields-MIN_NUM_FORMS": "0",
        "form_fields-MAX_NUM_FORMS": "1000",
        **call_fields,
        "documents-TOTAL_FORMS": str(len(documents)),
        "documents-INITIAL_FORMS": str(sum(1 for d in documents if d.get("id"))),
        "documents-MIN_NUM_FORMS": "0",
        "documents-MAX_NUM_FORMS": "1000",
    }
    for index, document in enumerate(documents):
        prefix = f"documents-{index}-"
        row = {"id": "", "ORDER": str(index + 1), **document}
        types = row.pop("allowed_types", ["pdf", "image", "text", "spreadsheet"])
        for flag in ("required", "DELETE"):
            if row.pop(flag, False):
                row[flag] = "on"
        data.update({prefix + name: value for name, value in row.items()})
        data[prefix + "allowed_types"] = types
    for index, field in enumerate(fields):
        prefix = f"form_fields-{index}-"
        row = {
            "id": "",
            "key": "",
            "help_text": "",
            "choices": "",
            "ORDER": str(index + 1),
            **field,
        }
        if row.pop("required", False):
            row["required"] = "on"
        if row.pop("DELETE", False):
            row["DELETE"] = "on"
        data.update({prefix + name: value for name, value in row.items()})
    data.update(overrides)
    return data


def form_errors(response):
    form = response.context["form"]
    return form.errors, {
        name: [f.errors for f in formset.forms] + [formset.non_form_errors()]
        for name, formset in form.formsets.items()
    }


def existing_documents(call):
    return [
        {
            "id": str(d.pk),
            "name": d.name,
            "allowed_types": d.allowed_types,
            "required": d.required,
        }
        for d in call.documents.all()
    ]


def existing_fields(call):
    return [
        {
            "id": str(f.pk),
            "label": f.label,
            "kind": f.kind,
            "key": f.key,
            "help_text": f.help_text,
            "choices": f.choices,
            "required": f.required,
        }
        for f in call.form_fields.all()
    ]


def test_staff_build_a_demarche_with_typed_fields(staff_client, cto):
    response = staff_client.post(
        reverse("mayors_call:add"),
        admin_data(
            {"contract": str(cto.pk)},
            [
                {"label": "Public visé", "kind": "long_text", "required": True},
                {"label": "Montant demandé", "kind": "amount", "required": True},
                {
                    "label": "Thème de santé",
                    "kind": "choice",
                    "choices": "Prévention\nAccès aux soins\nSanté mentale",
                },
            ],
        ),
    )
    assert response.status_code == 302, form_errors(response)
    call = CallForPriorities.objects.get(title__startswith="Contrat Local de Santé")
    assert call.kind == "form" and not call.feeds_programme
    assert call.required_document_list == ["Budget prévisionnel"]
    assert [(f.label, f.kind, f.key, f.required) for f in call.form_fields.all()] == [
        ("Public visé", "long_text", "public-vise", True),
        ("Montant demandé", "amount", "montant-demande", True),
        ("Thème de santé", "choice", "theme-de-sante", False),
    ]


def test_admin_refuses_a_choice_without_options(staff_client, cto):
    response = staff_client.post(
        reverse("mayors_call:add"),
        admin_data({"contract": str(cto.pk)}, [{"label": "Thème", "kind": "choice"}]),
    )
    assert response.status_code == 200
    assert "Indiquez au moins une option, une par ligne." in response.text
    assert not CallForPriorities.objects.exists()


def test_a_priority_demarche_needs_its_year(staff_client, cto):
    response = staff_client.post(
        reverse("mayors_call:add"),
        admin_data({"contract": str(cto.pk), "kind": "priorities"}, []),
    )
    assert response.status_code == 200
    assert "Indiquez l’année du Programme Opérationnel." in response.text


def create_url(call, commune):
    return reverse("mayors:submission_create", args=[call.pk, commune.pk])


def test_commune_member_files_a_dossier_on_typed_fields(
    mayor_client, demarche, commune_a, mayor_a
):
    page = mayor_client.get(create_url(demarche, commune_a)).text
    assert "Habitants concernés" in page and "Porteur associé" in page
    assert "Obligatoire pour déposer." in page

    refused = mayor_client.post(
        create_url(demarche, commune_a),
        {
            "title": "Maison de santé",
            "champ_habitants": "beaucoup",
            "champ_debut": "2027-13-45",
            "champ_porteur": "Mairie",
        },
    )
    assert refused.status_code == 200
    assert "Saisissez un nombre." in refused.text
    assert "Saisissez une date valide." in refused.text
    assert "Sélectionnez un choix valide." in refused.text
    assert not Submission.objects.exists()

    # A draft saves incomplete.
    response = mayor_client.post(
        create_url(demarche, commune_a), {"title": "Maison de santé"}
    )
    dossier = Submission.objects.get()
    assert response.status_code == 302
    detail = reverse("mayors:submission_detail", args=[dossier.pk])
    page = mayor_client.get(detail).text
    assert "Habitants concernés" in page and "pièce : Budget prévisionnel" in page

    # The deposit is refused while a required field is empty.
    mayor_client.post(reverse("mayors:submission_submit", args=[dossier.pk]))
    dossier.refresh_from_db()
    assert dossier.state == Submission.State.DRAFT
    assert dossier.reference is None

    response = mayor_client.post(
        reverse("mayors:submission_edit", args=[dossier.pk]),
        {
            "title": "Maison de santé pluriprofessionnelle",
            "champ_habitants": "1 250",
            "champ_debut": "2027-03-01",
            "champ_porteur": "Association",
        },
    )
    assert response.status_code == 302
    dossier.refresh_from_db()
    assert dossier.answers == {
        "habitants": "1250",
        "debut": "2027-03-01",
        "porteur": "Association",
    }
    add_attachment(dossier, mayor_a, kind="Budget prévisionnel")
    response = mayor_client.post(reverse("mayors:submission_submit", args=[dossier.pk]))
    dossier.refresh_from_db()
    assert dossier.state == Submission.State.SUBMITTED, response
    assert response.url == reverse("mayors:acknowledgement", args=[dossier.pk])

    for url in (detail, reverse("mayors:acknowledgement", args=[dossier.pk])):
        page = mayor_client.get(url).text
        answers = page[page.index("<dt>Habitants") :]
        order = [answers.index(label) for label in ("Habitants", "Début", "Porteur")]
        assert order == sorted(order)
        assert "1 mars 2027" in page and "Association" in page
    pdf = mayor_client.get(reverse("mayors:acknowledgement_pdf", args=[dossier.pk]))
    text = " ".join(
        page.extract_text() for page in PdfReader(io.BytesIO(pdf.content)).pages
    )
    assert "Réponses au formulaire" in text
    assert "Porteur associé" in text and "Association" in text


def test_the_are_e_mail_lists_the_answers_as_written(
    mayor_client,
    demarche,
    commune_a,
    mayor_a,
    mailoutbox,
    django_capture_on_commit_callbacks,
):
    DemarcheFieldFactory(call=demarche, label="Objet", key="objet", kind=Kind.LONG_TEXT)
    mayor_client.post(create_url(demarche, commune_a), {"title": "Cour d’école"})
    dossier = Submission.objects.get()
    mayor_client.post(
        reverse("mayors:submission_edit", args=[dossier.pk]),
        {
            "title": "Cour d’école",
            "champ_habitants": "1250",
            "champ_debut": "2027-03-01",
            "champ_porteur": "Association",
            "champ_objet": "Préau & cour <école>",
        },
    )
    add_attachment(dossier, mayor_a, kind="Budget prévisionnel")
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        mayor_client.post(reverse("mayors:submission_submit", args=[dossier.pk]))
    dossier.refresh_from_db()
    assert dossier.state == Submission.State.SUBMITTED

    [are] = [m for m in mailoutbox if mayor_a.email in m.to]
    assert are.content_subtype == "plain"  # as written: no entity to escape
    body = " ".join(are.body.replace("\u202f", " ").replace("\xa0", " ").split())
    assert (
        "Réponses au formulaire : - Habitants concernés : 1 250 - Début des travaux : "
        "1 mars 2027 - Porteur associé : Association - Objet : Préau & cour <école>"
    ) in body


def test_a_map_point_stays_in_the_commune(mayor_client, cto, commune_a):
    call = DemarcheFactory(contract=cto)
    DemarcheFieldFactory(call=call, label="Emplacement", key="lieu", kind=Kind.POINT)
    response = mayor_client.post(
        create_url(call, commune_a), {"title": "Abri", "champ_lieu": "44 ; nord"}
    )
    assert "Écrivez la latitude et la longitude séparées par « ; »." in response.text
    response = mayor_client.post(
        create_url(call, commune_a), {"title": "Abri", "champ_lieu": "44,45 ; 1,52"}
    )
    assert response.status_code == 302
    assert Submission.objects.get().answers == {"lieu": [44.45, 1.52]}


def deposited(call, commune, by, **answers):
    dossier = Submission.create_draft(
        call=call, commune=commune, by=by, title="Dossier", answers=answers
    )
    add_attachment(dossier, by, kind="Budget prévisionnel")
    dossier.submit(by=by)
    return dossier


def test_export_has_one_column_per_field_with_french_headings(
    staff_client, demarche, commune_a, mayor_a
):
    dossier = deposited(
        demarche,
        commune_a,
        mayor_a,
        habitants="800",
        debut="2027-05-02",
        porteur="=HYPERLIEN(1)",
    )
    inspect = staff_client.get(reverse("mayors_submission:inspect", args=[dossier.pk]))
    assert "<dt>Début des travaux</dt><dd>2 mai 2027</dd>" in inspect.text
    index = reverse("mayors_submission:index")
    page = staff_client.get(index, {"call": demarche.pk}).text
    assert "Porteur associé" in page and "2 mai 2027" in page
    response = staff_client.get(index, {"call": demarche.pk, "export": "csv"})
    body = b"".join(response.streaming_content).decode()
    header, row = list(csv.reader(io.StringIO(body)))[:2]
    assert header[-3:] == [
        "Habitants concernés",
        "Début des travaux",
        "Porteur associé",
    ]
    assert row[-3:] == ["800", "02/05/2027", "'=HYPERLIEN(1)"]
    xlsx = staff_client.get(index, {"call": demarche.pk, "export": "xlsx"})
    assert xlsx.status_code == 200


def test_version_rule_keeps_answered_fields(staff_client, demarche, commune_a, mayor_a):
    deposited(demarche, commune_a, mayor_a, habitants="800", porteur="EPCI")
    edit = reverse("mayors_call:edit", args=[demarche.pk])
    call_fields = {"title": demarche.title, "contract": str(demarche.contract_id)}
    fields = existing_fields(demarche)
    documents = existing_documents(demarche)

    removed = [*fields[:2], {**fields[2], "DELETE": True}]
    response = staff_client.post(edit, admin_data(call_fields, removed, documents))
    assert response.status_code == 200
    message = (
        "Ce champ a déjà des réponses : créez une nouvelle version de la démarche."
    )
    assert message in response.text
    assert demarche.form_fields.count() == 3

    changed = [{**fields[0], "kind": "short_text"}, *fields[1:]]
    response = staff_client.post(edit, admin_data(call_fields, changed, documents))
    assert message in response.text
    assert demarche.form_fields.get(key="habitants").kind == Kind.NUMBER

    required = [
        *fields,
        {"label": "Partenaires", "kind": "long_text", "required": True},
    ]
    response = staff_client.post(edit, admin_data(call_fields, required, documents))
    assert "un champ ajouté reste facultatif" in response.text

    added = [*fields, {"label": "Partenaires", "kind": "long_text"}]
    response = staff_client.post(edit, admin_data(call_fields, added, documents))
    assert response.status_code == 302
    assert demarche.form_fields.count() == 4


def test_another_communes_dossier_and_the_admin_are_closed(
    client, demarche, commune_a, mayor_a, mayor_b
):
    dossier = Submission.create_draft(
        call=demarche, commune=commune_a, by=mayor_a, title="Maison de santé"
    )
    client.login(email=mayor_b.email, password=PASSWORD)
    for name in ("mayors:submission_detail", "mayors:submission_edit"):
        assert client.get(reverse(name, args=[dossier.pk])).status_code == 404
    response = client.post(
        reverse("mayors:submission_edit", args=[dossier.pk]),
        {"title": "Détourné", "champ_porteur": "EPCI"},
    )
    assert response.status_code == 404
    dossier.refresh_from_db()
    assert dossier.title == "Maison de santé" and dossier.answers == {}
    # An elected official is no staff: the démarche's admin stays closed.
    response = client.post(
        reverse("mayors_call:edit", args=[demarche.pk]),
        admin_data({"contract": str(demarche.contract_id)}, []),
    )
    assert response.status_code in (302, 403)
    assert demarche.form_fields.count() == 3
    assert client.get(reverse("mayors_call:add")).status_code in (302, 403)


def test_new_version_copies_the_form_closed_to_deposits(
    staff_client, client, demarche, commune_a, mayor_a
):
    deposited(demarche, commune_a, mayor_a, habitants="800", porteur="EPCI")
    response = staff_client.post(reverse("mayors_call:new_version", args=[demarche.pk]))
    copy = CallForPriorities.objects.exclude(pk=demarche.pk).get()
    assert response.url == reverse("mayors_call:edit", args=[copy.pk])
    assert copy.title.endswith("— nouvelle version") and copy.kind == "form"
    assert [(f.key, f.kind, f.required) for f in copy.form_fields.all()] == [
        (f.key, f.kind, f.required) for f in demarche.form_fields.all()
    ]
    assert not copy.is_open_for(commune_a)
    # The copy has no dossier yet: its answered fields may go.
    fields = existing_fields(copy)
    response = staff_client.post(
        reverse("mayors_call:edit", args=[copy.pk]),
        admin_data(
            {"title": copy.title, "contract": str(copy.contract_id)},
            [*fields[:2], {**fields[2], "DELETE": True}],
            existing_documents(copy),
        ),
    )
    assert response.status_code == 302, form_errors(response)
    assert copy.form_fields.count() == 2 and demarche.form_fields.count() == 3


def test_new_version_is_for_staff_only(client, demarche, mayor_a):
    client.login(email=mayor_a.email, password=PASSWORD)
    client.post(reverse("mayors_call:new_version", args=[demarche.pk]))
    assert CallForPriorities.objects.count() == 1
