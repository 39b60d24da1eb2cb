"""Operations on the running stack: two schedulers, a worker killed mid-send, and the
backup of the whole stack restored into a fresh database and fresh buckets."""

import signal
import time
from datetime import UTC, datetime

import psycopg

from tests.ops.smtp import SmtpSink

from .conftest import MAYOR_CAHORS

DONE = ("SUCCESSFUL", "FAILED")


def wait_for(condition, timeout, message):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(0.5)
    raise AssertionError(message)


def test_two_schedulers_run_each_job_once(stack):
    log = stack.directory / "logs" / "scheduler.2.log"
    starts = log.read_text().count("Scheduler started") if log.exists() else 0
    stack.restart("scheduler.2")
    try:
        wait_for(
            lambda: (
                log.exists() and log.read_text().count("Scheduler started") > starts
            ),
            60,
            "scheduler.2 did not start",
        )
        both_running = datetime.now(UTC)
        # The next minute slot comes while both schedulers tick.
        slots = wait_for(
            lambda: stack.sql(
                "SELECT slot FROM ops_jobrun WHERE job = 'publish_scheduled' "
                "AND slot > %s",
                both_running,
            ),
            100,
            "publish_scheduled did not run in the next slot",
        )
        time.sleep(21)  # one more tick of each: nobody runs the slot again
        assert stack.processes["scheduler.2"].poll() is None
        assert stack.processes["scheduler.1"].poll() is None
    finally:
        stack.kill("scheduler.2")
    assert (
        stack.sql(
            "SELECT job, slot FROM ops_jobrun GROUP BY job, slot HAVING count(*) > 1"
        )
        == []
    )
    assert stack.sql(
        "SELECT count(*), count(*) FILTER (WHERE status = 'succeeded') FROM ops_jobrun "
        "WHERE job = 'publish_scheduled' AND slot = %s",
        slots[0][0],
    ) == [(1, 1)]


def worker_with_smtp(stack, name, sink):
    """One more worker whose e-mails go to ``sink`` over SMTP (the stack's own write
    files, which cannot be caught half-sent)."""
    command, environ = stack.commands["worker.1"]
    stack.commands[name] = (
        command,
        {
            **environ,
            "HONCHO_PROCESS_NAME": name,
            "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "EMAIL_HOST": "127.0.0.1",
            "EMAIL_PORT": str(sink.port),
        },
    )
    return stack.restart(name)


def test_a_worker_killed_while_sending_runs_the_task_again_and_sends_once(
    stack, visitor
):
    sink = SmtpSink()
    sink.stall_at = "QUIT"  # the server has the message; the worker dies before QUIT
    stack.kill("worker.1")
    try:
        worker_with_smtp(stack, "worker.2", sink)
        since = datetime.now(UTC)
        response = visitor("127.0.0.4").submit(
            "/compte/password/reset/", {"email": MAYOR_CAHORS}
        )
        assert response.status_code == 302
        assert sink.stalled.wait(60), "the worker never reached the SMTP server"
        stack.kill("worker.2")
        sink.release.set()
        (task_id,) = stack.sql(
            "SELECT id FROM django_tasks_database_dbtaskresult WHERE status = 'RUNNING' "
            "AND enqueued_at > %s",
            since,
        )[0]

        result = stack.manage("requeue_stalled_tasks", "--older-than-minutes", "0")
        assert "1 tâche(s) remise(s) en file" in result.stdout
        worker_with_smtp(stack, "worker.3", sink)
        status, workers = wait_for(
            lambda: next(
                (
                    row
                    for row in stack.sql(
                        "SELECT status, worker_ids FROM django_tasks_database_dbtaskresult "
                        "WHERE id = %s",
                        task_id,
                    )
                    if row[0] in DONE
                ),
                None,
            ),
            60,
            "the requeued task never ran",
        )
        time.sleep(1)  # anything sent twice would have arrived by now
    finally:
        for name in ("worker.2", "worker.3"):
            if name in stack.processes and stack.processes[name].poll() is None:
                stack.kill(name, signal.SIGTERM)
        stack.restart("worker.1")
        sink.stop()
    assert status == "SUCCESSFUL"
    assert len(workers) == 2
    assert len(sink.messages) == 1
    assert MAYOR_CAHORS in sink.messages[0]


def test_the_backup_of_the_stack_restores_into_a_fresh_database_and_buckets(
    stack, tmp_path
):
    s3 = stack.s3.client()
    fresh = {"db": f"{stack.database}_restore", "media": "gq-media-restore"}
    fresh["private"] = "gq-private-restore"
    result = stack.manage("backup", "--output-dir", str(tmp_path))
    (archive,) = tmp_path.glob("grandquercy-*.tar.gz")
    with psycopg.connect(host="127.0.0.1", user="postgres", autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{fresh["db"]}"')
        admin.execute(f'CREATE DATABASE "{fresh["db"]}"')
    for bucket in (fresh["media"], fresh["private"]):
        s3.create_bucket(
            Bucket=bucket,
            CreateBucketConfiguration={"LocationConstraint": stack.s3.region},
        )
    env = {
        "DATABASE_URL": f"postgres://postgres@127.0.0.1:5432/{fresh['db']}",
        "S3_MEDIA_BUCKET": fresh["media"],
        "S3_PRIVATE_BUCKET": fresh["private"],
        "REDIS_URL": "",
    }
    try:
        restored = stack.manage("restore", str(archive), env=env, check=False)
        refused = stack.manage("restore", str(archive), env=env, check=False)
        with psycopg.connect(
            host="127.0.0.1", user="postgres", dbname=fresh["db"]
        ) as connection:
            pages = connection.execute(
                "SELECT url_path, title FROM wagtailcore_page ORDER BY path"
            ).fetchall()
            attachments = connection.execute(
                "SELECT file FROM mayors_attachment ORDER BY id"
            ).fetchall()
        keys = {
            bucket: sorted(
                item["Key"]
                for item in s3.list_objects_v2(Bucket=bucket).get("Contents", [])
            )
            for bucket in ("gq-media", "gq-private", fresh["media"], fresh["private"])
        }
        private_key = keys["gq-private"][0] if keys["gq-private"] else None
        copies = (
            s3.get_object(Bucket="gq-private", Key=private_key)["Body"].read(),
            s3.get_object(Bucket=fresh["private"], Key=private_key)["Body"].read(),
        )
    finally:
        with psycopg.connect(
            host="127.0.0.1", user="postgres", autocommit=True
        ) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{fresh["db"]}" WITH (FORCE)')
        for bucket in (fresh["media"], fresh["private"]):
            for item in s3.list_objects_v2(Bucket=bucket).get("Contents", []):
                s3.delete_object(Bucket=bucket, Key=item["Key"])
            s3.delete_bucket(Bucket=bucket)

    assert "Sauvegarde écrite" in result.stdout
    assert restored.returncode == 0, restored.stderr
    assert refused.returncode != 0
    assert "n’est pas vide" in refused.stderr
    assert pages == stack.sql(
        "SELECT url_path, title FROM wagtailcore_page ORDER BY path"
    )
    assert attachments == stack.sql("SELECT file FROM mayors_attachment ORDER BY id")
    assert keys[fresh["media"]] == keys["gq-media"]
    assert keys[fresh["private"]] == keys["gq-private"]
    assert private_key is not None
    assert copies[0] == copies[1]
