"""The charter is a page: the demo's says the same reasons as the code, editors edit it."""

import io

import pytest
from django.contrib.auth.models import Group
from django.test import override_settings
from django.utils.html import strip_tags

from cms.models import SiteSettings
from cms.roles import COMMUNICATION
from demo import cms as cms_demo
from demo import cms_legal as demo_legal
from demo import participation as demo
from participation.checks import hiding_reasons_are_charter_reasons
from participation.models import Appeal, Comment, ReportReason

from . import factories

pytestmark = pytest.mark.django_db


def charter_text():
    return strip_tags(
        "".join(
            block["value"] if block["type"] == "paragraph" else block["value"]["text"]
            for block in demo_legal.PARTICIPATION_CHARTER
        )
    )


def test_the_demo_charter_lists_the_hiding_reasons_in_the_same_words():
    text = charter_text()
    for reason in ReportReason.charter():
        assert f"{reason.label} ;" in text or f"{reason.label}." in text, reason
    assert "Hors sujet ;" in text
    assert str(ReportReason.OTHER.label) not in text


def test_the_demo_charter_explains_appeals_and_links_the_statistics():
    text = charter_text()
    assert "Demander un réexamen" in text
    assert "une seule fois" in text
    assert "Une autre personne de l’équipe de modération que celle qui l’a masquée" in (
        text
    )
    html = "".join(
        block["value"]
        for block in demo_legal.PARTICIPATION_CHARTER
        if block["type"] == "paragraph"
    )
    assert '<a href="/participation/moderation/">' in html


def test_communication_staff_edit_the_demo_charter(client, site_root):
    cms_demo.load(io.StringIO())
    charter = SiteSettings.objects.get().participation_charter_page
    editor = factories.UserFactory(is_staff=True)
    editor.groups.add(Group.objects.get(name=COMMUNICATION))
    client.force_login(editor)
    assert client.get(f"/admin/pages/{charter.pk}/edit/").status_code == 200
    permissions = charter.permissions_for_user(editor)
    assert permissions.can_edit() and permissions.can_publish()
    public = client.get(charter.url).content.decode()
    assert "Doublon d’une contribution existante" in public


def test_the_settings_hiding_reasons_are_charter_reasons():
    assert hiding_reasons_are_charter_reasons(None) == []
    with override_settings(PARTICIPATION_HIDING_REASONS=["spam", "other", "rudesse"]):
        [error] = hiding_reasons_are_charter_reasons(None)
    assert error.id == "participation.E001"
    assert "other, rudesse" in error.msg


def test_the_demo_shows_tags_and_an_appeal_idempotently(site_root):
    demo.load(io.StringIO())
    counts = (Comment.objects.count(), Appeal.objects.count())
    demo.load(io.StringIO())
    assert (Comment.objects.count(), Appeal.objects.count()) == counts
    assert set(Comment.objects.exclude(stance="").values_list("stance", flat=True)) == {
        "pour",
        "contre",
        "question",
    }
    appeal = Appeal.objects.get()
    assert appeal.is_open and appeal.comment.hidden_reason_code == "spam"
