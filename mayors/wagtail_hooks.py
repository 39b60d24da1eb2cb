from datetime import time

from wagtail import hooks

from ops.jobs import ScheduledJob

from .admin.viewsets import MayorsViewSetGroup
from .health import health_checks
from .models import ElectedOfficial


@hooks.register("register_admin_viewset")
def register_mayors_viewsets():
    return MayorsViewSetGroup()


@hooks.register("register_scheduled_jobs")
def scheduled_jobs():
    return [ScheduledJob(name="mayors_daily", command="mayors_daily", at=time(3, 0))]


@hooks.register("register_health_checks")
def register_health_checks():
    return health_checks()


@hooks.register("exempt_from_account_retention")
def intranet_members():
    """Invited officials keep their account however rarely they sign in."""
    return ElectedOfficial.objects.active().values("user")
