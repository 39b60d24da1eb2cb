"""The views of participation's admin: the moderation desk (queue, decision, appeal,
blocking someone), a proposal's follow-up (the project it became), and the listings,
inspect and edit views of contributions and answers."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import (
    Case,
    Count,
    IntegerField,
    OuterRef,
    Q,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView, TemplateView
from wagtail.admin.ui.components import Component
from wagtail.admin.ui.menus import MenuItem as ListButton
from wagtail.admin.views import generic
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.widgets.button import HeaderButton

from cms.admin.exports import SafeIndexView
from cms.history import history

from .. import rules
from ..forms import AppealDecisionForm, BlockForm, ModerationForm
from ..models import (
    Appeal,
    AppealClosed,
    Comment,
    ConsultationPage,
    ModerationDecision,
    ParticipantProfile,
    Proposal,
    Report,
    Status,
)
from ..models.moderation import kind_of
from .forms import ProjectLinkForm

QUEUE_PAGE_SIZE = 50
MODELS = {"proposition": Proposal, "commentaire": Comment}


class ModeratorRequiredMixin:
    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm("participation.moderate"):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


def _needing_review(model, kind, field):
    """(kind, pk, priority, open reports, date) of the contributions to look at.

    Waiting for pre-moderation, or with open reports; those whose open reports
    reach the threshold are the priority ones, whatever their reasons.
    """
    open_reports = Report.objects.filter(resolved_at__isnull=True)
    counted = (
        open_reports.filter(**{field: OuterRef("pk")})
        .order_by()
        .values(field)
        .annotate(total=Count("pk"))
        .values("total")
    )
    reported = open_reports.filter(**{f"{field}__isnull": False}).values(field)
    threshold = settings.PARTICIPATION_REPORT_THRESHOLD
    return (
        model.objects.filter(Q(status=Status.PENDING) | Q(pk__in=reported))
        .annotate(
            kind=Value(kind),
            open_reports=Coalesce(
                Subquery(counted, output_field=IntegerField()), Value(0)
            ),
        )
        .annotate(
            priority=Case(
                When(open_reports__gte=threshold, then=Value(1)),
                default=Value(0),
                output_field=IntegerField(),
            )
        )
        .order_by()
        .values_list("kind", "pk", "priority", "open_reports", "created_at")
    )


def queue_page(number):
    """A page of the queue: priority first (most reported on top), then the others,
    oldest first. One query for the page and its total, one per kind shown."""
    rows = (
        _needing_review(Proposal, "proposition", "proposal")
        .union(_needing_review(Comment, "commentaire", "comment"), all=True)
        .order_by("-priority", "-open_reports", "created_at")
    )
    page = Paginator(rows, QUEUE_PAGE_SIZE).get_page(number)
    found = list(page.object_list)
    by_kind = {
        "proposition": Proposal.objects.select_related(
            "author", "consultation", "deposit_commune"
        )
        .defer("deposit_commune__geometry")
        .in_bulk([pk for kind, pk, *_rest in found if kind == "proposition"]),
        "commentaire": Comment.objects.select_related(
            "author", "consultation", "proposal", "deposit_commune"
        )
        .defer("deposit_commune__geometry")
        .in_bulk([pk for kind, pk, *_rest in found if kind == "commentaire"]),
    }
    items = []
    for kind, pk, priority, open_reports, _created_at in found:
        item = by_kind[kind][pk]
        item.kind, item.priority, item.open_reports = kind, bool(priority), open_reports
        items.append(item)
    page.object_list = items
    return page


class ModerationQueueView(
    ModeratorRequiredMixin, WagtailAdminTemplateMixin, TemplateView
):
    template_name = "participation/admin/moderation_queue.html"
    page_title = gettext_lazy("File de modération")
    header_icon = "warning"

    def get_breadcrumbs_items(self):
        """The header names the queue, not Wagtail's « Accueil »."""
        return [*self.breadcrumbs_items, {"url": "", "label": self.page_title}]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        items = queue_page(self.request.GET.get("p"))
        context.update(
            items=items,
            priority_items=[item for item in items if item.priority],
            other_items=[item for item in items if not item.priority],
            appeals=Paginator(Appeal.open_queue(), QUEUE_PAGE_SIZE).get_page(
                self.request.GET.get("r")
            ),
            threshold=settings.PARTICIPATION_REPORT_THRESHOLD,
        )
        return context


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
        self.open_appeal = self.contribution.appeals.filter(
            decided_at__isnull=True
        ).first()
        return super().dispatch(request)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "open_appeal": self.open_appeal}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["contribution"] = self.contribution
        context["open_appeal"] = self.open_appeal
        context["reports"] = self.contribution.reports.select_related(
            "reporter"
        ).order_by("-created_at")
        context["decisions"] = history(self.contribution.decisions)
        context["revisions"] = self.contribution.revisions.all()
        if not isinstance(self.contribution, Comment) and self.request.user.has_perm(
            "participation.link_proposal"
        ):
            context["follow_up_url"] = reverse(
                "participation_proposals:follow_up", args=[self.contribution.pk]
            )
        return context

    def form_valid(self, form):
        decision = self.contribution.moderate(
            self.request.user,
            form.cleaned_data["action"],
            form.cleaned_data["reason"],
            form.cleaned_data["reason_code"],
        )
        messages.success(
            self.request,
            _("Décision enregistrée : %(action)s.")
            % {"action": decision.get_action_display()},
        )
        return redirect("participation_moderation:queue")


class AppealDecisionView(ModeratorRequiredMixin, WagtailAdminTemplateMixin, FormView):
    """Another moderator than the one who hid it keeps it hidden or restores it."""

    template_name = "participation/admin/appeal_decision.html"
    form_class = AppealDecisionForm
    page_title = gettext_lazy("Demande de réexamen")
    header_icon = "warning"

    def dispatch(self, request, pk):
        self.appeal = get_object_or_404(
            Appeal.objects.select_related(
                "author",
                "hidden_by",
                "decided_by",
                "proposal__consultation",
                "proposal__author",
                "comment__consultation",
                "comment__author",
            ),
            pk=pk,
        )
        return super().dispatch(request)

    def post(self, request, *args, **kwargs):
        """Refused on the server too: the page again, with the reason, as a 403 (the
        admin would turn a PermissionDenied into a redirection without the reason)."""
        if not rules.allowed(request.user, "participation.decide_appeal", self.appeal):
            return self.render_to_response(self.get_context_data(), status=403)
        return super().post(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        contribution = self.appeal.contribution
        context.update(
            appeal=self.appeal,
            contribution=contribution,
            kind=kind_of(contribution),
            refusal=rules.refusal(
                self.request.user, "participation.decide_appeal", self.appeal
            ),
            decisions=history(contribution.decisions),
        )
        return context

    def form_valid(self, form):
        try:
            decision = self.appeal.decide(
                self.request.user,
                form.cleaned_data["outcome"],
                form.cleaned_data["reason"],
            )
        except AppealClosed:
            messages.error(
                self.request, _("Cette demande de réexamen a déjà été tranchée.")
            )
        else:
            messages.success(
                self.request,
                _("Réexamen tranché : %(action)s. L’auteur·rice est prévenu·e.")
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
        blocked = not ParticipantProfile.of(self.participant).contribution_blocked
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
