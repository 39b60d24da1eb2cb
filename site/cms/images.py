"""Image renditions of the public templates, generated ahead of any public request.

Resizing an image takes hundreds of milliseconds: it happens when a page is published
(and when the demo content is loaded), never while a visitor waits. Templates only read
renditions that already exist (``{% existing_rendition %}``) and show nothing otherwise.
"""

import logging

from django.db.models import Prefetch
from django.dispatch import receiver
from wagtail.images import get_image_model
from wagtail.images.models import Filter
from wagtail.signals import page_published

logger = logging.getLogger(__name__)

CARD = "fill-640x360"
ARTICLE = "width-960"
BODY = "width-800"
SOCIAL = "fill-1200x630"


def images_in_stream(stream_value):
    """The images of a StreamField's image blocks."""
    for block in stream_value:
        if block.block_type == "image" and block.value.get("image") is not None:
            yield block.value["image"]


def prefetch_image_renditions(lookup, *specs):
    """A Prefetch that loads the given renditions of a page list's images in one query."""
    rendition_model = get_image_model().get_rendition_model()
    return Prefetch(
        f"{lookup}__renditions",
        queryset=rendition_model.objects.filter(filter_spec__in=specs),
        to_attr="prefetched_renditions",
    )


def existing_rendition(image, spec):
    """The rendition of ``image`` for ``spec`` if it has been generated, else None."""
    if image is None:
        return None
    image_filter = Filter(spec)
    return image.find_existing_renditions(image_filter).get(image_filter)


def pregenerate(page):
    """Generate every rendition the page's templates show."""
    specific = page.specific
    requirements = getattr(specific, "rendition_requirements", None)
    if requirements is None:
        return
    for image, specs in requirements():
        try:
            image.get_renditions(*specs)
        except (OSError, ValueError):
            logger.exception("Rendition failed for image %s", image.pk)


@receiver(page_published)
def pregenerate_on_publish(sender, instance, **kwargs):
    pregenerate(instance)
