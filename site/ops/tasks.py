"""The database task queue seen from operations: tasks a killed worker left behind."""

import logging

from django.conf import settings
from django.db import transaction
from django_tasks_db.compat import TaskResultStatus
from django_tasks_db.models import DBTaskResult

logger = logging.getLogger(__name__)


def requeue_stalled_tasks(cutoff):
    """Put back in the queue every task still marked running since before ``cutoff``:
    its worker was killed (deploy, OOM, lost node), so nobody will finish it. A task
    that has already killed ``OPS_STALLED_TASK_MAX_ATTEMPTS`` workers is marked failed
    instead, so one poisonous task cannot take the workers down forever.

    Returns (requeued, failed)."""
    requeued = failed = 0
    with transaction.atomic():
        stalled = (
            DBTaskResult.objects.running()
            .filter(started_at__lt=cutoff)
            .select_for_update(skip_locked=True)
        )
        for result in stalled:
            if len(result.worker_ids) >= settings.OPS_STALLED_TASK_MAX_ATTEMPTS:
                result.status = TaskResultStatus.FAILED
                result.exception_class_path = "ops.tasks.StalledTask"
                result.traceback = (
                    f"Abandonnée après {len(result.worker_ids)} arrêts brutaux "
                    "du worker pendant son exécution."
                )
                result.save(
                    update_fields=["status", "exception_class_path", "traceback"]
                )
                logger.error("Task %s (%s) abandoned", result.id, result.task_path)
                failed += 1
            else:
                result.status = TaskResultStatus.READY
                result.started_at = None
                result.save(update_fields=["status", "started_at"])
                logger.warning(
                    "Task %s (%s) requeued: its worker stopped during the run",
                    result.id,
                    result.task_path,
                )
                requeued += 1
    return requeued, failed
