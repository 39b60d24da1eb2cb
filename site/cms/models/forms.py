from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.forms.models import AbstractEmailForm, AbstractFormField
from wagtail.contrib.forms.panels import FormSubmissionsPanel
from wagtail.fields import RichTextField
from wagtail.search import index
from wagtail_honeypot.models import HoneypotFormMixin, HoneypotFormSubmissionMixin

from .base import BasePage


class ContactFormField(AbstractFormField):
    page = ParentalKey(
        "cms.ContactPage", related_name="form_fields", on_delete=models.CASCADE
    )


class ContactPage(HoneypotFormMixin, HoneypotFormSubmissionMixin, BasePage):
    """The contact form: stored submissions, an e-mail to staff, a honeypot against bots.

    Never page-cached: the form carries a CSRF token.
    """

    introduction = RichTextField(_("introduction"), blank=True)
    thank_you_text = RichTextField(
        _("message de confirmation"),
        blank=True,
        help_text=_("Affiché après l’envoi du formulaire."),
    )
    data_protection_notice = RichTextField(
        _("information sur les données personnelles"),
        blank=True,
        help_text=_(
            "Mention RGPD affichée sous le formulaire : finalité, durée de conservation, "
            "contact du délégué à la protection des données."
        ),
    )

    cache_anonymous = False

    content_panels = [
        *AbstractEmailForm.content_panels,
        FormSubmissionsPanel(),
        FieldPanel("introduction"),
        InlinePanel("form_fields", label=_("Champs du formulaire")),
        FieldPanel("data_protection_notice"),
        FieldPanel("thank_you_text"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("from_address"), FieldPanel("to_address")]),
                FieldPanel("subject"),
                FieldPanel("honeypot"),
            ],
            heading=_("Envoi par e-mail"),
        ),
    ]
    search_fields = [
        *AbstractEmailForm.search_fields,
        index.SearchField("introduction"),
    ]

    parent_page_types = ["cms.HomePage", "cms.StandardPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("page de contact")

    def get_form(self, *args, **kwargs):
        form = super().get_form(*args, **kwargs)
        form.required_css_class = "required"
        return form

    def get_submissions_list_view_class(self):
        # Imported here: the admin's views load after the models.
        from cms.admin.exports import SafeSubmissionsListView

        return SafeSubmissionsListView
