"""The admin of consultations' contributions: listings with exports, answers, the moderation log."""

import django_filters
from django.db.models import Q
from django.forms import modelform_factory
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.ui.menus import MenuItem as ListButton
from wagtail.admin.ui.tables import Column
from wagtail.admin.views import generic
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets import BooleanRadioSelect
from wagtail.admin.widgets.button import HeaderButton

from cms.export_views import SafeIndexView

from .admin_views import ProposalFollowUpView
from .models import (
    Answer,
    AnswerStatus,
    Comment,
    ModerationDecision,
    Proposal,
    Status,
)

FOLLOW_UP_LABEL = _("Suivi de la proposition")
AUTHOR_COLUMN = Column("author_name", label=_("Auteur·rice"))


class AnswerForm(WagtailAdminModelForm):
    """The proposal is chosen among those that may be answered (not hidden, not yet
    answered), grouped by consultation."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["proposal"]
        answerable = (
            Proposal.objects.exclude(status=Status.HIDDEN)
            .filter(Q(answer__isnull=True) | Q(pk=self.instance.proposal_id))
            .select_related("consultation")
            .order_by("consultation__title", "title", "pk")
        )
        field.queryset = answerable
        groups = {}
        for proposal in answerable:
            groups.setdefault(proposal.consultation.title, []).append(
                (proposal.pk, proposal.title)
            )
        field.choices = [("", "---------"), *groups.items()]


def follow_up_url(proposal_id):
    return reverse("participation_proposals:follow_up", args=[proposal_id])


class FollowUpListButtonMixin:
    """Each row's menu leads to the proposal's follow-up, for those who may link it."""

    proposal_id_attr = "pk"

    def get_list_more_buttons(self, instance):
        buttons = super().get_list_more_buttons(instance)
        if self.request.user.has_perm("participation.link_proposal"):
            buttons.append(
                ListButton(
                    FOLLOW_UP_LABEL,
                    url=follow_up_url(getattr(instance, self.proposal_id_attr)),
                    icon_name="pick",
                    priority=5,
                )
            )
        return buttons


class ProposalIndexView(FollowUpListButtonMixin, SafeIndexView):
    add_item_label = _("Nouvelle proposition du Grand Quercy")

    def get_base_queryset(self):
        return (
            super()
            .get_base_queryset()
            .for_list()
            .select_related("consultation", "project")
        )


class CommentIndexView(SafeIndexView):
    def get_base_queryset(self):
        return (
            super()
            .get_base_queryset()
            .select_related("author", "consultation", "proposal", "deposit_commune")
            .defer("deposit_commune__geometry")
        )


class ProposalInspectView(generic.InspectView):
    @cached_property
    def header_buttons(self):
        if not self.request.user.has_perm("participation.link_proposal"):
            return []
        return [
            HeaderButton(FOLLOW_UP_LABEL, url=follow_up_url(self.pk), icon_name="pick")
        ]


class ModerateInsteadOfEditView(generic.EditView):
    """Residents' words are never edited by staff: moderation decisions are logged instead."""

    def dispatch(self, request, *args, **kwargs):
        kind = "proposition" if self.model is Proposal else "commentaire"
        return redirect(
            "participation_moderation:decide", kind, kwargs.get("pk") or args[0]
        )


class ProposalEditView(generic.EditView):
    """Staff edit their own (official) proposals; residents' go through moderation."""

    def dispatch(self, request, *args, **kwargs):
        pk = kwargs.get("pk") or args[0]
        if not Proposal.objects.filter(pk=pk, is_official=True).exists():
            return redirect("participation_moderation:decide", "proposition", pk)
        return super().dispatch(request, *args, **kwargs)


class ProposalCreateView(generic.CreateView):
    """Proposals written in the admin are the Grand Quercy's own, published at once."""

    def save_instance(self):
        self.form.instance.author = self.request.user
        self.form.instance.is_official = True
        self.form.instance.status = Status.PUBLISHED
        return super().save_instance()


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


class AnswerIndexView(FollowUpListButtonMixin, SafeIndexView):
    proposal_id_attr = "proposal_id"
    add_item_label = _("Nouvelle réponse officielle")

    def get_base_queryset(self):
        return super().get_base_queryset().select_related("proposal__project")


class AnswerCreateView(generic.CreateView):
    def save_instance(self):
        self.form.instance.author = self.request.user
        answer = super().save_instance()
        answer.notify_followers()
        return answer


class AnswerEditView(generic.EditView):
    def save_instance(self):
        answer = super().save_instance()
        if "status" in self.form.changed_data:
            answer.notify_followers()
        return answer


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
    index_view_class = SafeIndexView
    list_export = ["at", "action", "subject", "actor", "reason"]
    export_filename = "journal-moderation"
    form_fields = ["reason"]


class ParticipationViewSetGroup(ViewSetGroup):
    menu_label = _("Participation")
    menu_icon = "group"
    menu_order = 300
    items = (ProposalViewSet, CommentViewSet, AnswerViewSet, DecisionViewSet)
