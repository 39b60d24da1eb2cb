"""The whole loop in Chromium, from a resident's proposal to the funded project.

A resident of Cahors proposes; a moderator answers "Retenue" and links the proposal to
the project it became; policy staff put the project in the adopted Programme
Opérationnel and post a progress note; the resident's weekly digest tells each step;
the proposal page and the commune page show all of it. axe audits every page on the way.
"""

import datetime
import re
from decimal import Decimal

import pytest
from django.core import mail
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from wagtail.test.utils.form_data import inline_formset, nested_form_data

from contrats.models import POVersion, ProgressNote
from participation.models import Answer, Proposal
from tests import browser
from tests.browser import assert_accessible
from tests.contrats.factories import (
    CommuneFactory,
    EpciFactory,
    ProjectFactory,
    make_contract,
    make_po,
)

from . import factories

pytestmark = pytest.mark.browser


@pytest.fixture
def territory(site_root):
    from cms.models import StandardPage
    from participation.models import ParticipationSettings

    charter = site_root.add_child(
        instance=StandardPage(title="Charte de participation", slug="charte")
    )
    settings = ParticipationSettings.for_site(site_root.get_site())
    settings.charter_page = charter
    settings.save()
    epci = EpciFactory(name="CA du Grand Cahors", nature="CA")
    cahors = CommuneFactory(insee_code="46042", name="Cahors", epci=epci)
    consultation = factories.consultation(
        site_root, "open", title="Santé de proximité", categories=["Soins"]
    )
    consultation.communes.set([cahors])
    consultation.save_revision().publish()
    cto = make_contract(site_root, kind="CTO", short_name="CTO")
    project = ProjectFactory.build(
        title="Maison de santé de Cahors", slug="maison-de-sante-cahors"
    )
    project.communes.set([cahors])
    project.save()
    version = make_po(cto, 2027).draft_version()
    return {"cahors": cahors, "consultation": consultation, "project": project} | {
        "version": version
    }


def sign_in(page, user):
    page.goto("/compte/login/")
    page.fill("#id_login", user.email)
    page.fill("#id_password", factories.PASSWORD)
    page.get_by_role("button", name="Connexion").click()
    page.wait_for_load_state()


def admin_sign_in(page, user):
    browser.admin_sign_in(page, user.email, factories.PASSWORD)


