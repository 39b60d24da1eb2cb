"""Backups: one dated archive holds the database and both storages; restoring it rebuilds
an empty instance.

The archive (``grandquercy-YYYYMMDD-HHMMSS.tar.gz``)::

    manifest.json      what is inside, with the size and SHA-256 of every file
    database.dump      pg_dump's custom format (PostgreSQL), or
    database-types.json, database.json
                       dumpdata: content types first, then the rest (SQLite)
    storages/default/… public media (images, documents)
    storages/private/… the mayors' private files

Files are read and written through Django's storage API, so the same commands work with
local folders and with S3-compatible object storage.
"""

import hashlib
import io
import json
import os
import shutil
import subprocess
import tarfile
import tempfile
from pathlib import Path

from django.conf import settings
from django.core.files.base import File
from django.core.files.storage import storages
from django.core.management import call_command
from django.db import connection
from django.utils import timezone
from django.utils.translation import gettext as _

FORMAT = 1
STORAGES = ("default", "private")
# Worthless in another instance, or rebuilt after a restore.
DUMPDATA_EXCLUDE = ["sessions", "wagtailsearch.indexentry"]


class BackupError(Exception):
    """Refused or failed, with a French message for the person running the command."""


def walk(storage, path=""):
    """Every file name in ``storage``, recursively, through the storage API."""
    directories, files = storage.listdir(path)
    for name in sorted(files):
        yield f"{path}/{name}" if path else name
    for directory in sorted(directories):
        yield from walk(storage, f"{path}/{directory}" if path else directory)


def storage_files(alias):
    storage = storages[alias]
    try:
        return list(walk(storage))
    except FileNotFoundError:  # a local folder not created yet: nothing stored
        return []


def sha256(fileobj):
    digest = hashlib.sha256()
    while chunk := fileobj.read(1024 * 1024):
        digest.update(chunk)
    return digest.hexdigest()


def pg_environment():
    db = connection.settings_dict
    env = {**os.environ, "PGDATABASE": db["NAME"]}
    for key, variable in (
        ("USER", "PGUSER"),
        ("HOST", "PGHOST"),
        ("PORT", "PGPORT"),
        ("PASSWORD", "PGPASSWORD"),
    ):
        if db.get(key):
            env[variable] = str(db[key])
    return env


def run(command, **kwargs):
    result = subprocess.run(  # noqa: S603
        command, capture_output=True, text=True, check=False, **kwargs
    )
    if result.returncode != 0:
        raise BackupError(
            _("La commande %(command)s a échoué : %(error)s")
            % {"command": command[0], "error": result.stderr.strip()}
        )
    return result


def dump_database(folder):
    if connection.vendor == "postgresql":
        path = folder / "database.dump"
        run(
            ["pg_dump", "--format=custom", "--no-owner", "--no-privileges", "-f", path],
            env=pg_environment(),
        )
        return {"vendor": "postgresql", "method": "pg_dump", "files": [path.name]}
    # Content types and permissions first, with their primary keys: loading the rest
    # may look content types up (and would create missing ones), and every reference
    # to them stays exact in a database emptied of everything.
    files = []
    for name, options in (
        ("database-types.json", {"args": ["contenttypes", "auth.permission"]}),
        (
            "database.json",
            {"exclude": [*DUMPDATA_EXCLUDE, "contenttypes", "auth.permission"]},
        ),
    ):
        call_command(
            "dumpdata",
            *options.get("args", []),
            exclude=options.get("exclude", []),
            output=str(folder / name),
            verbosity=0,
        )
        files.append(name)
    return {"vendor": connection.vendor, "method": "dumpdata", "files": files}


def backup(output_dir):
    """Write the archive in ``output_dir`` and return its path."""
    output_dir = Path(output_dir)
    output_dir.mkdir(parents=True, exist_ok=True)
    now = timezone.now()
    archive = output_dir / f"grandquercy-{now:%Y%m%d-%H%M%S}.tar.gz"
    manifest = {
        "format": FORMAT,
        "created_at": now.isoformat(),
        "storages": {},
    }
    with tempfile.TemporaryDirectory() as tmp, tarfile.open(archive, "w:gz") as tar:
        manifest["database"] = dump_database(Path(tmp))
        for name in manifest["database"]["files"]:
            tar.add(Path(tmp) / name, name)
        for alias in STORAGES:
            storage = storages[alias]
            entries = manifest["storages"][alias] = []
            for name in storage_files(alias):
                with storage.open(name, "rb") as source:
                    digest = sha256(source)
                    size = source.tell()
                    source.seek(0)
                    info = tarfile.TarInfo(f"storages/{alias}/{name}")
                    info.size = size
                    info.mtime = int(now.timestamp())
                    tar.addfile(info, source)
                entries.append({"name": name, "size": size, "sha256": digest})
        data = json.dumps(manifest, indent=2, ensure_ascii=False).encode()
        info = tarfile.TarInfo("manifest.json")
        info.size = len(data)
        info.mtime = int(now.timestamp())
        tar.addfile(info, io.BytesIO(data))
    return archive, manifest


