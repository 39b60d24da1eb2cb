"""Request ids and JSON logs: every log line a request causes carries its id, the
response tells it back (X-Request-ID), and Sentry/GlitchTip tags its events with it,
so one failing request can be followed from nginx to the error report."""

import contextvars
import json
import logging
import re
import uuid
from datetime import UTC, datetime

import sentry_sdk

HEADER = "X-Request-ID"
# nginx's $request_id (32 hex digits) or any sane id a proxy in front sets.
VALID_ID = re.compile(r"[A-Za-z0-9._-]{8,64}")

request_id = contextvars.ContextVar("request_id", default="-")


class RequestIdMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        incoming = request.headers.get(HEADER, "")
        value = incoming if VALID_ID.fullmatch(incoming) else uuid.uuid4().hex
        token = request_id.set(value)
        request.request_id = value
        sentry_sdk.set_tag("request_id", value)
        try:
            response = self.get_response(request)
        finally:
            request_id.reset(token)
        response[HEADER] = value
        return response


class RequestIdFilter(logging.Filter):
    def filter(self, record):
        record.request_id = request_id.get()
        return True


class JsonFormatter(logging.Formatter):
    """One JSON object per line, as log collectors (journald, Loki, a PaaS) expect."""

    def format(self, record):
        entry = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
            "request_id": getattr(record, "request_id", request_id.get()),
        }
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        return json.dumps(entry, ensure_ascii=False)
