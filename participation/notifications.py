"""The e-mail topics of the participation app (residents can turn each one off)."""

from django.utils.translation import gettext_lazy as _

from accounts.topics import Topic

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
