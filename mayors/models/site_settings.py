"""What the communication team says of the intranet on the public site."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting


@register_setting(icon="home")
class IntranetSettings(BaseSiteSetting):
    """The text of the intranet's card on the home page: a setting of this app, as
    cms' home page knows no app."""

    home_text = models.CharField(
        _("texte de l’accès à l’espace des élus sur la page d’accueil"),
        max_length=300,
        blank=True,
        help_text=_("Laisser vide pour le texte par défaut."),
    )

    panels = [FieldPanel("home_text")]

    class Meta:
        verbose_name = _("espace des élus sur le site public")
