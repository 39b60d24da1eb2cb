from datetime import time

from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from accounts.gdpr import Section
from cms import cache_policy
from ops.jobs import ScheduledJob

from . import deposits, home, notifications
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


hooks.register("register_notification_topics", notifications.topics)


@hooks.register("register_gdpr_section")
def deposits_data():
    return Section(
        key="depots_en_mairie",
        label=_("Contributions saisies en mairie pour des habitant·es"),
        export=deposits.export_data,
        erase=deposits.erase_data,
    )


@hooks.register("register_write_cache_scopes")
def write_cache_scopes():
    """The intranet's tables: what only the home page and undeclared pages show; its
    settings say what the home page's quick access reads, and the aid schemes a
    démarche serves what « Quelles aides » and the aids' open data link to."""
    return {
        "mayors": cache_policy.INTRANET,
        "mayors_intranetsettings": cache_policy.CONTENT,
        "mayors_callforpriorities_aid_schemes": cache_policy.CONTENT,
    }


@hooks.register("register_cache_scopes")
def view_cache_scopes():
    """A démarche's public page shows the intranet's tables and its contract's page."""
    return dict.fromkeys(
        ["demarches:index", "demarches:detail"],
        (cache_policy.CONTENT, cache_policy.INTRANET),
    )


# The intranet's card on the home page (cms.hooks).
hooks.register("register_quick_access", home.quick_access, order=30)


@hooks.register("register_site_related")
def intranet_settings():
    return [home.SITE_RELATED]
