"""French error messages of the API.

Django REST framework is not an installed app (its French catalog would change the
wording of Django's form errors on the whole site), so its English defaults are
replaced here, for the fields and errors the API uses.
"""

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers
from rest_framework.exceptions import MethodNotAllowed, Throttled

COMMON = {
    "required": _("Ce paramètre est obligatoire."),
    "null": _("Ce paramètre ne peut pas être nul."),
    "blank": _("Ce paramètre ne peut pas être vide."),
    "invalid": _("Valeur invalide."),
    "max_length": _("Au plus {max_length} caractères."),
    "min_length": _("Au moins {min_length} caractères."),
    "min_value": _("La valeur doit être au moins {min_value}."),
    "max_value": _("La valeur doit être au plus {max_value}."),
    "max_string_length": _("Nombre trop grand."),
    "invalid_choice": _("« {input} » n’est pas une valeur permise."),
}
BY_TYPE = {
    serializers.IntegerField: {"invalid": _("Un nombre entier est attendu.")},
    serializers.BooleanField: {"invalid": _("true ou false est attendu.")},
    serializers.SlugField: {
        "invalid": _("Identifiant invalide (lettres, chiffres, tirets).")
    },
}


def french(field_class, custom=None):
    """``error_messages`` for a field of this class: French, ``custom`` first."""
    keys = set()
    for cls in field_class.__mro__:
        keys.update(getattr(cls, "default_error_messages", {}))
    messages = {key: text for key, text in COMMON.items() if key in keys}
    messages.update(BY_TYPE.get(field_class, {}))
    messages.update(custom or {})
    return messages


class TooManyRequests(Throttled):
    default_detail = _("Trop de requêtes.")
    extra_detail_singular = _("Réessayer dans {wait} seconde.")
    extra_detail_plural = _("Réessayer dans {wait} secondes.")


def method_not_allowed(method):
    return MethodNotAllowed(
        method,
        detail=_("Méthode %(method)s non permise : l’API est en lecture seule.")
        % {"method": method},
    )
