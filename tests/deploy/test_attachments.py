"""A mayor's attachment through two nodes, the worker and clamd over TCP."""

import time

from deploy.services import EICAR
from tests.mayors.factories import pdf_bytes

from .conftest import MAYOR_CAHORS, MAYOR_GOURDON

KIND = "Délibération du conseil municipal"


def wait_for_verdicts(stack, submission, count, timeout=90):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        rows = stack.sql(
            "SELECT id, original_name, scan_status FROM mayors_attachment "
            "WHERE submission_id = %s ORDER BY id",
            submission,
        )
        if len(rows) >= count and all(status != "pending" for *_, status in rows):
            return rows
        time.sleep(0.5)
    raise AssertionError(f"pas de verdict après {timeout} s : {rows}")


def test_uploaded_on_node_a_scanned_by_the_worker_downloaded_on_node_b(stack, visitor):
    ((submission,),) = stack.sql(
        "SELECT id FROM mayors_submission WHERE title = %s",
        "Halle gourmande du marché couvert",
    )
    mayor = visitor("127.0.0.4")
    mayor.login(MAYOR_CAHORS)
    edit = f"/espace-elus/priorites/{submission}/modifier/"
    upload = f"/espace-elus/priorites/{submission}/pieces/"
    clean = pdf_bytes()
    for name, content in (
        ("facture.pdf", b"%PDF-1.4\n" + EICAR),
        ("deliberation.pdf", clean),
    ):
        response = mayor.submit(
            edit,
            {"kind": KIND},
            files={"file": (name, content, "application/pdf")},
            action=upload,
            index=0,
        )
        assert response.status_code == 302, response.text[-1000:]

    rows = wait_for_verdicts(stack, submission, 2)
    verdicts = {name: (pk, status) for pk, name, status in rows[-2:]}
    assert verdicts["facture.pdf"][1] == "infected"
    assert verdicts["deliberation.pdf"][1] == "clean"

    released = f"/espace-elus/pieces/{verdicts['deliberation.pdf'][0]}/"
    quarantined = f"/espace-elus/pieces/{verdicts['facture.pdf'][0]}/"
    download = mayor.on_node(1, "GET", released)
    assert download.status_code == 200
    assert download.content == clean
    assert "no-store" in download.headers["Cache-Control"]
    assert mayor.get(released).content == clean
    assert mayor.get(quarantined).status_code == 403

    other_commune = visitor("127.0.0.5")
    other_commune.login(MAYOR_GOURDON)
    assert other_commune.get(released).status_code == 404
    anonymous = visitor("127.0.0.6")
    ((stored,),) = stack.sql(
        "SELECT file FROM mayors_attachment WHERE id = %s",
        verdicts["deliberation.pdf"][0],
    )
    assert anonymous.get(f"/media/{stored}").status_code == 404
    refused = anonymous.get(released)
    assert refused.status_code == 302, (refused.headers, refused.content[:300])
    assert EICAR not in anonymous.get(quarantined).content
