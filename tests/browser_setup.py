"""Make sure a Chromium is there for the browser tests: Debian's, installed if missing.

On a Debian machine run as root (CI, a fresh server), the `chromium` package is
installed with apt; elsewhere Playwright's own Chromium is downloaded.
"""

import os
import shutil
import subprocess
import sys

SYSTEM_CHROMIUM = ("/usr/bin/chromium", "/usr/bin/chromium-browser")


def system_chromium():
    for path in SYSTEM_CHROMIUM:
        if shutil.which(path):
            return path
    return None


def apt_get():
    """apt-get's full path when this process may install Debian packages, else None."""
    path = shutil.which("apt-get")
    return path if path and os.geteuid() == 0 else None


def main():
    if system_chromium():
        return
    apt = apt_get()
    if apt:
        sys.stdout.write("Pas de Chromium système : installation du paquet Debian.\n")
        env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
        for arguments in (["update", "-qq"], ["install", "-y", "-qq", "chromium"]):
            subprocess.run([apt, *arguments], check=True, env=env)  # noqa: S603
        if system_chromium():
            return
    sys.stdout.write("Pas de Chromium système : installation de celui de Playwright.\n")
    subprocess.run(
        [sys.executable, "-m", "playwright", "install", "chromium"], check=True
    )


if __name__ == "__main__":
    main()
