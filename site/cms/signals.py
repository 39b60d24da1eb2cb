from django.db.models.signals import post_save
from django.dispatch import receiver
from wagtail.models import Site

from .models import SiteSettings


@receiver(post_save, sender=Site)
def create_site_settings(sender, instance, created, raw=False, **kwargs):
    """Every site gets its settings row at once, so no public GET ever has to create it."""
    if created and not raw:
        SiteSettings.objects.get_or_create(site=instance)
