import pytest
from django.contrib.auth.models import AnonymousUser

from participation.models import ParticipantProfile
from tests.accounts.factories import UserFactory, unverified_user, verified_user

pytestmark = pytest.mark.django_db


def fresh(user):
    """A new instance, as the next request would load it."""
    return type(user).objects.get(pk=user.pk)


def test_verified_resident_may_contribute():
    assert verified_user().has_perm("accounts.contribute")


def test_anonymous_visitor_may_not_contribute():
    assert not AnonymousUser().has_perm("accounts.contribute")


def test_unverified_user_may_not_contribute():
    assert not unverified_user().has_perm("accounts.contribute")


def test_user_without_any_address_row_may_not_contribute():
    assert not UserFactory().has_perm("accounts.contribute")


def test_inactive_user_may_not_contribute():
    assert not verified_user(is_active=False).has_perm("accounts.contribute")


def test_blocked_user_may_not_contribute_until_unblocked():
    moderator = verified_user(is_staff=True)
    user = verified_user()
    ParticipantProfile.to_write(user).block("Propos injurieux répétés", by=moderator)
    blocked = fresh(user)
    assert blocked.participation_profile.contribution_blocked
    assert blocked.participation_profile.contribution_blocked_at is not None
    assert blocked.participation_profile.contribution_blocked_by == moderator
    assert not blocked.has_perm("accounts.contribute")

    blocked.participation_profile.unblock()
    unblocked = fresh(user)
    assert unblocked.participation_profile.contribution_blocked_reason == ""
    assert unblocked.has_perm("accounts.contribute")


def test_verified_check_is_one_query_per_request(django_assert_num_queries):
    user = fresh(verified_user())
    with django_assert_num_queries(1):
        assert user.has_perm("accounts.contribute")
        assert user.has_perm("accounts.contribute")


def test_public_name_never_shows_the_e_mail_address():
    user = UserFactory(display_name="", first_name="", last_name="")
    assert "@" not in user.public_name
    assert user.email.split("@")[0] not in user.public_name
