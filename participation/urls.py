from django.urls import path

from cms.decorators import cache_anonymous_view, cache_private_view

from . import feeds
from .views import comments, moderation, opendata, poster, proposals

app_name = "participation"
urlpatterns = [
    path("calendrier.ics", cache_anonymous_view(feeds.calendar), name="calendar"),
    path(
        "consultations/<int:consultation_pk>/proposer/",
        proposals.proposal_create,
        name="proposal_create",
    ),
    path(
        "consultations/<int:pk>/commenter/",
        comments.comment_create,
        {"kind": "consultation"},
        name="consultation_comment",
    ),
    path(
        "consultations/<int:pk>/propositions.json",
        cache_anonymous_view(opendata.open_data),
        {"extension": "json"},
        name="open_data_json",
    ),
    path(
        "consultations/<int:pk>/propositions.csv",
        cache_anonymous_view(opendata.open_data),
        {"extension": "csv"},
        name="open_data_csv",
    ),
    path(
        "consultations/<int:pk>/commentaires.json",
        cache_anonymous_view(opendata.open_data_comments),
        {"extension": "json"},
        name="open_data_comments_json",
    ),
    path(
        "consultations/<int:pk>/commentaires.csv",
        cache_anonymous_view(opendata.open_data_comments),
        {"extension": "csv"},
        name="open_data_comments_csv",
    ),
    path(
        "consultations/<int:pk>/dcat.jsonld",
        cache_anonymous_view(opendata.open_data_dcat),
        name="open_data_dcat",
    ),
    path(
        "consultations/<int:pk>/affiche.pdf",
        poster.consultation_poster,
        name="consultation_poster",
    ),
    path(
        "propositions/<int:pk>/",
        cache_private_view(proposals.proposal_detail),
        name="proposal",
    ),
    path(
        "propositions/<int:pk>/modifier/", proposals.proposal_edit, name="proposal_edit"
    ),
    path(
        "propositions/<int:pk>/retirer/",
        proposals.proposal_withdraw,
        name="proposal_withdraw",
    ),
    path("propositions/<int:pk>/soutenir/", proposals.support, name="support"),
    path("propositions/<int:pk>/suivre/", proposals.follow, name="follow"),
    path(
        "propositions/<int:pk>/commenter/",
        comments.comment_create,
        {"kind": "proposition"},
        name="proposal_comment",
    ),
    path(
        "propositions/<int:pk>/signaler/",
        moderation.report,
        {"kind": "proposition"},
        name="proposal_report",
    ),
    path("commentaires/<int:pk>/modifier/", comments.comment_edit, name="comment_edit"),
    path(
        "commentaires/<int:pk>/supprimer/",
        comments.comment_delete,
        name="comment_delete",
    ),
    path(
        "commentaires/<int:pk>/signaler/",
        moderation.report,
        {"kind": "commentaire"},
        name="comment_report",
    ),
    path(
        "propositions/<int:pk>/reexamen/",
        moderation.appeal,
        {"kind": "proposition"},
        name="proposal_appeal",
    ),
    path(
        "commentaires/<int:pk>/reexamen/",
        moderation.appeal,
        {"kind": "commentaire"},
        name="comment_appeal",
    ),
    path(
        "moderation/",
        moderation.moderation_statistics_latest,
        name="moderation_statistics_latest",
    ),
    path(
        "moderation/<int:year>/",
        moderation.moderation_statistics,
        name="moderation_statistics",
    ),
]
