"""Media across nodes and object storage: what is public is served by nginx from the
bucket, what is private never has an address anyone could guess."""

import io
import re

from PIL import Image

from .conftest import ADMIN, MAYOR_GOURDON


def png_bytes():
    buffer = io.BytesIO()
    Image.new("RGB", (800, 450), (40, 110, 90)).save(buffer, "PNG")
    return buffer.getvalue()


def test_image_uploaded_on_node_a_renders_on_node_b_and_through_nginx(stack, visitor):
    editor = visitor("127.0.0.10")
    editor.login(ADMIN)
    response = editor.submit(
        "/admin/images/add/",
        {
            "title": "Vue du causse depuis le pont",
            "description": "Le causse",
            "collection": "1",
        },
        files={"file": ("causse-pont.png", png_bytes(), "image/png")},
        index=0,
    )
    assert response.status_code == 302, response.text[-2000:]
    ((image, original),) = stack.sql(
        "SELECT id, file FROM wagtailimages_image WHERE title = %s",
        "Vue du causse depuis le pont",
    )
    edit = editor.on_node(1, "GET", f"/admin/images/{image}/")
    assert edit.status_code == 200
    renditions = set(
        re.findall(
            r"https://127\.0\.0\.1:8080/media/images/causse-pont[^\"' ]+", edit.text
        )
    )
    assert renditions, "node B made a rendition from the original in the bucket"
    for url in renditions:
        served = editor.get(url)
        assert served.status_code == 200
        assert served.content.startswith(b"\x89PNG")
        assert served.headers["Content-Type"] == "image/png"
    # The original stays private: nginx has no address for it.
    assert editor.get(f"/media/{original}").status_code == 404


def test_media_never_lists_and_never_answers_a_query(stack, visitor):
    anyone = visitor("127.0.0.11")
    home = anyone.get("/")
    rendition = re.search(r"/media/images/[^\"' ]+", home.text).group(0)
    for path in (
        "/media/",
        "/media/images/",
        "/media/?list-type=2",
        "/media/images/?list-type=2",
        "/media/original_images/",
        "/media/documents/",
    ):
        response = anyone.get(path)
        assert response.status_code == 404, path
        assert "ListBucketResult" not in response.text
    for query in ("?acl", "?list-type=2", "?versions"):
        response = anyone.get(rendition + query)
        assert response.status_code == 200
        assert response.content.startswith(b"\x89PNG"), query
    assert anyone.put(rendition, data=b"x").status_code in (403, 404, 405)


def test_a_document_of_a_private_collection_is_never_reachable_by_guessing(
    stack, visitor
):
    created = stack.manage(
        "shell",
        "-c",
        "from django.core.files.base import ContentFile\n"
        "from wagtail.documents.models import Document\n"
        "from wagtail.models import Collection, CollectionViewRestriction\n"
        "root = Collection.get_first_root_node()\n"
        "private = root.add_child(name='Bureau du PETR (privé)')\n"
        "CollectionViewRestriction.objects.create(collection=private, restriction_type='login')\n"
        "document = Document.objects.create(title='Note confidentielle', collection=private,"
        " file=ContentFile(b'%PDF-1.4 note confidentielle', 'note-confidentielle.pdf'))\n"
        "print(document.url, document.file.name)\n",
    )
    url, name = created.stdout.split()[-2:]
    anonymous = visitor("127.0.0.14")
    refused = anonymous.get(url)
    assert refused.status_code == 302
    assert "/login/" in refused.headers["Location"]
    for guess in (f"/media/{name}", "/media/documents/", f"/media/images/../{name}"):
        response = anonymous.get(guess)
        assert response.status_code in (400, 404), guess
        assert b"note confidentielle" not in response.content
    member = visitor("127.0.0.15")
    member.login(MAYOR_GOURDON)
    served = member.get(url)
    assert served.status_code == 200
    assert served.content == b"%PDF-1.4 note confidentielle"
