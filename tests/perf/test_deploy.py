"""Production settings, gunicorn, whitenoise, /healthz and Redis, run for real."""

import gzip
import json
import re
from pathlib import Path

import pytest
import redis

from .conftest import manage

REDIS_URL = "redis://127.0.0.1:6379/14"


def test_check_deploy_is_clean_with_the_documented_variables(production_env):
    result = manage(production_env, "check", "--deploy", "--fail-level", "WARNING")

    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout
    assert "WARNING" not in result.stderr


def test_production_refuses_to_start_without_secret_key(production_env):
    del production_env["SECRET_KEY"]

    result = manage(production_env, "check")

    assert result.returncode != 0
    assert "SECRET_KEY doit être défini en production." in result.stderr


def test_gunicorn_serves_healthz_and_compressed_hashed_static_files(
    production_env, start_server
):
    collected = manage(production_env, "collectstatic", "--noinput")
    assert collected.returncode == 0, collected.stderr
    # No clamd here: tests/ops/test_healthz.py checks it for real.
    del production_env["MAYORS_CLAMD_SOCKET"]
    server = start_server(production_env)

    status, headers, body = server.get("/healthz")
    assert status == 200, server.output()
    assert headers["Content-Type"] == "application/json"
    assert json.loads(body)["status"] == "ok"
    assert json.loads(body)["database"] == "ok"
    assert "no-cache" in headers["Cache-Control"]

    status, headers, _ = server.get("/robots.txt")
    assert status == 301
    assert headers["Location"].startswith("https://")

    status, headers, body = server.get(
        "/static/css/site.css", headers={"X-Forwarded-Proto": "https"}
    )
    assert status == 200
    assert "immutable" not in headers.get("Cache-Control", "")

    manifest = json.loads(
        (Path(production_env["STATIC_ROOT"]) / "staticfiles.json").read_text()
    )
    hashed = manifest["paths"]["css/site.css"]
    assert re.fullmatch(r"css/site\.[0-9a-f]{12}\.css", hashed)
    status, headers, body = server.get(
        f"/static/{hashed}",
        headers={"X-Forwarded-Proto": "https", "Accept-Encoding": "gzip"},
    )
    assert status == 200
    assert headers["Content-Encoding"] == "gzip"
    assert "immutable" in headers["Cache-Control"]
    assert b"{" in gzip.decompress(body)

    assert "GET /healthz" in server.output()


def test_healthz_answers_503_when_the_database_is_unreachable(
    production_env, start_server
):
    production_env["DATABASE_URL"] = "postgres://postgres@127.0.0.1:1/gq_unreachable"
    server = start_server(production_env)

    status, headers, body = server.get("/healthz")

    assert status == 503
    assert headers["Content-Type"] == "application/json"
    assert json.loads(body)["status"] == "error"
    assert json.loads(body)["database"] == "indisponible"


@pytest.fixture
def redis_db():
    client = redis.Redis.from_url(REDIS_URL)
    client.flushdb()
    yield client
    client.flushdb()


def test_redis_is_the_cache_when_redis_url_is_set(production_env, redis_db):
    production_env["REDIS_URL"] = REDIS_URL
    script = (
        "import json\n"
        "from django.conf import settings\n"
        "from django.core.cache import caches\n"
        "cache = caches['default']\n"
        "from cms import cache as page_cache\n"
        "cache.set('perf-probe', {'ok': 1}, 60)\n"
        "first = page_cache.generation()\n"
        "page_cache.purge()\n"
        "print(json.dumps({'backend': type(cache).__name__,"
        " 'probe': cache.get('perf-probe'),"
        " 'bumped': page_cache.generation() - first,"
        " 'page_cache': settings.PAGE_CACHE_ENABLED}))\n"
    )

    result = manage(production_env, "shell", "-c", script)

    assert result.returncode == 0, result.stderr
    output = json.loads(result.stdout.strip().splitlines()[-1])
    assert output == {
        "backend": "RedisCache",
        "probe": {"ok": 1},
        "bumped": 1,
        "page_cache": True,
    }
    keys = {key.decode() for key in redis_db.keys("*")}
    assert any(key.endswith(":perf-probe") for key in keys), keys
    assert any(key.endswith(":page-cache:generation") for key in keys), keys


def test_page_cache_is_off_in_production_without_redis(production_env):
    result = manage(
        production_env,
        "shell",
        "-c",
        "from django.conf import settings; print(settings.PAGE_CACHE_ENABLED)",
    )

    assert result.stdout.strip().splitlines()[-1] == "False", result.stderr
