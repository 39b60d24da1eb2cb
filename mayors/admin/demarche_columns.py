"""The staff listing of one démarche's dossiers: one column per field of its form, in
the page and in the XLSX/CSV export (French headings: the fields' labels), and a filter
per answer that has a few values to pick from (``?reponse__<key>=…``, which the export
follows: it reads the listing's filtered queryset); the answers on a dossier's admin
page."""

from functools import cached_property, partial

from django.db.models import Prefetch
from django.db.models.fields.json import KeyTextTransform, KeyTransform
from django.utils.translation import gettext_lazy as _
from django_filters import ChoiceFilter, ModelChoiceFilter
from wagtail.admin.ui.tables import Column

from cms.widgets import FastSelect
from contrats.models import Commune, Mesure

from ..demarches import answers
from ..models import Attachment, CallForPriorities, FieldKind

PREFIX = "reponse__"
YES, NO = "oui", "non"


def answer_filters(call, fields):
    """Filters on the answers of a choice, yes/no, communes or measure field, named
    ``reponse__<key>`` and labelled as the field."""
    filters = {}
    for field in fields:
        common = {
            "label": field.label,
            "method": partial(filter_answer, field),
            "widget": FastSelect,
        }
        if field.kind == FieldKind.CHOICE:
            choices = [(option, option) for option in field.choice_list]
            filters[PREFIX + field.key] = ChoiceFilter(choices=choices, **common)
        elif field.kind == FieldKind.YES_NO:
            choices = [(YES, _("Oui")), (NO, _("Non"))]
            filters[PREFIX + field.key] = ChoiceFilter(choices=choices, **common)
        elif field.kind == FieldKind.COMMUNES:
            communes = Commune.objects.in_petr().only("name").order_by("name")
            filters[PREFIX + field.key] = ModelChoiceFilter(queryset=communes, **common)
        elif field.kind == FieldKind.MEASURE:
            measures = Mesure.objects.select_related("axe__orientation").filter(
                axe__orientation__contract_id=call.contract_id
            )
            filters[PREFIX + field.key] = ModelChoiceFilter(queryset=measures, **common)
    return filters


def filter_answer(field, queryset, name, value):
    """The dossiers whose answer is the value picked; for communes, one of them."""
    if value in (None, ""):
        return queryset
    alias = "answer_" + field.key.replace("-", "_")
    if field.kind == FieldKind.COMMUNES:
        # A list of primary keys: matched in its JSON text, number by number, the
        # same way on PostgreSQL and SQLite (which has no JSON containment).
        return queryset.alias(**{alias: KeyTextTransform(field.key, "answers")}).filter(
            **{f"{alias}__regex": rf"(^|[^0-9]){int(value.pk)}([^0-9]|$)"}
        )
    if field.kind == FieldKind.YES_NO:
        wanted = value == YES
    elif field.kind == FieldKind.MEASURE:
        wanted = value.pk
    else:
        wanted = value
    return queryset.alias(**{alias: KeyTransform(field.key, "answers")}).filter(
        **{alias: wanted}
    )


class DemarcheColumnsMixin:
    """For a SubmissionIndexView: with ``?call=<démarche>`` chosen, its fields."""

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        fields = self.demarche_fields
        if fields:
            self.list_export = [*self.list_export, *(PREFIX + f.key for f in fields)]
            self.export_headings = {
                **self.export_headings,
                **{PREFIX + f.key: f.label for f in fields},
            }

    @cached_property
    def demarche(self):
        pk = self.request.GET.get("call", "")
        if not pk.isdigit():
            return None
        return CallForPriorities.objects.filter(
            pk=pk, kind=CallForPriorities.Kind.FORM
        ).first()

    @cached_property
    def demarche_fields(self):
        return list(self.demarche.form_fields.all()) if self.demarche else []

    def get_filterset_kwargs(self):
        return {
            **super().get_filterset_kwargs(),
            "answer_filters": answer_filters(self.demarche, self.demarche_fields),
        }

    @cached_property
    def lookups(self):
        return answers.Lookups.for_listing(self.demarche, self.demarche_fields)

    def get_base_queryset(self):
        queryset = super().get_base_queryset()
        kinds = {field.kind for field in self.demarche_fields}
        if FieldKind.FINANCING in kinds:
            queryset = queryset.prefetch_related("financing_lines")
        if FieldKind.FILE in kinds:
            queryset = queryset.prefetch_related(
                Prefetch(
                    "attachments",
                    queryset=Attachment.objects.filter(message__isnull=True),
                    to_attr="pieces",
                )
            )
        return queryset

    def answer(self, field, submission, for_export=False):
        if field.in_answers:
            raw = (submission.answers or {}).get(field.key)
            return answers.value(field, raw, self.lookups, for_export)
        return answers.outside_value(
            field,
            list(submission.financing_lines.all())
            if field.kind == FieldKind.FINANCING
            else (),
            getattr(submission, "pieces", ()),
            for_export,
        )

    @cached_property
    def columns(self):
        return [
            *super().columns,
            *(
                Column(
                    PREFIX + field.key,
                    label=field.label,
                    accessor=lambda s, field=field: self.answer(field, s),
                )
                for field in self.demarche_fields
            ),
        ]

    def to_row_dict(self, item):
        typed = {PREFIX + f.key: f for f in self.demarche_fields}
        if not typed:
            return super().to_row_dict(item)
        everything = self.list_export
        self.list_export = [name for name in everything if name not in typed]
        try:
            row = super().to_row_dict(item)
        finally:
            self.list_export = everything
        for name, field in typed.items():
            row[name] = self.answer(field, item, for_export=True)
        return row


class InspectAnswersMixin:
    """A dossier's page in the admin: its answers, in the definition's order."""

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        submission = self.object
        fields = answers.typed_fields(submission.call)
        kinds = {field.kind for field in fields}
        context["answers"] = answers.answer_rows(
            submission,
            fields,
            list(submission.financing_lines.all())
            if FieldKind.FINANCING in kinds
            else (),
            list(submission.attachments.filter(message__isnull=True))
            if FieldKind.FILE in kinds
            else (),
        )
        return context
