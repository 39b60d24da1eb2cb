"""The machine's side of the stack, each started on loopback as a child process: clamd
over TCP with a locally built signature database, and an S3-protocol server.

``make stack`` uses them, and so do the tests that need a real clamd or a real bucket.
Nothing here downloads anything: the only signature is the EICAR test file's.
"""

import hashlib
import os
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

# The standard anti-virus test file (68 bytes); harmless, found by every scanner.
EICAR = b"X5O!P%@AP[4\\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*"


def free_port(host="127.0.0.1"):
    with socket.socket() as probe:
        probe.bind((host, 0))
        return probe.getsockname()[1]


def wait_for_port(host, port, timeout, process=None):
    """Wait until something accepts connections on host:port; False after timeout."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process is not None and process.poll() is not None:
            return False
        try:
            with socket.create_connection((host, port), timeout=1):
                return True
        except OSError:
            time.sleep(0.1)
    return False


def eicar_signature_db(directory):
    """A ClamAV database directory that knows EICAR alone: the file itself (a hash
    signature, md5:size:name) and its string inside any other file (a body signature)."""
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    digest = hashlib.md5(EICAR, usedforsecurity=False).hexdigest()
    (directory / "local.hdb").write_text(
        f"{digest}:{len(EICAR)}:Eicar-Test-Signature-GQ\n"
    )
    (directory / "local.ndb").write_text(f"Eicar-Inside-GQ:0:*:{EICAR.hex()}\n")
    return directory


def ensure_debian_packages(commands):
    """Install with apt, as root, the Debian package of each command that is missing.

    ``commands`` maps a command to its package, e.g. ``{"clamd": "clamav-daemon"}``.
    """
    path = f"{os.environ.get('PATH', '')}:/usr/sbin:/usr/local/sbin"
    missing = sorted(
        {
            package
            for command, package in commands.items()
            if not shutil.which(command, path=path)
        }
    )
    if not missing:
        return
    apt = shutil.which("apt-get")
    if not apt or os.geteuid() != 0:
        sys.exit(
            f"Paquets Debian manquants : {' '.join(missing)} (apt-get install, en root)."
        )
    sys.stdout.write(f"Installation des paquets Debian : {' '.join(missing)}\n")
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    subprocess.run([apt, "update", "-qq"], check=True, env=env)  # noqa: S603
    subprocess.run(  # noqa: S603
        [apt, "install", "-y", "-qq", "--no-install-recommends", *missing],
        check=True,
        env=env,
    )


def clamd_binary():
    return shutil.which("clamd") or shutil.which(
        "clamd", path="/usr/sbin:/usr/local/sbin"
    )


class ChildService:
    """A server this process started and stops."""

    process = None

    def stop(self):
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


class Clamd(ChildService):
    """Debian's clamd in the foreground on 127.0.0.1:port, with the EICAR database."""

    def __init__(self, directory, port=None, host="127.0.0.1"):
        self.directory = Path(directory)
        self.host = host
        self.port = port or free_port(host)

    @property
    def address(self):
        return f"{self.host}:{self.port}"

    def write_config(self):
        database = eicar_signature_db(self.directory / "db")
        config = self.directory / "clamd.conf"
        config.write_text(
            "\n".join(
                [
                    "Foreground yes",
                    f"TCPSocket {self.port}",
                    f"TCPAddr {self.host}",
                    f"DatabaseDirectory {database}",
                    f"PidFile {self.directory / 'clamd.pid'}",
                    f"TemporaryDirectory {self.directory}",
                    "LogTime yes",
                    "MaxThreads 4",
                    "StreamMaxLength 25M",
                    "",
                ]
            )
        )
        return config

    def start(self, timeout=60, stdout=None):
        binary = clamd_binary()
        if not binary:
            sys.exit(
                "clamd manquant : make test installe le paquet Debian clamav-daemon."
            )
        config = self.write_config()
        self.process = subprocess.Popen(  # noqa: S603
            [binary, "--config-file", str(config)],
            stdout=stdout or subprocess.DEVNULL,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        if not wait_for_port(self.host, self.port, timeout, self.process):
            self.stop()
            raise RuntimeError(f"clamd n’écoute pas sur {self.address}")
        return self


class S3Server(ChildService):
    """moto's standalone server: the real S3 HTTP API on loopback, buckets in memory."""

    access_key = "stack-access-key"
    secret_key = "stack-secret-key"  # noqa: S105
    region = "eu-west-3"

    def __init__(self, port=None, host="127.0.0.1"):
        self.host = host
        self.port = port or free_port(host)

    @property
    def endpoint_url(self):
        return f"http://{self.host}:{self.port}"

    def start(self, buckets=(), timeout=60, stdout=None):
        binary = Path(sys.executable).with_name("moto_server")
        self.process = subprocess.Popen(  # noqa: S603
            [str(binary), "-H", self.host, "-p", str(self.port)],
            stdout=stdout or subprocess.DEVNULL,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        if not wait_for_port(self.host, self.port, timeout, self.process):
            self.stop()
            raise RuntimeError(f"le serveur S3 n’écoute pas sur {self.endpoint_url}")
        client = self.client()
        for bucket in buckets:
            client.create_bucket(
                Bucket=bucket,
                CreateBucketConfiguration={"LocationConstraint": self.region},
            )
        return self

    def client(self):
        import boto3

        return boto3.client(
            "s3",
            endpoint_url=self.endpoint_url,
            aws_access_key_id=self.access_key,
            aws_secret_access_key=self.secret_key,
            region_name=self.region,
        )

    def environ(self, media_bucket, private_bucket, media_url):
        """The variables that point the application's storages at this server."""
        return {
            "S3_ENDPOINT_URL": self.endpoint_url,
            "S3_REGION": self.region,
            "S3_ACCESS_KEY_ID": self.access_key,
            "S3_SECRET_ACCESS_KEY": self.secret_key,
            "S3_MEDIA_BUCKET": media_bucket,
            "S3_PRIVATE_BUCKET": private_bucket,
            "S3_MEDIA_URL": media_url,
        }


# Source whose change calls for a new template database or new static files.
KEYED = (
    "site",
    "contrats",
    "participation",
    "mayors",
    "demo",
    "static",
    "templates",
    "locale",
)


def code_key(base_dir):
    """A hash of the code and assets the database, the demo and the static files come from."""
    digest = hashlib.sha256()
    for folder in KEYED:
        for path in sorted((base_dir / folder).rglob("*")):
            if (
                path.is_file()
                and "__pycache__" not in path.parts
                and path.suffix != ".mo"
            ):
                digest.update(str(path.relative_to(base_dir)).encode())
                digest.update(path.read_bytes())
    digest.update((base_dir / "requirements" / "production.txt").read_bytes())
    return digest.hexdigest()[:12]
