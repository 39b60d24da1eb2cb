"""clamd's PING for /healthz (ops.health), when the intranet scans through clamd."""

import socket

from django.conf import settings

TIMEOUT = 2


def ping_clamd():
    config = settings.MAYORS_VIRUS_SCANNER
    if config.get("ADDRESS"):
        host, _, port = config["ADDRESS"].rpartition(":")
        connection = socket.create_connection((host.strip("[]"), int(port)), TIMEOUT)
    else:
        connection = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        connection.settimeout(TIMEOUT)
        connection.connect(config["SOCKET"])
    with connection:
        connection.sendall(b"zPING\0")
        answer = connection.recv(64)
    if answer.rstrip(b"\0\n") != b"PONG":
        raise OSError(f"clamd answered {answer!r}")


def health_checks():
    config = settings.MAYORS_VIRUS_SCANNER or {}
    if config.get("BACKEND") != "clamd":
        return {}
    return {"clamd": ping_clamd}
