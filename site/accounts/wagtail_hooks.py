from datetime import time

from wagtail import hooks

from ops.jobs import ScheduledJob


@hooks.register("register_scheduled_jobs")
def scheduled_jobs():
    """The weekly digest goes out on Monday morning."""
    return [
        ScheduledJob(
            name="send_digests", command="send_digests", at=time(7, 0), weekdays=(0,)
        )
    ]
