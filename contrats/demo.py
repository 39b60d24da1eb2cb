"""Demo content of the contracts app: the territory first, everything else builds on it."""

from django.core.management import call_command

from .models import Epci

# The seven EPCI a local source names as the PETR's members; unconfirmed, hence data.
PETR_MEMBER_SIRENS = [
    "244600433",  # CC de la Vallée du Lot et du Vignoble
    "200035327",
    "244600482",
    "244600573",
    "244600532",
    "200039519",
    "200023737",
]


def load(stdout):
    call_command("import_territory", stdout=stdout)
    if not Epci.objects.petr_members().exists():
        Epci.objects.filter(siren__in=PETR_MEMBER_SIRENS).update(is_petr_member=True)
