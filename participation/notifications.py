"""The e-mail topics of the participation app (residents can turn each one off)."""

from django.utils.translation import gettext_lazy as _

from accounts.notifications import register_topic

REPLY = "participation_reply"
ANSWER = "participation_answer"
MODERATION = "participation_moderation"
NEW_CONSULTATION = "participation_new_consultation"
PROGRESS = "participation_progress"
COMMUNE_NEWS = "participation_commune_news"


def register_topics():
    register_topic(REPLY, _("Une réponse à l’un de mes commentaires"))
    register_topic(
        ANSWER,
        _(
            "La réponse officielle à une proposition que j’ai écrite, soutenue ou suivie"
        ),
    )
    register_topic(
        PROGRESS,
        _(
            "Ce que devient une proposition que j’ai écrite, soutenue ou suivie : le "
            "projet qu’elle est devenue, son Programme Opérationnel, son avancement"
        ),
    )
    register_topic(MODERATION, _("Une décision de modération sur mes contributions"))
    register_topic(
        NEW_CONSULTATION, _("L’ouverture d’une nouvelle consultation"), default=False
    )
    register_topic(
        COMMUNE_NEWS,
        _(
            "Les nouvelles de ma commune : les consultations et les projets qui la "
            "concernent (indiquez votre commune dans votre profil)"
        ),
        default=False,
    )
