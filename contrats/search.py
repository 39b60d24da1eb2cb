"""The site search's group of projects (cms.search)."""

from django.utils.translation import gettext_lazy as _

from cms.search import SearchGroup, search_models

from .models import Project


def find(request, query):
    return search_models(Project.objects.all(), query)


def present(projects, request):
    return [
        {
            "title": project.title,
            "url": project.get_absolute_url(),
            "excerpt": project.summary,
        }
        for project in projects
    ]


def projects():
    return SearchGroup("projets", _("Projets"), find, present)
