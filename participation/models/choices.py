"""The states and tags of contributions, apart so every model module may use them."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Status(models.TextChoices):
    PENDING = "pending", _("En attente de modération")
    PUBLISHED = "published", _("Publiée")
    HIDDEN = "hidden", _("Masquée")
    WITHDRAWN = "withdrawn", _("Retirée par son auteur·rice")


class DepositChannel(models.TextChoices):
    """How a contribution entered at the mairie reached it."""

    IN_PERSON = "in_person", _("En personne, à la mairie")
    PAPER = "paper", _("Sur papier (courrier, formulaire, registre)")


class AnswerStatus(models.TextChoices):
    ACCEPTED = "accepted", _("Retenue")
    PARTLY = "partly", _("Partiellement retenue")
    STUDYING = "studying", _("À l’étude")
    REJECTED = "rejected", _("Non retenue")


class Stance(models.TextChoices):
    """The optional tag of a comment, counted in the synthesis."""

    FOR = "pour", _("Pour")
    AGAINST = "contre", _("Contre")
    QUESTION = "question", _("Question")
