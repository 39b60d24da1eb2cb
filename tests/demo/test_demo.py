"""The demo (demo/, loaded by load_demo): idempotent, true to its sources, and what each
app's demo shows; the one test module that loads it. The other tests build their data
with the factories of tests/<app>/factories.py."""

import io
import os
import pathlib
import re
import subprocess
import sys
from decimal import Decimal

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.db.models import Sum
from django.urls import reverse
from django.utils import timezone
from django.utils.html import strip_tags
from wagtail.models import Page

from cms.models import MainMenuItem, NewsPage, SiteSettings
from cms.models.settings import validate_postal_address
from cms.roles import COMMUNICATION
from contrats.models import (
    Axe,
    ContractPage,
    ContractsIndexPage,
    Epci,
    FinancingLine,
    Mesure,
    Orientation,
    POVersion,
    Project,
)
from demo import cms as cms_demo
from demo import cms_legal
from demo import contrats as contrats_demo
from demo import mayors as mayors_demo
from demo import participation as participation_demo
from demo.cms import DEMO_PASSWORD
from mayors.models import CallForPriorities, Organisation
from participation.models import (
    AnswerStatus,
    Appeal,
    Comment,
    ConsultationPage,
    CouncilPage,
    ParticipationSettings,
    Proposal,
    ReportReason,
    Support,
)
from tests.cms.factories import ContactPageFactory
from tests.participation import factories

pytestmark = pytest.mark.django_db

ROOT = pathlib.Path(__file__).resolve().parents[2]
RUNTIME = ["site", "contrats", "participation", "mayors"]


def text_of(response):
    assert response.status_code == 200
    return " ".join(re.sub(r"<[^>]+>", " ", response.content.decode()).split())


class Out:
    def __init__(self):
        self.lines = []

    def write(self, text):
        self.lines.append(text)


# --- the demo apart -----------------------------------------------------------------


def test_no_runtime_module_imports_the_demo():
    imports = re.compile(r"^\s*(from demo[ .]|import demo\b)", re.MULTILINE)
    found = [
        str(path.relative_to(ROOT))
        for folder in RUNTIME
        for path in (ROOT / folder).rglob("*.py")
        if imports.search(path.read_text())
    ]
    assert found == []
    assert not [p for folder in RUNTIME for p in (ROOT / folder).rglob("demo*.py")]


def test_production_does_not_install_the_demo():
    environ = {
        name: value
        for name, value in os.environ.items()
        if name not in {"DEMO", "DEBUG", "DJANGO_SETTINGS_MODULE"}
    }
    script = (
        "import django; django.setup(); from django.apps import apps; "
        "print(apps.is_installed('demo'))"
    )
    for extra, installed in (({}, "False"), ({"DEMO": "1"}, "True")):
        result = subprocess.run(  # noqa: S603
            [sys.executable, "-c", script],
            cwd=ROOT,
            env={
                **environ,
                **extra,
                "PYTHONPATH": f"{ROOT}{os.pathsep}{ROOT / 'site'}",
                "DJANGO_SETTINGS_MODULE": "config.settings.production",
                "SECRET_KEY": "x" * 50,
            },
            capture_output=True,
            text=True,
            check=True,
        )
        assert result.stdout.strip() == installed, result.stderr


# --- the public site ----------------------------------------------------------------


def test_demo_runs_twice_without_duplicates(site_root):
    cms_demo.load(io.StringIO())
    counts = (
        Page.objects.count(),
        MainMenuItem.objects.count(),
        NewsPage.objects.count(),
    )
    cms_demo.load(io.StringIO())
    assert (
        Page.objects.count(),
        MainMenuItem.objects.count(),
        NewsPage.objects.count(),
    ) == counts
    charter = ParticipationSettings.objects.get().charter_page
    assert charter.slug == "charte-de-participation"
    settings = SiteSettings.objects.get()
    assert settings.privacy_page.slug == "participation"
    assert settings.get_rgaa_status_display() == "partiellement conforme"
    titles = [item.text for item in settings.menu_items.order_by("sort_order")]
    assert titles == ["Le Grand Quercy", "Actualités", "Agenda", "Contact"]
    assert NewsPage.objects.filter(title__contains="9 717 373 €").exists()


