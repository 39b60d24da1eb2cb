from wagtail import hooks

from .viewsets import MayorsViewSetGroup


@hooks.register("register_admin_viewset")
def register_mayors_viewsets():
    return MayorsViewSetGroup()
