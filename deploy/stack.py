"""The production topology on one machine, on loopback: ``make stack`` and ``make stack-test``.

    nginx (TLS) 127.0.0.1:8080 ─┬─ web.1 gunicorn 127.0.0.1:8081 ─┐
       /media/images/ → bucket  └─ web.2 gunicorn 127.0.0.1:8082 ─┼─ PostgreSQL (fresh database)
                                   worker.1 (db_worker)          ─┤  Redis (its own db number)
                                   scheduler.1                   ─┤  clamd 127.0.0.1:3310 (TCP)
                                                                  └─ S3 (moto) 127.0.0.1:9000

The processes are the Procfile's, read by honcho (``honcho.environ``: the same commands,
environment and ports as ``honcho start -c web=2 -p 8081``); this module starts each one
itself so that a test can kill and restart one node or the worker. Production settings,
``DEBUG`` off, the variables of the README's « Mettre en ligne ».

The migrated database with the demo and the media it made are kept as a template
(a PostgreSQL database ``gq_stack_tpl_<hash>`` and a copy of the objects), keyed by the
code: a second start clones them in a second instead of migrating again. Static files
are collected once for the same key.

    python -m deploy.stack up      # foreground; Ctrl-C stops everything it started
    python -m deploy.stack test    # up, pytest tests/deploy/, down; exit status of pytest
"""

import argparse
import contextlib
import json
import os
import secrets
import shutil
import signal
import subprocess
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from deploy import proxy
from deploy.services import (
    Clamd,
    S3Server,
    code_key,
    ensure_debian_packages,
    wait_for_port,
)

BASE_DIR = Path(__file__).resolve().parent.parent
VENV_BIN = Path(sys.executable).parent
HOST = "127.0.0.1"
NGINX_PORT = 8080
WEB_PORT = 8081  # web.1; web.2 on the next port
CLAMD_PORT = 3310
S3_PORT = 9000
MEDIA_BUCKET = "gq-media"
PRIVATE_BUCKET = "gq-private"
STACK_PACKAGES = {"nginx": "nginx", "clamd": "clamav-daemon", "openssl": "openssl"}


def log(message):
    sys.stdout.write(f"[stack] {message}\n")
    sys.stdout.flush()


