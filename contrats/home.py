"""The contracts' card among the home page's « Accès rapides », and « Ma commune » in
its « En ce moment » (cms.home)."""

from django.utils.translation import gettext_lazy as _

from cms.home import HomeIndexPage

from .models import ContractsIndexPage


def contracts_index():
    return HomeIndexPage(
        key="contracts_index",
        page_type=ContractsIndexPage,
        default_text=_(
            "Les contrats du territoire avec l’État, la Région Occitanie et le "
            "Département du Lot, et les projets qu’ils financent."
        ),
    )


def my_commune(request):
    """A search form rather than a list: the block is its own template."""
    return {"key": "ma-commune", "template": "contrats/includes/home_my_commune.html"}
