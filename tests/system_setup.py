"""The Debian packages the suite runs for real, installed with apt (as root) if missing:
ClamAV's clamscan and clamd (they load the EICAR signatures the tests build; nothing is
downloaded). Chromium has its own setup (tests.browser_setup)."""

from deploy.services import ensure_debian_packages

SUITE_PACKAGES = {"clamscan": "clamav", "clamd": "clamav-daemon"}

if __name__ == "__main__":
    ensure_debian_packages(SUITE_PACKAGES)
