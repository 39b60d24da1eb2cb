"""The stack's nginx: a self-signed certificate and the site file of deploy/nginx, filled in.

The site file is the one a VM installs (``deploy/nginx/grand-quercy.conf``); the stack only
fills its ``{{ fields }}`` and wraps it in a main configuration of its own folder.
"""

import shutil
import subprocess
from pathlib import Path

from deploy.services import wait_for_port

DEPLOY_DIR = Path(__file__).resolve().parent


def self_signed_certificate(directory, host):
    """``(certificate, key)`` for ``host``: the stack speaks HTTPS as production does."""
    certificate, key = directory / "tls.crt", directory / "tls.key"
    if certificate.exists() and key.exists():
        return certificate, key
    subprocess.run(  # noqa: S603
        [
            shutil.which("openssl") or "/usr/bin/openssl",
            "req",
            "-x509",
            "-newkey",
            "rsa:2048",
            "-nodes",
            "-days",
            "365",
            "-subj",
            f"/CN={host}",
            "-addext",
            f"subjectAltName=IP:{host},DNS:localhost",
            "-keyout",
            str(key),
            "-out",
            str(certificate),
        ],
        check=True,
        capture_output=True,
    )
    return certificate, key


def write_conf(directory, fields):
    """Fill the site file with ``fields`` and write nginx.conf around it in ``directory``."""
    site = (DEPLOY_DIR / "nginx" / "grand-quercy.conf").read_text()
    for field, value in fields.items():
        site = site.replace("{{ %s }}" % field, value)  # noqa: UP031
    for folder in ("temp", "logs"):
        (directory / folder).mkdir(parents=True, exist_ok=True)
    (directory / "grand-quercy.conf").write_text(site)
    conf = directory / "nginx.conf"
    conf.write_text(
        f"""daemon off;
worker_processes 1;
pid {directory / "nginx.pid"};
error_log {directory / "logs" / "error.log"} warn;
events {{ worker_connections 512; }}
http {{
    include /etc/nginx/mime.types;
    access_log {directory / "logs" / "access.log"};
    client_body_temp_path {directory / "temp"};
    proxy_temp_path {directory / "temp"};
    fastcgi_temp_path {directory / "temp"};
    uwsgi_temp_path {directory / "temp"};
    scgi_temp_path {directory / "temp"};
    include {directory / "grand-quercy.conf"};
}}
"""
    )
    return conf


def start(directory, host, port):
    """nginx on ``directory``'s configuration, once it has checked it and listens."""
    binary = shutil.which("nginx", path="/usr/sbin:/usr/bin:/usr/local/sbin")
    conf = directory / "nginx.conf"
    subprocess.run(  # noqa: S603
        [binary, "-t", "-q", "-p", str(directory), "-c", str(conf)], check=True
    )
    process = subprocess.Popen(  # noqa: S603
        [binary, "-p", str(directory), "-c", str(conf)], start_new_session=True
    )
    if not wait_for_port(host, port, 30, process):
        raise RuntimeError("nginx ne répond pas")
    return process
