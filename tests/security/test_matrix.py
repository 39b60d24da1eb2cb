"""The role × URL matrix: every named URL of the project, those with arguments filled
with objects of ANOTHER resident or ANOTHER commune than the signed-in role's, fetched
as each role of a whole site built by factories; 0 leaks (no private page, nor the other party's data, to the
wrong role), refusals are French, and no 500."""

import re
import uuid

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

pytestmark = pytest.mark.django_db

ROLES = [
    "anonymous",
    "resident",
    "other_resident",
    "unverified",
    "mayor",
    "other_mayor",
    "delegate",
    "Communication",
    "Politiques contractuelles",
    "Modération",
    "superuser",
]
STAFF = {"Communication", "Politiques contractuelles", "Modération", "superuser"}
# Superusers pass every permission, the intranet's included.
INTRANET = {"mayor", "other_mayor", "delegate", "superuser"}
# Whose objects fill each role's URLs: two residents and two communes (Cahors, with its
# mayor and its secretariat; Gourdon, with its mayor), each with dossiers of its own.
VICTIM = {
    "anonymous": "A",
    "resident": "B",
    "other_resident": "A",
    "unverified": "A",
    "mayor": "B",
    "other_mayor": "A",
    "delegate": "B",
    "Communication": "A",
    "Politiques contractuelles": "A",
    "Modération": "A",
    "superuser": "A",
}
SIDES = {
    "A": {"resident": "resident", "mayor": "mayor", "insee": "46042"},
    "B": {"resident": "other_resident", "mayor": "other_mayor", "insee": "46127"},
}
# Wagtail's admin serves these to anyone: its translations and icons, no data.
PUBLIC_ADMIN_ASSETS = {"/admin/jsi18n/", "/admin/sprite/"}
# Reached by GET but nothing to read: GET asks before signing out.
SKIP = {"account_logout", "wagtailadmin_logout"}
# Named URLs that are not fetched, and why (kept few).
UNFILLED = {
    "wagtailadmin_pages:preview_on_create": "previews a POSTed form; GET has no page",
    "wagtailadmin_pages:preview_on_edit": "previews a POSTed form; GET has no page",
    "wagtailadmin_error_test": "Wagtail's deliberate error, for its own tests",
}
# The intranet's pages about the whole Conférence (any invited official reads them).
INTRANET_WIDE = {"mayors:dashboard", "mayors:session_ics", "mayors:draft_programme"}
# The pôle instructs every commune's dossiers (mayors.rules.is_reviewer): it opens their
# files from the admin's instruction screens.
REVIEWER_PAGES = {"mayors:attachment_download"}
REVIEWERS = {"Politiques contractuelles", "superuser"}
# Open to anyone who holds the link; a made-up token gets the "invalid link" page.
TOKEN_PAGES = {
    "mayors:invitation",
    "accounts:unsubscribe",
    "account_confirm_email",
    "account_reset_password_from_key",
}
# Signed-in pages of one's own account: refused to anonymous visitors only.
OWN_ACCOUNT = re.compile(
    r"^/compte/(?:$|profil|notifications|mes-donnees|supprimer|2fa|email/|"
    r"password/(?:change|set)/|reauthenticate)"
)
# A resident's own contributions: the author's page, not another person's.
AUTHOR_ONLY = {
    "participation:proposal_edit",
    "participation:proposal_withdraw",
    "participation:comment_edit",
    "participation:comment_delete",
    "participation:proposal_appeal",
    "participation:comment_appeal",
}
REGEX_SAMPLES = {
    "uidb36": "1z",
    "key": "lien-invalide",
    "direction": "monter",
    "revision_id_a": "earliest",
    "revision_id_b": "latest",
    "pk": "1",
}


