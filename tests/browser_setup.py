"""Make sure a Chromium is there for the browser tests: Debian's, or Playwright's own."""

import shutil
import subprocess
import sys

SYSTEM_CHROMIUM = ("/usr/bin/chromium", "/usr/bin/chromium-browser")


def system_chromium():
    for path in SYSTEM_CHROMIUM:
        if shutil.which(path):
            return path
    return None


def main():
    if system_chromium():
        return
    sys.stdout.write("Pas de Chromium système : installation de celui de Playwright.\n")
    subprocess.run(
        [sys.executable, "-m", "playwright", "install", "chromium"], check=True
    )


if __name__ == "__main__":
    main()
