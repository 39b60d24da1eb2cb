"""The Conférence des Maires: a commune's opinion on the draft PO."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.generic import DetailView, FormView, View

from .. import rules as intranet_rules
from ..forms import (
    OpinionForm,
)
from ..ics import ics_filename, session_ics
from ..models import (
    ConferenceSession,
    Opinion,
)
from .base import IntranetMixin


class OpinionView(IntranetMixin, FormView):
    """One voice per commune on the draft PO, while the window is open."""

    template_name = "mayors/opinion_form.html"
    form_class = OpinionForm

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            self.session = get_object_or_404(ConferenceSession, pk=kwargs["session_pk"])
            commune_id = int(kwargs["commune_id"])
            membership = next(
                (
                    m
                    for m in intranet_rules._memberships(request.user)
                    if m.commune_id == commune_id
                ),
                None,
            )
            if membership is None:
                raise Http404
            if not request.user.has_perm("mayors.give_opinion", membership.commune):
                raise PermissionDenied(
                    _(
                        "Seul·e le ou la maire, ou l’adjoint·e désigné·e, exprime l’avis de la commune."
                    )
                )
            self.commune = membership.commune
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["instance"] = Opinion.objects.filter(
            session=self.session, commune=self.commune
        ).first() or Opinion(session=self.session, commune=self.commune)
        return kwargs

    def form_valid(self, form):
        if not self.session.is_opinion_open():
            form.add_error(None, _("La période d’expression de l’avis est close."))
            return self.form_invalid(form)
        opinion = form.save(commit=False)
        opinion.author = self.request.user
        opinion.entered_by_staff = False
        opinion.updated_at = timezone.now()
        opinion.save()
        messages.success(self.request, _("L’avis de votre commune est enregistré."))
        return redirect("mayors:dashboard")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            session=self.session,
            commune=self.commune,
            is_open=self.session.is_opinion_open(),
        )
        return context


class SessionIcsView(IntranetMixin, View):
    """The session for the invited people's calendars."""

    def get(self, request, pk):
        session = get_object_or_404(ConferenceSession, pk=pk)
        response = HttpResponse(session_ics(session), content_type="text/calendar")
        response["Content-Disposition"] = (
            f'attachment; filename="{ics_filename(session)}"'
        )
        return response


class DraftProgrammeView(IntranetMixin, DetailView):
    """The draft PO the mayors give their opinion on (the public page shows only
    adopted versions)."""

    template_name = "mayors/draft_programme.html"
    context_object_name = "session"

    def get_object(self, queryset=None):
        session = get_object_or_404(
            ConferenceSession.objects.select_related("programme__contract"),
            pk=self.kwargs["pk"],
        )
        if session.programme is None:
            raise Http404
        return session

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        entries = self.object.programme_entries()
        context.update(
            entries=entries,
            total=sum(entry.region_amount for entry in entries),
            is_open=self.object.is_opinion_open(),
            speaking_for=[
                m for m in context["memberships"] if m.commune_id and m.may_submit
            ],
        )
        return context
