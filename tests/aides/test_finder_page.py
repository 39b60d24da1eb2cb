"""« Quelles aides pour mon projet ? »: four questions by GET, the matching schemes, an
example plan, clear errors and a helpful empty state; nothing needs JavaScript."""

import re
from urllib.parse import urlencode

import pytest

from aides.models import AidScheme

pytestmark = pytest.mark.django_db

ANSWERS = {
    "porteur": "commune",
    "commune": "46042",
    "theme": "batiments",
    "cout": "250000",
}


def search(client, page, **answers):
    query = urlencode({**ANSWERS, **answers}, doseq=True)
    response = client.get(f"{page.url}?{query}")
    assert response.status_code == 200
    return response


def names(response):
    return [result.scheme.name for result in response.context["results"]]


def test_the_page_asks_four_questions_by_get_without_javascript(client, page, communes):
    response = client.get(page.url)
    html = response.text
    assert response.status_code == 200
    assert '<form method="get" action=""' in html
    for label in (
        "Qui porte le projet ?",
        "Dans quelle commune ?",
        "De quoi s’agit-il ?",
        "Combien coûte-t-il, hors taxes (en euros) ?",
    ):
        assert label in html
    assert '<option value="46042">Cahors</option>' in html
    assert "Voir les aides" in html
    assert "aides pour votre projet" not in html  # nothing asked yet, nothing listed
    assert "<script" not in html.split("<main", 1)[1].split("</main>", 1)[0]


def test_answers_list_the_open_schemes_for_this_carrier_theme_commune_and_cost(
    client, page, catalogue, contact
):
    response = search(client, page)
    assert names(response) == [
        "DETR — bâtiments communaux",
        "DSIL — rénovation énergétique",
        "Contrat Bourg-Centre Occitanie",
    ]
    html = response.text
    assert "3 aides pour votre projet" in html
    assert "https://www.demarches-simplifiees.fr/commencer/detr-lot" in html
    assert "Déposer le dossier" in html
    assert f'href="{contact.url}"' in html
    assert "dotations@lot.gouv.test" in html
    assert "au fil de l’eau" in html  # the Région's scheme takes dossiers at any time
    assert "Fonds clos" not in html and "Brouillon" not in html


def test_the_example_plan_keeps_the_communes_twenty_percent(client, page, catalogue):
    response = search(client, page)
    plan = response.context["plan"]
    # One scheme per funder by default: the DETR (87 500 €) rather than the DSIL.
    assert [(line.scheme.name, line.amount) for line in plan.lines] == [
        ("DETR — bâtiments communaux", 87500),
        ("Contrat Bourg-Centre Occitanie", 75000),
    ]
    assert plan.self_funding == 87500
    html = response.text
    assert "Exemple de plan de financement" in html
    assert "87\u202f500\u00a0€" in html
    assert "article L1111-10" in html
    assert "monuments protégés" in html and "calamités publiques" in html
    assert "Sous réserve" in html


def test_the_plan_follows_the_ticked_schemes(client, page, catalogue):
    dsil = catalogue["dsil"]
    response = search(
        client, page, plan=[dsil.pk, catalogue["detr"].pk], plan_choisi="1"
    )
    plan = response.context["plan"]
    assert [line.scheme.name for line in plan.lines] == [
        "DETR — bâtiments communaux",
        "DSIL — rénovation énergétique",
    ]
    assert [line.amount for line in plan.lines] == [87500, 75000]
    assert f'value="{dsil.pk}" id="plan-{dsil.pk}" checked' in response.text
    region = catalogue["region"]
    assert f'value="{region.pk}" id="plan-{region.pk}">' in response.text


def test_the_rule_trims_the_last_public_aid(client, page, catalogue):
    response = search(
        client,
        page,
        plan=[
            s.pk for s in (catalogue["detr"], catalogue["dsil"], catalogue["region"])
        ],
        plan_choisi="1",
    )
    plan = response.context["plan"]
    assert [line.amount for line in plan.lines] == [87500, 75000, 37500]
    assert plan.self_funding == 50000  # 20 % of 250 000 € of public funding
    assert "réduit pour garder la part minimale du porteur (20 %)" in response.text


def test_an_association_sees_its_schemes_and_no_twenty_percent_rule(
    client, page, catalogue
):
    response = search(client, page, porteur="association", commune="", theme="sante")
    assert names(response) == ["Appel à projets du Contrat Local de Santé"]
    assert "La part minimale d’une collectivité" not in response.text
    assert "ne s’applique qu’aux collectivités" in response.text