class Stack:
    """Everything ``make stack`` runs, started and stopped as one.

    Tests (tests/deploy/conftest.py) use one instance for the whole session: ``base_url``,
    ``node_urls``, ``kill(name)`` / ``restart(name)`` for ``web.1``, ``web.2``,
    ``worker.1`` or ``scheduler.1``, ``manage(*args)`` with the stack's environment.
    """

    def __init__(self, directory=None, database=None, echo=False):
        self.directory = Path(directory or BASE_DIR / "var" / "stack")
        self.database = database or os.environ.get("STACK_DATABASE", "gq_stack")
        self.redis_db = int(os.environ.get("STACK_REDIS_DB", 9))
        self.echo = echo
        self.processes = {}
        self.commands = {}
        self.services = []
        self.nginx = None
        self.started_at = None
        self.timings = {}
        self.mail_dir = self.directory / "mail"
        self.s3 = S3Server(port=S3_PORT)
        self.clamd = Clamd(self.directory / "clamd", port=CLAMD_PORT)

    # --- addresses -------------------------------------------------------------------
    @property
    def base_url(self):
        return f"https://{HOST}:{NGINX_PORT}"

    @property
    def node_urls(self):
        return [f"http://{HOST}:{WEB_PORT + index}" for index in range(2)]

    @property
    def env(self):
        """The application's environment: what an operator sets on a VM or a PaaS."""
        key = self.directory / "secret_key"
        if not key.exists():
            key.parent.mkdir(parents=True, exist_ok=True)
            key.write_text(secrets.token_urlsafe(50))
        environ = {
            name: value
            for name, value in os.environ.items()
            if not name.startswith(("DJANGO_", "DATABASE_", "REDIS_", "S3_", "PAGE_"))
        }
        environ.update(
            PATH=f"{VENV_BIN}{os.pathsep}{os.environ.get('PATH', '')}",
            PYTHONUNBUFFERED="1",
            DJANGO_SETTINGS_MODULE="config.settings.production",
            SECRET_KEY=key.read_text(),
            DATABASE_URL=f"postgres://postgres@{HOST}:5432/{self.database}",
            REDIS_URL=f"redis://{HOST}:6379/{self.redis_db}",
            ALLOWED_HOSTS=f"{HOST},localhost",
            CSRF_TRUSTED_ORIGINS=self.base_url,
            WAGTAILADMIN_BASE_URL=self.base_url,
            TRUSTED_PROXY_COUNT="1",
            CLAMD_ADDRESS=self.clamd.address,
            STATIC_ROOT=str(self.directory / "static"),
            GUNICORN_HOST=HOST,
            WEB_CONCURRENCY="2",
            EMAIL_BACKEND="django.core.mail.backends.filebased.EmailBackend",
            EMAIL_FILE_PATH=str(self.mail_dir),
            **self.s3.environ(MEDIA_BUCKET, PRIVATE_BUCKET, f"{self.base_url}/media/"),
        )
        return environ

    # --- start -------------------------------------------------------------------------
    def start(self):
        self.started_at = time.monotonic()
        ensure_debian_packages(STACK_PACKAGES)
        self.directory.mkdir(parents=True, exist_ok=True)
        (self.directory / "logs").mkdir(exist_ok=True)
        busy = [
            port
            for port in (NGINX_PORT, WEB_PORT, WEB_PORT + 1, CLAMD_PORT, S3_PORT)
            if wait_for_port(HOST, port, 0.2)
        ]
        if busy:
            sys.exit(f"Ports déjà pris : {busy} (une autre pile tourne-t-elle ?)")
        shutil.rmtree(self.mail_dir, ignore_errors=True)
        self.mail_dir.mkdir()
        key = self.key = code_key(BASE_DIR)
        # The database (its demo writes images) waits for the bucket; the rest runs beside.
        with ThreadPoolExecutor(4) as pool:
            s3 = pool.submit(self._timed, "s3", self._start_s3)
            jobs = [
                pool.submit(self._timed, "clamd", self._start_clamd),
                pool.submit(self._timed, "static", self._collectstatic, key),
                pool.submit(self._timed, "certificate", self._certificate),
            ]
            s3.result()
            jobs.append(pool.submit(self._timed, "database", self._database, key))
            for job in jobs:
                job.result()
        self._read_procfile()
        self._timed("processes", self._start_processes)
        log(
            f"pile prête en {time.monotonic() - self.started_at:.1f} s : {self.timings}"
        )
        (self.directory / "last-start.txt").write_text(
            f"{time.monotonic() - self.started_at:.1f} s {self.timings}\n"
        )
        return self

    def _timed(self, name, function, *args):
        started = time.monotonic()
        function(*args)
        self.timings[name] = round(time.monotonic() - started, 1)

    def _start_s3(self):
        out = open(self.directory / "logs" / "s3.log", "ab")  # noqa: SIM115
        self.s3.start(buckets=(MEDIA_BUCKET, PRIVATE_BUCKET), stdout=out)
        self.services.append(self.s3)

    def _start_clamd(self):
        out = open(self.directory / "logs" / "clamd.log", "ab")  # noqa: SIM115
        self.clamd.start(stdout=out)
        self.services.append(self.clamd)

    def _certificate(self):
        self.certificate, self.certificate_key = proxy.self_signed_certificate(
            self.directory, HOST
        )

    def manage(self, *args, check=True, timeout=600, env=None):
        """``manage.py`` with the stack's environment, as an operator would run it."""
        result = subprocess.run(  # noqa: S603
            [str(VENV_BIN / "python"), "manage.py", *args],
            cwd=BASE_DIR,
            env={**self.env, **(env or {})},
            capture_output=True,
            text=True,
            timeout=timeout,
            check=False,
        )
        if check and result.returncode != 0:
            raise RuntimeError(
                f"manage.py {' '.join(args)} : {result.stdout}\n{result.stderr}"
            )
        return result

    def _collectstatic(self, key):
        stamp = self.directory / "static" / ".collected"
        if stamp.exists() and stamp.read_text() == key:
            return
        self.manage("collectstatic", "--noinput", "--clear")
        stamp.write_text(key)

    # The database: a clone of the template of this code, built on the first start.
    def sql(self, query, *params):
        """Rows of one query on the stack's database (what a test checks behind the site)."""
        import psycopg

        with psycopg.connect(
            host=HOST, user="postgres", dbname=self.database, autocommit=True
        ) as connection:
            return connection.execute(query, params).fetchall()

    def _sql(self, *statements):
        """Statements on the server's maintenance database; the rows of the last one."""
        import psycopg

        with psycopg.connect(
            host=HOST, user="postgres", dbname="postgres", autocommit=True
        ) as connection:
            for statement in statements:
                cursor = connection.execute(statement)
            return cursor.fetchall() if cursor.description else []

    def _database(self, key):
        template = f"{self.database}_tpl_{key}"
        snapshot = self.directory / "templates" / key
        exists = self._sql(
            f"SELECT 1 FROM pg_database WHERE datname = '{template}'"  # noqa: S608
        )
        if not exists or not (snapshot / "demo.txt").exists():
            self._build_template(template, snapshot)
        self._sql(
            f'DROP DATABASE IF EXISTS "{self.database}" WITH (FORCE)',
            f'CREATE DATABASE "{self.database}" TEMPLATE "{template}"',
        )
        self._restore_objects(snapshot)
        import redis

        redis.Redis(host=HOST, port=6379, db=self.redis_db).flushdb()

    def _build_template(self, template, snapshot):
        log("première mise en route de ce code : migrations et démo (une fois)")
        stale = self._sql(
            "SELECT datname FROM pg_database WHERE datname LIKE "  # noqa: S608
            f"'{self.database}_tpl_%'"
        )
        for (name,) in stale:
            self._sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        shutil.rmtree(self.directory / "templates", ignore_errors=True)
        building = f"{template}_build"
        self._sql(
            f'DROP DATABASE IF EXISTS "{building}" WITH (FORCE)',
            f'CREATE DATABASE "{building}"',
        )
        database_url = f"postgres://postgres@{HOST}:5432/{building}"
        self.manage("migrate", "--noinput", env={"DATABASE_URL": database_url})
        # The demo app is installed for this one command (DEMO=1); the development
        # settings print its accounts too. The nodes run without it, as in production.
        demo = self.manage(
            "load_demo",
            env={
                "DATABASE_URL": database_url,
                "DJANGO_SETTINGS_MODULE": "config.settings.dev",
                "DEMO": "1",
            },
        )
        self._sql(f'ALTER DATABASE "{building}" RENAME TO "{template}"')
        self._save_objects(snapshot)
        (snapshot / "demo.txt").write_text(demo.stdout)

    def _save_objects(self, snapshot):
        """The objects the demo wrote (images, renditions), kept beside the template."""
        client = self.s3.client()
        manifest = []
        for bucket in (MEDIA_BUCKET, PRIVATE_BUCKET):
            for page in client.get_paginator("list_objects_v2").paginate(Bucket=bucket):
                for item in page.get("Contents", []):
                    target = snapshot / bucket / item["Key"]
                    target.parent.mkdir(parents=True, exist_ok=True)
                    client.download_file(bucket, item["Key"], str(target))
                    grants = client.get_object_acl(Bucket=bucket, Key=item["Key"])
                    public = any(
                        grant["Grantee"].get("URI", "").endswith("/AllUsers")
                        for grant in grants["Grants"]
                    )
                    head = client.head_object(Bucket=bucket, Key=item["Key"])
                    manifest.append(
                        [bucket, item["Key"], public, head.get("ContentType", "")]
                    )
        snapshot.mkdir(parents=True, exist_ok=True)
        (snapshot / "objects.json").write_text(json.dumps(manifest))

    def _restore_objects(self, snapshot):
        client = self.s3.client()
        manifest = json.loads((snapshot / "objects.json").read_text())

        def upload(item):
            bucket, name, public, content_type = item
            extra = {"ACL": "public-read" if public else "private"}
            if content_type:
                extra["ContentType"] = content_type
            client.upload_file(str(snapshot / bucket / name), bucket, name, extra)

        with ThreadPoolExecutor(8) as pool:
            list(pool.map(upload, manifest))

    # --- processes ---------------------------------------------------------------------
    def _read_procfile(self):
        from honcho.environ import expand_processes, parse_procfile

        procfile = parse_procfile((BASE_DIR / "Procfile").read_text())
        wanted = {
            name: command
            for name, command in procfile.processes.items()
            if name != "release"
        }
        for process in expand_processes(
            wanted, concurrency={"web": 2}, env=self.env, port=WEB_PORT
        ):
            self.commands[process.name] = (process.cmd, process.env)

    def _start_processes(self):
        self._write_nginx_conf()
        for name in self.commands:
            self.restart(name, wait=False)
        self._start_nginx()
        for index in range(2):
            if not wait_for_port(
                HOST, WEB_PORT + index, 120, self.processes[f"web.{index + 1}"]
            ):
                raise RuntimeError(
                    f"web.{index + 1} ne répond pas : voir {self.directory / 'logs'}"
                )

    def restart(self, name, wait=True):
        """Start (again) one process of the Procfile: web.1, web.2, worker.1, scheduler.1;
        a new name such as ``scheduler.2`` starts one more of its kind."""
        if name not in self.commands:
            command, environ = self.commands[name.split(".")[0] + ".1"]
            self.commands[name] = (command, {**environ, "HONCHO_PROCESS_NAME": name})
        command, environ = self.commands[name]
        process = subprocess.Popen(  # noqa: S602
            command,
            shell=True,
            cwd=BASE_DIR,
            env=environ,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        self.processes[name] = process
        threading.Thread(target=self._pump, args=(name, process), daemon=True).start()
        if wait and name.startswith("web."):
            port = int(environ["PORT"])
            if not wait_for_port(HOST, port, 120, process):
                raise RuntimeError(f"{name} ne répond pas")
        return process

    def _pump(self, name, process):
        with open(self.directory / "logs" / f"{name}.log", "ab") as out:
            for line in process.stdout:
                out.write(line)
                out.flush()
                if self.echo:
                    sys.stdout.write(f"{name:<12}| {line.decode('utf-8', 'replace')}")
                    sys.stdout.flush()

    def kill(self, name, sig=signal.SIGKILL):
        """Kill one process and all it started (a node's gunicorn master and workers)."""
        process = self.processes[name]
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, sig)
        process.wait(30)

    def _write_nginx_conf(self):
        proxy.write_conf(
            self.directory / "nginx",
            {
                "listen": f"{HOST}:{NGINX_PORT} ssl",
                "server_name": f"{HOST} localhost",
                "ssl_certificate": str(self.certificate),
                "ssl_certificate_key": str(self.certificate_key),
                "app_servers": "\n    ".join(
                    f"server {HOST}:{WEB_PORT + index} max_fails=1 fail_timeout=10s;"
                    for index in range(2)
                ),
                "media_endpoint": self.s3.endpoint_url,
                "media_bucket": MEDIA_BUCKET,
                "error_pages": str(BASE_DIR / "deploy" / "nginx" / "errors"),
            },
        )

    def _start_nginx(self):
        self.nginx = proxy.start(self.directory / "nginx", HOST, NGINX_PORT)

    # --- stop --------------------------------------------------------------------------
    def stop(self):
        if self.nginx is not None and self.nginx.poll() is None:
            self.nginx.terminate()
            self.nginx.wait(10)
        for name, process in self.processes.items():
            if process.poll() is None:
                try:
                    os.killpg(process.pid, signal.SIGTERM)
                    process.wait(30)
                except ProcessLookupError:
                    pass
                except subprocess.TimeoutExpired:
                    os.killpg(process.pid, signal.SIGKILL)
                    process.wait()
            log(f"{name} arrêté")
        for service in self.services:
            service.stop()

    def print_welcome(self):
        """The demo accounts, as ``make run`` prints them, and where everything is."""
        demo = self.directory / "templates" / self.key / "demo.txt"
        if demo.exists():
            sys.stdout.write(
                demo.read_text().replace("http://127.0.0.1:8000", self.base_url)
            )
        log(f"site : {self.base_url}/ (certificat auto-signé {self.certificate})")
        log(
            f"nœuds : {', '.join(self.node_urls)} ; journaux : {self.directory / 'logs'}"
        )
        log("Ctrl-C arrête tout")


