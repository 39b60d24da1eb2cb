"""What residents can do today, for the home page's « En ce moment », and the way in
to the consultations among its « Accès rapides » (cms.home)."""

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cms.home import HomeIndexPage
from cms.restrictions import public

from .models import ConsultationIndexPage, ConsultationPage


def open_consultations(request):
    now = timezone.now()
    consultations = (
        public(ConsultationPage.objects.live(), request)
        .filter(opens_at__lte=now, closes_at__gt=now)
        .only("pk", "title", "url_path", "closes_at")
        .order_by("closes_at", "pk")[:4]
    )
    return {
        "key": "consultations",
        "title": _("Consultations ouvertes"),
        "items": [
            {
                "title": consultation.title,
                "url": consultation.get_url(request),
                "meta": _("Donnez votre avis jusqu’au %(date)s")
                % {
                    "date": date_format(
                        timezone.localtime(consultation.closes_at), "j F"
                    )
                },
            }
            for consultation in consultations
        ],
        "empty": _("Aucune consultation n’est ouverte en ce moment."),
        "more": "consultations_index",
        "more_label": _("Toutes les consultations"),
    }


def consultations_index():
    return HomeIndexPage(
        key="consultations_index",
        page_type=ConsultationIndexPage,
        default_text=gettext_lazy(
            "Donnez votre avis sur les projets du territoire avec le Conseil "
            "Participatif Citoyen."
        ),
    )
