"""Admin forms of participation: an official answer, the project a proposal became."""

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy
from wagtail.admin.forms import WagtailAdminModelForm

from contrats.admin.choosers import project_chooser_viewset
from contrats.models import Project

from ..models import Proposal, Status


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
