"""clamd's PING for /healthz (ops.health), when the intranet scans through clamd."""

from django.conf import settings

from .scanning import _clamd_connect

TIMEOUT = 2


def ping_clamd():
    with _clamd_connect(settings.MAYORS_VIRUS_SCANNER, TIMEOUT) as connection:
        connection.sendall(b"zPING\0")
        answer = connection.recv(64)
    if answer.rstrip(b"\0\n") != b"PONG":
        raise OSError(f"clamd answered {answer!r}")


def health_checks():
    config = settings.MAYORS_VIRUS_SCANNER or {}
    if config.get("BACKEND") != "clamd":
        return {}
    return {"clamd": ping_clamd}