def test_home_entry_points_are_linked_to_the_apps_index_pages(client, site_root):
    site_root.add_child(
        instance=ContractsIndexPage(title="Les contrats", slug="contrats")
    )
    html = client.get("/").content.decode()
    assert '<a href="/contrats/">Les contrats</a>' in html
    assert "Donnez votre avis sur les projets du territoire" not in html


def test_add_to_main_menu_is_idempotent_and_keeps_contact_last(site_root):
    contact = ContactPageFactory(parent=site_root)
    settings = cms_demo.site_settings()
    settings.contact_page = contact
    settings.save()
    cms_demo.add_to_main_menu(contact, "Contact")
    cms_demo.add_to_main_menu("/participation/", "Participation")
    cms_demo.add_to_main_menu("/participation/", "Participation")
    labels = [item.text for item in settings.menu_items.order_by("sort_order")]
    assert labels == ["Participation", "Contact"]


DEMO_URLS = [
    "/",
    "/le-grand-quercy/",
    "/le-grand-quercy/politiques-contractuelles/",
    "/le-grand-quercy/gouvernance-du-crte/",
    "/le-grand-quercy/porteurs-de-projets/",
    "/le-grand-quercy/intranet-des-collectivites/",
    "/actualites/",
    "/actualites/signature-du-crte/",
    "/agenda/",
    "/agenda/?periode=passes",
    "/agenda/comite-de-pilotage-crte/",
    "/contact/",
    "/plan-du-site/",
    "/recherche/?q=CRTE",
    "/mentions-legales/",
    "/accessibilite/",
    "/accessibilite/schema-pluriannuel/",
    "/donnees-personnelles/",
    "/donnees-personnelles/participation/",
    "/cookies/",
    "/charte-de-participation/",
]


def test_every_demo_page_renders_in_french_with_its_chrome(client, demo_site):
    for url in DEMO_URLS:
        response = client.get(url)
        assert response.status_code == 200, url
        html = response.content.decode()
        assert '<html lang="fr">' in html
        assert 'href="#contenu"' in html
        assert '<main id="contenu"' in html
        assert 'aria-label="Menu principal"' in html
        assert "Accessibilité : partiellement conforme" in html, url
        assert 'type="application/rss+xml"' in html

    home = client.get("/").content.decode()
    assert "Dernières actualités" in home
    assert home.count('class="card"') >= 4
    assert "Les collectivités déposent désormais leurs dossiers en ligne" in home
    assert "Prochaines réunions" in home
    assert "Séance plénière du Conseil Participatif Citoyen" in home
    assert 'href="/espace-elus/"' in home
    for url, label in [
        ("/mentions-legales/", "Mentions légales"),
        ("/accessibilite/", "Accessibilité : partiellement conforme"),
        ("/donnees-personnelles/", "Données personnelles"),
        ("/cookies/", "Gestion des cookies"),
        ("/plan-du-site/", "Plan du site"),
        ("/contact/", "Contact"),
    ]:
        assert f'<a href="{url}">{label}</a>' in home
    for label in ["Le Grand Quercy", "Actualités", "Agenda", "Contact"]:
        assert f">{label}</a></li>" in home

    article = client.get("/actualites/signature-du-crte/").content.decode()
    assert '<meta name="description" content="Le 17 décembre 2021' in article
    assert '<meta property="og:type" content="article">' in article
    assert (
        '<meta property="og:title" content="Le Grand Quercy signe son Contrat'
        in article
    )
    assert (
        '<meta property="og:image" content="http://testserver/media/images/' in article
    )

    crumbs = client.get("/le-grand-quercy/gouvernance-du-crte/").content.decode()
    assert 'aria-label="Fil d’Ariane"' in crumbs
    assert '<a href="/">Accueil</a>' in crumbs
    assert '<a href="/le-grand-quercy/">Le Grand Quercy</a>' in crumbs
    assert '<li aria-current="page">La gouvernance du CRTE</li>' in crumbs

    sitemap = client.get("/plan-du-site/").content.decode()
    assert '<a href="/le-grand-quercy/politiques-contractuelles/">' in sitemap
    assert '<a href="/actualites/">Actualités</a>' in sitemap
    assert (
        "signature-du-crte" not in sitemap
    )  # articles are reached through their index
    assert sitemap.count('<ul class="sitemap">') >= 3  # nested levels

    missing = client.get("/cette-page-n-existe-pas/")
    assert missing.status_code == 404
    assert "Page introuvable" in missing.content.decode()
    assert '<a href="/plan-du-site/">' in missing.content.decode()

    legal_pages_say_what_the_law_asks(client)


