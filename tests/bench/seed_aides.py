"""Bench data for « Quelles aides pour mon projet ? »: the demo's catalogue grown to a
few hundred schemes, most of them unpublished drafts as a long-lived catalogue holds."""

from decimal import Decimal

from aides.models import AidFinderPage, AidScheme, Carrier, Funder, Theme

COUNT = 300
PREFIX = "Banc d’essai"


def seed():
    missing = COUNT - AidScheme.objects.filter(name__startswith=PREFIX).count()
    funders, themes = Funder.values, Theme.values
    AidScheme.objects.bulk_create(
        AidScheme(
            name=f"{PREFIX} {n}",
            funder=funders[n % len(funders)],
            applicants=[Carrier.COMMUNE, Carrier.EPCI, Carrier.ASSOCIATION][
                : 1 + n % 3
            ],
            themes=[themes[n % len(themes)], themes[(n + 5) % len(themes)]],
            max_rate=Decimal(10 + n % 60),
            ceiling=Decimal(50_000 + 1000 * n) if n % 2 else None,
            is_rolling=True,
            description="Dispositif du banc d’essai.",
            is_published=n % 5 == 0,
        )
        for n in range(max(missing, 0))
    )


def pages():
    page = AidFinderPage.objects.live().first()
    answers = "porteur=commune&commune=46042&theme=batiments&cout=250000"
    return [
        ("aid finder", page.url),
        ("aid finder, answered", f"{page.url}?{answers}"),
        ("aids catalogue CSV", "/aides-financements/catalogue.csv"),
    ]