def test_from_a_residents_proposal_to_the_funded_project(
    chromium_browser, live_server, territory
):
    consultation, project = territory["consultation"], territory["project"]
    resident = factories.UserFactory(commune=territory["cahors"])
    moderator = factories.moderator()
    context = chromium_browser.new_context(base_url=live_server.url, locale="fr-FR")
    page = context.new_page()
    page.set_default_timeout(15_000)
    try:
        # A resident of Cahors proposes; the digest is the default rhythm.
        sign_in(page, resident)
        page.goto("/compte/notifications/")
        assert page.get_by_label("Une lettre par semaine").is_checked()
        assert_accessible(page)
        page.goto(consultation.url)
        page.get_by_role("link", name="Déposer une proposition").click()
        page.fill("#id_title", "Une maison de santé à Cahors")
        page.fill(
            "#id_body", "Des médecins, des infirmières et un kiné au même endroit."
        )
        page.select_option("#id_commune", label="Cahors")
        page.get_by_role("button", name="Envoyer ma proposition").click()
        page.wait_for_selector("text=Votre proposition est publiée")
        proposal = Proposal.objects.get()

        # A moderator answers "Retenue" and links the proposal to its project.
        staff = chromium_browser.new_context(base_url=live_server.url, locale="fr-FR")
        admin = staff.new_page()
        admin.set_default_timeout(15_000)
        admin_sign_in(admin, moderator)
        admin.goto(reverse("participation_answers:add"))
        admin.select_option("#id_proposal", str(proposal.pk))
        admin.select_option("#id_status", "accepted")
        admin.fill("#id_explanation", "Retenue : le projet est inscrit au contrat.")
        admin.locator("form button[type=submit]").last.click()
        admin.wait_for_url("**/participation/reponses/")
        assert Answer.objects.get(proposal=proposal).status == "accepted"
        admin.goto(reverse("participation_proposals:inspect", args=[proposal.pk]))
        admin.get_by_role("link", name="Suivi de la proposition").click()
        admin.get_by_role("button", name="Choisir un projet").click()
        modal = admin.locator(".modal")
        modal.get_by_role("textbox").fill("maison de santé")
        modal.get_by_role("link", name="Maison de santé de Cahors").click()
        admin.get_by_role("button", name="Lier à ce projet").click()
        admin.get_by_text(
            "La proposition est liée au projet « Maison de santé de Cahors »."
        ).wait_for()
        staff.close()

        # Policy staff adopt the PO with the project and post a progress note, through
        # the admin's own forms.
        policy = Client()
        policy.force_login(factories.staff_user("Politiques contractuelles"))
        version = territory["version"]
        response = policy.post(
            reverse("contrats_po_versions:edit", args=[version.pk]),
            nested_form_data(
                {
                    "po": version.po_id,
                    "status": "adopte",
                    "adopted_on": "2027-03-02",
                    "note": "",
                    "entries": inline_formset(
                        [
                            {
                                "project": project.pk,
                                "region_amount": "120000",
                                "note": "",
                            }
                        ]
                    ),
                }
            ),
        )
        assert response.status_code == 302
        assert POVersion.objects.get(pk=version.pk).is_frozen
        response = policy.post(
            reverse("contrats_progress:add"),
            nested_form_data(
                {
                    "project": project.pk,
                    "date": datetime.date.today().isoformat(),
                    "title": "Le permis de construire est accordé",
                    "text": "Les travaux commencent au printemps.",
                    "photos": inline_formset([]),
                }
            ),
        )
        assert response.status_code == 302, response.context["form"].errors
        assert ProgressNote.objects.filter(project=project).exists()

        # The weekly digest tells the resident each step, once.
        assert [m for m in mail.outbox if m.to == [resident.email]] == []
        call_command("send_digests")
        digests = [m for m in mail.outbox if m.to == [resident.email]]
        assert len(digests) == 1
        body = digests[0].body
        for step in (
            "Réponse : Retenue",
            "Retenue : le projet est inscrit au contrat.",
            "est devenue un projet des contrats du territoire : « Maison de santé de "
            "Cahors »",
            "Programme Opérationnel 2027",
            "la Région y consacre 120",
            "Le permis de construire est accordé",
        ):
            assert step in body, step
        link = re.search(
            r"http://testserver(/participation/propositions/\d+/#trace)", body
        )
        assert link is not None

        # The link opens (in a new tab, as from a mail client) the proposal page with
        # its whole trace.
        page.close()
        page = context.new_page()
        page.goto(link.group(1))
        trace = page.locator("#trace > ol.trace").inner_text()
        for step in (
            "Proposition déposée",
            "Réponse du Grand Quercy : Retenue",
            "Devenue un projet : Maison de santé de Cahors",
            "Au Programme Opérationnel 2027",
            "Le permis de construire est accordé",
        ):
            assert step in trace, step
        assert_accessible(page)

        # The commune page shows all of it.
        page.goto("/communes/46042/")
        text = page.locator("main").inner_text()
        assert "Maison de santé de Cahors" in text
        assert "Une maison de santé à Cahors" in text
        assert "devenue le projet Maison de santé de Cahors" in text
        assert "Programme Opérationnel 2027" in text
        assert "Le permis de construire est accordé" in text
        assert "Santé de proximité" in text
        assert_accessible(page)
        assert Decimal(version.entries.get().region_amount) == Decimal("120000")
    finally:
        page.goto("about:blank")
        context.close()
