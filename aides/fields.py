"""A few choices kept in one column, searchable on SQLite and PostgreSQL alike."""

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

SEPARATOR = ","


class ChoiceListField(models.CharField):
    """Several codes of ``item_choices`` stored as ``",a,b,"``.

    ``queryset.filter(field__contains=ChoiceListField.token("a"))`` finds the rows that
    hold ``a`` on every database (an ArrayField would tie ``make run`` to PostgreSQL);
    the catalogue it serves is small, so no index is needed.
    """

    def __init__(self, *args, item_choices=(), **kwargs):
        self.item_choices = list(item_choices)
        kwargs.setdefault("max_length", 255)
        kwargs.setdefault("blank", True)
        kwargs.setdefault("default", list)
        super().__init__(*args, **kwargs)

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        kwargs["item_choices"] = self.item_choices
        return name, path, args, kwargs

    @staticmethod
    def token(code):
        return f"{SEPARATOR}{code}{SEPARATOR}"

    def to_python(self, value):
        if value is None or isinstance(value, list):
            return value or []
        return [code for code in str(value).split(SEPARATOR) if code]

    def from_db_value(self, value, expression, connection):
        return self.to_python(value)

    def get_prep_value(self, value):
        codes = self.to_python(value)
        return SEPARATOR + SEPARATOR.join(codes) + SEPARATOR if codes else ""

    def value_to_string(self, obj):
        return self.get_prep_value(self.value_from_object(obj))

    def validate(self, value, model_instance):
        known = {code for code, _label in self.item_choices}
        unknown = [code for code in value if code not in known]
        if unknown:
            raise ValidationError(
                _("Valeur inconnue : %(value)s.") % {"value": ", ".join(unknown)}
            )
        if not value and not self.blank:
            raise ValidationError(self.error_messages["blank"], code="blank")

    def run_validators(self, value):
        """The length limit is on the stored text, not on the list."""
        super().run_validators(self.get_prep_value(value))

    def formfield(self, **kwargs):
        return forms.MultipleChoiceField(
            choices=self.item_choices,
            required=not self.blank,
            label=self.verbose_name,
            help_text=self.help_text,
            widget=forms.CheckboxSelectMultiple,
        )

    def labels(self, value):
        names = dict(self.item_choices)
        return [str(names.get(code, code)) for code in value]
