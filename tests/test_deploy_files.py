"""The Procfile (PaaS, make stack) and the systemd units (a VM) say the same thing."""

import configparser
from pathlib import Path

from honcho.environ import parse_procfile

BASE_DIR = Path(__file__).resolve().parent.parent
UNITS = BASE_DIR / "deploy" / "systemd"
VENV = "/srv/grand-quercy/.venv/bin/"
UNIT_OF = {
    "web": "grand-quercy-web@.service",
    "worker": "grand-quercy-worker.service",
    "scheduler": "grand-quercy-scheduler.service",
    "release": "grand-quercy-release.service",
}


def unit_commands(name):
    parser = configparser.ConfigParser(strict=False, interpolation=None)
    parser.optionxform = str
    lines = (UNITS / name).read_text().splitlines()
    commands = [
        line.split("=", 1)[1].removeprefix(VENV)
        for line in lines
        if line.startswith("ExecStart=")
    ]
    parser.read_string("\n".join(line for line in lines if not line.startswith("#")))
    return commands, parser


def test_every_procfile_process_has_a_unit_running_the_same_commands():
    procfile = parse_procfile((BASE_DIR / "Procfile").read_text()).processes
    assert set(procfile) == set(UNIT_OF)
    for process, command in procfile.items():
        commands, unit = unit_commands(UNIT_OF[process])
        assert commands == command.split(" && "), process
        assert unit["Service"]["EnvironmentFile"] == "/etc/grand-quercy/env"
        assert unit["Service"]["WorkingDirectory"] == "/srv/grand-quercy"


def test_no_unit_without_its_procfile_process():
    assert {path.name for path in UNITS.glob("*.service")} == set(UNIT_OF.values())


def test_app_nodes_listen_on_loopback_behind_nginx():
    _commands, unit = unit_commands(UNIT_OF["web"])
    assert "GUNICORN_HOST=127.0.0.1" in unit["Service"]["Environment"]
    assert "PORT=%i" in unit["Service"]["Environment"]
