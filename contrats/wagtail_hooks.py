"""Registrations only: the admin code lives in ``contrats.admin``."""

from wagtail import hooks

from .admin.choosers import project_chooser_viewset
from .admin.viewsets import ContratsGroup


@hooks.register("register_admin_viewset")
def register_contrats_viewsets():
    return [ContratsGroup(), project_chooser_viewset]
