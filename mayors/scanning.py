"""Virus scanning with ClamAV, through clamd (TCP or local socket) or the clamscan command.

Settings::

    MAYORS_VIRUS_SCANNER = {"BACKEND": "clamd", "ADDRESS": "127.0.0.1:3310"}
    MAYORS_VIRUS_SCANNER = {"BACKEND": "clamd", "SOCKET": "/run/clamav/clamd.ctl"}
    MAYORS_VIRUS_SCANNER = {"BACKEND": "clamscan", "COMMAND": ["clamscan", "-d", "/var/lib/clamav"]}

With no scanner (the development default) files are marked "non analysé".
"""

import socket
import struct
import subprocess
from dataclasses import dataclass

from django.conf import settings

CHUNK = 64 * 1024


class ScannerUnavailable(Exception):
    """The scanner could not give a verdict (not running, crashed, timed out)."""


@dataclass
class Verdict:
    infected: bool
    signature: str = ""


def configured():
    return bool(getattr(settings, "MAYORS_VIRUS_SCANNER", None))


def scan(fileobj):
    """Scan an open binary file; raise ScannerUnavailable when no verdict is possible."""
    config = settings.MAYORS_VIRUS_SCANNER
    backend = config.get("BACKEND")
    timeout = config.get("TIMEOUT", 120)
    if backend == "clamscan":
        return _clamscan(fileobj, config.get("COMMAND", ["clamscan"]), timeout)
    if backend == "clamd":
        return _clamd(fileobj, _clamd_connect(config, timeout))
    raise ScannerUnavailable(f"Unknown scanner backend {backend!r}")


def _clamscan(fileobj, command, timeout):
    """clamscan reads the file on its standard input: exit 0 clean, 1 found, 2 error."""
    try:
        result = subprocess.run(  # noqa: S603
            [*command, "--no-summary", "--stdout", "-"],
            input=fileobj.read(),
            capture_output=True,
            timeout=timeout,
            check=False,
        )
    except (OSError, subprocess.TimeoutExpired) as error:
        raise ScannerUnavailable(str(error)) from error
    output = result.stdout.decode("utf-8", "replace")
    if result.returncode == 0:
        return Verdict(infected=False)
    if result.returncode == 1:
        return Verdict(infected=True, signature=_signature(output))
    raise ScannerUnavailable(output + result.stderr.decode("utf-8", "replace"))


def _clamd_connect(config, timeout):
    """A connection to clamd: TCP ("host:port", shared by every node) or a local socket."""
    try:
        if config.get("ADDRESS"):
            host, _, port = config["ADDRESS"].rpartition(":")
            return socket.create_connection((host.strip("[]"), int(port)), timeout)
        connection = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        connection.settimeout(timeout)
        try:
            connection.connect(config["SOCKET"])
        except OSError:
            connection.close()
            raise
        return connection
    except OSError as error:
        raise ScannerUnavailable(str(error)) from error


def _clamd(fileobj, connection):
    """clamd's INSTREAM command: length-prefixed chunks, then a zero length."""
    try:
        with connection:
            connection.sendall(b"zINSTREAM\0")
            while chunk := fileobj.read(CHUNK):
                connection.sendall(struct.pack("!L", len(chunk)) + chunk)
            connection.sendall(struct.pack("!L", 0))
            reply = b""
            while not reply.endswith(b"\0"):
                data = connection.recv(4096)
                if not data:
                    break
                reply += data
    except OSError as error:
        raise ScannerUnavailable(str(error)) from error
    answer = reply.rstrip(b"\0").decode("utf-8", "replace")
    if answer.endswith(" OK"):
        return Verdict(infected=False)
    if answer.endswith(" FOUND"):
        return Verdict(infected=True, signature=_signature(answer))
    raise ScannerUnavailable(answer)


def _signature(output):
    for line in output.splitlines():
        if line.endswith(" FOUND"):
            return line.rsplit(":", 1)[-1].removesuffix(" FOUND").strip()
    return "inconnu"
