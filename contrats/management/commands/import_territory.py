import json
from pathlib import Path

from django.core.management.base import BaseCommand
from django.db import transaction

from contrats.models import Commune, Epci

DATA_DIR = Path(__file__).resolve().parents[2] / "data" / "geo"


def centroid(geometry):
    ring = geometry["coordinates"][0]
    xs = [point[0] for point in ring]
    ys = [point[1] for point in ring]
    return sum(ys) / len(ys), sum(xs) / len(xs)


class Command(BaseCommand):
    help = "Importe les EPCI et les communes du Lot (données ouvertes IGN/INSEE) ; idempotent."

    def add_arguments(self, parser):
        parser.add_argument("--data-dir", default=str(DATA_DIR))

    @transaction.atomic
    def handle(self, *args, data_dir, **options):
        data_dir = Path(data_dir)
        epci_features = json.loads((data_dir / "epci-46-lot.geojson").read_text())[
            "features"
        ]
        commune_features = json.loads(
            (data_dir / "communes-46-lot.geojson").read_text()
        )["features"]
        epcis = {}
        for feature in epci_features:
            props = feature["properties"]
            epci, _ = Epci.objects.update_or_create(
                siren=props["epci_siren"],
                defaults={
                    "name": props["epci_nom"],
                    "nature": props["epci_nature"],
                    "geometry": feature["geometry"],
                },
            )
            epcis[epci.siren] = epci
        for feature in commune_features:
            props = feature["properties"]
            latitude, longitude = centroid(feature["geometry"])
            Commune.objects.update_or_create(
                insee_code=props["code_insee"],
                defaults={
                    "name": props["nom"],
                    "epci": epcis[props["epci_siren"]],
                    "population": props["population_municipale"] or 0,
                    "latitude": round(latitude, 5),
                    "longitude": round(longitude, 5),
                    "geometry": feature["geometry"],
                },
            )
        self.stdout.write(
            f"{len(epcis)} EPCI et {len(commune_features)} communes à jour."
        )
