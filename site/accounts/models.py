from django.contrib.auth.models import AbstractUser, UserManager
from django.db import models
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from .topics import topics

USER_RELATED_HOOK = "register_user_related"


def user_related():
    """The one-to-one relations apps declare to be read with every account."""
    return [name for hook in hooks.get_hooks(USER_RELATED_HOOK) for name in hook()]


class EmailUserManager(UserManager):
    """Users log in with their e-mail address; there is no username.

    The rows apps keep beside each account (``register_user_related`` hooks: the
    participation profile) come in the same query as the account, so that checking
    them on ``request.user`` costs nothing.
    """

    def get_queryset(self):
        queryset = super().get_queryset()
        if self.model.__module__ == "__fake__":  # a migration's historical model
            return queryset
        related = user_related()
        return queryset.select_related(*related) if related else queryset

    def _create_user(self, email, password, **extra_fields):
        if not email:
            raise ValueError("L’adresse électronique est obligatoire.")
        user = self.model(email=self.normalize_email(email).lower(), **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email=None, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra_fields)

    def create_superuser(self, email=None, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", True)
        extra_fields.setdefault("is_superuser", True)
        return self._create_user(email, password, **extra_fields)


class Frequency(models.TextChoices):
    """How someone hears of the steps of what they follow."""

    WEEKLY = "weekly", _("Une lettre par semaine, qui rassemble tout (recommandé)")
    IMMEDIATE = "immediate", _("Un e-mail à chaque étape, dès qu’elle a lieu")


class User(AbstractUser):
    """An account: staff, resident or elected official, identified by e-mail."""

    username = None
    email = models.EmailField(_("adresse électronique"), unique=True)
    display_name = models.CharField(
        _("nom affiché"),
        max_length=60,
        blank=True,
        help_text=_(
            "Le nom public sous lequel vous participez ; un pseudonyme convient."
        ),
    )
    notification_settings = models.JSONField(
        _("préférences de notification"), default=dict, blank=True
    )
    notification_frequency = models.CharField(
        _("rythme des notifications"),
        max_length=10,
        choices=Frequency.choices,
        default=Frequency.WEEKLY,
    )

    privacy_accepted_at = models.DateTimeField(
        _("politique de confidentialité acceptée le"), null=True, blank=True
    )

    erased_at = models.DateTimeField(
        _("données personnelles effacées le"),
        null=True,
        blank=True,
        editable=False,
        help_text=_("Le compte a été supprimé à la demande de la personne."),
    )

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS = []

    objects = EmailUserManager()

    class Meta:
        verbose_name = _("utilisateur·rice")
        verbose_name_plural = _("utilisateur·rices")

    def __str__(self):
        return str(self.public_name)

    @property
    def public_name(self):
        """The name shown next to contributions: never the e-mail address."""
        if self.erased_at:
            return _("Participant·e supprimé·e")
        return (
            self.display_name
            or self.get_full_name()
            or _("Participant·e n° %(number)s") % {"number": self.pk}
        )

    @property
    def is_erased(self):
        return self.erased_at is not None

    @cached_property
    def has_verified_email(self):
        """True when the primary address was confirmed; cached for the request."""
        from allauth.account.models import EmailAddress

        if not self.pk:
            return False
        return EmailAddress.objects.filter(
            user=self, primary=True, verified=True
        ).exists()

    def wants_notification(self, topic):
        declared = topics().get(topic)
        default = declared.default if declared is not None else True
        return self.notification_settings.get(topic, default)

    def set_notification(self, topic, enabled):
        self.set_notifications({topic: enabled})

    def set_notifications(self, preferences):
        self.notification_settings = {**self.notification_settings, **preferences}
        self.save(update_fields=["notification_settings"])

    def record_consents(self, when=None):
        """Signing up means accepting the privacy notice, dated (apps date theirs:
        participation's charter)."""
        self.privacy_accepted_at = when or timezone.now()

    def erase_personal_data(self):
        """Blank everything that identifies the person; the row stays so that kept
        contributions point to "Participant·e supprimé·e"."""
        self.email = f"compte-supprime-{self.pk}@example.invalid"
        self.first_name = ""
        self.last_name = ""
        self.display_name = ""
        self.notification_settings = {}
        self.notification_frequency = Frequency.WEEKLY
        self.privacy_accepted_at = None
        self.last_login = None
        self.is_active = False
        self.is_staff = False
        self.is_superuser = False
        self.erased_at = timezone.now()
        self.set_unusable_password()
        self.save()
        self.notices.all().delete()
        self.groups.clear()
        self.user_permissions.clear()


class NoticeQuerySet(models.QuerySet):
    def unsent(self):
        return self.filter(sent_at__isnull=True)


class Notice(models.Model):
    """One step of something a person follows, told to them once.

    ``key`` names the step (``proposal:12:answer:accepted``); the unique constraint on
    (user, key) is what guarantees never more than one e-mail per step, however many
    times or through however many paths the step is announced. A notice is sent at
    once or waits, unsent, for the person's weekly digest.
    """

    user = models.ForeignKey(
        User, on_delete=models.CASCADE, related_name="notices", verbose_name=_("compte")
    )
    key = models.CharField(_("étape"), max_length=200)
    topic = models.CharField(_("sujet"), max_length=60)
    subject = models.CharField(_("objet"), max_length=255)
    body = models.TextField(_("texte"))
    url = models.CharField(_("adresse"), max_length=500, blank=True)
    created_at = models.DateTimeField(_("créé le"), default=timezone.now)
    sent_at = models.DateTimeField(_("envoyé le"), null=True, blank=True)

    objects = NoticeQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("avis d’étape")
        verbose_name_plural = _("avis d’étape")
        constraints = [
            models.UniqueConstraint(fields=["user", "key"], name="one_notice_per_step")
        ]
        indexes = [
            models.Index(
                fields=["user", "created_at"],
                condition=models.Q(sent_at__isnull=True),
                name="accounts_notice_unsent",
            )
        ]

    def __str__(self):
        return self.subject


def user_display(user):
    """How allauth names a user in its pages and e-mails (ACCOUNT_USER_DISPLAY)."""
    return str(user.public_name)
