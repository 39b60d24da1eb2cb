"""The « Aides et financements » admin menu: the catalogue of aid schemes."""

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel

from cms.admin.viewsets import ModelViewSet

from ..models import AidScheme


class AidSchemeViewSet(ModelViewSet):
    model = AidScheme
    icon = "tasks"
    menu_label = _("Aides et financements")
    menu_order = 260
    add_to_admin_menu = True
    url_prefix = "aides/dispositifs"
    search_backend_name = None
    search_fields = ["name", "programme", "funder_name", "description"]
    list_display = ["name", "funder", "max_rate", "closes_on", "is_published"]
    list_filter = ["funder", "is_published", "is_rolling"]
    list_export = [
        "name",
        "programme",
        "funder",
        "funder_name",
        "max_rate",
        "ceiling",
        "min_eligible_cost",
        "opens_on",
        "closes_on",
        "is_rolling",
        "procedure_url",
        "funder_url",
        "contact",
        "contact_email",
        "is_published",
    ]
    export_filename = "dispositifs-d-aide"
    panels = [
        FieldRowPanel([FieldPanel("name"), FieldPanel("programme")]),
        FieldRowPanel([FieldPanel("funder"), FieldPanel("funder_name")]),
        FieldPanel("description"),
        MultiFieldPanel(
            [
                FieldPanel("applicants"),
                FieldPanel("themes"),
                FieldPanel("measures", widget=forms.CheckboxSelectMultiple),
                FieldPanel("communes"),
            ],
            heading=_("Qui et quoi"),
        ),
        MultiFieldPanel(
            [
                FieldRowPanel(
                    [
                        FieldPanel("max_rate"),
                        FieldPanel("ceiling"),
                        FieldPanel("min_eligible_cost"),
                    ]
                ),
            ],
            heading=_("Montants"),
        ),
        MultiFieldPanel(
            [
                FieldRowPanel(
                    [
                        FieldPanel("opens_on"),
                        FieldPanel("closes_on"),
                        FieldPanel("is_rolling"),
                    ]
                )
            ],
            heading=_("Calendrier"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("procedure_url"),
                FieldPanel("funder_url"),
                FieldRowPanel([FieldPanel("contact"), FieldPanel("contact_email")]),
            ],
            heading=_("Déposer et se renseigner"),
        ),
        FieldPanel("is_published"),
    ]
