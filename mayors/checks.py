from django.conf import settings
from django.core.checks import Warning, register

W001 = Warning(
    "Aucun antivirus n’est configuré pour les pièces jointes de l’espace des élus : "
    "les fichiers déposés restent « non analysés ».",
    hint="Définissez CLAMD_ADDRESS, MAYORS_CLAMD_SOCKET ou MAYORS_CLAMSCAN_COMMAND.",
    id="mayors.W001",
)


@register()
def virus_scanner_configured(app_configs, **kwargs):
    """Production must scan the communes' uploads; development may run without ClamAV."""
    if getattr(settings, "MAYORS_VIRUS_SCANNER", None):
        return []
    if settings.SETTINGS_MODULE.endswith(".production"):
        return [W001]
    return []
