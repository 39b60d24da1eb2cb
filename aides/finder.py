"""What « Quelles aides pour mon projet ? » shows: the matching schemes and an example
financing plan, in a fixed number of queries whatever the size of the catalogue."""

import datetime
from dataclasses import dataclass

from django.db.models import Prefetch
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cms import cache_policy
from cms.models import ContactPage
from contrats.models import Mesure

from .financing import LOCAL_AUTHORITIES, example_plan, wanted_amount
from .forms import FinderForm
from .models.schemes import AidScheme, Funder

FUNDER_ORDER = {code: rank for rank, code in enumerate(Funder.values)}

#: CGCT L1111-10 III and its exceptions, stated with care: the State decides.
RULE_EXCEPTIONS = [
    _(
        "pour la rénovation de monuments protégés au titre du code du patrimoine, le "
        "préfet peut accorder une dérogation ;"
    ),
    _(
        "pour réparer les dégâts causés par des calamités publiques, le préfet peut "
        "déroger à la part minimale, au vu de l’importance des dégâts et de la capacité "
        "financière de la collectivité ;"
    ),
    _(
        "les opérations de rénovation urbaine (article 9 de la loi du 1er août 2003) "
        "suivent leurs propres règles ;"
    ),
    _(
        "les collectivités d’outre-mer en sont dispensées, et la Corse a un seuil "
        "propre ;"
    ),
    _(
        "à l’inverse, pour une compétence exercée en « chef de file » (article L1111-9), "
        "la part minimale peut être de 30 %."
    ),
]


@dataclass
class Result:
    scheme: AidScheme
    amount: object
    chosen: bool


def tomorrow_midnight():
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    return timezone.make_aware(datetime.datetime.combine(tomorrow, datetime.time()))


def matching_schemes(carrier, commune, themes, cost, day):
    schemes = (
        AidScheme.objects.published()
        .open_on(day)
        .for_carrier(carrier)
        .about(themes)
        .for_cost(cost)
        .with_procedures()
        .prefetch_related(
            Prefetch("measures", queryset=Mesure.objects.with_codes().order_by("pk"))
        )
    )
    if commune is not None:
        schemes = schemes.in_commune(commune)
    return sorted(schemes, key=lambda s: (FUNDER_ORDER[s.funder], s.name.lower()))


def default_choice(results):
    """One scheme per funder, the one giving most: schemes of the same funder are
    seldom combined on the same expense."""
    best = {}
    for result in results:
        current = best.get(result.scheme.funder)
        if current is None or result.amount > current.amount:
            best[result.scheme.funder] = result
    return {result.scheme.pk for result in best.values()}


def contact_page():
    return ContactPage.objects.live().public().order_by("path").first()


def finder_context(request):
    """The page's context: the form, and once answered the schemes and the plan."""
    cache_policy.valid_until(tomorrow_midnight())  # "open today" changes at midnight
    answered = any(name in request.GET for name in FinderForm.base_fields)
    form = FinderForm(request.GET if answered else None)
    context = {
        "form": form,
        "answered": answered,
        "contact_page": contact_page(),
        "rule_exceptions": RULE_EXCEPTIONS,
    }
    if not answered or not form.is_valid():
        return context
    data = form.cleaned_data
    cost, carrier = data["cout"], data["porteur"]
    schemes = matching_schemes(
        carrier, data["commune"], data["theme"], cost, timezone.localdate()
    )
    results = [Result(s, wanted_amount(s, cost)[0], False) for s in schemes]
    chosen = set(data["plan"]) if data["plan_choisi"] else default_choice(results)
    for result in results:
        result.chosen = result.scheme.pk in chosen
    context.update(
        searched=True,
        results=results,
        plan=example_plan(cost, [r.scheme for r in results if r.chosen], carrier),
        local_authority=carrier in LOCAL_AUTHORITIES,
        share_url=request.build_absolute_uri(),
    )
    return context
