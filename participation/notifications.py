"""What the participation app tells people by e-mail: the topics residents can turn
off, and the alerts to the moderation team."""

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from accounts.notifications import email_address
from accounts.topics import Topic
from cms.permissions import holders

REPLY = "participation_reply"
ANSWER = "participation_answer"
MODERATION = "participation_moderation"
NEW_CONSULTATION = "participation_new_consultation"
PROGRESS = "participation_progress"
COMMUNE_NEWS = "participation_commune_news"


def topics():
    """Declared to accounts through the ``register_notification_topics`` hook."""
    return [
        Topic(REPLY, _("Une réponse à l’un de mes commentaires")),
        Topic(
            ANSWER,
            _(
                "La réponse officielle à une proposition que j’ai écrite, soutenue "
                "ou suivie"
            ),
        ),
        Topic(
            PROGRESS,
            _(
                "Ce que devient une proposition que j’ai écrite, soutenue ou suivie : "
                "le projet qu’elle est devenue, son Programme Opérationnel, son "
                "avancement"
            ),
        ),
        Topic(MODERATION, _("Une décision de modération sur mes contributions")),
        Topic(
            NEW_CONSULTATION,
            _("L’ouverture d’une nouvelle consultation"),
            default=False,
        ),
        Topic(
            COMMUNE_NEWS,
            _(
                "Les nouvelles de ma commune : les consultations et les projets qui "
                "la concernent (indiquez votre commune dans votre profil)"
            ),
            default=False,
        ),
    ]


def alert_moderators(template, contribution, *, leaving_out=None, **context):
    """One e-mail about ``contribution`` to whoever holds ``participation.moderate``
    (whatever their group is called), once the write that calls for it commits;
    ``leaving_out``: the moderator whose own decision is contested."""
    context.update(
        contribution=contribution,
        is_proposal=contribution._meta.model_name == "proposal",
    )

    def send():
        moderators = holders("participation.moderate").exclude(email="")
        if leaving_out is not None:
            moderators = moderators.exclude(pk=leaving_out)
        addresses = list(moderators.values_list("email", flat=True).distinct())
        if addresses:
            email_address(addresses, template, context)

    transaction.on_commit(send)