def patterns(resolver=None, prefix=(), params=()):
    """(qualified name, parameter names, converters) of every named route."""
    resolver = resolver or get_resolver()
    for entry in resolver.url_patterns:
        pattern = entry.pattern
        found = list(params) + list(getattr(pattern, "converters", {}).items())
        groups = pattern.regex.groupindex
        found += [(name, None) for name in groups if name not in dict(found)]
        if pattern.regex.groups > len(groups):
            found.append((None, None))  # a positional group
        if isinstance(entry, URLResolver):
            space = prefix + ((entry.namespace,) if entry.namespace else ())
            yield from patterns(entry, space, found)
        elif isinstance(entry, URLPattern) and entry.name:
            yield ":".join((*prefix, entry.name)), dict(found)


def with_dossiers(commune, mayor):
    """A draft with a file and a deposited dossier (its ARE) for ``commune``, each
    titled with the commune's name so that the other side's pages can be searched for it."""
    from contrats.models import ContractPage, Mesure
    from mayors.models import CallForPriorities, Submission
    from tests.mayors.factories import add_attachment, make_complete_draft

    cto = ContractPage.objects.get(kind=ContractPage.Kind.CTO)
    measure = Mesure.objects.filter(axe__orientation__contract=cto).first()
    call = CallForPriorities.objects.order_by("pk").first()
    drafts = Submission.objects.filter(commune=commune, submitted_at__isnull=True)
    draft = drafts.first() or make_complete_draft(call, commune, mayor, measure)
    draft.title = f"Rénovation de l’école de {commune.name}"
    draft.save(update_fields=["title"])
    add_attachment(draft, mayor, name=f"devis-{commune.insee_code}.pdf")
    deposited = make_complete_draft(
        call, commune, mayor, measure, title=f"Maison de santé de {commune.name}"
    )
    deposited.submit(by=mayor)


