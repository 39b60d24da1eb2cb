"""A dossier's answers as people read them: the dossier page, the ARE, the listing and
its export. Names of communes and measures come from one query each, whatever the
number of dossiers."""

import datetime
from decimal import Decimal

from django.utils.formats import date_format, number_format
from django.utils.translation import gettext as _

from contrats.models import Commune, Mesure
from contrats.templatetags.contrats_tags import euros

from ..models import FieldKind


class Lookups:
    """The names behind the primary keys some answers hold."""

    def __init__(self, communes=None, measures=None):
        self.communes = communes or {}
        self.measures = measures or {}

    @classmethod
    def load(cls, fields, answer_dicts):
        wanted = {FieldKind.COMMUNES: set(), FieldKind.MEASURE: set()}
        for field in fields:
            if field.kind not in wanted:
                continue
            for answers in answer_dicts:
                raw = (answers or {}).get(field.key)
                if raw in (None, "", []):
                    continue
                values = raw if isinstance(raw, list) else [raw]
                wanted[field.kind].update(v for v in values if isinstance(v, int))
        communes, measures = {}, {}
        if wanted[FieldKind.COMMUNES]:
            communes = dict(
                Commune.objects.filter(pk__in=wanted[FieldKind.COMMUNES]).values_list(
                    "pk", "name"
                )
            )
        if wanted[FieldKind.MEASURE]:
            measures = {
                m.pk: f"{m.code}. {m.title}"
                for m in Mesure.objects.select_related("axe__orientation").filter(
                    pk__in=wanted[FieldKind.MEASURE]
                )
            }
        return cls(communes, measures)

    @classmethod
    def for_listing(cls, call, fields):
        """Every name a listing of the démarche may need: one query per kind, however
        many dossiers."""
        kinds = {field.kind for field in fields}
        communes, measures = {}, {}
        if FieldKind.COMMUNES in kinds:
            communes = dict(Commune.objects.values_list("pk", "name"))
        if FieldKind.MEASURE in kinds:
            measures = {
                m.pk: f"{m.code}. {m.title}"
                for m in Mesure.objects.select_related("axe__orientation").filter(
                    axe__orientation__contract_id=call.contract_id
                )
            }
        return cls(communes, measures)


def value(field, raw, lookups, for_export=False):
    """One answer: text to read, or for a spreadsheet numbers and dates as such."""
    if raw in (None, "", []):
        return "" if for_export else "—"
    kind = field.kind
    try:
        if kind in (FieldKind.NUMBER, FieldKind.AMOUNT):
            number = Decimal(raw)
            if for_export:
                return number
            if kind == FieldKind.AMOUNT:
                return euros(number)
            return number_format(number.normalize(), force_grouping=True)
        if kind == FieldKind.DATE:
            day = datetime.date.fromisoformat(raw)
            return day if for_export else date_format(day, "j F Y")
    except (ArithmeticError, ValueError, TypeError):
        return str(raw)
    if kind == FieldKind.YES_NO:
        return _("Oui") if raw else _("Non")
    if kind == FieldKind.COMMUNES:
        return ", ".join(lookups.communes.get(pk, "?") for pk in raw)
    if kind == FieldKind.MEASURE:
        return lookups.measures.get(raw, "?")
    if kind == FieldKind.POINT:
        return f"{raw[0]}, {raw[1]}"
    return str(raw)


def outside_value(field, financing_lines, attachments, for_export=False):
    """The answer of a financing plan (its total) or a file (the pieces' names)."""
    if field.kind == FieldKind.FINANCING:
        if not financing_lines:
            return "" if for_export else "—"
        total = sum((line.amount or 0 for line in financing_lines), Decimal(0))
        return total if for_export else euros(total)
    names = [a.original_name for a in attachments if a.kind == field.label]
    return ", ".join(names) if names else ("" if for_export else "—")


def rows(fields, submission, lookups, financing_lines=(), attachments=()):
    """(label, text) for every field of the démarche, in the definition's order."""
    answers = submission.answers or {}
    result = []
    for field in fields:
        if field.in_answers:
            text = value(field, answers.get(field.key), lookups)
        else:
            text = outside_value(field, financing_lines, attachments)
        result.append((field.label, text))
    return result


def typed_fields(call):
    """The démarche's fields in order (none for the priority démarche's fixed form)."""
    return list(call.form_fields.all()) if call.has_typed_form else []


def shows_financing(call, form_fields):
    return not call.has_typed_form or any(
        field.kind == FieldKind.FINANCING for field in form_fields
    )


def answer_rows(submission, form_fields, financing_lines=(), attachments=()):
    lookups = Lookups.load(form_fields, [submission.answers])
    return rows(form_fields, submission, lookups, financing_lines, attachments)
