"""The restore drill: back up an instance, rebuild a fresh one from the archive, and the
same pages, images and private files come back (filesystem storages; SQLite in process,
PostgreSQL into a fresh database through the command line)."""

import json
import os
import subprocess
import sys
import tarfile
from pathlib import Path

import pytest
from django.apps import apps
from django.core.files.storage import storages
from django.core.management import CommandError, call_command
from django.db import connection, models
from wagtail.images import get_image_model
from wagtail.models import Page

from mayors.models import Attachment, Submission
from tests.cms.factories import ImageFactory, StandardPageFactory
from tests.mayors.conftest import call, commune_a, cto, epci, mayor_a  # noqa: F401
from tests.mayors.factories import add_attachment

BASE_DIR = Path(__file__).resolve().parents[2]


def filesystem_storages(settings, monkeypatch, root):
    """Both storages in ``root``; the attachments' field took its storage when the
    models were loaded, so it is pointed at the new one too."""
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": root / "media"},
        },
        "private": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": root / "private", "base_url": None},
        },
    }
    monkeypatch.setattr(
        Attachment._meta.get_field("file"), "storage", storages["private"]
    )


@pytest.fixture
def instance(settings, monkeypatch, tmp_path, site_root, call, commune_a, mayor_a):  # noqa: F811
    """An instance with a page, an image and a mayor's private attachment."""
    settings.MAYORS_VIRUS_SCANNER = None
    filesystem_storages(settings, monkeypatch, tmp_path / "old")
    page = StandardPageFactory(parent=site_root, title="Le contrat de relance")
    image = ImageFactory(title="Vallée du Lot")
    submission = Submission.create_draft(
        call=call, commune=commune_a, by=mayor_a, title="École de Cahors"
    )
    attachment = add_attachment(submission, mayor_a, name="devis.pdf")
    return {
        "page": page.title,
        "image": (image.title, image.file.name, image.file.read()),
        "attachment": (attachment.file.name, attachment.file.read()),
    }


@pytest.fixture(autouse=True)
def sequences_survive_the_flush(transactional_db):
    """These tests empty the database as a new instance is; on PostgreSQL flush also
    restarts the id sequences, and the rows the suite puts back after the test keep
    their ids: move the sequences past them so the next test can insert."""
    yield
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        for model in apps.get_models(include_auto_created=True):
            if isinstance(model._meta.pk, models.AutoField) and model._meta.managed:
                cursor.execute(
                    "SELECT setval(pg_get_serial_sequence(%s, %s), 100000)",
                    [
                        connection.ops.quote_name(model._meta.db_table),
                        model._meta.pk.column,
                    ],
                )


def backup(tmp_path):
    call_command("backup", "--output-dir", str(tmp_path / "backups"))
    (archive,) = (tmp_path / "backups").glob("grandquercy-*.tar.gz")
    return archive


def assert_restored(instance):
    assert Page.objects.filter(title=instance["page"]).exists()
    image = get_image_model().objects.get(title=instance["image"][0])
    assert image.file.name == instance["image"][1]
    assert image.file.read() == instance["image"][2]
    attachment = Attachment.objects.get()
    assert attachment.file.name == instance["attachment"][0]
    assert (
        storages["private"].open(attachment.file.name).read()
        == instance["attachment"][1]
    )


def test_the_archive_is_dated_and_lists_every_file(
    transactional_db, instance, tmp_path
):
    archive = backup(tmp_path)

    with tarfile.open(archive) as tar:
        manifest = json.load(tar.extractfile("manifest.json"))
        names = tar.getnames()
    assert manifest["database"]["method"] in {"dumpdata", "pg_dump"}
    assert set(manifest["database"]["files"]) <= set(names)
    private = [entry["name"] for entry in manifest["storages"]["private"]]
    assert private == [instance["attachment"][0]]
    assert f"storages/private/{private[0]}" in names
    assert instance["image"][1] in [e["name"] for e in manifest["storages"]["default"]]


def test_restore_refuses_an_instance_that_has_data(
    transactional_db, instance, tmp_path
):
    archive = backup(tmp_path)
    pages = Page.objects.count()

    with pytest.raises(CommandError, match="La base de données n’est pas vide"):
        call_command("restore", str(archive))

    assert Page.objects.count() == pages


def test_restore_refuses_storages_that_hold_files(
    transactional_db, instance, tmp_path, settings
):
    archive = backup(tmp_path)
    call_command("flush", interactive=False, inhibit_post_migrate=True, verbosity=0)

    with pytest.raises(CommandError, match="Le stockage « default » n’est pas vide"):
        call_command("restore", str(archive))

    assert not Page.objects.exists()


def test_restore_refuses_what_is_not_a_backup(transactional_db, tmp_path):
    other = tmp_path / "photo.tar.gz"
    other.write_bytes(b"pas une archive")

    with pytest.raises(CommandError, match="Sauvegarde illisible"):
        call_command("restore", str(other))


def test_the_drill_brings_pages_images_and_private_files_back(
    transactional_db, instance, tmp_path, settings, monkeypatch
):
    archive = backup(tmp_path)
    # A fresh instance: an empty database and empty storages.
    call_command("flush", interactive=False, inhibit_post_migrate=True, verbosity=0)
    filesystem_storages(settings, monkeypatch, tmp_path / "new")
    assert not Page.objects.exists()

    call_command("restore", str(archive))

    assert_restored(instance)


@pytest.mark.postgresql
def test_the_drill_into_a_fresh_postgresql_database(
    transactional_db, instance, tmp_path
):
    archive = backup(tmp_path)
    fresh = f"{connection.settings_dict['NAME']}_restore"
    with connection.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{fresh}"')
        cursor.execute(f'CREATE DATABASE "{fresh}"')
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.test",
        "DATABASE_URL": "postgres://{USER}@{HOST}:{PORT}/".format(
            **connection.settings_dict
        )
        + fresh,
        "MEDIA_ROOT": str(tmp_path / "new" / "media"),
        "PRIVATE_MEDIA_ROOT": str(tmp_path / "new" / "private"),
    }
    try:
        result = subprocess.run(  # noqa: S603
            [sys.executable, "manage.py", "restore", str(archive)],
            cwd=BASE_DIR,
            env=env,
            capture_output=True,
            text=True,
            timeout=300,
            check=False,
        )
        assert result.returncode == 0, result.stderr
        assert "Restauration terminée" in result.stdout
        again = subprocess.run(  # noqa: S603
            [sys.executable, "manage.py", "restore", str(archive)],
            cwd=BASE_DIR,
            env=env,
            capture_output=True,
            text=True,
            timeout=300,
            check=False,
        )
        assert again.returncode != 0
        assert "n’est pas vide" in again.stderr
        import psycopg

        with psycopg.connect(
            host=connection.settings_dict["HOST"],
            port=connection.settings_dict["PORT"],
            user=connection.settings_dict["USER"],
            dbname=fresh,
        ) as restored:
            titles = {
                row[0] for row in restored.execute("SELECT title FROM wagtailcore_page")
            }
            files = restored.execute("SELECT file FROM mayors_attachment").fetchall()
    finally:
        with connection.cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{fresh}" WITH (FORCE)')
    assert instance["page"] in titles
    assert files == [(instance["attachment"][0],)]
    assert (tmp_path / "new" / "private" / instance["attachment"][0]).read_bytes() == (
        instance["attachment"][1]
    )
    assert (tmp_path / "new" / "media" / instance["image"][1]).read_bytes() == (
        instance["image"][2]
    )
