from datetime import time, timedelta

from django_tasks import task_backends
from django_tasks_db.backend import DatabaseBackend
from wagtail import hooks

from .admin.viewsets import JobRunViewSet
from .jobs import ScheduledJob


@hooks.register("register_scheduled_jobs")
def scheduled_jobs():
    """The platform's own housekeeping (the apps declare their work in their hooks).
    The task-queue jobs exist only where tasks go through the database queue."""
    jobs = [
        ScheduledJob(name="clearsessions", command="clearsessions", at=time(4, 0)),
        ScheduledJob(name="prune_job_runs", command="prune_job_runs", at=time(4, 20)),
    ]
    if not isinstance(task_backends["default"], DatabaseBackend):
        return jobs
    return [
        *jobs,
        ScheduledJob(
            name="prune_task_results",
            command="prune_db_task_results",
            args=("--queue-name", "*", "--min-age-days", "14"),
            at=time(4, 10),
        ),
        ScheduledJob(
            name="requeue_stalled_tasks",
            command="requeue_stalled_tasks",
            every=timedelta(minutes=5),
        ),
    ]


@hooks.register("register_admin_viewset")
def register_job_runs():
    return JobRunViewSet("job_runs")