def test_the_answers_are_the_address_to_share(client, page, catalogue):
    response = search(client, page)
    query = urlencode(ANSWERS)
    assert response.context["share_url"] == f"http://testserver{page.url}?{query}"
    assert (
        f'href="http://testserver{page.url}?{query.replace("&", "&amp;")}"'
        in response.text
    )
    # The same address gives the same answer, to anyone (from the page cache).
    again = client.get(f"{page.url}?{query}")
    assert again.content == response.content


@pytest.mark.parametrize(
    ("answers", "field", "message"),
    [
        ({"cout": "-5"}, "cout", "Le coût doit être supérieur à 0 €."),
        ({"cout": "0"}, "cout", "Le coût doit être supérieur à 0 €."),
        ({"cout": "beaucoup"}, "cout", "Indiquez le coût en chiffres, en euros"),
        ({"cout": ""}, "cout", "Indiquez le coût du projet hors taxes."),
        (
            {"commune": "99999"},
            "commune",
            "Commune inconnue : choisissez une commune du Grand Quercy",
        ),
        ({"commune": ""}, "commune", "Choisissez la commune qui porte le projet."),
        (
            {"porteur": "entreprise"},
            "porteur",
            "Choisissez qui porte le projet dans la liste.",
        ),
        ({"theme": "espace"}, "theme", "Thème inconnu"),
    ],
)
def test_bad_answers_are_explained_in_the_form(
    client, page, catalogue, answers, field, message
):
    response = search(client, page, **answers)
    html = response.text
    assert message in html
    assert "Le formulaire contient des erreurs" in html
    assert "aides pour votre projet" not in html and "plan de financement" not in html
    error_id = f"id_{field}_error"
    assert f'id="{error_id}"' in html
    described = re.search(rf'aria-describedby="([^"]*{error_id}[^"]*)"', html)
    assert described, f"no input of {field} is described by its error"


def test_a_commune_outside_the_territory_is_unknown(
    client, page, catalogue, outside_commune
):
    response = search(client, page, commune="82121")
    assert "Commune inconnue" in response.text


def test_amounts_may_be_typed_the_french_way(client, page, catalogue):
    response = search(client, page, cout="250\u202f000,00 €")
    assert response.context["plan"].cost == 250000


def test_nothing_matching_says_whom_to_ask(client, page, catalogue, contact):
    AidScheme.objects.filter(themes="").update(is_published=False)
    response = search(client, page, theme="numerique", cout="1000")
    html = response.text
    assert response.context["results"] == []
    assert "0 aide pour votre projet" in html
    assert "Aucune aide ne correspond à ces réponses pour l’instant." in html
    assert (
        f'<a href="{contact.url}">Contactez le pôle des Politiques contractuelles</a>'
        in html
    )


def test_the_page_links_the_open_data(client, page):
    html = client.get(page.url).text
    assert 'href="/aides-financements/catalogue.csv"' in html
    assert 'href="/aides-financements/catalogue.json"' in html
    assert 'href="/api/v1/aid-schemes/"' in html


def test_a_demarche_serving_a_scheme_wins_over_its_procedure_url(
    client, page, catalogue, site_root
):
    from tests.contrats.factories import make_contract
    from tests.mayors.factories import DemarcheFactory

    contract = make_contract(site_root, kind="CTO", short_name="CTO", tree=(1, 1, 1))
    demarche = DemarcheFactory(contract=contract)
    demarche.aid_schemes.add(catalogue["region"])
    demarche.save()  # a ParentalManyToManyField writes with its démarche

    html = search(client, page).text
    assert f'<a href="{demarche.get_absolute_url()}"' in html
    assert "https://www.demarches-simplifiees.fr/commencer/detr-lot" in html
    records = {
        r["nom"]: r
        for r in client.get("/aides-financements/catalogue.json").json()["donnees"]
    }
    assert records["Contrat Bourg-Centre Occitanie"]["demarche_url"] == (
        f"http://testserver{demarche.get_absolute_url()}"
    )
    [api] = [
        s
        for s in client.get("/api/v1/aid-schemes/").json()["results"]
        if s["name"] == "Contrat Bourg-Centre Occitanie"
    ]
    assert api["procedure_url"] == demarche.get_absolute_url()


def test_linking_a_demarche_renews_the_cached_answers(
    client, page, catalogue, site_root, settings
):
    from tests.contrats.factories import make_contract
    from tests.mayors.factories import DemarcheFactory

    settings.PAGE_CACHE_ENABLED = True
    demarche = DemarcheFactory(
        contract=make_contract(site_root, kind="CTO", short_name="CTO", tree=(1, 1, 1))
    )
    assert demarche.get_absolute_url() not in search(client, page).text
    demarche.aid_schemes.add(catalogue["region"])
    demarche.save()
    assert demarche.get_absolute_url() in search(client, page).text
