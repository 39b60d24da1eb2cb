"""A dossier's financing line may name the aid scheme it asks: the scheme's funder, its
maximum rate of the cost HT and its ceiling are checked as the 20 % rule is, the reason
shown with the figures; a draft still saves, the deposit waits."""

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from aides.financing import dossier_scheme_errors
from aides.models import Funder
from contrats.models import FinancingLine
from mayors.models import FinancingPlanLine, Submission
from mayors.programme import compile_programme
from tests.aides.factories import AidSchemeFactory

from .factories import PASSWORD, make_complete_draft
from .test_add_financing_line import as_posted

pytestmark = pytest.mark.django_db
State = Submission.State
NNBSP, NBSP = "\u202f", "\u00a0"


def euros(text):
    return text.replace(" ", NNBSP) + NBSP + "€"


@pytest.fixture
def draft(call, commune_a, mayor_a, measure):
    """Cost 250 000 € HT; Région 80 000 €, État 70 000 €: the 20 % rule is kept."""
    return make_complete_draft(call, commune_a, mayor_a, measure)


def ask(draft, scheme, amount=None, funder="etat"):
    line = FinancingPlanLine.objects.get(submission=draft, funder=funder)
    line.scheme = scheme
    if amount is not None:
        line.amount = Decimal(amount)
    line.save()
    return line


def test_a_line_within_the_rate_passes(draft):
    ask(draft, AidSchemeFactory(max_rate=Decimal("40")), 100000)  # 40 % of 250 000
    assert draft.financing_errors() == []
    assert draft.deposit_problems() == []


def test_a_line_above_the_rate_says_the_rate_and_the_figures(draft, mayor_a):
    ask(draft, AidSchemeFactory(max_rate=Decimal("20")))  # 50 000 € at most
    [problem] = draft.deposit_problems()
    assert problem == (
        f"Le dispositif DETR finance au plus 20 % du coût HT, soit {euros('50 000')} "
        f"pour ce projet : la ligne en demande {euros('70 000')}."
    )
    with pytest.raises(Exception, match="au plus 20 %"):
        draft.submit(by=mayor_a)
    draft.refresh_from_db()
    assert draft.state == State.DRAFT


def test_a_line_above_the_ceiling_says_the_ceiling(draft):
    scheme = AidSchemeFactory(programme="", name="Fonds vert", ceiling=Decimal(60000))
    ask(draft, scheme)
    assert draft.financing_errors() == [
        f"Le dispositif Fonds vert est plafonné à {euros('60 000')} : la ligne en "
        f"demande {euros('70 000')}."
    ]


def test_the_lines_asking_one_scheme_count_together(draft):
    scheme = AidSchemeFactory(max_rate=Decimal("40"))  # 100 000 € at most
    ask(draft, scheme)
    FinancingPlanLine.objects.create(
        submission=draft, funder="etat", amount=Decimal(40000), scheme=scheme
    )
    FinancingPlanLine.objects.filter(submission=draft, funder="region").update(
        amount=Decimal(1000)
    )
    assert draft.financing_errors() == [
        f"Le dispositif DETR finance au plus 40 % du coût HT, soit {euros('100 000')} "
        f"pour ce projet : les 2 lignes en demandent {euros('110 000')}."
    ]


def test_a_scheme_asked_of_another_funder_is_refused(draft):
    ask(draft, AidSchemeFactory(programme="CTO", funder=Funder.REGION))
    assert draft.financing_errors() == [
        "Le dispositif CTO relève du financeur « Région Occitanie » : la ligne le "
        "demande à « État »."
    ]
    # ADEME, ARS and private funders are « Autre » in a dossier's plan.
    ademe = AidSchemeFactory(programme="", name="Fonds chaleur", funder=Funder.ADEME)
    lines = [FinancingPlanLine(funder="autre", amount=Decimal(1000), scheme=ademe)]
    assert dossier_scheme_errors(lines, Decimal(250000)) == []


def test_lines_without_a_scheme_are_unaffected(draft):
    AidSchemeFactory(max_rate=Decimal("1"))
    assert draft.financing_errors() == []
    assert dossier_scheme_errors(list(draft.financing_lines.all()), None) == []


def test_without_a_cost_only_the_ceiling_is_checked():
    scheme = AidSchemeFactory(max_rate=Decimal("10"), ceiling=Decimal(5000))
    lines = [FinancingPlanLine(funder="etat", amount=Decimal(5000), scheme=scheme)]
    assert dossier_scheme_errors(lines, None) == []
    lines[0].amount = Decimal(5001)
    assert "plafonné à" in dossier_scheme_errors(lines, None)[0]


