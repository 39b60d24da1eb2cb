from django.conf import settings
from django.core.checks import Error, register

from .models import ReportReason


@register()
def hiding_reasons_are_charter_reasons(app_configs, **kwargs):
    """Automatic hiding may only use reasons the charter lists (one list: ReportReason)."""
    allowed = {reason.value for reason in ReportReason.charter()}
    unknown = sorted(set(settings.PARTICIPATION_HIDING_REASONS) - allowed)
    if not unknown:
        return []
    return [
        Error(
            "PARTICIPATION_HIDING_REASONS nomme des motifs absents de la charte : "
            + ", ".join(unknown)
            + ".",
            hint="Choisissez parmi : " + ", ".join(sorted(allowed)) + ".",
            id="participation.E001",
        )
    ]
