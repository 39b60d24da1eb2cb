"""The e-mail topics of the participation app (residents can turn each one off)."""

from django.utils.translation import gettext_lazy as _

REPLY = "participation_reply"
ANSWER = "participation_answer"
MODERATION = "participation_moderation"
NEW_CONSULTATION = "participation_new_consultation"


def register_topics():
    from accounts.notifications import register_topic

    register_topic(REPLY, _("Une réponse à l’un de mes commentaires"))
    register_topic(
        ANSWER,
        _(
            "La réponse officielle à une proposition que j’ai écrite, soutenue ou suivie"
        ),
    )
    register_topic(MODERATION, _("Une décision de modération sur mes contributions"))
    register_topic(
        NEW_CONSULTATION, _("L’ouverture d’une nouvelle consultation"), default=False
    )
