"""The admin: who may edit, financing rules across inline lines, frozen POs, local Leaflet."""

import re
from decimal import Decimal

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.urls import reverse
from wagtail.test.utils.form_data import inline_formset, nested_form_data

from cms.roles import COMMUNICATION, POLITIQUES_CONTRACTUELLES, grant_page_permissions
from contrats.models import ContractPage, FinancingLine, POVersion, Project

from .factories import FinancingLineFactory, ProjectFactory, make_contract, make_po

pytestmark = pytest.mark.django_db


def staff(email, group_name):
    user = get_user_model().objects.create_user(
        email=email, password="motdepasse-solide", is_staff=True
    )
    user.groups.add(Group.objects.get(name=group_name))
    return user


@pytest.fixture
def policy_user():
    return staff("contrats@example.org", POLITIQUES_CONTRACTUELLES)


@pytest.fixture
def communication_user():
    return staff("communication@example.org", COMMUNICATION)


@pytest.fixture
def crte(site_root):
    contract = make_contract(site_root, kind="CRTE", short_name="CRTE", tree=(1, 1, 2))
    grant_page_permissions(
        apps,
        POLITIQUES_CONTRACTUELLES,
        contract.get_parent(),
        ["add_page", "change_page", "publish_page"],
    )
    return contract


def project_form(measure=None, lines=(), **fields):
    data = {
        "title": "Halle de producteurs",
        "slug": "halle-de-producteurs",
        "summary": "Une halle couverte pour le marché.",
        "holder_kind": "commune",
        "holder_name": "Commune de Lalbenque",
        "status": "engage",
        "start_year": "2023",
        "end_year": "",
        "total_cost": "100000",
        "location": "SRID=4326;POINT(1.5472 44.3383)",
        "financing_lines": inline_formset(
            [
                {
                    "funder": f,
                    "programme": p,
                    "amount": a,
                    "year": y,
                    "status": "acquis",
                }
                for f, p, a, y in lines
            ]
        ),
        "images": inline_formset([]),
        "documents": inline_formset([]),
    }
    data.update(fields)
    data = nested_form_data(data)
    data["measures"] = [measure.pk] if measure else []
    return data


def test_policy_staff_creates_a_project_with_its_financing(client, policy_user, crte):
    client.force_login(policy_user)
    measure = crte.orientations.get().axes.get().measures.first()
    response = client.post(
        reverse("contrats_projects:add"),
        project_form(
            measure,
            lines=[
                ("etat", "DETR", "40000", "2023"),
                ("departement", "FAST", "20000", "2023"),
            ],
        ),
    )
    assert response.status_code == 302, response.context["form"].errors
    project = Project.objects.get(slug="halle-de-producteurs")
    assert project.financing_lines.count() == 2
    assert (project.latitude, project.longitude) == (44.3383, 1.5472)
    assert list(project.measures.all()) == [measure]


def test_admin_refuses_financing_above_cost_and_saves_nothing(
    client, policy_user, crte
):
    client.force_login(policy_user)
    response = client.post(
        reverse("contrats_projects:add"),
        project_form(
            lines=[
                ("etat", "DETR", "80000", "2023"),
                ("europe", "LEADER", "30000", "2023"),
            ]
        ),
    )
    assert response.status_code == 200
    assert "dépasse le coût total du projet" in response.content.decode()
    assert not Project.objects.exists()


def test_admin_refuses_zero_amount_and_region_line_outside_po(
    client, policy_user, crte
):
    client.force_login(policy_user)
    response = client.post(
        reverse("contrats_projects:add"),
        project_form(
            lines=[("etat", "DETR", "0", "2023"), ("region", "CTO", "1000", "2023")]
        ),
    )
    html = response.content.decode()
    assert "Le montant doit être supérieur à 0 €." in html
    assert "Programme Opérationnel adopté de 2023" in html
    assert not Project.objects.exists()


def test_admin_accepts_region_line_once_project_is_in_adopted_po(
    client, policy_user, site_root
):
    client.force_login(policy_user)
    cto = make_contract(site_root, kind="CTO", short_name="CTO")
    project = ProjectFactory(slug="halle-de-producteurs")
    version = make_po(cto, 2023).draft_version()
    version.add_project(project, Decimal("5000"))
    version.adopt()
    response = client.post(
        reverse("contrats_projects:edit", args=[project.pk]),
        project_form(lines=[("region", "CTO", "5000", "2023")]),
    )
    assert response.status_code == 302, (
        response.context["form"].errors,
        [f.errors for f in response.context["form"].formsets["financing_lines"].forms],
    )
    assert project.financing_lines.get().funder == FinancingLine.Funder.REGION


