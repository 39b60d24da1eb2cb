"""The admin menus of participation: contributions with their exports, answers, the
moderation log, and the moderation desk."""

import django_filters
from django.forms import modelform_factory
from django.urls import path
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.tables import Column
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.widgets import BooleanRadioSelect

from cms.admin.viewsets import ModelViewSet, ViewSet

from ..models import Answer, AnswerStatus, Comment, ModerationDecision, Proposal
from . import moderation
from .forms import AnswerForm
from .views import (
    AnswerCreateView,
    AnswerEditView,
    AnswerIndexView,
    CommentIndexView,
    ModerateInsteadOfEditView,
    ProposalCreateView,
    ProposalEditView,
    ProposalFollowUpView,
    ProposalIndexView,
    ProposalInspectView,
)

AUTHOR_COLUMN = Column("author_name", label=_("Auteur·rice"))


class ProposalFilterSet(WagtailFilterSet):
    """The list filters, and "without an answer": where the late answers are."""

    unanswered = django_filters.BooleanFilter(
        field_name="answer",
        lookup_expr="isnull",
        label=_("Sans réponse officielle"),
        widget=BooleanRadioSelect,
    )

    answer_status = django_filters.ChoiceFilter(
        field_name="answer__status",
        label=_("Réponse officielle"),
        choices=AnswerStatus.choices,
    )

    class Meta:
        model = Proposal
        fields = ["consultation", "status"]


class ProposalViewSet(ModelViewSet):
    name = "participation_proposals"
    url_prefix = "participation/propositions"
    model = Proposal
    icon = "pick"
    menu_label = _("Propositions")
    add_to_admin_menu = False
    index_view_class = ProposalIndexView
    add_view_class = ProposalCreateView
    edit_view_class = ProposalEditView
    copy_view_enabled = False
    inspect_view_enabled = True
    inspect_view_class = ProposalInspectView
    search_backend_name = None
    search_fields = ["title", "body"]
    list_display = [
        "title",
        "consultation",
        AUTHOR_COLUMN,
        "status",
        Column("support_count", label=_("Soutiens"), sort_key="support_count"),
        Column("comment_count", label=_("Commentaires"), sort_key="comment_count"),
        "created_at",
    ]
    filterset_class = ProposalFilterSet
    list_export = [
        "id",
        "consultation",
        "title",
        "body",
        "category",
        "commune",
        "author_name",
        "is_official",
        "status",
        "created_at",
        "support_count",
        "comment_count",
        "answer_status",
        "answer_explanation",
        "project",
    ]
    export_headings = {
        "id": _("Numéro"),
        "author_name": _("Auteur·rice"),
        "support_count": _("Soutiens"),
        "comment_count": _("Commentaires"),
        "answer_status": _("Réponse"),
        "answer_explanation": _("Explication"),
        "project": _("Projet"),
    }
    export_filename = "propositions"
    form_fields = [
        "consultation",
        "title",
        "easy_read",
        "body",
        "category",
        "commune",
        "latitude",
        "longitude",
    ]

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path("suivi/<int:pk>/", ProposalFollowUpView.as_view(), name="follow_up"),
        ]


class CommentViewSet(ModelViewSet):
    name = "participation_comments"
    url_prefix = "participation/commentaires"
    model = Comment
    icon = "comment"
    menu_label = _("Commentaires")
    index_view_class = CommentIndexView
    edit_view_class = ModerateInsteadOfEditView
    add_to_admin_menu = False
    copy_view_enabled = False
    inspect_view_enabled = True
    search_backend_name = None
    search_fields = ["body"]
    list_display = [
        "excerpt",
        "consultation",
        "proposal",
        AUTHOR_COLUMN,
        "status",
        "created_at",
    ]
    list_filter = ["consultation", "status"]
    list_export = [
        "id",
        "consultation",
        "proposal",
        "parent_id",
        "body",
        "author_name",
        "status",
        "created_at",
        "edited_at",
        "deleted_at",
    ]
    export_headings = {
        "id": _("Numéro"),
        "parent_id": _("En réponse au n°"),
        "author_name": _("Auteur·rice"),
    }
    export_filename = "commentaires"
    form_fields = ["status", "hidden_reason"]


class AnswerViewSet(ModelViewSet):
    name = "participation_answers"
    url_prefix = "participation/reponses"
    model = Answer
    icon = "tick"
    menu_label = _("Réponses officielles")
    index_view_class = AnswerIndexView
    add_view_class = AnswerCreateView
    edit_view_class = AnswerEditView
    copy_view_enabled = False
    search_backend_name = None
    search_fields = ["proposal__title", "explanation"]
    list_display = [
        "proposal",
        "status",
        Column("project", label=_("Projet"), accessor="proposal.project"),
        "updated_at",
    ]
    list_filter = ["status", "proposal__consultation"]
    form_fields = ["proposal", "status", "explanation"]

    def get_form_class(self, for_update=False):
        return modelform_factory(
            self.model,
            form=AnswerForm,
            fields=self.form_fields,
            formfield_callback=self.formfield_for_dbfield,
        )


class DecisionViewSet(ModelViewSet):
    name = "participation_decisions"
    url_prefix = "participation/journal"
    model = ModerationDecision
    icon = "history"
    menu_label = _("Journal de modération")
    copy_view_enabled = False
    inspect_view_enabled = True
    search_backend_name = None
    search_fields = ["subject", "reason"]
    list_display = ["at", "action", "subject", "actor", "reason"]
    list_filter = ["action"]
    list_export = ["at", "action", "subject", "actor", "reason"]
    export_filename = "journal-moderation"
    form_fields = ["reason"]


class ParticipationViewSetGroup(ViewSetGroup):
    menu_label = _("Participation")
    menu_icon = "group"
    menu_order = 300
    items = (ProposalViewSet, CommentViewSet, AnswerViewSet, DecisionViewSet)


class ModeratorMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm("participation.moderate")


class ModerationViewSet(ViewSet):
    """The moderation desk: its queue, decisions, appeals and blocks, for moderators."""

    name = "participation_moderation"
    url_prefix = "moderation"
    icon = "warning"
    menu_label = _("File de modération")
    menu_order = 290
    add_to_admin_menu = True
    menu_item_class = ModeratorMenuItem

    def get_urlpatterns(self):
        return [
            path("", moderation.ModerationQueueView.as_view(), name="queue"),
            path(
                "reexamen/<int:pk>/",
                moderation.AppealDecisionView.as_view(),
                name="appeal",
            ),
            path(
                "<str:kind>/<int:pk>/", moderation.DecisionView.as_view(), name="decide"
            ),
            path(
                "participant/<int:pk>/bloquer/",
                moderation.BlockView.as_view(),
                name="block",
            ),
        ]
