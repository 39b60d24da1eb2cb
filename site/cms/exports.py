"""One safe path for every spreadsheet a person may open: admin exports (the mixin, in
every listing through ``cms.admin.viewsets.ModelViewSet``) and public CSV (``write_csv``).

A cell whose text starts with ``= + - @`` (after any spaces, tabs or line breaks, which
spreadsheets skip) would run as a formula; it is kept as text with a leading apostrophe.
Numbers stay numbers, including negative ones written as text.
"""

import csv
import re

from wagtail.admin.views.mixins import SpreadsheetExportMixin

FORMULA_START = ("=", "+", "-", "@")
LEADING_BLANKS = " \t\r\n\u00a0\u3000"
NUMBER = re.compile(r"[+-]?\d+(?:[.,]\d+)?(?:[eE][+-]?\d+)?")


def spreadsheet_safe(value):
    """``value`` as a spreadsheet shows it, never as a formula it would run."""
    if not isinstance(value, str) or not value:
        return value
    if NUMBER.fullmatch(value):
        return value
    if value[0] in "\t\r\n" or value.lstrip(LEADING_BLANKS)[:1] in FORMULA_START:
        return "'" + value
    return value


def write_csv(output, header, rows):
    """A header and rows into ``output`` (a response or a file), each cell through
    ``spreadsheet_safe``; None is an empty cell."""
    writer = csv.writer(output)
    writer.writerow(header)
    for row in rows:
        writer.writerow(
            ["" if value is None else spreadsheet_safe(value) for value in row]
        )


class SafeSpreadsheetExportMixin(SpreadsheetExportMixin):
    """Wagtail's CSV export through ``spreadsheet_safe`` (its XLSX writer already stores
    formula-looking text as text)."""

    def preprocess_field_value(self, field, value, export_format):
        value = super().preprocess_field_value(field, value, export_format)
        if export_format == self.FORMAT_CSV:
            return spreadsheet_safe(value)
        return value