def test_communication_staff_cannot_touch_contracts(client, communication_user, crte):
    client.force_login(communication_user)
    project = ProjectFactory()
    for url in [
        reverse("contrats_projects:index"),
        reverse("contrats_projects:add"),
        reverse("contrats_projects:edit", args=[project.pk]),
        reverse("contrats_po_versions:index"),
        reverse("wagtailadmin_pages:edit", args=[crte.pk]),
    ]:
        response = client.get(url)
        assert response.status_code in (302, 403), url
    response = client.post(reverse("contrats_projects:add"), project_form())
    assert response.status_code in (302, 403)
    assert not Project.objects.filter(slug="halle-de-producteurs").exists()
    response = client.post(reverse("contrats_projects:delete", args=[project.pk]))
    assert Project.objects.filter(pk=project.pk).exists()
    assert not communication_user.has_perm("contrats.change_project")


def test_policy_staff_edits_contract_pages_and_pos(client, policy_user, crte):
    client.force_login(policy_user)
    assert (
        client.get(reverse("wagtailadmin_pages:edit", args=[crte.pk])).status_code
        == 200
    )
    assert client.get(reverse("contrats_po_versions:index")).status_code == 200
    assert client.get(reverse("contrats_programmes:add")).status_code == 200


def test_project_in_adopted_po_cannot_be_deleted_in_admin(
    client, policy_user, site_root
):
    client.force_login(policy_user)
    cto = make_contract(site_root, kind="CTO", short_name="CTO")
    project = ProjectFactory()
    version = make_po(cto, 2024).draft_version()
    version.add_project(project, Decimal("100"))
    version.adopt()
    response = client.post(
        reverse("contrats_projects:delete", args=[project.pk]), follow=True
    )
    assert "ne peut pas être supprimé" in response.content.decode()
    assert Project.objects.filter(pk=project.pk).exists()
    free = ProjectFactory()
    client.post(reverse("contrats_projects:delete", args=[free.pk]))
    assert not Project.objects.filter(pk=free.pk).exists()


def test_adopted_version_is_frozen_in_admin(client, policy_user, site_root):
    client.force_login(policy_user)
    cto = make_contract(site_root, kind="CTO", short_name="CTO")
    project = ProjectFactory()
    version = make_po(cto, 2024).draft_version()
    entry = version.add_project(project, Decimal("100"))
    version.adopt()
    data = nested_form_data(
        {
            "po": version.po_id,
            "status": "adopte",
            "adopted_on": "2024-05-03",
            "note": "modifié",
            "entries": inline_formset(
                [
                    {
                        "id": entry.pk,
                        "project": project.pk,
                        "region_amount": "999",
                        "note": "",
                    }
                ],
                initial=1,
            ),
        }
    )
    response = client.post(
        reverse("contrats_po_versions:edit", args=[version.pk]), data
    )
    assert "elle ne peut plus être modifiée" in response.content.decode()
    entry.refresh_from_db()
    assert entry.region_amount == Decimal("100")
    response = client.post(
        reverse("contrats_po_versions:delete", args=[version.pk]), follow=True
    )
    assert POVersion.objects.filter(pk=version.pk).exists()


def test_admin_adopts_a_draft_with_its_entries(client, policy_user, site_root):
    client.force_login(policy_user)
    cto = make_contract(site_root, kind="CTO", short_name="CTO")
    project = ProjectFactory()
    version = make_po(cto, 2025).draft_version()
    data = nested_form_data(
        {
            "po": version.po_id,
            "status": "adopte",
            "adopted_on": "",
            "note": "",
            "entries": inline_formset(
                [{"project": project.pk, "region_amount": "2500", "note": ""}]
            ),
        }
    )
    response = client.post(
        reverse("contrats_po_versions:edit", args=[version.pk]), data
    )
    assert response.status_code == 302
    version = POVersion.objects.get(pk=version.pk)
    assert version.is_frozen and version.adopted_on is not None
    assert version.entries.get().region_amount == Decimal("2500")
    assert project.in_adopted_po(2025)


def test_admin_map_uses_local_leaflet_only(client, policy_user, crte):
    client.force_login(policy_user)
    project = ProjectFactory()
    html = client.get(
        reverse("contrats_projects:edit", args=[project.pk])
    ).content.decode()
    assert "/static/vendor/leaflet/leaflet.js" in html
    assert "/static/vendor/leaflet/leaflet.css" in html
    assert 'data-controller="leaflet-field"' in html
    external = re.findall(r'(?:src|href)="(https?://[^"]*)"', html)
    assert [url for url in external if "leaflet" in url or "unpkg" in url] == []
    assert "unpkg.com" not in html


def test_spreadsheet_export(client, policy_user, crte):
    client.force_login(policy_user)
    FinancingLineFactory(project=ProjectFactory(title="Exporté"))
    response = client.get(reverse("contrats_projects:index") + "?export=csv")
    assert response.status_code == 200
    content = (
        b"".join(response.streaming_content).decode("utf-8-sig")
        if response.streaming
        else response.content.decode()
    )
    assert "Exporté" in content
    response = client.get(reverse("contrats_projects:index") + "?export=xlsx")
    assert response.status_code == 200
    assert "spreadsheetml" in response["Content-Type"]


