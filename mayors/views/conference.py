"""The Conférence des Maires: a commune's opinion on the draft PO."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.generic import FormView

from .. import rules as intranet_rules
from ..forms import (
    OpinionForm,
)
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
