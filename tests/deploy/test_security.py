"""What an auditor checks first: Django's deployment checks with the stack's variables,
and the security headers on every kind of response nginx gives."""

import re

SECURITY_HEADERS = {
    "Strict-Transport-Security": "max-age=31536000; includeSubDomains; preload",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
}


def test_check_deploy_is_clean_with_the_stacks_variables(stack):
    result = stack.manage("check", "--deploy", "--fail-level", "WARNING", check=False)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_every_response_carries_the_security_headers(visitor):
    client = visitor("127.0.0.7")
    home = client.get("/")
    rendition = re.search(
        r'src="(https://127\.0\.0\.1:8080/media/images/[^"]+)"', home.text
    )
    assert rendition, "la page d’accueil montre une image de la démo"
    responses = {
        "/": home,
        "rendition": client.get(rendition.group(1)),
        "/media/": client.get("/media/"),
        "/compte/login/": client.get("/compte/login/"),
        "/admin/": client.get("/admin/"),
        "/static/css/site.css": client.get("/static/css/site.css"),
        "/page-inexistante/": client.get("/page-inexistante/"),
    }
    expected = {
        "rendition": 200,
        "/media/": 404,
        "/admin/": 302,
        "/page-inexistante/": 404,
    }
    for name, response in responses.items():
        assert response.status_code == expected.get(name, 200), name
        for header, value in SECURITY_HEADERS.items():
            assert response.headers.get(header) == value, (name, header)
        if "text/html" in response.headers["Content-Type"]:
            assert response.headers.get("X-Frame-Options") in {"DENY", "SAMEORIGIN"}, (
                name
            )


def test_each_request_gets_nginx_s_id_and_a_client_cannot_choose_it(visitor):
    client = visitor("127.0.0.16")
    first = client.get("/", headers={"X-Request-ID": "choisi-par-le-client"})
    second = client.get("/")
    ids = [response.headers["X-Request-ID"] for response in (first, second)]
    assert all(re.fullmatch(r"[0-9a-f]{32}", value) for value in ids), ids
    assert ids[0] != ids[1]
