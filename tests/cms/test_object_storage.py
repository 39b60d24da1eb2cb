"""Media and private files in object storage, through the real S3 protocol: moto's
standalone server on a free loopback port stands for OVHcloud, Scaleway or Outscale."""

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import storages
from wagtail.documents.models import Document

from cms.storage import object_storages
from deploy.services import S3Server

from .factories import ImageFactory

pytestmark = pytest.mark.django_db
MEDIA_URL = "https://www.grandquercy.test/media/"


@pytest.fixture(scope="module")
def s3():
    server = S3Server().start(buckets=["gq-media", "gq-private"])
    yield server
    server.stop()


@pytest.fixture
def buckets(s3, settings):
    settings.STORAGES = {
        **settings.STORAGES,
        **object_storages(s3.environ("gq-media", "gq-private", MEDIA_URL)),
    }
    settings.MEDIA_URL = MEDIA_URL
    return s3.client()


def acl_is_public(client, bucket, key):
    grants = client.get_object_acl(Bucket=bucket, Key=key)["Grants"]
    return any(
        grant["Grantee"].get("URI", "").endswith("/global/AllUsers") for grant in grants
    )


def test_renditions_are_public_at_the_media_url_originals_stay_private(buckets):
    image = ImageFactory()
    rendition = image.get_rendition("fill-200x100")
    assert rendition.url.startswith(MEDIA_URL + "images/")
    assert acl_is_public(buckets, "gq-media", rendition.file.name)
    assert image.file.name.startswith("original_images/")
    assert not acl_is_public(buckets, "gq-media", image.file.name)
    stored = buckets.get_object(Bucket="gq-media", Key=rendition.file.name)
    assert stored["Body"].read()[:4] in {b"\x89PNG", b"\xff\xd8\xff\xe0", b"GIF8"}


def test_documents_stay_private_and_are_served_by_wagtail(buckets, client):
    document = Document.objects.create(
        title="Compte rendu", file=ContentFile(b"%PDF-1.4 compte rendu", "cr.pdf")
    )
    assert document.file.name.startswith("documents/")
    assert not acl_is_public(buckets, "gq-media", document.file.name)
    response = client.get(document.url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"%PDF-1.4 compte rendu"


def test_private_bucket_files_are_private_and_their_urls_signed(buckets):
    private = storages["private"]
    name = private.save("mayors/1/piece.pdf", ContentFile(b"%PDF-1.4 piece"))
    with private.open(name, "rb") as handle:
        assert handle.read() == b"%PDF-1.4 piece"
    assert not acl_is_public(buckets, "gq-private", name)
    assert "Signature=" in private.url(name)
