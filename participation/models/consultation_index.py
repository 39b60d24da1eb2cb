"""The consultations' index page: the list of consultations, open ones first."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.models import Page
from wagtail.search import index

from cms.models import BasePage

from ..pages.index import index_context
from .consultations import ConsultationPage


class ConsultationIndexPage(BasePage):
    """The list of consultations, open ones first."""

    introduction = models.TextField(_("introduction"), blank=True)
    home_text = models.CharField(
        _("texte de l’accès rapide sur la page d’accueil"),
        max_length=300,
        blank=True,
        help_text=_("Laisser vide pour le texte par défaut."),
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("introduction"),
        FieldPanel("home_text"),
    ]
    search_fields = [*Page.search_fields, index.SearchField("introduction")]

    parent_page_types = ["cms.HomePage", "cms.StandardPage"]
    subpage_types = ["participation.ConsultationPage", "participation.CouncilPage"]
    max_count = 1

    class Meta:
        verbose_name = _("index des consultations")

    def consultations(self):
        return (
            ConsultationPage.objects.child_of(self)
            .live()
            .select_related("image")
            .order_by("-opens_at")
        )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(index_context(self))
        return context