def legal_pages_say_what_the_law_asks(client):
    notice = client.get("/mentions-legales/").content.decode()
    assert "Directeur de la publication" in notice
    assert "Le Président du PETR Grand Quercy" in notice
    assert "Hébergement" in notice
    accessibility = client.get("/accessibilite/").content.decode()
    assert "RGAA" in accessibility and "4.1" in accessibility
    assert "<strong>partiellement conforme</strong>" in accessibility
    assert "Défenseur des droits" in accessibility
    assert 'href="/accessibilite/schema-pluriannuel/"' in accessibility
    data = client.get("/donnees-personnelles/").content.decode()
    assert "dpo@grandquercy.fr" in data
    for processing in [
        "Formulaire de contact",
        "Comptes des habitants et contributions",
        "Intranet des élus et dossiers des collectivités",
        "Fonds de carte",
    ]:
        assert processing in data
    assert "data.geopf.fr" in data  # the map tiles' host is named
    assert "Lettre d’information" not in data  # no newsletter is promised
    assert data.count("Durée de conservation") == 4
    cookies = client.get("/cookies/").content.decode()
    assert "aucun bandeau de consentement" in cookies
    assert "csrftoken" in cookies and "sessionid" in cookies
    charter = client.get("/charte-de-participation/").content.decode()
    assert "Participant·e supprimé·e" in charter


def test_the_demo_address_is_complete():
    validate_postal_address(cms_legal.ADDRESS)
    assert cms_legal.ADDRESS.splitlines()[-1] == "46000 Cahors"


# --- contracts ------------------------------------------------------------------------


def test_demo_loads_twice_and_keeps_the_source_figures(site_root):
    contrats_demo.load(Out())
    snapshot = (
        ContractPage.objects.count(),
        Project.objects.count(),
        FinancingLine.objects.count(),
        POVersion.objects.count(),
    )
    contrats_demo.load(Out())
    assert snapshot == (
        ContractPage.objects.count(),
        Project.objects.count(),
        FinancingLine.objects.count(),
        POVersion.objects.count(),
    )
    assert Epci.objects.petr_members().count() == 7
    crte = ContractPage.objects.get(kind=ContractPage.Kind.CRTE)
    assert crte.signature_date.isoformat() == "2021-12-17"
    assert Orientation.objects.filter(contract=crte).count() == 3
    assert Axe.objects.filter(orientation__contract=crte).count() == 7
    assert Mesure.objects.filter(axe__orientation__contract=crte).count() == 21
    state_2021 = FinancingLine.objects.filter(
        funder="etat", year=2021, project__in=crte.projects()
    ).aggregate(total=Sum("amount"))["total"]
    assert state_2021 == Decimal("9717373")
    assert crte.figures.sums["y2021"] >= state_2021
    assert {b.value["institution"] for b in crte.committee} >= {
        "État",
        "PETR Grand Quercy",
        "Département du Lot",
        "ADEME Occitanie",
    }
    cto = ContractPage.objects.get(kind=ContractPage.Kind.CTO)
    adopted = POVersion.objects.filter(po__contract=cto, status="adopte")
    assert sorted({v.po.year for v in adopted}) == [2023, 2024]
    assert adopted.filter(kind="avenant").count() == 1
    for line in FinancingLine.objects.filter(funder="region"):
        line.full_clean()  # every Région line satisfies the PO rule
    assert ContractPage.objects.get(kind="RURALITE").is_archived
    assert ContractPage.objects.get(kind="BOURG_CENTRE").zoning.count() >= 5


