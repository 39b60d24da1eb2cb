"""``make bench``: the public pages under load, on PostgreSQL, served as in production.

Creates a fresh PostgreSQL database, migrates, loads the demo, runs every
``tests/bench/seed_<name>.py`` module's ``seed()``, collects the static files, then
serves the site twice with gunicorn (2 workers of 4 threads, DEBUG off, Redis cache), page
cache on and page cache off, and measures each module's ``pages()`` with wrk
(16 connections). The ceiling is a trivial view behind the same middleware, measured
in the same run. Prints one markdown table and writes ``bench/results/latest.json``.
The targets are reported as pass/fail columns; they never fail the command.
"""

import datetime
import importlib
import json
import os
import platform
import secrets
import shutil
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import dj_database_url

BASE_DIR = Path(__file__).resolve().parents[2]
BENCH_DIR = Path(__file__).resolve().parent
RESULTS_DIR = BASE_DIR / "bench" / "results"
DATABASE_URL = os.environ.get(
    "BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/gq_bench"
)
REDIS_URL = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/13")
PORT = int(os.environ.get("BENCH_PORT", 8091))
DURATION = int(os.environ.get("BENCH_DURATION", 8))
CONNECTIONS = 16
WRK_THREADS = 2
WORKERS = 2
WARM_UP_REQUESTS = 20
CEILING_DURATION = max(2, DURATION // 2)
PROFILE_REQUESTS = 10

CACHE_ON_MIN_RATIO = 0.40
CACHE_OFF_MIN_RATIO = {"article": 0.03}
CACHE_OFF_DEFAULT_MIN_RATIO = 0.02
P95_MAX_MS = 100
RSS_MAX_MB = 200

sys.path.insert(0, str(BASE_DIR / "site"))
os.environ.update(
    DJANGO_SETTINGS_MODULE="tests.bench.settings",
    SECRET_KEY=os.environ.get("BENCH_SECRET_KEY", secrets.token_urlsafe(50)),
    DATABASE_URL=DATABASE_URL,
    REDIS_URL=REDIS_URL,
    ALLOWED_HOSTS="127.0.0.1,localhost",
    DEBUG="false",
    DEMO="1",  # the bench database starts from the demo (load_demo)
    SECURE_SSL_REDIRECT="false",
    SECURE_HSTS_SECONDS="0",
    SESSION_COOKIE_SECURE="false",
    CSRF_COOKIE_SECURE="false",
    STATIC_ROOT=str(RESULTS_DIR / "static"),
    MEDIA_ROOT=str(RESULTS_DIR / "media"),
    PRIVATE_MEDIA_ROOT=str(RESULTS_DIR / "private"),
    LOG_LEVEL="WARNING",
    GUNICORN_ACCESS_LOG="off",
    # Workers are never recycled during the run, so that their RSS can be read after it.
    GUNICORN_MAX_REQUESTS="0",
    WEB_CONCURRENCY=str(WORKERS),
    GUNICORN_BIND=f"127.0.0.1:{PORT}",
)

CEILING = {"label": "ceiling", "path": "/bench/ok", "login": None, "app": "bench"}


def log(message):
    sys.stdout.write(f"[bench] {message}\n")
    sys.stdout.flush()


def ensure_wrk():
    if shutil.which("wrk"):
        return
    if os.geteuid() != 0:
        sys.exit("wrk manquant : apt-get install wrk (en root).")
    log("installing wrk (Debian package)")
    subprocess.run(["apt-get", "update", "-qq"], check=True)  # noqa: S607
    subprocess.run(["apt-get", "install", "-y", "-qq", "wrk"], check=True)  # noqa: S607


def fresh_database():
    import psycopg
    from psycopg import sql

    config = dj_database_url.parse(DATABASE_URL)
    with psycopg.connect(
        dbname="postgres",
        user=config["USER"],
        password=config["PASSWORD"] or None,
        host=config["HOST"],
        port=config["PORT"] or 5432,
        autocommit=True,
    ) as admin:
        name = sql.Identifier(config["NAME"])
        admin.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(name))
        admin.execute(sql.SQL("CREATE DATABASE {}").format(name))