def test_contract_kind_check_on_programmes(client, policy_user, crte):
    client.force_login(policy_user)
    response = client.post(
        reverse("contrats_programmes:add"), {"contract": crte.pk, "year": "2024"}
    )
    assert response.status_code == 200
    assert not ContractPage.objects.get(pk=crte.pk).programmes.exists()


def test_policy_staff_may_attach_documents_and_photos(policy_user):
    from wagtail.documents import get_document_model
    from wagtail.images import get_image_model
    from wagtail.permissions import policy_registry

    documents = policy_registry.get_by_type(get_document_model())
    images = policy_registry.get_by_type(get_image_model())

    assert documents.user_has_permission(policy_user, "choose")
    assert documents.user_has_permission(policy_user, "add")
    assert images.user_has_permission(policy_user, "choose")


def test_admin_prepares_an_avenant_from_the_last_adoption(
    client, policy_user, site_root
):
    client.force_login(policy_user)
    cto = make_contract(site_root, kind="CTO", short_name="CTO")
    project = ProjectFactory()
    po = make_po(cto, 2026)
    initial = po.draft_version()
    initial.add_project(project, Decimal("700"))
    initial.adopt()
    data = nested_form_data(
        {
            "po": po.pk,
            "status": "brouillon",
            "adopted_on": "",
            "note": "Avenant 1",
            "entries": inline_formset([]),
        }
    )
    response = client.post(reverse("contrats_po_versions:add"), data)
    assert response.status_code == 302
    avenant = po.versions.get(number=2)
    assert avenant.kind == POVersion.Kind.AVENANT
    assert [(e.project, e.region_amount) for e in avenant.entries.all()] == [
        (project, Decimal("700.00"))
    ]
    response = client.post(reverse("contrats_po_versions:add"), data)
    assert "Une version en brouillon existe déjà" in response.content.decode()
    assert po.versions.count() == 2


def test_strategy_tree_is_edited_inline_in_the_contract_page(client, policy_user, crte):
    from wagtail.test.utils.form_data import rich_text, streamfield

    client.force_login(policy_user)
    orientation = crte.orientations.get()
    axe = orientation.axes.get()
    m1, m2 = axe.measures.order_by("number")
    data = nested_form_data(
        {
            "title": crte.title,
            "slug": crte.slug,
            "short_name": "CRTE",
            "kind": "CRTE",
            "introduction": "",
            "status": "en_cours",
            "signature_date": "2021-12-17",
            "start_year": "2021",
            "end_year": "2026",
            "partners": streamfield([("partner", "État")]),
            "body": rich_text(""),
            "documents": streamfield([]),
            "committee": streamfield([]),
            "meetings": streamfield([]),
            "orientations": inline_formset(
                [
                    {
                        "id": orientation.pk,
                        "number": "1",
                        "title": "Transition écologique",
                        "description": "",
                        "axes": inline_formset(
                            [
                                {
                                    "id": axe.pk,
                                    "number": "1",
                                    "title": "Énergie",
                                    "measures": inline_formset(
                                        [
                                            {
                                                "id": m1.pk,
                                                "number": "1",
                                                "title": "Rénovation",
                                                "description": "",
                                            },
                                            {
                                                "id": m2.pk,
                                                "number": "2",
                                                "title": "Solaire",
                                                "description": "",
                                            },
                                            {
                                                "number": "3",
                                                "title": "Nouvelle mesure",
                                                "description": "",
                                            },
                                        ],
                                        initial=2,
                                    ),
                                }
                            ],
                            initial=1,
                        ),
                    }
                ],
                initial=1,
            ),
            "comments": inline_formset([]),
            "seo_title": "",
            "search_description": "",
            "search_image": "",
            "go_live_at": "",
            "expire_at": "",
            "action-publish": "publish",
        }
    )
    response = client.post(reverse("wagtailadmin_pages:edit", args=[crte.pk]), data)
    assert response.status_code == 302, response.context["form"].errors
    m1.refresh_from_db()
    assert m1.title == "Rénovation"  # same row: projects stay attached to their measure
    assert [(m.code, m.title) for m in axe.measures.order_by("number")] == [
        ("1.1.1", "Rénovation"),
        ("1.1.2", "Solaire"),
        ("1.1.3", "Nouvelle mesure"),
    ]


def test_add_buttons_of_inline_lists_read_as_french(client, policy_user):
    client.force_login(policy_user)
    html = client.get(reverse("contrats_projects:add")).content.decode()
    assert "Ajouter : lignes de financement" in html
    assert "Ajouter un(e)" not in html
