"""The participation settings staff switch in the admin."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, PageChooserPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting

from .choices import Status


@register_setting(icon="warning")
class ParticipationSettings(BaseSiteSetting):
    """What staff switch without a deployment: reviewing newcomers first, and which
    page is the participation charter.

    A site setting of this app rather than fields of cms' SiteSettings: cms knows
    nothing of participation, and moderators get to change these settings only.
    """

    charter_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("charte de participation"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_(
            "Acceptée à l’inscription, liée en pied de page et depuis les "
            "consultations."
        ),
    )

    first_contribution_premoderated = models.BooleanField(
        _("relire la première contribution d’un nouveau compte"),
        default=False,
        help_text=_(
            "Même dans une consultation modérée a posteriori, la première proposition "
            "ou le premier commentaire d’un compte qui n’a encore aucune contribution "
            "publiée attend la validation de l’équipe de modération."
        ),
    )

    panels = [
        FieldPanel("first_contribution_premoderated"),
        PageChooserPanel("charter_page"),
    ]

    class Meta:
        verbose_name = _("réglages de la participation")

    @classmethod
    def reviews_first_contribution_of(cls, request, user):
        """Whether ``user``'s next contribution waits for review as a newcomer's."""
        if not cls.for_request(request).first_contribution_premoderated:
            return False
        published = {"status": Status.PUBLISHED}
        return not (
            user.participation_proposals.filter(**published).exists()
            or user.participation_comments.filter(**published).exists()
        )
