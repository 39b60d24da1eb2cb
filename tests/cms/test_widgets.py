"""The shared <select> writes its options in one pass: the markup must stay Django’s."""

import re

import pytest
from django import forms

from cms.widgets import FastSelect

pytestmark = pytest.mark.django_db


def normalised(html):
    return re.sub(r">\s+<", "><", str(html).strip())


@pytest.mark.parametrize(
    "choices",
    [
        [
            ("", "---------"),
            ("a", "Arcambal"),
            ("b", "Bélaye & <Cahors>"),
            ("c", "<script>"),
        ],
        [("Lot", [("1", "Un"), ("2", "Deux")]), ("3", "Trois")],
    ],
)
def test_same_markup_as_djangos_select(choices):
    class Form(forms.Form):
        mine = forms.ChoiceField(choices=choices, widget=FastSelect)
        theirs = forms.ChoiceField(choices=choices)

    form = Form(initial={"mine": "b", "theirs": "b"})
    mine = normalised(form["mine"]).replace("mine", "field")
    theirs = normalised(form["theirs"]).replace("theirs", "field")
    assert mine == theirs
    assert "<script" not in mine and "<Cahors>" not in mine  # labels stay escaped
