"""The participation charter's reasons for hiding a contribution: the one list.

Reports, moderators' decisions, public placeholders and the yearly statistics all use
it; the charter page lists these reasons in the same words. ``OTHER`` is for reports
only: nobody hides a contribution for a reason the charter does not give.
``settings.PARTICIPATION_HIDING_REASONS`` names those for which enough reports hide a
contribution on their own, pending review.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ReportReason(models.TextChoices):
    SPAM = "spam", _("Publicité ou contenu indésirable")
    OFFENSIVE = "offensive", _("Propos injurieux, haineux ou discriminatoires")
    ILLEGAL = "illegal", _("Contenu illicite ou contraire à l’ordre public")
    OFF_TOPIC = "off_topic", _("Hors sujet")
    PERSONAL_DATA = "personal_data", _("Données personnelles d’un tiers")
    DUPLICATE = "duplicate", _("Doublon d’une contribution existante")
    OTHER = "other", _("Autre motif")

    @classmethod
    def charter(cls):
        """The reasons a contribution may be hidden for, in the charter's order."""
        return [reason for reason in cls if reason != cls.OTHER]

    @classmethod
    def automatic(cls):
        """The charter reasons for which enough reports hide a contribution at once."""
        return [cls(code) for code in settings.PARTICIPATION_HIDING_REASONS]
