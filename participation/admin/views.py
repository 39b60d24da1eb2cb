"""The views of participation's admin besides the moderation desk (``moderation``): a
proposal's follow-up (the project it became), the listings, inspect and edit views of
contributions and answers, and the dashboard's late answers."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView
from wagtail.admin.ui.components import Component
from wagtail.admin.ui.menus import MenuItem as ListButton
from wagtail.admin.views import generic
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.widgets.button import HeaderButton

from cms.admin.exports import SafeIndexView

from .. import rules
from ..models import ConsultationPage, Proposal, Status
from .forms import ProjectLinkForm


class ProposalFollowUpView(WagtailAdminTemplateMixin, FormView):
    """The "Suivi de la proposition" screen: link it to its project, or undo the link.

    Residents' words are not editable here: only what the proposal became.
    """

    template_name = "participation/admin/proposal_follow_up.html"
    form_class = ProjectLinkForm
    page_title = gettext_lazy("Suivi de la proposition")
    header_icon = "pick"

    def dispatch(self, request, pk):
        rules.require(request.user, "participation.link_proposal")
        self.proposal = get_object_or_404(
            Proposal.objects.select_related("consultation", "answer", "project"),
            pk=pk,
        )
        return super().dispatch(request)

    def get_page_subtitle(self):
        return self.proposal.title

    def get_initial(self):
        return {"project": self.proposal.project_id}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["proposal"] = self.proposal
        context["trace"] = self.proposal.trace()
        return context

    def post(self, request, *args, **kwargs):
        if request.POST.get("action") == "unlink":
            if self.proposal.unlink_project():
                messages.success(
                    request, _("La proposition n’est plus liée à un projet.")
                )
            return redirect(request.path)
        return super().post(request, *args, **kwargs)

    def form_valid(self, form):
        project = form.cleaned_data["project"]
        try:
            changed = self.proposal.link_project(project)
        except ValidationError as error:
            form.add_error("project", error)
            return self.form_invalid(form)
        if changed:
            messages.success(
                self.request,
                _("La proposition est liée au projet « %(project)s ».")
                % {"project": project.title},
            )
        return redirect(self.request.path)


# --- listings, inspect and edit of contributions -------------------------------------


FOLLOW_UP_LABEL = gettext_lazy("Suivi de la proposition")


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
    add_item_label = gettext_lazy("Nouvelle proposition du Grand Quercy")

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


class AnswerIndexView(FollowUpListButtonMixin, SafeIndexView):
    proposal_id_attr = "proposal_id"
    add_item_label = gettext_lazy("Nouvelle réponse officielle")

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


class LateAnswersPanel(Component):
    """Consultations whose promised day is over with proposals still unanswered."""

    name = "late_answers"
    template_name = "participation/admin/late_answers_panel.html"
    order = 140

    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        context["consultations"] = list(
            ConsultationPage.with_late_answers().only(
                "pk", "title", "answers_promised_by"
            )
        )
        return context
