"""The scheduler: every periodic job declared once, run once per slot."""

import os
import subprocess
import sys
import time as clock
from datetime import UTC, datetime, time, timedelta
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command
from django.db import connection

from ops.jobs import ScheduledJob, claim, get_jobs, run_due
from ops.models import JobRun

BASE_DIR = Path(__file__).resolve().parents[2]


def paris(*args):
    from zoneinfo import ZoneInfo

    return datetime(*args, tzinfo=ZoneInfo("Europe/Paris"))


DATABASE_QUEUE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def test_every_periodic_job_of_the_platform_is_declared(settings):
    settings.TASKS = DATABASE_QUEUE
    jobs = get_jobs()

    assert {
        "publish_scheduled",
        "announce_consultations",
        "mayors_daily",
        "send_digests",
        "clearsessions",
        "prune_task_results",
        "requeue_stalled_tasks",
    } <= set(jobs)
    assert jobs["publish_scheduled"].every == timedelta(minutes=1)
    assert jobs["send_digests"].weekdays == (0,)


def test_without_a_task_queue_there_is_no_queue_to_tend():
    assert "prune_task_results" not in get_jobs()
    assert "clearsessions" in get_jobs()


def test_a_job_needs_exactly_one_schedule():
    with pytest.raises(ImproperlyConfigured):
        ScheduledJob(name="x", command="check")
    with pytest.raises(ImproperlyConfigured):
        ScheduledJob(name="x", command="check", every=timedelta(1), at=time(3))


def test_interval_slots_are_aligned_on_the_clock():
    job = ScheduledJob(name="x", command="check", every=timedelta(minutes=15))

    assert job.slot(datetime(2026, 12, 4, 13, 44, 59, tzinfo=UTC)) == datetime(
        2026, 12, 4, 13, 30, tzinfo=UTC
    )
    assert job.is_due(datetime(2026, 12, 4, 13, 44, 59, tzinfo=UTC))


def test_daily_slots_follow_paris_time_across_daylight_saving():
    job = ScheduledJob(name="x", command="check", at=time(3, 0))

    # Winter: 03:00 in Paris is 02:00 UTC; summer: 01:00 UTC.
    assert job.slot(paris(2026, 12, 4, 9, 0)) == paris(2026, 12, 4, 3, 0)
    assert job.slot(paris(2026, 7, 4, 9, 0)) == datetime(2026, 7, 4, 1, 0, tzinfo=UTC)
    # Before three o'clock the slot is yesterday's.
    assert job.slot(paris(2026, 12, 4, 2, 59)) == paris(2026, 12, 3, 3, 0)


def test_a_missed_daily_slot_is_caught_up_only_within_its_grace():
    job = ScheduledJob(name="x", command="check", at=time(3, 0))

    assert job.is_due(paris(2026, 12, 4, 8, 59))
    assert not job.is_due(paris(2026, 12, 4, 9, 1))


def test_weekly_slots_fall_on_the_given_day():
    job = ScheduledJob(name="x", command="check", at=time(7, 0), weekdays=(0,))

    # Friday 4 December 2026: the last Monday 07:00 is 30 November.
    assert job.slot(paris(2026, 12, 4, 12, 0)) == paris(2026, 11, 30, 7, 0)
    assert not job.is_due(paris(2026, 12, 4, 12, 0))
    assert job.is_due(paris(2026, 12, 7, 7, 1))


def test_a_slot_runs_once_and_the_next_slot_runs_again(db):
    job = ScheduledJob(
        name="sessions", command="clearsessions", every=timedelta(hours=1)
    )
    jobs = {job.name: job}
    now = datetime(2026, 12, 4, 13, 5, tzinfo=UTC)

    first = run_due(now, jobs)
    again = run_due(now + timedelta(minutes=30), jobs)
    next_hour = run_due(now + timedelta(hours=1), jobs)

    assert [run.status for run in first] == [JobRun.Status.SUCCEEDED]
    assert again == []
    assert [run.slot for run in next_hour] == [datetime(2026, 12, 4, 14, tzinfo=UTC)]
    assert JobRun.objects.filter(job="sessions").count() == 2


def test_a_job_still_running_elsewhere_is_not_started_twice(db):
    job = ScheduledJob(
        name="sessions", command="clearsessions", every=timedelta(minutes=1)
    )
    now = datetime(2026, 12, 4, 13, 5, tzinfo=UTC)
    assert claim(job, now) is not None  # another node is running it

    assert claim(job, now + timedelta(minutes=1)) is None
    # Its node died: after the timeout the run is given up and the job runs again.
    later = now + job.timeout + timedelta(minutes=1)
    assert claim(job, later) is not None
    stale = JobRun.objects.get(slot=job.slot(now))
    assert stale.status == JobRun.Status.FAILED
    assert "Interrompue" in stale.output


def test_a_failing_job_is_recorded_and_does_not_stop_the_others(db):
    jobs = {
        "broken": ScheduledJob(
            name="broken",
            command="requeue_stalled_tasks",
            args=("--older-than-minutes", "x"),
            every=timedelta(minutes=1),
        ),
        "sessions": ScheduledJob(
            name="sessions", command="clearsessions", every=timedelta(minutes=1)
        ),
    }

    runs = run_due(datetime(2026, 12, 4, 13, 5, tzinfo=UTC), jobs)

    assert [(run.job, run.status) for run in runs] == [
        ("broken", JobRun.Status.FAILED),
        ("sessions", JobRun.Status.SUCCEEDED),
    ]
    assert "invalid int value" in runs[0].output


def test_scheduler_once_runs_the_jobs_due_now(db, capsys):
    call_command("scheduler", "--once")

    out = capsys.readouterr().out
    assert "publish_scheduled" in out
    assert "announce_consultations" in out
    assert JobRun.objects.filter(job="publish_scheduled").get().status == "succeeded"


def wait_away_from_a_slot_boundary():
    """Two processes started across a minute boundary rightly run two slots."""
    while not 3 <= datetime.now(UTC).second <= 45:
        clock.sleep(0.5)


@pytest.mark.postgresql
def test_two_schedulers_started_together_run_each_job_once(transactional_db):
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.test",
        "DATABASE_URL": "postgres://{USER}@{HOST}:{PORT}/{NAME}".format(
            **connection.settings_dict
        ),
    }
    connection.close()
    wait_away_from_a_slot_boundary()
    processes = [
        subprocess.Popen(
            [sys.executable, "manage.py", "scheduler", "--once"],
            cwd=BASE_DIR,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(2)
    ]
    outputs = [process.communicate(timeout=120) for process in processes]

    assert all(p.returncode == 0 for p in processes), outputs
    lines = [line.split(" [")[0] for out, _ in outputs for line in out.splitlines()]
    assert "publish_scheduled" in lines
    assert len(lines) == len(set(lines)), outputs
    assert JobRun.objects.filter(job="publish_scheduled").count() == 1
