"""The moderation desk of participation's admin: the queue, a contribution's decision,
an appeal's decision and blocking someone; refusals take the admin's one path
(``cms.admin.refusals``) with the reasons of ``participation.rules``."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model
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
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView, TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from cms.history import history

from .. import rules
from ..forms import AppealDecisionForm, BlockForm, ModerationForm
from ..models import (
    Appeal,
    AppealClosed,
    Comment,
    ModerationDecision,
    ParticipantProfile,
    Proposal,
    Report,
    Status,
)
from ..models.moderation import kind_of

QUEUE_PAGE_SIZE = 50
MODELS = {"proposition": Proposal, "commentaire": Comment}


class ModeratorRequiredMixin:
    def dispatch(self, request, *args, **kwargs):
        rules.require(request.user, "participation.moderate")
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
            raise Http404
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
        """The page says beforehand who decides (``refusal``); the server refuses too."""
        rules.require(request.user, "participation.decide_appeal", self.appeal)
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
        rules.require(request.user, "participation.block_participant", self.participant)
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