def flush_redis():
    import redis

    redis.Redis.from_url(REDIS_URL).flushdb()


def seed_modules():
    return [
        importlib.import_module(f"tests.bench.{path.stem}")
        for path in sorted(BENCH_DIR.glob("seed_*.py"))
    ]


def prepare(reuse):
    import django
    from django.core.management import call_command

    ensure_wrk()
    if reuse:
        django.setup()
        log(f"reusing {DATABASE_URL} (migrated, not seeded again)")
        call_command("migrate", interactive=False, verbosity=0)
        return collect_pages(seed=False)
    log(f"fresh database {DATABASE_URL}")
    fresh_database()
    flush_redis()
    django.setup()
    started = time.monotonic()
    call_command("migrate", interactive=False, verbosity=0)
    log(f"migrated in {time.monotonic() - started:.0f} s")
    started = time.monotonic()
    call_command("load_demo")
    log(f"demo loaded in {time.monotonic() - started:.0f} s")
    pages = collect_pages(seed=True)
    analyze()
    call_command("collectstatic", interactive=False, verbosity=0)
    flush_redis()
    return pages


def analyze():
    """Planner statistics for the freshly seeded tables, as autovacuum would gather."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


def collect_pages(seed):
    pages = []
    for module in seed_modules():
        app = module.__name__.rsplit("seed_", 1)[1]
        if seed:
            started = time.monotonic()
            module.seed()
            log(f"seed_{app}: {time.monotonic() - started:.0f} s")
        for entry in module.pages():
            label, path, login = (*entry, None)[:3]
            path = urllib.parse.quote(path, safe="/?=&%:+,;@")
            pages.append({"label": label, "path": path, "login": login, "app": app})
    return pages


def session_cookies(pages):
    """A signed-in session for each login e-mail, as the login form would create, with
    the CSRF cookie a browser keeps from its first page (wrk has no cookie jar)."""
    from django.conf import settings
    from django.contrib.auth import (
        BACKEND_SESSION_KEY,
        HASH_SESSION_KEY,
        SESSION_KEY,
        get_user_model,
    )
    from django.contrib.sessions.backends.db import SessionStore
    from django.middleware.csrf import CSRF_ALLOWED_CHARS, CSRF_SECRET_LENGTH
    from django.utils.crypto import get_random_string

    cookies = {}
    for page in pages:
        email = page["login"]
        if email and email not in cookies:
            user = get_user_model().objects.get(email=email)
            session = SessionStore()
            session[SESSION_KEY] = str(user.pk)
            session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
            session[HASH_SESSION_KEY] = user.get_session_auth_hash()
            session.save()
            cookies[email] = (
                f"{settings.SESSION_COOKIE_NAME}={session.session_key}; "
                f"{settings.CSRF_COOKIE_NAME}="
                f"{get_random_string(CSRF_SECRET_LENGTH, CSRF_ALLOWED_CHARS)}"
            )
    return cookies


def profile(pages, cookies):
    """SQL queries and CPU time of an uncached request of each page, in this process.

    CPU time does not depend on what else the machine runs: it explains the
    throughput figures when the machine is busy.
    """
    from django.db import connection
    from django.test import Client, override_settings
    from django.test.utils import CaptureQueriesContext

    profiles = {}
    with override_settings(PAGE_CACHE_ENABLED=False):
        for page in [CEILING, *pages]:
            client = Client(HTTP_HOST="127.0.0.1")
            if page["login"]:
                client.cookies.load(cookies[page["login"]])
            client.get(page["path"])
            with CaptureQueriesContext(connection) as queries:
                client.get(page["path"])
            query_count = len(queries)  # read now: each request empties the log
            started = time.process_time()
            for _ in range(PROFILE_REQUESTS):
                client.get(page["path"])
            cpu_ms = (time.process_time() - started) * 1000 / PROFILE_REQUESTS
            profiles[page["label"]] = {
                "sql_queries": query_count,
                "cpu_ms": round(cpu_ms, 2),
            }
    return profiles


class Gunicorn:
    def __init__(self, cache_enabled):
        self.log_path = RESULTS_DIR / f"gunicorn-cache-{cache_enabled}.log"
        self.log_file = self.log_path.open("w")
        env = {**os.environ, "PAGE_CACHE_ENABLED": str(cache_enabled).lower()}
        self.process = subprocess.Popen(  # noqa: S603
            [str(Path(sys.executable).with_name("gunicorn")), "-c", "gunicorn.conf.py"],
            cwd=BASE_DIR,
            env=env,
            stdout=self.log_file,
            stderr=subprocess.STDOUT,
        )
        deadline = time.monotonic() + 60
        while len(self.worker_pids()) < WORKERS or not self.answers():
            if self.process.poll() is not None or time.monotonic() > deadline:
                sys.exit(f"gunicorn n'a pas démarré : voir {self.log_path}")
            time.sleep(0.3)

    def answers(self):
        try:
            return fetch(CEILING["path"])[0] == 200
        except OSError:
            return False

    def worker_pids(self):
        children = Path(f"/proc/{self.process.pid}/task/{self.process.pid}/children")
        try:
            return [int(pid) for pid in children.read_text().split()]
        except OSError:
            return []

    def worker_rss_mb(self):
        sizes = []
        for pid in self.worker_pids():
            for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    sizes.append(round(int(line.split()[1]) / 1024, 1))
        return sizes

    def stop(self):
        self.process.send_signal(signal.SIGTERM)
        self.process.wait(timeout=60)
        self.log_file.close()


def fetch(path, cookie=None):
    request = urllib.request.Request(
        f"http://127.0.0.1:{PORT}{path}", headers={"Cookie": cookie} if cookie else {}
    )
    try:
        with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310
            response.read()
            return response.status, response.headers.get("X-Page-Cache", "")
    except urllib.error.HTTPError as error:
        return error.code, ""


def wrk(path, cookie=None, duration=DURATION):
    command = [
        "wrk",
        f"-t{WRK_THREADS}",
        f"-c{CONNECTIONS}",
        f"-d{duration}s",
        "--timeout",
        "10s",
        "-s",
        str(BENCH_DIR / "percentiles.lua"),
    ]
    if cookie:
        command += ["-H", f"Cookie: {cookie}"]
    command.append(f"http://127.0.0.1:{PORT}{path}")
    output = subprocess.run(  # noqa: S603
        command, capture_output=True, text=True, check=True
    ).stdout
    line = next(line for line in output.splitlines() if line.startswith("BENCH-JSON"))
    result = json.loads(line.removeprefix("BENCH-JSON "))
    result["rps"] = round(result["requests"] / (result["duration_us"] / 1e6), 1)
    result["latency_ms"] = {
        key: round(value / 1000, 2) for key, value in result.pop("latency_us").items()
    }
    return result


def measure(cache_enabled, pages, cookies):
    """Each page right after the ceiling, so that both see the same machine load."""
    log(f"gunicorn, {WORKERS} workers, page cache {'on' if cache_enabled else 'off'}")
    load_before = os.getloadavg()[0]
    server = Gunicorn(cache_enabled)
    results = {}
    try:
        for _ in range(WARM_UP_REQUESTS):
            fetch(CEILING["path"])
        for page in pages:
            cookie = cookies.get(page["login"])
            for _ in range(WARM_UP_REQUESTS):
                status, cache_state = fetch(page["path"], cookie)
            ceiling = wrk(CEILING["path"], duration=CEILING_DURATION)
            result = wrk(page["path"], cookie)
            result.update(
                status=status,
                page_cache=cache_state or "-",
                ceiling=ceiling,
                ratio=round(result["rps"] / ceiling["rps"], 4),
            )
            results[page["label"]] = result
            log(
                f"  {page['label']:<28} {result['rps']:>8.1f} req/s "
                f"({result['ratio']:>6.1%} of {ceiling['rps']:.0f})  "
                f"p95 {result['latency_ms']['p95']:>7.2f} ms  HTTP {status} "
                f"{result['page_cache']}"
            )
        rss = server.worker_rss_mb()
    finally:
        server.stop()
    ceilings = sorted((r["ceiling"] for r in results.values()), key=lambda c: c["rps"])
    return {
        "pages": results,
        "ceiling": ceilings[len(ceilings) // 2] if ceilings else None,
        "worker_rss_mb": rss,
        "load_average": [load_before, os.getloadavg()[0]],
    }


def evaluate(pages, on, off, profiles):
    rows = []
    for page in pages:
        label = page["label"]
        result_on, result_off = on["pages"][label], off["pages"][label]
        ratio_on, ratio_off = result_on["ratio"], result_off["ratio"]
        off_target = CACHE_OFF_MIN_RATIO.get(label, CACHE_OFF_DEFAULT_MIN_RATIO)
        anonymous = page["login"] is None
        rows.append(
            {
                **page,
                **profiles[label],
                "cache_on": result_on,
                "cache_off": result_off,
                "ratio_on": ratio_on,
                "ratio_off": ratio_off,
                "target_on": CACHE_ON_MIN_RATIO if anonymous else None,
                "target_off": off_target,
                "pass_on": ratio_on >= CACHE_ON_MIN_RATIO if anonymous else None,
                "pass_off": ratio_off >= off_target,
                "pass_p95": result_on["latency_ms"]["p95"] < P95_MAX_MS,
                "ok_status": result_on["status"] == result_off["status"] == 200
                and not result_on["errors"]["status"]
                and not result_off["errors"]["status"],
            }
        )
    return rows


def verdict(value):
    return "—" if value is None else ("✅" if value else "❌")


def table(rows, on, off, profiles):
    ceiling_on, ceiling_off = on["ceiling"], off["ceiling"]
    lines = [
        "| page | URL | SQL | CPU ms | cache on req/s | % plafond | p50 / p95 / p99 ms "
        "| cache off req/s | % plafond | p50 / p95 / p99 ms "
        f"| on ≥ {CACHE_ON_MIN_RATIO:.0%} | p95 < {P95_MAX_MS} ms | off ≥ cible |",
        "|---|---|--:|--:|--:|--:|--:|--:|--:|--:|:-:|:-:|:-:|",
        f"| plafond (vue triviale, médiane) | `{CEILING['path']}` | 0 "
        f"| {profiles['ceiling']['cpu_ms']:.1f} "
        f"| {ceiling_on['rps']:.0f} | 100 % | {latencies(ceiling_on)} "
        f"| {ceiling_off['rps']:.0f} | 100 % | {latencies(ceiling_off)} | | | |",
    ]
    for row in rows:
        who = f" (connecté : {row['login']})" if row["login"] else ""
        status = (
            "" if row["ok_status"] else " ⚠ HTTP " + str(row["cache_off"]["status"])
        )
        lines.append(
            f"| {row['label']}{who}{status} | `{row['path']}` | {row['sql_queries']} "
            f"| {row['cpu_ms']:.1f} "
            f"| {row['cache_on']['rps']:.0f} | {row['ratio_on']:.1%} "
            f"| {latencies(row['cache_on'])} "
            f"| {row['cache_off']['rps']:.0f} | {row['ratio_off']:.1%} "
            f"| {latencies(row['cache_off'])} "
            f"| {verdict(row['pass_on'])} | {verdict(row['pass_p95'])} "
            f"| {verdict(row['pass_off'])} ≥ {row['target_off']:.0%} |"
        )
    return "\n".join(lines)


def latencies(result):
    ms = result["latency_ms"]
    return f"{ms['p50']:.1f} / {ms['p95']:.1f} / {ms['p99']:.1f}"


def machine():
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        postgres = cursor.fetchone()[0]
    cpu = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        ),
        platform.processor(),
    )
    wrk_version = subprocess.run(
        ["wrk", "--version"],  # noqa: S607
        capture_output=True,
        text=True,
        check=False,
    ).stdout.split()[1:2]
    import django
    import wagtail

    return {
        "cores": os.cpu_count(),
        "cpu": cpu,
        "python": platform.python_version(),
        "django": django.get_version(),
        "wagtail": wagtail.__version__,
        "postgresql": postgres,
        "wrk": wrk_version[0] if wrk_version else "",
    }


def main():
    from . import busy_day

    RESULTS_DIR.mkdir(parents=True, exist_ok=True)
    # BENCH_REUSE_DB=1 measures again without rebuilding the data (while tuning).
    pages = prepare(reuse=os.environ.get("BENCH_REUSE_DB") == "1")
    cookies = session_cookies(pages)
    profiles = profile(pages, cookies)
    on = measure(True, pages, cookies)
    flush_redis()
    off = measure(False, pages, cookies)
    flush_redis()
    busy = busy_day.measure_busy_day()
    rows = evaluate(pages, on, off, profiles)
    rss = {"cache_on": on["worker_rss_mb"], "cache_off": off["worker_rss_mb"]}
    rss_ok = max(rss["cache_on"] + rss["cache_off"]) < RSS_MAX_MB
    info = machine()
    date = datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%d %H:%M UTC")
    report = "\n".join(
        [
            f"Benchmark du {date} — {info['cores']} cœurs ({info['cpu']}), "
            f"PostgreSQL {info['postgresql']}, Redis, gunicorn {WORKERS} workers × 4 fils, "
            f"wrk {CONNECTIONS} connexions × {DURATION} s par URL, chacune juste après "
            f"{CEILING_DURATION} s de plafond (wrk sur la même machine ; charge moyenne "
            f"{on['load_average'][0]:.1f} puis {off['load_average'][0]:.1f}). "
            "SQL et CPU ms : requêtes et temps processeur d’une requête sans cache, "
            "une à la fois dans le processus du banc (client de test de Django).",
            "",
            table(rows, on, off, profiles),
            "",
            f"RSS des workers après chaque passe (Mo) : cache on {rss['cache_on']}, "
            f"cache off {rss['cache_off']} — cible < {RSS_MAX_MB} Mo : {verdict(rss_ok)}",
            "",
            "Journée chargée (tests/bench/busy_day.py) :",
            "",
            busy_day.table(busy),
        ]
    )
    sys.stdout.write(f"\n{report}\n")
    (RESULTS_DIR / "latest.json").write_text(
        json.dumps(
            {
                "date": date,
                "machine": info,
                "settings": {
                    "workers": WORKERS,
                    "connections": CONNECTIONS,
                    "duration_s": DURATION,
                    "database": DATABASE_URL,
                },
                "targets": {
                    "cache_on_min_ratio": CACHE_ON_MIN_RATIO,
                    "cache_off_min_ratio": {
                        **CACHE_OFF_MIN_RATIO,
                        "default": CACHE_OFF_DEFAULT_MIN_RATIO,
                    },
                    "p95_max_ms": P95_MAX_MS,
                    "rss_max_mb": RSS_MAX_MB,
                },
                "ceiling": {
                    "path": CEILING["path"],
                    "cpu_ms": profiles["ceiling"]["cpu_ms"],
                    "cache_on_median": on["ceiling"],
                    "cache_off_median": off["ceiling"],
                },
                "load_average": {
                    "cache_on": on["load_average"],
                    "cache_off": off["load_average"],
                },
                "pages": rows,
                "worker_rss_mb": rss,
                "rss_ok": rss_ok,
                "busy_day": busy,
                "table": report,
            },
            indent=2,
            ensure_ascii=False,
        )
    )
    log(f"written {RESULTS_DIR / 'latest.json'}")


if __name__ == "__main__":
    main()
