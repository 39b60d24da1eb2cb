from django.dispatch import receiver
from wagtail.signals import page_published

from .models import ConsultationPage


@receiver(page_published, sender=ConsultationPage)
def announce_open_consultation(sender, instance, **kwargs):
    """Publishing an open consultation tells the residents who opted in (once)."""
    instance.announce_opening()
