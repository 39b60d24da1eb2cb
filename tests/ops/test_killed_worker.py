"""A worker killed in the middle of an e-mail task: the task runs again, the e-mail goes
out once. A real worker process, a real SMTP server, a real SIGKILL (PostgreSQL: the
worker must see the test's database)."""

import os
import secrets
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import connection
from django_tasks_db.compat import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from accounts.notifications import send_email

from .smtp import SmtpSink

BASE_DIR = Path(__file__).resolve().parents[2]
DATABASE_QUEUE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


@pytest.fixture
def sink():
    sink = SmtpSink()
    yield sink
    sink.stop()


def worker(sink, *args):
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "DATABASE_", "REDIS_", "EMAIL_"))
    }
    env.update(
        DJANGO_SETTINGS_MODULE="config.settings.production",
        SECRET_KEY=secrets.token_urlsafe(50),
        DATABASE_URL="postgres://{USER}@{HOST}:{PORT}/{NAME}".format(
            **connection.settings_dict
        ),
        EMAIL_HOST="127.0.0.1",
        EMAIL_PORT=str(sink.port),
    )
    return subprocess.Popen(  # noqa: S603
        [sys.executable, "manage.py", "db_worker", "--no-startup-delay", *args],
        cwd=BASE_DIR,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )


@pytest.mark.postgresql
@pytest.mark.parametrize("stall_at", ["DATA", "QUIT"])
def test_the_task_runs_again_and_the_email_goes_out_once(
    transactional_db, settings, sink, stall_at
):
    """DATA: killed before the server accepted the message (it must be sent again);
    QUIT: killed after the server accepted it (it must not be sent twice)."""
    settings.TASKS = DATABASE_QUEUE
    result = send_email.enqueue(["maire@arcambal.fr"], "Convocation", "Lundi 9 h.")
    sink.stall_at = stall_at

    first = worker(sink, "--interval", "0.2")
    if not sink.stalled.wait(60):
        first.kill()
        pytest.fail(first.communicate(timeout=10)[0])
    first.send_signal(signal.SIGKILL)
    first.wait(timeout=10)
    sink.release.set()
    killed = DBTaskResult.objects.get(pk=result.id)
    assert killed.status == TaskResultStatus.RUNNING

    call_command("requeue_stalled_tasks", "--older-than-minutes", "0")
    assert DBTaskResult.objects.get(pk=result.id).status == TaskResultStatus.READY
    second = worker(sink, "--batch")
    output = second.communicate(timeout=60)[0]

    done = DBTaskResult.objects.get(pk=result.id)
    assert done.status == TaskResultStatus.SUCCESSFUL, output
    assert len(done.worker_ids) == 2
    assert len(sink.messages) == 1
    assert "Subject: Convocation" in sink.messages[0]
