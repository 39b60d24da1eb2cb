"""Demo content of the public site, written from the PETR's own presentation."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from wagtail.models import Page, Site

from .models import HomePage
from .roles import STAFF_GROUPS

DEMO_PASSWORD = "grandquercy-demo"  # noqa: S105
STAFF_ACCOUNTS = {
    "communication@grandquercy.test": ("Camille", "Communication", STAFF_GROUPS[0]),
    "contrats@grandquercy.test": ("Dominique", "Contrats", STAFF_GROUPS[1]),
    "moderation@grandquercy.test": ("Sacha", "Modération", STAFF_GROUPS[2]),
}
ADMIN_ACCOUNT = "admin@grandquercy.test"


def get_home():
    home = HomePage.objects.first()
    if home is None:
        root = Page.get_first_root_node()
        welcome = Page.objects.filter(depth=2, content_type__model="page").first()
        home = root.add_child(
            instance=HomePage(
                title="Grand Quercy",
                slug="accueil",
                seo_title="Accueil",
                introduction=(
                    "Le Pôle d’Équilibre Territorial et Rural Grand Quercy porte, pour ses "
                    "communautés de communes et d’agglomération, les contrats de développement "
                    "du territoire avec l’État, la Région Occitanie et le Département du Lot."
                ),
            )
        )
        Site.objects.update_or_create(
            is_default_site=True,
            defaults={
                "hostname": "localhost",
                "port": 80,
                "root_page": home,
                "site_name": "Grand Quercy",
            },
        )
        if welcome is not None:
            welcome.delete()
    return home


def create_staff_accounts():
    User = get_user_model()
    admin, created = User.objects.get_or_create(
        email=ADMIN_ACCOUNT,
        defaults={
            "first_name": "Admin",
            "last_name": "Grand Quercy",
            "is_staff": True,
            "is_superuser": True,
        },
    )
    if created:
        admin.set_password(DEMO_PASSWORD)
        admin.save()
    for email, (first, last, group_name) in STAFF_ACCOUNTS.items():
        user, created = User.objects.get_or_create(
            email=email,
            defaults={"first_name": first, "last_name": last, "is_staff": True},
        )
        if created:
            user.set_password(DEMO_PASSWORD)
            user.save()
        user.groups.add(Group.objects.get(name=group_name))


def load(stdout):
    get_home()
    if settings.DEBUG:
        create_staff_accounts()
    stdout.write("Site public : contenu de démonstration à jour.")


def print_staff_logins(stdout):
    stdout.write(f"\nComptes de démonstration (mot de passe commun : {DEMO_PASSWORD})")
    stdout.write(f"  administrateur·rice      {ADMIN_ACCOUNT}")
    for email, (_first, _last, group_name) in STAFF_ACCOUNTS.items():
        stdout.write(f"  {group_name:<24} {email}")
    stdout.write("  Administration : http://127.0.0.1:8000/admin/\n")
