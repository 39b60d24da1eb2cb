"""One app node killed: nginx serves through the other; a form posted meanwhile is done.
Both down: a French answer, never a half-written form."""

import time

from .conftest import MAYOR_GOURDON


def served_again(client, timeout=30):
    """nginx rests a failed node for fail_timeout (10 s) before trying it again."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if client.get("/").status_code == 200:
            return True
        time.sleep(0.5)
    return False


def test_one_node_killed_the_other_serves_pages_and_forms(stack, visitor):
    resident = visitor("127.0.0.8")
    stack.kill("web.1")
    try:
        for _ in range(10):
            assert resident.get("/").status_code == 200
        # A form posted while web.1 is down: nginx passes it to web.2, once.
        resident.login(MAYOR_GOURDON)
        assert resident.get("/espace-elus/").status_code == 200
    finally:
        stack.restart("web.1")
    assert resident.on_node(0, "GET", "/espace-elus/").status_code == 200


def test_both_nodes_down_the_visitor_is_told_in_french(stack, visitor):
    resident = visitor("127.0.0.9")
    token, _page = resident.csrf_token("/compte/login/")
    stack.kill("web.1")
    stack.kill("web.2")
    try:
        page = resident.get("/")
        posted = resident.post(
            "/compte/login/",
            data={
                "csrfmiddlewaretoken": token,
                "login": MAYOR_GOURDON,
                "password": "grandquercy-demo",
            },
            headers={"Referer": stack.base_url + "/compte/login/"},
        )
    finally:
        stack.restart("web.1")
        stack.restart("web.2")
    for response in (page, posted):
        assert response.status_code == 502
        assert "Service momentanément indisponible" in response.text
        assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert "sessionid" not in resident.cookies
    assert served_again(resident)
