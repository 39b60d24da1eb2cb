"""/healthz for the load balancer: each service checked for real, 503 when one is down
(the database-down case runs with gunicorn in tests/perf/test_deploy.py)."""

import json
import shutil
import socket
import subprocess
import sys
import time
from datetime import timedelta
from pathlib import Path

import pytest
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from accounts.notifications import send_email
from tests.mayors.factories import eicar_signature_db

DATABASE_QUEUE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def closed_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for_port(port, process, timeout=60):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(process.communicate()[0])
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"nothing listens on {port}")


@pytest.fixture
def storages_on_disk(settings, tmp_path):
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": tmp_path / "media"},
        },
        "private": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": tmp_path / "private", "base_url": None},
        },
    }
    settings.REDIS_URL = ""
    settings.MAYORS_VIRUS_SCANNER = None
    return tmp_path


def get(client):
    response = client.get("/healthz")
    return response.status_code, json.loads(response.content)


def test_healthz_answers_json_with_one_query(
    db, client, storages_on_disk, django_assert_num_queries
):
    with django_assert_num_queries(1):
        response = client.get("/healthz")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert json.loads(response.content) == {
        "status": "ok",
        "database": "ok",
        "storage_default": "ok",
        "storage_private": "ok",
    }
    assert "no-cache" in response["Cache-Control"]


def test_healthz_only_answers_get(client):
    assert client.post("/healthz").status_code == 405


def test_redis_up_and_down(db, client, storages_on_disk, settings):
    settings.REDIS_URL = "redis://127.0.0.1:6379/14"
    assert get(client) == (200, {**get(client)[1], "redis": "ok"})

    settings.REDIS_URL = f"redis://127.0.0.1:{closed_port()}/0"
    status, body = get(client)
    assert status == 503
    assert body["status"] == "error"
    assert body["redis"] == "indisponible"
    assert body["database"] == "ok"


def test_a_private_storage_that_cannot_be_written_is_down(
    db, client, storages_on_disk, settings
):
    blocker = storages_on_disk / "not-a-folder"
    blocker.write_text("")
    settings.STORAGES = {
        **settings.STORAGES,
        "private": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": blocker / "private", "base_url": None},
        },
    }

    status, body = get(client)

    assert status == 503
    assert body["storage_private"] == "indisponible"
    assert body["storage_default"] == "ok"


@pytest.fixture
def s3_server(tmp_path):
    port = closed_port()
    process = subprocess.Popen(  # noqa: S603
        [str(Path(sys.executable).with_name("moto_server")), "-p", str(port)],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    wait_for_port(port, process)
    yield f"http://127.0.0.1:{port}"
    process.terminate()
    process.wait(timeout=10)


def s3_storage(endpoint, bucket):
    from botocore.config import Config

    return {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": bucket,
            "endpoint_url": endpoint,
            "access_key": "test",
            "secret_key": "test",
            "region_name": "us-east-1",
            "client_config": Config(
                connect_timeout=1, read_timeout=1, retries={"max_attempts": 1}
            ),
        },
    }


def test_object_storage_up_and_down(db, client, storages_on_disk, settings, s3_server):
    import boto3

    boto3.client(
        "s3",
        endpoint_url=s3_server,
        aws_access_key_id="test",
        aws_secret_access_key="test",
        region_name="us-east-1",
    ).create_bucket(Bucket="gq-media")
    settings.STORAGES = {
        **settings.STORAGES,
        "default": s3_storage(s3_server, "gq-media"),
    }
    assert get(client)[1]["storage_default"] == "ok"

    settings.STORAGES = {
        **settings.STORAGES,
        "default": s3_storage(f"http://127.0.0.1:{closed_port()}", "gq-media"),
    }
    status, body = get(client)
    assert status == 503
    assert body["storage_default"] == "indisponible"


@pytest.fixture
def clamd(tmp_path):
    executable = shutil.which("clamd") or "/usr/sbin/clamd"
    database = tmp_path / "clamav"
    database.mkdir()
    eicar_signature_db(database)
    port = closed_port()
    config = tmp_path / "clamd.conf"
    config.write_text(
        f"Foreground yes\nTCPSocket {port}\nTCPAddr 127.0.0.1\n"
        f"DatabaseDirectory {database}\nLogFile {tmp_path / 'clamd.log'}\n"
        f"PidFile {tmp_path / 'clamd.pid'}\n"
    )
    process = subprocess.Popen(  # noqa: S603
        [executable, "-c", str(config)],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    wait_for_port(port, process)
    yield f"127.0.0.1:{port}", process
    if process.poll() is None:
        process.terminate()
        process.wait(timeout=10)


def test_clamd_answers_ping_then_is_stopped(
    db, client, storages_on_disk, settings, clamd
):
    address, process = clamd
    settings.MAYORS_VIRUS_SCANNER = {"BACKEND": "clamd", "ADDRESS": address}
    assert get(client) == (200, {**get(client)[1], "clamd": "ok"})

    process.terminate()
    process.wait(timeout=10)
    status, body = get(client)
    assert status == 503
    assert body["clamd"] == "indisponible"


def test_the_age_of_the_oldest_waiting_task_is_reported(
    db, client, storages_on_disk, settings
):
    settings.TASKS = DATABASE_QUEUE
    assert get(client)[1]["oldest_waiting_task_seconds"] == 0

    result = send_email.enqueue(["a@exemple.fr"], "Sujet", "Texte")
    DBTaskResult.objects.filter(pk=result.id).update(
        enqueued_at=timezone.now() - timedelta(minutes=10)
    )

    status, body = get(client)
    assert status == 200  # a late queue is a figure to watch, not a node to drop
    assert 600 <= body["oldest_waiting_task_seconds"] < 660
