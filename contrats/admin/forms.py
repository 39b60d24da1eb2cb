"""Admin forms: the rules of the models, checked across a project and its inline lines."""

from django import forms
from wagtail.admin.forms import WagtailAdminModelForm

from ..models import Mesure
from ..models.programmes import FROZEN_MESSAGE


def measure_label(obj):
    return f"{obj.axe.orientation.contract.short_name} {obj.code}. {obj.title}"


def kept_forms(formset):
    """Child forms that will be saved: filled in and not marked for deletion."""
    for form in formset.forms:
        if formset.can_delete and formset._should_delete_form(form):
            continue
        if not form.instance.pk and not form.has_changed():
            continue
        yield form


class ProjectAdminForm(WagtailAdminModelForm):
    """Checks the financing total against the cost with the lines as typed, not as stored."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "measures" in self.fields:
            field = self.fields["measures"]
            field.widget = forms.CheckboxSelectMultiple()
            field.label_from_instance = measure_label
            field.queryset = Mesure.objects.with_codes().order_by(
                "axe__orientation__contract__path",
                "axe__orientation__number",
                "axe__number",
                "number",
            )
        formset = self.formsets.get("financing_lines")
        if formset is not None:
            for form in formset.forms:
                form.instance.project = self.instance
                form.instance.total_checked_by_project_form = True

    def is_valid(self):
        valid = super().is_valid()
        formset = self.formsets.get("financing_lines")
        if not valid or formset is None:
            return valid
        lines = [form.instance for form in kept_forms(formset)]
        messages = self.instance.financing_errors(lines)
        for message in messages:
            self.add_error("total_cost", message)
        return not messages


class POVersionAdminForm(WagtailAdminModelForm):
    """An adopted version is read-only: any submitted change is refused."""

    def clean(self):
        cleaned_data = super().clean()
        if self.instance.is_frozen:
            raise forms.ValidationError(FROZEN_MESSAGE)
        return cleaned_data
