"""The moderation desk in the Wagtail admin: the queue, a decision, blocking someone;
and a proposal's follow-up, the project it became."""

from django import forms
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView, TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from contrats.choosers import project_chooser_viewset
from contrats.models import Project

from .forms import BlockForm, ModerationForm
from .models import Comment, ModerationDecision, Proposal, Status

QUEUE_PAGE_SIZE = 50


class ModeratorRequiredMixin:
    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm("participation.moderate"):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


def queue_items():
    """Reported first (most reports on top), then contributions waiting for pre-moderation."""
    open_reports = Count("reports", filter=Q(reports__resolved_at__isnull=True))
    needs_review = Q(status=Status.PENDING) | Q(
        reports__resolved_at__isnull=True, reports__isnull=False
    )
    proposals = (
        Proposal.objects.filter(needs_review)
        .annotate(open_reports=open_reports)
        .select_related("author", "consultation")
        .distinct()
    )
    comments = (
        Comment.objects.filter(needs_review)
        .annotate(open_reports=open_reports)
        .select_related("author", "consultation", "proposal")
        .distinct()
    )
    items = [*proposals, *comments]
    items.sort(key=lambda item: (-item.open_reports, item.created_at))
    return items


class ModerationQueueView(
    ModeratorRequiredMixin, WagtailAdminTemplateMixin, TemplateView
):
    template_name = "participation/admin/moderation_queue.html"
    page_title = gettext_lazy("File de modération")
    header_icon = "warning"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["items"] = Paginator(queue_items(), QUEUE_PAGE_SIZE).get_page(
            self.request.GET.get("p")
        )
        return context


MODELS = {"proposition": Proposal, "commentaire": Comment}


class DecisionView(ModeratorRequiredMixin, WagtailAdminTemplateMixin, FormView):
    template_name = "participation/admin/moderation_decision.html"
    form_class = ModerationForm
    page_title = gettext_lazy("Décision de modération")
    header_icon = "warning"

    def dispatch(self, request, kind, pk):
        if kind not in MODELS:
            raise PermissionDenied
        self.contribution = get_object_or_404(
            MODELS[kind].objects.select_related("author", "consultation"), pk=pk
        )
        return super().dispatch(request)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["contribution"] = self.contribution
        context["reports"] = self.contribution.reports.select_related(
            "reporter"
        ).order_by("-created_at")
        context["decisions"] = self.contribution.decisions.select_related("moderator")
        if isinstance(self.contribution, Comment):
            context["revisions"] = self.contribution.revisions.all()
        elif self.request.user.has_perm("participation.link_proposal"):
            context["follow_up_url"] = reverse(
                "participation_proposals:follow_up", args=[self.contribution.pk]
            )
        return context

    def form_valid(self, form):
        decision = self.contribution.moderate(
            self.request.user, form.cleaned_data["action"], form.cleaned_data["reason"]
        )
        messages.success(
            self.request,
            _("Décision enregistrée : %(action)s.")
            % {"action": decision.get_action_display()},
        )
        return redirect("participation_moderation:queue")


class BlockView(ModeratorRequiredMixin, WagtailAdminTemplateMixin, FormView):
    template_name = "participation/admin/block_participant.html"
    form_class = BlockForm
    page_title = gettext_lazy("Bloquer un·e participant·e")
    header_icon = "warning"

    def dispatch(self, request, pk):
        self.participant = get_object_or_404(get_user_model(), pk=pk)
        if self.participant.is_staff or self.participant.is_superuser:
            raise PermissionDenied
        return super().dispatch(request)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["participant"] = self.participant
        return context

    def form_valid(self, form):
        blocked = not self.participant.contribution_blocked
        ModerationDecision.block(
            self.participant,
            self.request.user,
            form.cleaned_data["reason"],
            blocked=blocked,
        )
        messages.success(
            self.request,
            (
                _("%(name)s ne peut plus contribuer.")
                if blocked
                else _("%(name)s peut de nouveau contribuer.")
            )
            % {"name": self.participant.public_name},
        )
        return redirect(reverse("participation_moderation:queue"))


# --- the follow-up of a proposal: the project it became -------------------------------


class ProjectLinkForm(forms.Form):
    project = forms.ModelChoiceField(
        label=gettext_lazy("Projet"),
        queryset=Project.objects.all(),
        widget=project_chooser_viewset.widget_class(),
        help_text=gettext_lazy(
            "Le projet des contrats que cette proposition est devenue : sa page "
            "montrera alors son avancement."
        ),
        error_messages={
            "required": gettext_lazy("Choisissez le projet."),
            "invalid_choice": gettext_lazy("Ce projet n’existe pas."),
        },
    )


class ProposalFollowUpView(WagtailAdminTemplateMixin, FormView):
    """The "Suivi de la proposition" screen: link it to its project, or undo the link.

    Residents' words are not editable here: only what the proposal became.
    """

    template_name = "participation/admin/proposal_follow_up.html"
    form_class = ProjectLinkForm
    page_title = gettext_lazy("Suivi de la proposition")
    header_icon = "pick"

    def dispatch(self, request, pk):
        if not request.user.has_perm("participation.link_proposal"):
            raise PermissionDenied
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
