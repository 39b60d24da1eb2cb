"""tests/deploy/: the production stack (deploy/stack.py) brought up once for the session,
tried from outside through nginx like a visitor, a mayor or an operator would.

Run by ``make stack-test`` only (it sets GQ_STACK_TEST); plain ``make test`` skips the
folder. Fixtures for new tests:

- ``stack``: the running :class:`deploy.stack.Stack` — ``base_url`` (nginx, HTTPS),
  ``node_urls`` (web.1, web.2, plain HTTP), ``kill(name, sig=SIGKILL)`` /
  ``restart(name)`` for ``web.1``, ``web.2``, ``worker.1``, ``scheduler.1`` (a new name,
  e.g. ``restart("scheduler.2")``, starts one more of that kind; ``processes[name]`` is its
  Popen), ``manage(*args, env=…)`` (manage.py with the stack's environment),
  ``mail_dir`` (every e-mail the stack sent, one file per connection, file backend),
  ``sql(query, *params)`` (rows from the stack's database), ``s3.client()`` (boto3 on
  the buckets ``gq-media`` and ``gq-private``), ``env`` (the variables of it all).
- Tests may kill and restart processes but leave the stack as they found it (restart in
  a ``finally``); the database and buckets are shared by the session's tests.
- ``visitor(address="127.0.0.2")``: a browser-like HTTP session whose connections leave
  from that loopback address, so nginx and the limits see distinct clients; see
  :class:`Visitor` (``get``, ``submit`` a form with its CSRF token, ``login``, ``on_node``).
"""

import os
import re
from html import unescape
from urllib.parse import urljoin

import pytest
import requests
from requests.adapters import HTTPAdapter

collect_ignore_glob = [] if os.environ.get("GQ_STACK_TEST") else ["test_*.py"]

DEMO_PASSWORD = "grandquercy-demo"
ADMIN = "admin@grandquercy.test"
MAYOR_CAHORS = "maire.cahors@grandquercy.test"
MAYOR_GOURDON = "maire.gourdon@grandquercy.test"


@pytest.fixture(scope="session")
def django_db_setup():
    """The stack has its own database: these tests never create a test database."""


@pytest.fixture(scope="session")
def stack():
    from deploy.stack import Stack

    # Staff here upload through the admin to try the topology; the second factor itself
    # is tried in tests/security/test_mfa.py with real TOTP codes.
    os.environ["MFA_REQUIRED_FOR_STAFF"] = "false"
    running = Stack(database=os.environ.get("STACK_DATABASE"))
    try:
        running.start()
        yield running
    finally:
        running.stop()


class SourceAddressAdapter(HTTPAdapter):
    def __init__(self, address, **kwargs):
        self.address = address
        super().__init__(**kwargs)

    def init_poolmanager(self, *args, **kwargs):
        kwargs["source_address"] = (self.address, 0)
        super().init_poolmanager(*args, **kwargs)


class Visitor(requests.Session):
    """One client of the site: its own cookies and its own source address."""

    def __init__(self, stack, address):
        super().__init__()
        self.stack = stack
        self.address = address
        self.verify = str(stack.certificate)
        for prefix in ("https://", "http://"):
            self.mount(prefix, SourceAddressAdapter(address))

    def request(self, method, url, *args, **kwargs):
        kwargs.setdefault("timeout", 30)
        # Redirects are part of what a test checks: followed only when asked (follow=True).
        kwargs["allow_redirects"] = kwargs.pop("follow", False)
        # Per request: REQUESTS_CA_BUNDLE in the environment would win over the session's.
        kwargs.setdefault("verify", self.verify)
        return super().request(
            method, urljoin(self.stack.base_url, url), *args, **kwargs
        )

    def on_node(self, index, method, path, **kwargs):
        """Ask one app node directly (0: web.1, 1: web.2), as nginx would forward it."""
        headers = {
            "X-Forwarded-Proto": "https",
            "X-Forwarded-For": self.address,
            # The session cookie is Secure: sent by hand over the node's plain HTTP.
            "Cookie": "; ".join(f"{c.name}={c.value}" for c in self.cookies),
            "Referer": self.stack.base_url + path,
            **kwargs.pop("headers", {}),
        }
        return requests.request(
            method,
            self.stack.node_urls[index] + path,
            headers=headers,
            timeout=kwargs.pop("timeout", 60),
            allow_redirects=False,
            **kwargs,
        )

    def csrf_token(self, path, index=None):
        page = self.get(path) if index is None else self.on_node(index, "GET", path)
        assert page.status_code == 200, (
            path,
            page.status_code,
            page.headers.get("Location"),
        )
        if index is not None:
            self.cookies.update(page.cookies)
        match = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text)
        return unescape(match.group(1)), page

    def submit(self, path, data, files=None, action=None, index=None):
        """Post the form found at ``path`` (to ``action``, default the same address)."""
        token, _page = self.csrf_token(path, index)
        data = {"csrfmiddlewaretoken": token, **data}
        target = action or path
        if index is not None:
            return self.on_node(index, "POST", target, data=data, files=files)
        return self.post(
            target,
            data=data,
            files=files,
            headers={"Referer": self.stack.base_url + path},
        )

    def login(self, email, password=DEMO_PASSWORD):
        response = self.submit("/compte/login/", {"login": email, "password": password})
        assert response.status_code == 302, response.text[-2000:]
        return response


@pytest.fixture
def visitor(stack):
    sessions = []

    def make(address="127.0.0.2"):
        session = Visitor(stack, address)
        sessions.append(session)
        return session

    yield make
    for session in sessions:
        session.close()
