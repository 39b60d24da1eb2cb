from django.core.paginator import Paginator

PER_PAGE = 10


def paginate(request, queryset, per_page=PER_PAGE, param="page"):
    """One page of a list; a missing or wrong page number gives the first or last page."""
    return Paginator(queryset, per_page).get_page(request.GET.get(param))