class Filler:
    """Values for a URL's arguments, taken from the victim side's objects."""

    def __init__(self, side, people):
        from wagtail.admin.viewsets import viewsets
        from wagtail.documents import get_document_model
        from wagtail.models import Page, PageViewRestriction

        from contrats.models import Commune, ContractPage, Project
        from mayors.models import (
            Attachment,
            CallForPriorities,
            ConferenceSession,
            ElectedOfficial,
            Submission,
        )
        from participation.models import Comment, ConsultationPage, Proposal, Status
        from tests.participation.factories import ProposalFactory

        victim = people[SIDES[side]["resident"]]
        commune = Commune.objects.get(insee_code=SIDES[side]["insee"])
        with_dossiers(commune, people[SIDES[side]["mayor"]])
        submission = (
            Submission.objects.filter(commune=commune)
            .exclude(state=Submission.State.RETAINED)
            .order_by("state", "pk")
            .first()
        )
        acknowledged = (
            Submission.objects.filter(commune=commune, submitted_at__isnull=False)
            .exclude(state=Submission.State.RETAINED)
            .first()
        )
        consultation = ConsultationPage.objects.live().first()
        proposal = Proposal.objects.filter(author=victim).order_by("pk").first()
        if proposal is None:
            proposal = ProposalFactory(consultation=consultation, author=victim)
        comment = Comment.objects.filter(author=victim).order_by("pk").first()
        if comment is None:
            comment = Comment.objects.create(
                consultation=proposal.consultation,
                proposal=proposal,
                author=victim,
                body="Un commentaire de la personne dont on essaie les pages.",
            )
        hidden_comment = (
            Comment.objects.filter(author=victim, status=Status.HIDDEN).first()
            or comment
        )
        project = Project.objects.first()
        programme_contract = ContractPage.objects.filter(
            programmes__isnull=False
        ).first()
        restriction = PageViewRestriction.objects.first()
        document = get_document_model().objects.first()
        self.victim = victim
        self.markers = [victim.email] + [
            dossier.title
            for dossier in Submission.objects.filter(commune=commune).exclude(
                state=Submission.State.RETAINED
            )
        ]
        self.by_name = {
            "call_id": CallForPriorities.objects.first().pk,
            "commune_id": commune.pk,
            "session_pk": ConferenceSession.objects.first().pk,
            "consultation_pk": consultation.pk,
            "proposal_pk": proposal.pk,
            "attachment_pk": Attachment.objects.filter(submission=submission)
            .first()
            .pk,
            "insee": commune.insee_code,
            "insee_code": commune.insee_code,
            "slug": project.slug,
            "contract": programme_contract.slug,
            "year": programme_contract.programmes.first().year,
            "token": "jeton-invalide",
            "page_id": Page.objects.filter(depth=2).first().pk,
            "page_view_restriction_id": restriction.pk if restriction else 1,
            "doc_id": document.pk if document else 1,
            "document_id": document.pk if document else 1,
        }
        submission_pk = {
            "mayors:acknowledgement": acknowledged.pk,
            "mayors:acknowledgement_pdf": acknowledged.pk,
        }
        self.pk_of = {
            "mayors:attachment_download": Attachment.objects.filter(
                submission=submission
            )
            .first()
            .pk,
            "mayors:designate": ElectedOfficial.objects.filter(commune=commune)
            .order_by("-pk")
            .first()
            .pk,
            "mayors:session_ics": self.by_name["session_pk"],
            "mayors:draft_programme": self.by_name["session_pk"],
            "api:consultations-detail": consultation.pk,
            "api:proposals-detail": Proposal.objects.published().first().pk,
            "api:projects-detail": project.pk,
            **submission_pk,
        }
        for name in (
            "submission_detail",
            "submission_edit",
            "submission_submit",
            "submission_ready",
            "submission_withdraw",
            "submission_move",
            "attachment_upload",
            "attachment_delete",
            "message_create",
        ):
            self.pk_of[f"mayors:{name}"] = submission.pk
        for name in AUTHOR_ONLY | {
            "participation:proposal",
            "participation:support",
            "participation:follow",
            "participation:proposal_comment",
            "participation:proposal_report",
            "participation:comment_report",
        }:
            self.pk_of[name] = (comment if "comment_" in name else proposal).pk
        self.pk_of["participation:comment_appeal"] = hidden_comment.pk
        self.admin_models = {}
        for viewset in viewsets.viewsets:
            if not isinstance(getattr(viewset, "model", None), type):
                continue  # none, or named by a string ("app.Model")
            try:
                self.admin_models[viewset.url_namespace] = viewset.model
            except ImproperlyConfigured:
                continue  # Wagtail's own page viewset, named by its pages

    def value(self, url_name, param, converter):
        if param in ("pk", "id") and url_name in self.pk_of:
            return self.pk_of[url_name]
        if param == "pk" and url_name.startswith("participation:"):
            return self.by_name["consultation_pk"]
        if param in ("pk", "id"):
            model = self.admin_models.get(url_name.split(":")[0])
            row = model.objects.order_by("pk").first() if model else None
            return row.pk if row else 1
        if param in self.by_name:
            return self.by_name[param]
        if param in REGEX_SAMPLES:
            return REGEX_SAMPLES[param]
        kind = type(converter).__name__
        if kind == "UUIDConverter":
            return uuid.UUID(int=1)
        if kind == "IntConverter":
            return 1
        if param and param.endswith(("app_name", "app_label")):
            return "participation"
        if param and param.endswith("model_name"):
            return "proposal"
        if kind in ("SlugConverter", "StringConverter", "PathConverter"):
            return "inexistant"
        return None

    def url(self, name, params):
        if name == "wagtail_serve":
            return "/"
        if name == "wagtaildocs_serve":
            return reverse(name, args=[self.by_name["doc_id"], "piece.pdf"])
        kwargs = {
            param: self.value(name, param, converter)
            for param, converter in params.items()
        }
        if None in kwargs or None in kwargs.values():
            return None
        return reverse(name, kwargs=kwargs)


