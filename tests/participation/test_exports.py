import csv
import io
import json

import openpyxl
import pytest
from django.urls import reverse

from participation.models import Answer, Comment, Support

from . import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def answered(proposal, other_resident):
    Support.objects.create(proposal=proposal, user=other_resident)
    Comment.objects.create(
        consultation=proposal.consultation,
        proposal=proposal,
        author=other_resident,
        body="+1",
    )
    Answer.objects.create(proposal=proposal, status="studying", explanation="En cours.")
    return proposal


def test_open_data_csv_and_json_without_personal_data(client, answered):
    consultation = answered.consultation
    response = client.get(
        reverse("participation:open_data_csv", args=[consultation.pk])
    )
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0]["titre"] == answered.title
    assert (rows[0]["soutiens"], rows[0]["commentaires"], rows[0]["reponse"]) == (
        "1",
        "1",
        "À l’étude",
    )
    data = json.loads(
        client.get(
            reverse("participation:open_data_json", args=[consultation.pk])
        ).content
    )
    assert data["donnees"][0]["explication"] == "En cours."
    everything = response.content.decode() + json.dumps(data, ensure_ascii=False)
    for personal in (answered.author.email, answered.author.display_name):
        assert personal not in everything


def test_open_data_leaves_out_hidden_proposals(client, open_consultation):
    factories.ProposalFactory(
        consultation=open_consultation, title="Cachée", status="hidden"
    )
    response = client.get(
        reverse("participation:open_data_csv", args=[open_consultation.pk])
    )
    assert "Cachée" not in response.content.decode()


@pytest.mark.parametrize(
    "viewset", ["participation_proposals", "participation_comments"]
)
def test_staff_export_xlsx_and_csv(client, answered, moderator, viewset):
    client.force_login(moderator)
    url = reverse(f"{viewset}:index")
    response = client.get(url, {"export": "xlsx"})
    assert response.status_code == 200
    workbook = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    rows = list(workbook.active.iter_rows(values_only=True))
    assert len(rows) == 2
    response = client.get(url, {"export": "csv"})
    content = b"".join(response.streaming_content).decode()
    assert len(list(csv.reader(io.StringIO(content)))) == 2


def test_proposal_export_has_counts_and_answer(client, answered, moderator):
    client.force_login(moderator)
    response = client.get(reverse("participation_proposals:index"), {"export": "csv"})
    rows = list(
        csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode()))
    )
    assert rows[0]["Soutiens"] == "1"
    assert rows[0]["Réponse"] == "À l’étude"


def test_residents_cannot_export(client, answered, resident):
    client.force_login(resident)
    response = client.get(reverse("participation_proposals:index"), {"export": "csv"})
    assert response.status_code in (302, 403)


def test_open_data_carries_the_licence(client, answered):
    response = client.get(
        reverse("participation:open_data_json", args=[answered.consultation.pk])
    )
    assert 'rel="license"' in response["Link"]
    assert "Licence Ouverte" in json.loads(response.content)["licence"]["nom"]
