"""Communes sort as a French reader expects: accents and case do not count."""

from contrats.models import Commune, Epci


def test_communes_sort_by_french_order(db):
    epci = Epci.objects.create(
        siren="200023737", name="Grand Cahors", nature="CA", is_petr_member=True
    )
    for code, name in (("46036", "Bouziès"), ("46022", "Bélaye"), ("46001", "Albas")):
        Commune.objects.create(insee_code=code, name=name, epci=epci)
    assert list(Commune.objects.values_list("name", flat=True)) == [
        "Albas",
        "Bélaye",
        "Bouziès",
    ]


def test_renaming_keeps_the_order_right(db):
    epci = Epci.objects.create(siren="200023738", name="Causses", nature="CC")
    commune = Commune.objects.create(insee_code="46100", name="Zèbre", epci=epci)
    Commune.objects.create(insee_code="46101", name="Figeac", epci=epci)
    commune.name = "Éclair"
    commune.save(update_fields=["name"])
    assert list(Commune.objects.values_list("name", flat=True)) == ["Éclair", "Figeac"]
