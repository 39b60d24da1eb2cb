from django.urls import path, re_path

from cms.decorators import cache_private_view

from .views import conference, dashboard, deposits, submissions

app_name = "mayors"
urlpatterns = [
    path("", cache_private_view(dashboard.DashboardView.as_view()), name="dashboard"),
    path(
        "appels/<int:call_id>/communes/<int:commune_id>/nouvelle-priorite/",
        submissions.SubmissionCreateView.as_view(),
        name="submission_create",
    ),
    path(
        "priorites/<int:pk>/",
        submissions.SubmissionDetailView.as_view(),
        name="submission_detail",
    ),
    path(
        "priorites/<int:pk>/modifier/",
        submissions.SubmissionEditView.as_view(),
        name="submission_edit",
    ),
    path(
        "priorites/<int:pk>/deposer/",
        submissions.SubmitView.as_view(),
        name="submission_submit",
    ),
    path(
        "priorites/<int:pk>/retirer/",
        submissions.WithdrawView.as_view(),
        name="submission_withdraw",
    ),
    re_path(
        r"^priorites/(?P<pk>[0-9]+)/(?P<direction>monter|descendre)/$",
        submissions.MoveView.as_view(),
        name="submission_move",
    ),
    path(
        "priorites/<int:pk>/pieces/",
        submissions.AttachmentUploadView.as_view(),
        name="attachment_upload",
    ),
    path(
        "priorites/<int:pk>/pieces/<int:attachment_pk>/supprimer/",
        submissions.AttachmentDeleteView.as_view(),
        name="attachment_delete",
    ),
    path(
        "priorites/<int:pk>/messages/",
        submissions.MessageCreateView.as_view(),
        name="message_create",
    ),
    path(
        "priorites/<int:pk>/accuse-de-reception/",
        submissions.AcknowledgementView.as_view(),
        name="acknowledgement",
    ),
    path(
        "pieces/<int:pk>/",
        submissions.AttachmentDownloadView.as_view(),
        name="attachment_download",
    ),
    path("equipe/<int:pk>/depot/", dashboard.DesignateView.as_view(), name="designate"),
    path(
        "conference/<int:session_pk>/communes/<int:commune_id>/avis/",
        conference.OpinionView.as_view(),
        name="opinion",
    ),
    path(
        "depots-en-mairie/<int:commune_id>/",
        deposits.DepositListView.as_view(),
        name="deposits",
    ),
    path(
        "depots-en-mairie/<int:commune_id>/consultations/<int:consultation_pk>/proposition/",
        deposits.DepositProposalView.as_view(),
        name="deposit_proposal",
    ),
    path(
        "depots-en-mairie/<int:commune_id>/consultations/<int:consultation_pk>/commentaire/",
        deposits.DepositCommentView.as_view(),
        name="deposit_consultation_comment",
    ),
    path(
        "depots-en-mairie/<int:commune_id>/consultations/<int:consultation_pk>/propositions/",
        deposits.DepositChooseProposalView.as_view(),
        name="deposit_choose_proposal",
    ),
    path(
        "depots-en-mairie/<int:commune_id>/propositions/<int:proposal_pk>/commentaire/",
        deposits.DepositCommentView.as_view(),
        name="deposit_comment",
    ),
]
