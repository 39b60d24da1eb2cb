"""Request ids, JSON logs and error reports, seen from outside: a real production
process, its stdout, and a real HTTP endpoint speaking Sentry's envelope protocol (what
GlitchTip receives)."""

import gzip
import http.server
import json
import os
import secrets
import subprocess
import sys
import threading
from pathlib import Path

import pytest

BASE_DIR = Path(__file__).resolve().parents[2]

# The database is unreachable: /healthz logs an error, which Sentry reports.
SCRIPT = """
import django, sentry_sdk
django.setup()
from django.test import Client
response = Client().get("/healthz", headers={"X-Request-ID": "%s"} if "%s" else {})
print("RESPONSE", response.status_code, response["X-Request-ID"], flush=True)
sentry_sdk.flush(5)
"""


class Collector(http.server.ThreadingHTTPServer):
    """Keeps the events Sentry's SDK posts (gzip-compressed envelopes)."""

    def __init__(self):
        self.events = []
        collector = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers["Content-Length"]))
                if self.headers.get("Content-Encoding") == "gzip":
                    body = gzip.decompress(body)
                for line in body.splitlines():
                    item = json.loads(line)
                    if "event_id" in item and "level" in item:
                        collector.events.append(item)
                self.send_response(200)
                self.end_headers()
                self.wfile.write(b"{}")

            def log_message(self, *args):
                pass

        super().__init__(("127.0.0.1", 0), Handler)
        threading.Thread(target=self.serve_forever, daemon=True).start()


@pytest.fixture
def collector():
    server = Collector()
    yield server
    server.shutdown()
    server.server_close()


def run(tmp_path, request_id="", **extra):
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "DATABASE_", "REDIS_", "SENTRY_", "LOG_"))
    }
    env.update(
        DJANGO_SETTINGS_MODULE="config.settings.production",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="testserver",
        SECURE_SSL_REDIRECT="false",
        DATABASE_URL="postgres://postgres@127.0.0.1:1/gq_unreachable",
        MEDIA_ROOT=str(tmp_path / "media"),
        PRIVATE_MEDIA_ROOT=str(tmp_path / "private"),
        PYTHONPATH=str(BASE_DIR / "site"),
        **extra,
    )
    return subprocess.run(  # noqa: S603
        [sys.executable, "-c", SCRIPT % (request_id, request_id)],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )


def json_lines(output):
    return [json.loads(line) for line in output.splitlines() if line.startswith("{")]


def test_json_log_lines_carry_the_request_id_of_the_response(tmp_path):
    result = run(tmp_path, LOG_FORMAT="json")

    status, request_id = result.stdout.split("RESPONSE ")[1].split()[:2]
    assert status == "503"
    lines = json_lines(result.stdout)
    failure = next(line for line in lines if line["logger"] == "ops.health")
    assert failure["level"] == "ERROR"
    assert failure["request_id"] == request_id
    assert "OperationalError" in failure["exception"]
    assert len(request_id) == 32


def test_the_proxy_request_id_is_kept(tmp_path):
    result = run(tmp_path, request_id="nginx-0123456789abcdef", LOG_FORMAT="json")

    assert "RESPONSE 503 nginx-0123456789abcdef" in result.stdout
    assert {
        line["request_id"]
        for line in json_lines(result.stdout)
        if line["logger"] == "ops.health"
    } == {"nginx-0123456789abcdef"}


def test_errors_reach_sentry_tagged_with_the_request_id(tmp_path, collector):
    port = collector.server_address[1]
    result = run(tmp_path, SENTRY_DSN=f"http://publickey@127.0.0.1:{port}/1")

    request_id = result.stdout.split("RESPONSE ")[1].split()[1]
    assert collector.events, result.stdout + result.stderr
    event = collector.events[0]
    assert event["tags"]["request_id"] == request_id
    assert event["level"] == "error"
    assert "user" not in event or "ip_address" not in event.get("user", {})


def test_plain_logs_show_the_request_id_too(tmp_path):
    result = run(tmp_path, request_id="plain-request-0001")

    assert "[plain-request-0001]" in result.stdout + result.stderr


def test_every_response_tells_its_request_id(client, db):
    first = client.get("/healthz")
    second = client.get("/healthz", headers={"X-Request-ID": "bad id with spaces"})

    assert len(first["X-Request-ID"]) == 32
    assert second["X-Request-ID"] != "bad id with spaces"
