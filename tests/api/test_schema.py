"""The OpenAPI schema checked against the live API by schemathesis.

Every operation of ``/api/v1/schema/`` is called through the WSGI application with
generated parameters, valid and invalid ones: no server error, only documented status
codes and content types, every response valid against its documented schema, valid
parameters accepted and invalid ones rejected. Deterministic (derandomized) and kept
short: a few examples per operation on a small data set.
"""

import pytest
import schemathesis
from django.conf import settings as django_settings
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from django.test import override_settings
from hypothesis import HealthCheck, Phase, settings

from api.views import openapi_schema

pytestmark = pytest.mark.django_db


@pytest.fixture
def wsgi_app():
    """The real WSGI application, sharing the test's database transaction.

    Like Django's test client, requests must not close the connection that holds the
    test's transaction.
    """
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        with override_settings(
            PAGE_CACHE_ENABLED=False,
            REST_FRAMEWORK={
                **django_settings.REST_FRAMEWORK,
                "DEFAULT_THROTTLE_RATES": {"api": None},
            },
        ):
            yield WSGIHandler()
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


# The document that /api/v1/schema/ serves (test_endpoints checks they are the same);
# loaded at collection, since schemathesis' lazy fixture loader does not support
# pytest 9 yet. Requests go to the live application given to each call.
schema = schemathesis.openapi.from_dict(openapi_schema())


@schema.parametrize()
@settings(
    max_examples=25,
    derandomize=True,
    deadline=None,
    database=None,
    phases=[Phase.explicit, Phase.generate],
    suppress_health_check=list(HealthCheck),
)
def test_api_conforms_to_its_schema(case, data, wsgi_app):
    case.call_and_validate(app=wsgi_app)
