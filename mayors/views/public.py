"""The démarches as anyone sees them, without signing in (``mayors.public``)."""

from django.http import Http404
from django.template.response import TemplateResponse
from django.views.decorators.http import require_safe

from cms.decorators import cache_anonymous_view
from cms.pagination import paginate

from .. import public

PER_PAGE = 20


@require_safe
@cache_anonymous_view
def demarche_list(request):
    page_obj = paginate(request, public.listed_demarches(), per_page=PER_PAGE)
    public.with_states(page_obj.object_list)
    return TemplateResponse(
        request, "mayors/public/demarche_list.html", {"page_obj": page_obj}
    )


@require_safe
@cache_anonymous_view
def demarche_detail(request, pk):
    context = public.demarche_context(pk)
    if context is None:
        raise Http404
    return TemplateResponse(request, "mayors/public/demarche_detail.html", context)