# --- participation --------------------------------------------------------------------


def test_demo_is_idempotent(site_root):
    out = io.StringIO()
    participation_demo.load(out)
    counts = (
        ConsultationPage.objects.count(),
        Proposal.objects.count(),
        Comment.objects.count(),
        Support.objects.count(),
        CouncilPage.objects.count(),
    )
    participation_demo.load(out)
    assert counts == (
        ConsultationPage.objects.count(),
        Proposal.objects.count(),
        Comment.objects.count(),
        Support.objects.count(),
        CouncilPage.objects.count(),
    )
    assert counts[0] == 3 and counts[1] >= 11
    states = {page.state for page in ConsultationPage.objects.all()}
    assert states == {"open", "closed", "results"}


def charter_text():
    return strip_tags(
        "".join(
            block["value"] if block["type"] == "paragraph" else block["value"]["text"]
            for block in cms_legal.PARTICIPATION_CHARTER
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
        for block in cms_legal.PARTICIPATION_CHARTER
        if block["type"] == "paragraph"
    )
    assert '<a href="/participation/moderation/">' in html


def test_communication_staff_edit_the_demo_charter(client, site_root):
    cms_demo.load(io.StringIO())
    charter = ParticipationSettings.objects.get().charter_page
    editor = factories.UserFactory(is_staff=True)
    editor.groups.add(Group.objects.get(name=COMMUNICATION))
    client.force_login(editor)
    assert client.get(f"/admin/pages/{charter.pk}/edit/").status_code == 200
    permissions = charter.permissions_for_user(editor)
    assert permissions.can_edit() and permissions.can_publish()
    public = client.get(charter.url).content.decode()
    assert "Doublon d’une contribution existante" in public


def test_the_demo_shows_tags_and_an_appeal_idempotently(site_root):
    participation_demo.load(io.StringIO())
    counts = (Comment.objects.count(), Appeal.objects.count())
    participation_demo.load(io.StringIO())
    assert (Comment.objects.count(), Appeal.objects.count()) == counts
    assert set(Comment.objects.exclude(stance="").values_list("stance", flat=True)) == {
        "pour",
        "contre",
        "question",
    }
    appeal = Appeal.objects.get()
    assert appeal.is_open and appeal.comment.hidden_reason_code == "spam"


def test_the_demo_shows_a_consultation_with_late_answers(client, site_root):
    participation_demo.load(io.StringIO())
    participation_demo.load(io.StringIO())  # idempotent
    late = ConsultationPage.objects.get(slug="commerces-centre-bourg")
    assert late.is_closed and late.answers_are_late
    assert late.late_answers_count() == 2
    assert "Réponses en retard : 2 propositions" in text_of(client.get(late.url))
    assert [c.pk for c in ConsultationPage.with_late_answers()] == [late.pk]


def test_the_demo_shows_a_whole_trace_idempotently(
    site_root, media, django_capture_on_commit_callbacks
):
    for _run in range(2):
        with django_capture_on_commit_callbacks(execute=True):
            contrats_demo.load(Out())
            participation_demo.load(Out())
    proposal = Proposal.objects.get(title=participation_demo.LINKED_PROPOSAL)
    assert proposal.answer.status == AnswerStatus.ACCEPTED
    project = proposal.project
    assert project.slug == contrats_demo.PROGRESS_PROJECT
    assert project.current_po_entries().exists()
    assert project.status_changes.count() == 3  # the first status, then two changes
    assert project.progress_notes.count() == 2
    assert sum(note.photos.count() for note in project.progress_notes.all()) == 1
    steps = proposal.trace()
    assert {step.kind for step in steps} == {
        "submitted",
        "answered",
        "project",
        "programme",
        "status",
        "note",
    }
    photo = next(step for step in steps if step.kind == "note" and step.data["photos"])
    assert photo.data["photos"][0].rendition is not None


# --- the mayors' intranet -------------------------------------------------------------


def test_the_demo_shows_a_letter_and_a_visit_at_the_mairie(site_root):
    call_command("load_demo", stdout=io.StringIO())
    mayors_demo.load(io.StringIO())  # again: nothing doubles
    (proposal,) = Proposal.objects.filter(deposit_commune__isnull=False)
    (comment,) = Comment.objects.filter(deposit_commune__isnull=False)
    assert proposal.easy_read and proposal.consultation.easy_read
    assert "déposée en mairie de Cahors" in str(proposal.author_name)
    assert comment.proposal.author is not None
    year = timezone.now().year + 1
    assert CallForPriorities.objects.get(year=year).title == (
        f"Priorités des communes pour le PO {year}"
    )


def test_the_demo_association_files_at_the_cls(client, site_root, settings):
    settings.DEBUG = True  # the demo accounts get their password
    call_command("load_demo", stdout=io.StringIO())
    mayors_demo.load(io.StringIO())  # again: nothing doubles
    association = Organisation.objects.get()
    assert "(exemple)" in association.name
    cls = CallForPriorities.objects.get(title__startswith="Contrat Local de Santé")
    assert cls.open_to_associations and cls.open_to_communes
    assert not CallForPriorities.objects.get(kind="priorities").open_to_associations
    client.login(email="association.sante@grandquercy.test", password=DEMO_PASSWORD)
    page = client.get(reverse("mayors:dashboard")).text
    assert (
        reverse("mayors:organisation_submission_create", args=[cls.pk, association.pk])
        in page
    )
    assert "Fiches-projets CRTE 2027" not in page
    assert [s.programme for s in cls.aid_schemes.all()] == ["CLS"]
    bourgs = CallForPriorities.objects.get(title__startswith="Contrats Bourgs-Centres")
    assert [s.programme for s in bourgs.aid_schemes.all()] == ["Bourg-Centre"]


def test_the_notice_no_longer_promises_a_newsletter_and_names_the_tile_host(site_root):
    text = str(cms_legal.personal_data("/participation/")) + str(cms_legal.COOKIES)
    assert "Lettre d’information" not in text
    assert "data.geopf.fr" in text


def test_the_demo_catalogue_of_aids_and_its_page_load_twice(client, site_root):
    from aides.models import AidFinderPage, AidScheme
    from demo import aides as aides_demo

    aides_demo.load(io.StringIO())
    aides_demo.load(io.StringIO())
    assert AidScheme.objects.published().count() == 12
    assert {s.programme for s in AidScheme.objects.all()} >= {
        "DETR",
        "DSIL",
        "Fonds vert",
        "FNADT",
        "Bourg-Centre",
        "FAST",
        "LEADER",
        "FEDER",
        "CLS",
        "Fonds Chaleur",
    }
    assert all("à titre d’exemple" in s.description for s in AidScheme.objects.all())
    page = AidFinderPage.objects.get()
    assert (
        MainMenuItem.objects.filter(link_page=page, label="Quelles aides ?").count()
        == 1
    )
    html = client.get(
        page.url, {"porteur": "association", "theme": "sante", "cout": "15000"}
    ).text
    assert "Contrat Local de Santé — appel à projets prévention" in html
    assert "Exemple de plan de financement" in html