def up():
    stack = Stack(echo=True)
    stopping = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stopping.set())
    try:
        stack.start()
        stack.print_welcome()
        while not stopping.is_set():
            dead = [n for n, p in stack.processes.items() if p.poll() is not None]
            if dead or (stack.nginx and stack.nginx.poll() is not None):
                log(f"processus arrêté : {dead or ['nginx']} ; arrêt de la pile")
                return 1
            stopping.wait(1)
    except KeyboardInterrupt:
        pass
    finally:
        stack.stop()
    return 0


def test(pytest_args):
    """tests/deploy/ against the stack, which its conftest brings up once and down."""
    started = time.monotonic()
    result = subprocess.run(  # noqa: S603
        [str(VENV_BIN / "pytest"), "tests/deploy", *pytest_args],
        cwd=BASE_DIR,
        env={**os.environ, "GQ_STACK_TEST": "1"},
        check=False,
    )
    last = BASE_DIR / "var" / "stack" / "last-start.txt"
    if last.exists():
        log(f"démarrage de la pile : {last.read_text().strip()}")
    log(f"make stack-test : {time.monotonic() - started:.0f} s")
    return result.returncode


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("action", choices=["up", "test"])
    arguments, rest = parser.parse_known_args()
    os.chdir(BASE_DIR)
    if arguments.action == "up":
        return up()
    return test(rest)


if __name__ == "__main__":
    sys.exit(main())
