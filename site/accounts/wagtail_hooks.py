from datetime import time

from wagtail import hooks

from ops.jobs import ScheduledJob


@hooks.register("register_scheduled_jobs")
def scheduled_jobs():
    """The weekly digest goes out on Monday morning; retention is applied each night."""
    return [
        ScheduledJob(
            name="send_digests", command="send_digests", at=time(7, 0), weekdays=(0,)
        ),
        ScheduledJob(
            name="enforce_retention", command="enforce_retention", at=time(2, 30)
        ),
    ]
