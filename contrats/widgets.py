"""wagtailgeowidget's Leaflet field served from our own static files instead of unpkg.com."""

from django import forms

LEAFLET_MEDIA = forms.Media(
    css={
        "all": (
            "vendor/leaflet/leaflet.css",
            "wagtailgeowidget/css/leaflet-field.css",
        )
    },
    js=(
        "vendor/leaflet/leaflet.js",
        "wagtailgeowidget/js/leaflet-field.js",
        "contrats/js/leaflet-field-click.js",
        "wagtailgeowidget/js/leaflet-field-controller.js",
    ),
)


def local_leaflet_media(widget):
    return LEAFLET_MEDIA


def use_local_leaflet():
    """Point every LeafletField (panels and map blocks alike) at the vendored Leaflet.

    wagtailgeowidget 9.1 hard-codes unpkg.com in ``LeafletField.media`` and offers no
    setting; replacing that one property keeps the admin free of third-party hosts.
    """
    from wagtailgeowidget.widgets import LeafletField

    LeafletField.media = property(local_leaflet_media)
