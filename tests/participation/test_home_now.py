"""The home page leads with what is happening now: open consultations, « Ma commune »,
the next meetings; the site's name is said once (in the header's wordmark)."""

from . import factories


def test_home_leads_with_open_consultations_and_my_commune(client, site_root):
    open_now = factories.consultation(site_root, "open", title="Mobilités rurales")
    factories.consultation(site_root, "upcoming", title="Santé de proximité")
    html = client.get("/").content.decode()
    now = html.index("Consultations ouvertes")
    assert html.index(open_now.url) > now
    assert "Santé de proximité" not in html[now : html.index("Ma commune")]
    assert html.index("Ma commune") < html.index("Prochaines réunions")
    assert '<label for="recherche-ma-commune">' in html
    assert 'action="/communes/"' in html
    assert html.count("<h1>") == 1
    assert "<h1>Grand Quercy" not in html


def test_home_says_when_no_consultation_is_open(client, site_root):
    html = client.get("/").content.decode()
    assert "Aucune consultation n’est ouverte en ce moment." in html
