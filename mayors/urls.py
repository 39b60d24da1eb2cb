from django.urls import path, re_path

from cms.decorators import cache_private_view

from . import views

app_name = "mayors"
urlpatterns = [
    path("", cache_private_view(views.DashboardView.as_view()), name="dashboard"),
    path(
        "appels/<int:call_id>/communes/<int:commune_id>/nouvelle-priorite/",
        views.SubmissionCreateView.as_view(),
        name="submission_create",
    ),
    path(
        "priorites/<int:pk>/",
        views.SubmissionDetailView.as_view(),
        name="submission_detail",
    ),
    path(
        "priorites/<int:pk>/modifier/",
        views.SubmissionEditView.as_view(),
        name="submission_edit",
    ),
    path(
        "priorites/<int:pk>/deposer/",
        views.SubmitView.as_view(),
        name="submission_submit",
    ),
    path(
        "priorites/<int:pk>/retirer/",
        views.WithdrawView.as_view(),
        name="submission_withdraw",
    ),
    re_path(
        r"^priorites/(?P<pk>[0-9]+)/(?P<direction>monter|descendre)/$",
        views.MoveView.as_view(),
        name="submission_move",
    ),
    path(
        "priorites/<int:pk>/pieces/",
        views.AttachmentUploadView.as_view(),
        name="attachment_upload",
    ),
    path(
        "priorites/<int:pk>/pieces/<int:attachment_pk>/supprimer/",
        views.AttachmentDeleteView.as_view(),
        name="attachment_delete",
    ),
    path(
        "priorites/<int:pk>/messages/",
        views.MessageCreateView.as_view(),
        name="message_create",
    ),
    path(
        "priorites/<int:pk>/accuse-de-reception/",
        views.AcknowledgementView.as_view(),
        name="acknowledgement",
    ),
    path(
        "pieces/<int:pk>/",
        views.AttachmentDownloadView.as_view(),
        name="attachment_download",
    ),
    path("equipe/<int:pk>/depot/", views.DesignateView.as_view(), name="designate"),
    path(
        "conference/<int:session_pk>/communes/<int:commune_id>/avis/",
        views.OpinionView.as_view(),
        name="opinion",
    ),
    path(
        "depots-en-mairie/<int:commune_id>/",
        views.DepositListView.as_view(),
        name="deposits",
    ),
    path(
        "depots-en-mairie/<int:commune_id>/consultations/<int:consultation_pk>/proposition/",
        views.DepositProposalView.as_view(),
        name="deposit_proposal",
    ),
    path(
        "depots-en-mairie/<int:commune_id>/consultations/<int:consultation_pk>/commentaire/",
        views.DepositCommentView.as_view(),
        name="deposit_consultation_comment",
    ),
    path(
        "depots-en-mairie/<int:commune_id>/consultations/<int:consultation_pk>/propositions/",
        views.DepositChooseProposalView.as_view(),
        name="deposit_choose_proposal",
    ),
    path(
        "depots-en-mairie/<int:commune_id>/propositions/<int:proposal_pk>/commentaire/",
        views.DepositCommentView.as_view(),
        name="deposit_comment",
    ),
]
