"""Staff groups and their permissions: one place that every app's data migration uses.

The group names serve the migrations that create and fill the groups; code asks for
permissions (``cms.permissions``), so that a group renamed in the admin keeps its role.
"""

from django.contrib.auth.management import create_permissions
from wagtail.permission_policies import ModelPermissionPolicy

COMMUNICATION = "Communication"
POLITIQUES_CONTRACTUELLES = "Politiques contractuelles"
MODERATION = "Modération"
STAFF_GROUPS = (COMMUNICATION, POLITIQUES_CONTRACTUELLES, MODERATION)


def grant_model_permissions(apps, group_name, app_label, model_names, actions):
    """Give a group Django permissions on models, creating the rows a fresh database lacks.

    Callable from a data migration (``apps`` is the historical registry) as well as from code.
    """
    codenames = [f"{action}_{model}" for model in model_names for action in actions]
    return grant_permissions(apps, group_name, app_label, codenames)


def grant_permissions(apps, group_name, app_label, codenames):
    """Give a group an app's permissions by codename (``Meta.permissions`` too)."""
    app_config = apps.get_app_config(app_label)
    # Historical app configs (AppConfigStub) lack models_module, which
    # create_permissions requires to be truthy before it does anything.
    if not getattr(app_config, "models_module", None):
        app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name=group_name)
    permissions = Permission.objects.filter(
        content_type__app_label=app_label, codename__in=codenames
    )
    group.permissions.add(*permissions)
    return group


def grant_page_permissions(apps, group_name, page, permission_codenames):
    """Give a group Wagtail page permissions on a page and all its descendants."""
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    group, _ = Group.objects.get_or_create(name=group_name)
    for codename in permission_codenames:
        permission = Permission.objects.get(
            content_type__app_label="wagtailcore", codename=codename
        )
        GroupPagePermission.objects.get_or_create(
            group=group, page_id=page.pk, permission=permission
        )


class ReadOnlyPolicy(ModelPermissionPolicy):
    """For records the application writes itself (job runs, the outbox): people may
    only read them, whatever permissions their groups hold."""

    def user_has_any_permission(self, user, actions):
        return super().user_has_any_permission(
            user, [action for action in actions if action == "view"]
        )

    def users_with_any_permission(self, actions):
        return super().users_with_any_permission(
            [action for action in actions if action == "view"]
        )
