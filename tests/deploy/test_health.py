"""/healthz through nginx sees every service of the stack, and says so when one stops."""


def test_healthz_sees_every_service_and_clamd_stopping(stack, visitor):
    probe = visitor("127.0.0.17")
    healthy = probe.get("/healthz")
    assert healthy.status_code == 200
    report = healthy.json()
    for service in (
        "database",
        "redis",
        "storage_default",
        "storage_private",
        "clamd",
    ):
        assert report[service] == "ok", service
    stack.clamd.stop()
    try:
        down = probe.get("/healthz")
    finally:
        stack.clamd.start()
    assert down.status_code == 503
    assert down.json()["clamd"] == "indisponible"
    assert down.json()["database"] == "ok"
    assert probe.get("/healthz").status_code == 200
