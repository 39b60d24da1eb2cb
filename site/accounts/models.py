from django.contrib.auth.models import AbstractUser, UserManager
from django.db import models
from django.utils.translation import gettext_lazy as _


class EmailUserManager(UserManager):
    """Users log in with their e-mail address; there is no username."""

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

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS = []

    objects = EmailUserManager()

    class Meta:
        verbose_name = _("utilisateur·rice")
        verbose_name_plural = _("utilisateur·rices")

    def __str__(self):
        return self.public_name

    @property
    def public_name(self):
        return self.display_name or self.get_full_name() or self.email.split("@")[0]

    def wants_notification(self, topic):
        from .notifications import TOPICS

        default = TOPICS.get(topic, {}).get("default", True)
        return self.notification_settings.get(topic, default)

    def set_notification(self, topic, enabled):
        self.notification_settings = {**self.notification_settings, topic: enabled}
        self.save(update_fields=["notification_settings"])
