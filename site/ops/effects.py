"""Side effects done once per task, whatever the number of runs a killed worker causes.

Only a queue that keeps its tasks can run one twice: with the immediate backend
(development, tests) nothing is recorded and no query is spent."""

from django_tasks import task_backends


def _rerunnable(context):
    from django_tasks_db.backend import DatabaseBackend

    return isinstance(task_backends[context.task_result.backend], DatabaseBackend)


def effect_done(context, name):
    """Whether the task behind ``context`` (a django-tasks TaskContext) already had the
    effect ``name`` in an earlier, interrupted run."""
    from .models import TaskEffect

    return (
        _rerunnable(context)
        and TaskEffect.objects.filter(
            task_id=str(context.task_result.id), name=name
        ).exists()
    )


def record_effect(context, name):
    from .models import TaskEffect

    if _rerunnable(context):
        TaskEffect.objects.get_or_create(task_id=str(context.task_result.id), name=name)
