"""Side effects done once per task, whatever the number of runs a killed worker causes."""


def effect_done(context, name):
    """Whether the task behind ``context`` (a django-tasks TaskContext) already had the
    effect ``name`` in an earlier, interrupted run."""
    from .models import TaskEffect

    return TaskEffect.objects.filter(task_id=context.task_result.id, name=name).exists()


def record_effect(context, name):
    from .models import TaskEffect

    TaskEffect.objects.get_or_create(task_id=context.task_result.id, name=name)
