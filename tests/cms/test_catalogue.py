"""The French catalogue: plural rules of French, every plural entry filled."""

from pathlib import Path

from babel.messages.pofile import read_po
from django.conf import settings
from django.template import Context, Template
from django.utils.translation import override

PO_PATH = Path(settings.BASE_DIR) / "locale" / "fr" / "LC_MESSAGES" / "django.po"


def test_catalogue_has_french_plural_forms_and_every_plural_filled():
    with PO_PATH.open("rb") as handle:
        catalogue = read_po(handle)
    assert catalogue.plural_forms == "nplurals=2; plural=(n > 1);"
    plurals = [message for message in catalogue if message.pluralizable]
    assert len(plurals) > 30
    for message in plurals:
        assert not message.fuzzy, message.id
        assert message.string == (message.id[0], message.id[1]), message.id


def test_zero_is_singular_in_french():
    with override("fr"):
        rendered = Template(
            "{% load i18n %}{% blocktranslate count counter=n with q='bus' %}"
            "{{ counter }} résultat pour « {{ q }} »{% plural %}"
            "{{ counter }} résultats pour « {{ q }} »{% endblocktranslate %}"
        )
        assert rendered.render(Context({"n": 0})) == "0 résultat pour « bus »"
        assert rendered.render(Context({"n": 1})) == "1 résultat pour « bus »"
        assert rendered.render(Context({"n": 2})) == "2 résultats pour « bus »"


def test_search_page_says_zero_result_in_the_singular(client, site_root):
    response = client.get("/recherche/", {"q": "zzzintrouvable"})
    assert "0 résultat pour « zzzintrouvable »" in response.content.decode()
