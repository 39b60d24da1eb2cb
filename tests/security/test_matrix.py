"""The role × URL matrix: every named URL that takes no argument, and the intranet's
dossiers, fetched as each role; 0 leaks (no private page to the wrong
role) and no 500."""

import pytest
from django.test import Client
from django.urls import NoReverseMatch, get_resolver, reverse

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
# Wagtail's admin serves these to anyone: its translations and icons, no data.
PUBLIC_ADMIN_ASSETS = {"/admin/jsi18n/", "/admin/sprite/"}
SKIP = {"account_logout", "wagtailadmin_logout"}  # GET asks; nothing to read


def named_urls():
    urls = set()
    for name in get_resolver().reverse_dict:
        if not isinstance(name, str) or name in SKIP:
            continue
        try:
            urls.add(reverse(name))
        except NoReverseMatch:
            continue
    for namespace in ("accounts", "mayors", "participation", "contrats", "api"):
        resolver = get_resolver().namespace_dict.get(namespace)
        if resolver is None:
            continue
        for name in resolver[1].reverse_dict:
            if isinstance(name, str):
                try:
                    urls.add(reverse(f"{namespace}:{name}"))
                except NoReverseMatch:
                    continue
    urls.discard("/admin/failwhale/")  # Wagtail's deliberate error, for its own tests
    return sorted(urls)


def allowed(role, url, status):
    """Whether ``role`` may get a 200 from ``url``."""
    if url.startswith("/admin/") and status == 200:
        return role in STAFF or url in PUBLIC_ADMIN_ASSETS
    if url.startswith("/espace-elus/") and status == 200:
        return role in INTRANET
    if url.startswith("/compte/") and status == 200 and role == "anonymous":
        return (
            not any(
                url.startswith(f"/compte/{private}")
                for private in (
                    "profil",
                    "notifications",
                    "mes-donnees",
                    "supprimer",
                    "2fa",
                )
            )
            and url != "/compte/"
        )
    return True


def test_every_named_url_as_each_role(whole_site, people):
    from mayors.models import Submission

    urls = named_urls()
    assert len(urls) > 40
    cahors = list(
        Submission.objects.filter(commune__insee_code="46042").values_list(
            "pk", flat=True
        )
    )
    dossiers = [reverse("mayors:submission_detail", args=[pk]) for pk in cahors]
    leaks = []
    for role in ROLES:
        client = Client()
        if role != "anonymous":
            client.force_login(people[role])
        for url in urls:
            status = client.get(url).status_code
            assert status != 500, (role, url)
            if not allowed(role, url, status):
                leaks.append((role, url, status))
        for url in dossiers:
            status = client.get(url).status_code
            if status == 200 and role not in {"mayor", "delegate", "superuser"}:
                leaks.append((role, url, status))
    assert leaks == [], "\n".join(map(str, leaks))
