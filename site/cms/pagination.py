from django.core.paginator import Paginator

PER_PAGE = 10


def paginate(request, queryset, per_page=PER_PAGE, param="page", count=None):
    """One page of a list; a missing or wrong page number gives the first or last page.

    ``count``: the number of items when the caller has a cheaper way to count them
    than ``queryset.count()``.
    """
    paginator = Paginator(queryset, per_page)
    if count is not None:
        paginator.count = count  # a cached_property: the queryset is not counted
    return paginator.get_page(request.GET.get(param))
