"""The admin views that export spreadsheets, through ``cms.exports`` (apart from it:
these load after the models, while public CSV views need the helper at import time)."""

from wagtail.admin.views import generic
from wagtail.contrib.forms.views import SubmissionsListView

from ..exports import SafeSpreadsheetExportMixin


class SafeIndexView(SafeSpreadsheetExportMixin, generic.IndexView):
    """The index view of every admin listing that has ``list_export``."""


class SafeSubmissionsListView(SafeSpreadsheetExportMixin, SubmissionsListView):
    """The contact form's submissions: what the public typed, exported safely."""
