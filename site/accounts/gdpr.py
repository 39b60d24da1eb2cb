"""The right of access and the right to erasure, for the account and every app.

Apps that hold personal data declare an exporter and an eraser in their
``wagtail_hooks.py`` (``cms.hooks`` lists every hook of the project)::

    from accounts.gdpr import Section

    @hooks.register("register_gdpr_section")
    def personal_data():
        return Section(
            key="participation",
            label=_("Participation"),
            export=export_contributions,  # callable(user) -> JSON-serialisable dict
            erase=erase_contributions,  # callable(user) -> None
        )

The download then contains every section, and deleting an account runs every
eraser (inside one transaction) before the account's own data is blanked.
"""

import datetime
import uuid
from dataclasses import dataclass
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.contrib.sessions.models import Session
from django.db import transaction
from django.db.models import Model
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.text import slugify
from wagtail import hooks


@dataclass(frozen=True)
class Section:
    key: str
    label: str
    export: object = None
    erase: object = None


HOOK = "register_gdpr_section"

# Never useful to the person and dangerous to hand out, even hashed.
WITHHELD_FIELDS = {"password"}


def sections():
    """The declared sections by key, in the hooks' order."""
    return {
        section.key: section for section in (hook() for hook in hooks.get_hooks(HOOK))
    }


def jsonable(value):
    """Make model field values safe for json.dumps, readable by a person."""
    if isinstance(value, datetime.datetime | datetime.date | datetime.time):
        return value.isoformat()
    if isinstance(value, Decimal | uuid.UUID | Promise):
        return str(value)
    if isinstance(value, Model):
        return str(value)
    if isinstance(value, dict):
        return {str(k): jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set):
        return [jsonable(v) for v in value]
    return value


def french_key(field):
    """« statut équipe » → ``statut_equipe``: the download speaks the person's language."""
    return slugify(str(field.verbose_name)).replace("-", "_")


def account_data(user):
    """Every column of the account under its French name, related rows named rather
    than numbered."""
    data = {}
    for field in get_user_model()._meta.concrete_fields:
        key = french_key(field)
        if field.name in WITHHELD_FIELDS:
            data[key] = (
                "défini (non communiqué : il n’est conservé que sous forme chiffrée)"
                if user.has_usable_password()
                else "aucun"
            )
            continue
        if field.is_relation:
            related = getattr(user, field.name)
            data[key] = str(related) if related is not None else None
            continue
        data[key] = jsonable(field.value_from_object(user))
    data["groupes"] = [group.name for group in user.groups.all()]
    data["permissions"] = [
        f"{perm.content_type.app_label}.{perm.codename}"
        for perm in user.user_permissions.select_related("content_type")
    ]
    return data


def email_addresses(user):
    from allauth.account.models import EmailAddress

    return [
        {
            "adresse": address.email,
            "verifiee": address.verified,
            "principale": address.primary,
        }
        for address in EmailAddress.objects.filter(user=user).order_by("pk")
    ]


def notices(user):
    """The steps announced to the person (sent or waiting for the weekly digest)."""
    return [
        {
            "objet": notice.subject,
            "texte": notice.body,
            "adresse": notice.url,
            "cree_le": jsonable(notice.created_at),
            "envoye_le": jsonable(notice.sent_at),
        }
        for notice in user.notices.order_by("created_at", "pk")
    ]


def export_user_data(user):
    """All we hold about someone, as one JSON-serialisable dict."""
    data = {
        "genere_le": timezone.now().isoformat(),
        "compte": account_data(user),
        "adresses_electroniques": email_addresses(user),
        "avis_de_suivi": notices(user),
    }
    for section in sections().values():
        if section.export is not None:
            data[section.key] = {
                "titre": str(section.label),
                "donnees": jsonable(section.export(user)),
            }
    return data


def end_sessions(user):
    """Delete every database session signed in as this user.

    Django keeps no index from users to sessions, so the live sessions are read
    once; account deletions are rare enough for that to be fine.
    """
    user_pk = str(user.pk)
    stale = [
        session.session_key
        for session in Session.objects.filter(expire_date__gt=timezone.now()).iterator()
        if str(session.get_decoded().get("_auth_user_id")) == user_pk
    ]
    Session.objects.filter(session_key__in=stale).delete()


def erase_user(user):
    """Run every app's eraser, then blank the account; all or nothing."""
    from allauth.account.models import EmailAddress

    addresses = {
        user.email,
        *EmailAddress.objects.filter(user=user).values_list("email", flat=True),
    }
    with transaction.atomic():
        for section in sections().values():
            if section.erase is not None:
                section.erase(user)
        EmailAddress.objects.filter(user=user).delete()
        erase_wagtail_profile(user)
        erase_queued_emails(addresses)
        user.erase_personal_data()
        end_sessions(user)


def erase_queued_emails(addresses):
    """The production task queue keeps each e-mail's arguments (address, text)."""
    from django.apps import apps

    if not apps.is_installed("django_tasks_db"):
        return
    from django_tasks_db.models import DBTaskResult

    for address in addresses:
        DBTaskResult.objects.filter(args_kwargs__icontains=address).delete()


def erase_wagtail_profile(user):
    """Wagtail's admin profile may hold an avatar and a chosen name."""
    from wagtail.users.models import UserProfile

    for profile in UserProfile.objects.filter(user=user):
        if profile.avatar:
            profile.avatar.delete(save=False)
        profile.delete()
