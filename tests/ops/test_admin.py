"""The job runs in the admin: read-only, under Paramètres, for those allowed."""

from datetime import UTC, datetime

import pytest
from django.contrib.auth.models import Group, Permission

from ops.models import JobRun
from tests.accounts.factories import UserFactory


@pytest.fixture
def run(db):
    return JobRun.objects.create(
        job="mayors_daily",
        slot=datetime(2026, 12, 4, 2, tzinfo=UTC),
        status=JobRun.Status.SUCCEEDED,
        finished_at=datetime(2026, 12, 4, 2, 1, tzinfo=UTC),
        host="noeud-a:123",
        output="Rappels envoyés : 2",
    )


@pytest.fixture
def admin_client(client, db):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    return client


def test_settings_menu_lists_the_job_runs(admin_client):
    response = admin_client.get("/admin/")

    menu = response.content.decode()
    assert "/admin/job_runs/" in menu
    assert "T\\u00e2ches planifi\\u00e9es" in menu


def test_job_runs_are_listed_and_inspected(admin_client, run):
    listing = admin_client.get("/admin/job_runs/")
    detail = admin_client.get(f"/admin/job_runs/inspect/{run.pk}/")

    assert listing.status_code == 200
    assert "mayors_daily" in listing.content.decode()
    assert "Réussi" in listing.content.decode()
    assert detail.status_code == 200
    assert "Rappels envoyés : 2" in detail.content.decode()


def test_nobody_edits_or_deletes_a_run_by_hand(admin_client, run):
    assert admin_client.get("/admin/job_runs/new/").status_code == 404
    assert admin_client.get(f"/admin/job_runs/edit/{run.pk}/").status_code == 404
    assert admin_client.post(f"/admin/job_runs/delete/{run.pk}/").status_code == 404
    assert JobRun.objects.filter(pk=run.pk).exists()


def test_an_editor_without_the_permission_is_refused(client, run):
    editors = Group.objects.create(name="Rédaction")
    editors.permissions.add(Permission.objects.get(codename="access_admin"))
    editor = UserFactory(is_staff=True)
    editor.groups.add(editors)
    client.force_login(editor)

    response = client.get("/admin/job_runs/")

    assert response.status_code == 403
    assert "Votre compte ne permet pas cette action" in response.content.decode()
    assert "/admin/job_runs/" not in client.get("/admin/").content.decode()


def test_a_group_may_be_allowed_to_read_them(client, run):
    readers = Group.objects.create(name="Exploitation")
    readers.permissions.add(
        Permission.objects.get(codename="access_admin"),
        Permission.objects.get(codename="view_jobrun"),
    )
    reader = UserFactory(is_staff=True)
    reader.groups.add(readers)
    client.force_login(reader)

    assert client.get("/admin/job_runs/").status_code == 200
