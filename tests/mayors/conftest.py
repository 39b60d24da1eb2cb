import pytest
from django.contrib.auth.models import Group

from cms.roles import POLITIQUES_CONTRACTUELLES
from contrats.models import Mesure
from mayors.models import Role
from tests.contrats.factories import CommuneFactory, EpciFactory, make_contract

from .factories import CallFactory, OfficialFactory, UserFactory, eicar_signature_db


@pytest.fixture(autouse=True)
def private_media(settings, tmp_path):
    settings.STORAGES = {
        **settings.STORAGES,
        "private": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": tmp_path / "private", "base_url": None},
        },
    }
    settings.MAYORS_VIRUS_SCANNER = None
    settings.MAYORS_STAFF_EMAILS = ["contrats@grandquercy.test"]


@pytest.fixture
def cto(site_root):
    return make_contract(site_root, kind="CTO", short_name="CTO", tree=(1, 2, 2))


@pytest.fixture
def measure(cto):
    return Mesure.objects.with_codes().first()


@pytest.fixture
def epci(db):
    return EpciFactory(name="Grand Cahors")


@pytest.fixture
def commune_a(epci):
    return CommuneFactory(
        name="Arcambal", insee_code="46005", epci=epci, latitude=44.45, longitude=1.52
    )


@pytest.fixture
def commune_b(db):
    return CommuneFactory(
        name="Bélaye",
        insee_code="46022",
        latitude=44.46,
        longitude=1.19,
        epci=EpciFactory(name="Vallée du Lot et du Vignoble"),
    )


@pytest.fixture
def mayor_a(commune_a):
    return OfficialFactory(
        commune=commune_a, role=Role.MAIRE, user=UserFactory(email="maire@arcambal.fr")
    ).user


@pytest.fixture
def delegate_a(commune_a):
    return OfficialFactory(
        commune=commune_a,
        role=Role.SECRETAIRE,
        user=UserFactory(email="secretariat@arcambal.fr"),
    ).user


@pytest.fixture
def mayor_b(commune_b):
    return OfficialFactory(
        commune=commune_b, role=Role.MAIRE, user=UserFactory(email="maire@belaye.fr")
    ).user


@pytest.fixture
def resident(db):
    return UserFactory(email="habitant@example.org")


@pytest.fixture
def staff(db):
    user = UserFactory(email="instructrice@grandquercy.test", is_staff=True)
    user.groups.add(Group.objects.get(name=POLITIQUES_CONTRACTUELLES))
    return user


@pytest.fixture
def call(cto):
    return CallFactory(contract=cto)


@pytest.fixture
def signature_db(tmp_path):
    """The EICAR hash as a local ClamAV database: no signature download needed."""
    return eicar_signature_db(tmp_path)


@pytest.fixture
def clamscan(settings, signature_db):
    settings.MAYORS_VIRUS_SCANNER = {
        "BACKEND": "clamscan",
        "COMMAND": ["clamscan", "-d", str(signature_db)],
    }
    return settings.MAYORS_VIRUS_SCANNER


@pytest.fixture
def refusals(settings):
    """The reason a PermissionDenied carries, as the site's 403 page shows it.

    A one-line 403 template in front of the project's: these tests check the reason
    the intranet gives, not the page's layout (tested with the 403 page itself)."""
    engine = dict(settings.TEMPLATES[0])
    options = dict(engine["OPTIONS"])
    options["loaders"] = [
        ("django.template.loaders.locmem.Loader", {"403.html": "{{ exception }}"}),
        "django.template.loaders.filesystem.Loader",
        "django.template.loaders.app_directories.Loader",
    ]
    engine.update(APP_DIRS=False, OPTIONS=options)
    settings.TEMPLATES = [engine]

    def refusal_of(client, url, method="get", data=None):
        response = getattr(client, method)(url, data or {})
        assert response.status_code == 403, response.status_code
        return response.content.decode().strip()

    return refusal_of
