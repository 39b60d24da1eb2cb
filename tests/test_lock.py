"""The lock files follow pyproject.toml: a dependency added there without `make lock`
would be missing from CI and production, which install from the lock."""

import re
import tomllib
from pathlib import Path

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

BASE_DIR = Path(__file__).resolve().parent.parent


def pinned(name):
    text = (BASE_DIR / "requirements" / name).read_text()
    pins = re.findall(r"^([A-Za-z0-9._-]+)(?:\[[^\]]*\])?==([^\s;\\]+)", text, re.M)
    return {canonicalize_name(package): version for package, version in pins}


def declared():
    project = tomllib.loads((BASE_DIR / "pyproject.toml").read_text())["project"]
    production = [Requirement(line) for line in project["dependencies"]]
    test = [Requirement(line) for line in project["optional-dependencies"]["test"]]
    return production, test


def assert_locked(requirements, pins, lock):
    for requirement in requirements:
        name = canonicalize_name(requirement.name)
        assert name in pins, f"{requirement.name} absent de {lock} : make lock"
        assert requirement.specifier.contains(pins[name], prereleases=True), (
            f"{lock} fixe {requirement.name}=={pins[name]}, hors de "
            f"{requirement.specifier} : make lock"
        )


def test_production_lock_holds_every_production_dependency_and_no_test_tool():
    production, test = declared()
    pins = pinned("production.txt")
    assert_locked(production, pins, "requirements/production.txt")
    for tool in ("pytest", "ruff", "playwright", "moto", "factory-boy"):
        assert tool not in pins


def test_test_lock_holds_everything_with_the_same_versions():
    production, test = declared()
    pins = pinned("test.txt")
    assert_locked([*production, *test], pins, "requirements/test.txt")
    for package, version in pinned("production.txt").items():
        assert pins[package] == version, package


def test_every_pin_carries_its_hashes():
    for lock in ("production.txt", "test.txt"):
        text = (BASE_DIR / "requirements" / lock).read_text()
        entries = re.split(r"\n(?=[A-Za-z0-9])", text.strip())
        for entry in entries:
            assert "--hash=sha256:" in entry, entry.splitlines()[0]