def every_named_url():
    """{name: params} for every named route of the project, save those listed apart."""
    found = {}
    for name, params in patterns():
        if name in SKIP or name in UNFILLED:
            continue
        found.setdefault(name, params)
    return found


def allowed(role, name, url, status):
    """Whether ``role`` may get a 200 from ``url`` filled with the victim's objects."""
    if status != 200:
        return True
    if url.startswith("/admin/"):
        return role in STAFF or url in PUBLIC_ADMIN_ASSETS
    if name in TOKEN_PAGES:
        return True
    if url.startswith("/espace-elus/"):
        if name in INTRANET_WIDE:
            return role in INTRANET
        if name in REVIEWER_PAGES:
            return role in REVIEWERS
        return role == "superuser"
    if name in AUTHOR_ONLY:
        return role == "superuser"
    if OWN_ACCOUNT.match(url):
        return role != "anonymous"
    return True


def navigates(role, url, response):
    """Not a refusal: a signed-in member sent from a sign-in door to their space, staff
    moved on inside the admin, or the admin's JSON API answering its own 404."""
    if response.status_code == 302:
        location = response["Location"]
        return (
            url.startswith("/compte/") and location == reverse("mayors:dashboard")
        ) or (
            role in STAFF
            and url.startswith("/admin/")
            and location.startswith("/admin/")
        )
    return url.startswith("/admin/api/") and response.get(
        "Content-Type", ""
    ).startswith("application/json")


def refused_in_french(response):
    """A refusal sends to a sign-in door, or says so on the site's French pages."""
    status = response.status_code
    if status == 302:
        location = response["Location"]
        return (
            location.startswith(
                (
                    reverse("account_login"),
                    "/admin/login/",
                    reverse("accounts:dashboard"),
                )
            )
            or location == "/admin/"
            or not location.startswith(("/espace-elus/", "/admin/"))
        )
    text = response.content.decode("utf-8", "replace")
    if status == 403:
        return "Accès refusé" in text or "Erreur 403" in text
    if status == 404:
        return "Page introuvable" in text
    return status in {301, 400, 405}


def body(response):
    if response.streaming:
        return b"".join(response.streaming_content).decode("utf-8", "replace")
    return response.content.decode("utf-8", "replace")


def test_every_named_url_as_each_role(people):
    routes = every_named_url()
    assert len(routes) > 400
    fillers = {side: Filler(side, people) for side in SIDES}
    urls = {
        side: {name: filler.url(name, params) for name, params in routes.items()}
        for side, filler in fillers.items()
    }
    unfilled = sorted(name for name, url in urls["A"].items() if url is None)
    assert unfilled == [], "fill these arguments or list them in UNFILLED"
    leaks, unexplained, fetched = [], [], 0
    for role in ROLES:
        client = Client()
        filler = fillers[VICTIM[role]]
        if role != "anonymous":
            client.force_login(people[role])
        for name, params in routes.items():
            url = urls[VICTIM[role]][name]
            # Staff read the admin's listings; its object views are for non-staff only.
            if role in STAFF and url.startswith("/admin/") and params:
                continue
            response = client.get(url)
            fetched += 1
            assert response.status_code != 500, (role, url)
            if not allowed(role, name, url, response.status_code):
                leaks.append((role, url, response.status_code))
                continue
            private = url.startswith(("/espace-elus/", "/admin/", "/compte/"))
            refused = response.status_code != 200
            if (
                private
                and refused
                and not refused_in_french(response)
                and not navigates(role, url, response)
            ):
                unexplained.append((role, url, response.status_code))
            if role != "superuser" and (private or name in AUTHOR_ONLY):
                text = body(response)
                shown = [marker for marker in filler.markers if marker in text]
                if shown and not (role in STAFF and url.startswith("/admin/")):
                    leaks.append((role, url, shown))
    assert leaks == [], "\n".join(map(str, leaks))
    assert unexplained == [], "\n".join(map(str, unexplained))
    assert fetched > 3000