# --- through the pages -----------------------------------------------------------------


@pytest.fixture
def mayor_client(client, mayor_a):
    client.login(email=mayor_a.email, password=PASSWORD)
    return client


def test_the_form_offers_published_schemes_under_their_funder(mayor_client, draft):
    AidSchemeFactory(name="Dotation d’équipement des territoires ruraux")
    AidSchemeFactory(programme="LEADER", funder=Funder.EUROPE, name="LEADER Quercy")
    AidSchemeFactory(name="Brouillon de dispositif", is_published=False)
    html = mayor_client.get(reverse("mayors:submission_edit", args=[draft.pk])).text
    etat = html[html.index('<optgroup label="État">') :]
    etat = etat[: etat.index("</optgroup>")]
    assert "DETR — Dotation d’équipement des territoires ruraux" in etat
    assert "LEADER Quercy" in html and "LEADER Quercy" not in etat
    assert "Brouillon de dispositif" not in html


def test_a_draft_saves_above_the_rate_and_the_deposit_says_why(
    mayor_client, draft, mayor_a
):
    scheme = AidSchemeFactory(max_rate=Decimal("20"))
    edit = reverse("mayors:submission_edit", args=[draft.pk])
    data = as_posted(mayor_client.get(edit))
    data["financement-1-scheme"] = str(scheme.pk)
    assert mayor_client.post(edit, data).status_code == 302
    assert draft.financing_lines.get(funder="etat").scheme == scheme

    reason = "Le dispositif DETR finance au plus 20 % du coût HT"
    submit = reverse("mayors:submission_submit", args=[draft.pk])
    page = mayor_client.get(submit).text
    assert reason in page and "Confirmer le dépôt" not in page
    detail = mayor_client.get(reverse("mayors:submission_detail", args=[draft.pk]))
    assert reason in detail.text and "État — DETR" in detail.text
    refused = mayor_client.post(submit, follow=True)
    assert reason in refused.text
    draft.refresh_from_db()
    assert draft.state == State.DRAFT

    data["financement-1-amount"] = "50000"
    assert mayor_client.post(edit, data).status_code == 302
    mayor_client.post(submit)
    draft.refresh_from_db()
    assert draft.state == State.SUBMITTED


def test_the_form_refuses_a_scheme_of_another_funder_or_unpublished(
    mayor_client, draft
):
    region = AidSchemeFactory(programme="CTO", funder=Funder.REGION)
    hidden = AidSchemeFactory(is_published=False)
    edit = reverse("mayors:submission_edit", args=[draft.pk])
    data = as_posted(mayor_client.get(edit))
    data["financement-1-scheme"] = str(region.pk)
    response = mayor_client.post(edit, data)
    assert response.status_code == 200
    assert "relève du financeur « Région Occitanie »" in response.text
    data["financement-1-scheme"] = str(hidden.pk)
    response = mayor_client.post(edit, data)
    assert "Sélectionnez un choix valide" in response.text
    assert not draft.financing_lines.filter(scheme__isnull=False).exists()


def test_the_dossier_page_does_not_grow_with_schemes(client, call, commune_a, mayor_a):
    client.login(email=mayor_a.email, password=PASSWORD)
    counts = []
    for size in (1, 8):
        draft = Submission.create_draft(
            call=call,
            commune=commune_a,
            by=mayor_a,
            title=f"Dossier {size}",
            estimated_cost=Decimal(1_000_000),
        )
        for _ in range(size):
            FinancingPlanLine.objects.create(
                submission=draft,
                funder="etat",
                amount=Decimal(10000),
                scheme=AidSchemeFactory(),
            )
        url = reverse("mayors:submission_detail", args=[draft.pk])
        client.get(url)
        with CaptureQueriesContext(connection) as context:
            assert client.get(url).status_code == 200
        counts.append(len(context.captured_queries))
    assert counts[0] == counts[1], counts
    print(f"priority dossier page with schemes: {counts} queries at 1 and 8")  # noqa: T201


def test_compiling_carries_the_scheme_as_the_programme(
    call, commune_a, mayor_a, measure, staff
):
    draft = make_complete_draft(call, commune_a, mayor_a, measure)
    ask(draft, AidSchemeFactory(programme="detr"))
    draft.submit(by=mayor_a)
    draft.start_review(by=staff)
    draft.decide(by=staff, outcome=State.RETAINED)
    compile_programme(call)
    draft.refresh_from_db()
    [line] = FinancingLine.objects.filter(project=draft.project)
    assert (line.funder, line.programme) == ("etat", FinancingLine.Programme.DETR)
