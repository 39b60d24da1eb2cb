"""Media and private files in S3-compatible object storage (OVHcloud, Scaleway, Outscale,
MinIO…), configured from the ``S3_*`` variables.

Only image renditions are public: they are what pages show, each written once with a
``public-read`` ACL and read at ``S3_MEDIA_URL`` (the site's /media/ proxied by nginx, a
CDN or the bucket's public address). Original images and Wagtail documents stay private,
so a document of a private collection is served only by Wagtail's permission-checked
view (``WAGTAILDOCS_SERVE_METHOD = "serve_view"``), never by guessing its address. The
private bucket (mayors' attachments) is never public: its files are streamed by the
permission-checked views.
"""

from urllib.parse import urlsplit

from storages.backends.s3 import S3Storage

PUBLIC_PREFIXES = ("images/",)


class MediaStorage(S3Storage):
    def get_object_parameters(self, name):
        parameters = super().get_object_parameters(name)
        parameters["ACL"] = (
            "public-read" if name.startswith(PUBLIC_PREFIXES) else "private"
        )
        return parameters


def object_storages(environ):
    """The ``default`` and ``private`` entries of ``STORAGES`` for the two buckets."""
    common = {
        "endpoint_url": environ.get("S3_ENDPOINT_URL") or None,
        "region_name": environ.get("S3_REGION") or None,
        "access_key": environ.get("S3_ACCESS_KEY_ID"),
        "secret_key": environ.get("S3_SECRET_ACCESS_KEY"),
        "addressing_style": environ.get("S3_ADDRESSING_STYLE", "path"),
        "file_overwrite": False,
    }
    media_url = urlsplit(environ["S3_MEDIA_URL"])
    return {
        "default": {
            "BACKEND": "cms.storage.MediaStorage",
            "OPTIONS": {
                **common,
                "bucket_name": environ["S3_MEDIA_BUCKET"],
                "custom_domain": media_url.netloc + media_url.path.rstrip("/"),
                "url_protocol": f"{media_url.scheme}:",
                "querystring_auth": False,
            },
        },
        "private": {
            "BACKEND": "storages.backends.s3.S3Storage",
            "OPTIONS": {
                **common,
                "bucket_name": environ["S3_PRIVATE_BUCKET"],
                "default_acl": "private",
            },
        },
    }
