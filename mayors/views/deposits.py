"""Contributions deposited at the mairie for residents who came or wrote on paper."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.generic import FormView, TemplateView

from cms.pagination import paginate
from contrats.models import Commune
from participation import abuse
from participation import rules as participation_rules
from participation.charter import charter_page
from participation.models import Comment, Proposal
from participation.models.contributions import of_commune

from .. import deposits
from .. import rules as intranet_rules
from ..forms import (
    DepositCommentForm,
    DepositProposalForm,
    ProposalSearchForm,
)
from .base import IntranetMixin


class DepositMixin(IntranetMixin):
    """The commune in the URL is one whose mairie the user deposits for.

    Another commune is a 404, as for its dossiers; a membership without a counter at
    the mairie (an EPCI référent·e) is a 403.
    """

    def dispatch(self, request, *args, **kwargs):
        user = request.user
        if user.is_authenticated and user.has_perm("mayors.access_intranet"):
            self.commune = self.get_commune(user, int(kwargs["commune_id"]))
        return super().dispatch(request, *args, **kwargs)

    def get_commune(self, user, commune_id):
        commune = next(
            (
                m.commune
                for m in intranet_rules._memberships(user)
                if m.commune_id == commune_id
            ),
            None,
        )
        if commune is None:
            if not user.is_superuser:
                raise Http404
            commune = get_object_or_404(
                Commune.objects.defer("geometry"), pk=commune_id
            )
        if not user.has_perm("mayors.deposit_for_resident", commune):
            raise PermissionDenied(
                _(
                    "Seul·es le ou la maire, les adjoint·es et le secrétariat de mairie "
                    "déposent pour les habitant·es de leur commune."
                )
            )
        return commune

    def get_consultation(self):
        return get_object_or_404(
            deposits.public_consultations(self.request),
            pk=self.kwargs["consultation_pk"],
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(commune=self.commune, of_commune=of_commune(self.commune.name))
        return context


class DepositListView(DepositMixin, TemplateView):
    """The consultations a mairie may deposit for today, and what it deposited."""

    template_name = "mayors/deposits.html"
    PER_PAGE = 20

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user, commune = self.request.user, self.commune
        rows = []
        for consultation in deposits.open_consultations(commune, self.request):
            deposit = deposits.Deposit(commune, consultation)
            rows.append(
                {
                    "consultation": consultation,
                    "can_propose": user.has_perm("mayors.deposit_proposal", deposit),
                    "propose_refusal": participation_rules.refusal(
                        user, "mayors.deposit_proposal", deposit
                    )
                    if consultation.allow_proposals
                    else None,
                    "can_comment": user.has_perm("mayors.deposit_comment", deposit),
                }
            )
        context.update(
            consultations=rows,
            upcoming=deposits.upcoming_consultations(self.request),
            proposals=paginate(
                self.request, deposits.deposited_proposals(commune), self.PER_PAGE
            ),
            comments=paginate(
                self.request,
                deposits.deposited_comments(commune),
                self.PER_PAGE,
                param="cpage",
            ),
        )
        return context


class DepositFormView(DepositMixin, FormView):
    """A resident's contribution typed in at the mairie: same rules, same moderation."""

    template_name = "mayors/deposit_form.html"
    permission = None

    def get(self, request, *args, **kwargs):
        return self.checked(super().get, request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        return self.checked(super().post, request, *args, **kwargs)

    def checked(self, handler, request, *args, **kwargs):
        """The rules first (phase, options, commune): a refusal says why, changes nothing."""
        self.deposit = self.get_deposit()
        message = participation_rules.refusal(
            request.user, self.permission, self.deposit
        )
        if message:
            raise PermissionDenied(message)
        return handler(request, *args, **kwargs)

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["consultation"] = self.deposit.consultation
        return kwargs

    def form_valid(self, form):
        if not abuse.consume(self.request, "deposit"):
            form.add_error(None, abuse.LIMIT_MESSAGE)
            return self.form_invalid(form)
        try:
            contribution = self.save(form)
        except ValidationError as error:
            form.add_error(None, error)
            return self.form_invalid(form)
        name = contribution.resident_name
        if contribution.is_pending:
            text = _(
                "La contribution de %(name)s est enregistrée ; elle sera publiée après "
                "sa relecture par l’équipe de modération."
            )
        else:
            text = _("La contribution de %(name)s est publiée.")
        messages.success(self.request, text % {"name": name})
        return redirect(
            reverse("mayors:deposits", args=[self.commune.pk]) + "#deposees"
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            kind=self.kind,
            deposit=self.deposit,
            consultation=self.deposit.consultation,
            has_categories="category" in context["form"].fields,
            charter=charter_page(self.request),
        )
        return context


class DepositProposalView(DepositFormView):
    form_class = DepositProposalForm
    permission = "mayors.deposit_proposal"
    kind = "proposal"

    def get_deposit(self):
        return deposits.Deposit(self.commune, self.get_consultation())

    def save(self, form):
        return Proposal.deposit_at_mairie(
            consultation=self.deposit.consultation,
            mairie=self.commune,
            by=self.request.user,
            **form.deposit_fields(),
        )


class DepositCommentView(DepositFormView):
    """On a published proposal, or on the consultation itself."""

    form_class = DepositCommentForm
    permission = "mayors.deposit_comment"
    kind = "comment"

    def get_deposit(self):
        if "proposal_pk" not in self.kwargs:
            return deposits.Deposit(self.commune, self.get_consultation())
        proposal = get_object_or_404(
            Proposal.objects.select_related("consultation").filter(
                consultation__in=deposits.public_consultations(self.request)
            ),
            pk=self.kwargs["proposal_pk"],
        )
        return deposits.Deposit(self.commune, proposal.consultation, proposal)

    def save(self, form):
        return Comment.deposit_at_mairie(
            consultation=self.deposit.consultation,
            proposal=self.deposit.proposal,
            mairie=self.commune,
            by=self.request.user,
            **form.deposit_fields(),
        )


class DepositChooseProposalView(DepositMixin, TemplateView):
    """Which proposal the resident comments on: the published ones, searched by title."""

    template_name = "mayors/deposit_proposals.html"
    PER_PAGE = 20

    def get(self, request, *args, **kwargs):
        self.deposit = deposits.Deposit(self.commune, self.get_consultation())
        message = participation_rules.refusal(
            request.user, "mayors.deposit_comment", self.deposit
        )
        if message:
            raise PermissionDenied(message)
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        consultation = self.deposit.consultation
        search = ProposalSearchForm(self.request.GET)
        proposals = (
            Proposal.objects.for_list()
            .filter(consultation=consultation)
            .published()
            .order_by("-created_at", "-pk")
        )
        if search.is_valid() and search.cleaned_data["q"]:
            proposals = proposals.filter(title__icontains=search.cleaned_data["q"])
        context.update(
            consultation=consultation,
            search=search,
            proposals=paginate(self.request, proposals, self.PER_PAGE),
        )
        return context
