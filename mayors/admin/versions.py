"""« Nouvelle version » of a démarche: its form copied, closed to deposits until staff
set its dates (an answered field can then be removed or changed in the copy)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views import View

from ..models import CallForPriorities


class NewVersionView(View):
    http_method_names = ["post"]

    def post(self, request, pk):
        if not request.user.has_perm("mayors.add_callforpriorities"):
            raise PermissionDenied
        copy = get_object_or_404(CallForPriorities, pk=pk).new_version()
        messages.success(
            request,
            _(
                "Nouvelle version créée, fermée aux dépôts : modifiez son formulaire, "
                "puis fixez ses dates d’ouverture et de clôture."
            ),
        )
        return redirect("mayors_call:edit", copy.pk)