def database_is_empty():
    """A new instance: no tables yet, or only what the migrations create (no account,
    no image or document, no page beyond Wagtail's root and welcome page)."""
    tables = set(connection.introspection.table_names())
    if "wagtailcore_page" not in tables:
        return True
    from django.contrib.auth import get_user_model
    from wagtail.documents import get_document_model
    from wagtail.images import get_image_model
    from wagtail.models import Page

    return not (
        get_user_model().objects.exists()
        or get_image_model().objects.exists()
        or get_document_model().objects.exists()
        or Page.objects.filter(depth__gt=2).exists()
    )


def read_manifest(tar):
    try:
        manifest = json.load(tar.extractfile("manifest.json"))
    except (KeyError, ValueError) as error:
        raise BackupError(
            _("Ce fichier n’est pas une sauvegarde de la plateforme.")
        ) from error
    if manifest.get("format") != FORMAT:
        raise BackupError(_("Format de sauvegarde inconnu."))
    return manifest


def restore_database(tar, manifest, folder):
    database = manifest["database"]
    paths = []
    for name in database["files"]:
        tar.extract(name, folder, filter="data")
        paths.append(str(Path(folder) / name))
    if database["method"] == "pg_dump":
        if connection.vendor != "postgresql":
            raise BackupError(
                _(
                    "Cette sauvegarde vient de PostgreSQL : restaurez-la dans une base "
                    "PostgreSQL."
                )
            )
        connection.close()
        run(
            [
                "pg_restore",
                "--clean",
                "--if-exists",
                "--no-owner",
                "--no-privileges",
                "--exit-on-error",
                "-d",
                connection.settings_dict["NAME"],
                *paths,
            ],
            env=pg_environment(),
        )
        call_command("migrate", interactive=False, verbosity=0)
    else:
        call_command("migrate", interactive=False, verbosity=0)
        call_command("flush", interactive=False, inhibit_post_migrate=True, verbosity=0)
        for path in paths:
            call_command("loaddata", path, verbosity=0)
        clear_search_index()
    call_command("update_index", verbosity=0)


def clear_search_index():
    """flush empties Django's tables but not SQLite's full-text tables, which loading
    the pages filled: start the index afresh before rebuilding it."""
    tables = connection.introspection.table_names()
    with connection.cursor() as cursor:
        for table in tables:
            if table.endswith(("_indexentry", "_indexentry_fts")):
                # Table names from the introspection, quoted: no input reaches here.
                cursor.execute(f"DELETE FROM {connection.ops.quote_name(table)}")  # noqa: S608


def restore(archive):
    """Rebuild this (empty) instance from ``archive``; refuse a non-empty one."""
    archive = Path(archive)
    if not archive.is_file():
        raise BackupError(_("Fichier introuvable : %(path)s") % {"path": archive})
    try:
        with tarfile.open(archive, "r:gz") as tar:
            manifest = restore_from(tar)
    except (tarfile.TarError, EOFError, OSError) as error:
        raise BackupError(
            _("Sauvegarde illisible ou abîmée : %(error)s") % {"error": error}
        ) from error
    from django.core.cache import caches

    for alias in settings.CACHES:
        caches[alias].clear()
    return manifest


def restore_from(tar):
    """Check that this instance is empty, then load the database and the files."""
    manifest = read_manifest(tar)
    if not database_is_empty():
        raise BackupError(
            _(
                "La base de données n’est pas vide : la restauration ne remplace "
                "jamais des données existantes. Restaurez dans une instance neuve "
                "(base de données et stockages vides)."
            )
        )
    for alias in STORAGES:
        if storage_files(alias):
            raise BackupError(
                _(
                    "Le stockage « %(alias)s » n’est pas vide : la restauration ne "
                    "remplace jamais des fichiers existants. Restaurez dans une "
                    "instance neuve (base de données et stockages vides)."
                )
                % {"alias": alias}
            )
    with tempfile.TemporaryDirectory() as folder:
        restore_database(tar, manifest, folder)
    for alias, entries in manifest["storages"].items():
        storage = storages[alias]
        for entry in entries:
            source = tar.extractfile(f"storages/{alias}/{entry['name']}")
            with tempfile.TemporaryFile() as copy:
                shutil.copyfileobj(source, copy)
                copy.seek(0)
                if sha256(copy) != entry["sha256"]:
                    raise BackupError(
                        _("Fichier abîmé dans la sauvegarde : %(name)s")
                        % {"name": entry["name"]}
                    )
                copy.seek(0)
                saved = storage.save(entry["name"], File(copy))
            if saved != entry["name"]:
                raise BackupError(
                    _("Le fichier %(name)s n’a pas pu garder son nom.")
                    % {"name": entry["name"]}
                )
    return manifest
