"""The hiding reasons are the charter's: a setting naming another one fails the checks."""

import pytest
from django.test import override_settings

from participation.checks import hiding_reasons_are_charter_reasons

pytestmark = pytest.mark.django_db


def test_the_settings_hiding_reasons_are_charter_reasons():
    assert hiding_reasons_are_charter_reasons(None) == []
    with override_settings(PARTICIPATION_HIDING_REASONS=["spam", "other", "rudesse"]):
        [error] = hiding_reasons_are_charter_reasons(None)
    assert error.id == "participation.E001"
    assert "other, rudesse" in error.msg
