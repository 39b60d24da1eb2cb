"""The views behind the "Contrats" admin screens: listings that name their contract,
guarded deletion, a project's progress panel and notes."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import Panel
from wagtail.admin.views import generic
from wagtail.admin.widgets.button import Button

from cms.admin.exports import SafeIndexView
from cms.history import history

from ..models import Project


class GuardedDeleteView(generic.DeleteView):
    """Deletion refused with the model's own French message (adopted PO, frozen version)."""

    def form_valid(self, form):
        try:
            return super().form_valid(form)
        except ValidationError as error:
            messages.error(self.request, " ".join(error.messages))
            return redirect(self.edit_url_name, self.object.pk)


class WithContractIndexView(SafeIndexView):
    """Listings whose rows name their contract: one query, not one per row."""

    contract_path = "contract"

    def get_base_queryset(self):
        return super().get_base_queryset().select_related(self.contract_path)


class POVersionIndexView(WithContractIndexView):
    contract_path = "po__contract"


def add_note_url(project):
    return f"{reverse('contrats_progress:add')}?project={project.pk}"


class ProjectProgressPanel(Panel):
    """Read-only on the project's edit screen: its status history and its notes."""

    class BoundPanel(Panel.BoundPanel):
        template_name = "contrats/admin/project_progress_panel.html"

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            project = self.instance
            if project.pk:
                context.update(
                    changes=history(project.status_changes),
                    notes=project.progress_notes.select_related("author"),
                )
                if self.request.user.has_perm("contrats.add_progressnote"):
                    context["add_note_url"] = add_note_url(project)
            return context


class ProjectCreateView(generic.CreateView):
    def save_instance(self):
        self.form.instance.status_changed_by = self.request.user
        return super().save_instance()


class ProjectEditView(generic.EditView):
    def save_instance(self):
        self.form.instance.status_changed_by = self.request.user
        return super().save_instance()

    @cached_property
    def header_more_buttons(self):
        buttons = super().header_more_buttons
        if self.request.user.has_perm("contrats.add_progressnote"):
            buttons.append(
                Button(
                    _("Publier une note d’avancement"),
                    url=add_note_url(self.object),
                    icon_name="doc-full",
                    priority=5,
                )
            )
        return buttons


class ProgressNoteIndexView(SafeIndexView):
    def get_base_queryset(self):
        return super().get_base_queryset().select_related("project", "author")


class ProgressNoteCreateView(generic.CreateView):
    """Reached from a project's edit screen with ``?project=<id>``: the project is chosen."""

    def get_initial(self):
        initial = super().get_initial()
        project = self.request.GET.get("project", "")
        if project.isdigit() and Project.objects.filter(pk=project).exists():
            initial["project"] = int(project)
        return initial

    def save_instance(self):
        self.form.instance.author = self.request.user
        return super().save_instance()
