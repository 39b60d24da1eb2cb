"""Two clients behind nginx, two addresses: each one's limits are its own."""

from .conftest import MAYOR_GOURDON


def test_failed_logins_lock_out_one_address_and_not_the_other(visitor):
    attacker = visitor("127.0.0.12")
    for attempt in range(10):
        response = attacker.submit(
            "/compte/login/",
            {"login": f"inconnu{attempt}@exemple.fr", "password": "mauvais-mot"},
        )
        assert response.status_code == 200
    refused = attacker.submit(
        "/compte/login/", {"login": MAYOR_GOURDON, "password": "grandquercy-demo"}
    )
    assert refused.status_code in (200, 429)
    assert "sessionid" not in attacker.cookies

    neighbour = visitor("127.0.0.13")
    neighbour.login(MAYOR_GOURDON)
    assert "sessionid" in neighbour.cookies
