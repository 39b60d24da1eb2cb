"""Every e-mail the site sends, recorded before the first attempt and kept with its
attempts: nothing is lost while the SMTP server is away, and nothing goes out twice.

An e-mail is sent by the task that recorded it, then, while it fails, by
``manage.py send_waiting_emails`` (run every minute by the scheduler) with an
exponential backoff (1, 2, 4… minutes, at most ``OUTBOX_MAX_DELAY_MINUTES``) until it
is sent or ``OUTBOX_MAX_ATTEMPTS`` failed; it is then marked failed, logged at error
level and listed for staff under Paramètres › Courriels envoyés. Sending takes the
row's lock (``SELECT … FOR UPDATE SKIP LOCKED``): however many workers and
schedulers run, one of them sends a given e-mail, once.
"""

import datetime
import logging
import smtplib

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .signals import email_sent

logger = logging.getLogger(__name__)


class Status(models.TextChoices):
    WAITING = "waiting", _("en attente")
    SENT = "sent", _("envoyé")
    FAILED = "failed", _("en échec")


def backoff(attempts):
    """The delay before the next attempt, after ``attempts`` failed ones."""
    minutes = min(2 ** max(attempts - 1, 0), settings.OUTBOX_MAX_DELAY_MINUTES)
    return datetime.timedelta(minutes=minutes)


class OutgoingEmailQuerySet(models.QuerySet):
    def due(self, now=None):
        return self.filter(
            status=Status.WAITING, next_attempt_at__lte=now or timezone.now()
        )


class OutgoingEmail(models.Model):
    task_id = models.CharField(
        _("tâche"),
        max_length=64,
        unique=True,
        null=True,
        blank=True,
        help_text=_(
            "La tâche qui l’a enregistré : une tâche relancée ne le double pas."
        ),
    )
    recipients = models.JSONField(_("destinataires"))
    subject = models.TextField(_("objet"))
    body = models.TextField(_("texte"))
    headers = models.JSONField(_("en-têtes"), default=dict, blank=True)
    context = models.JSONField(
        _("contexte"),
        default=dict,
        blank=True,
        help_text=_("Ce qui attend l’envoi (les avis d’un récapitulatif)."),
    )
    status = models.CharField(
        _("état"), max_length=10, choices=Status.choices, default=Status.WAITING
    )
    attempts = models.PositiveSmallIntegerField(_("tentatives"), default=0)
    next_attempt_at = models.DateTimeField(
        _("prochaine tentative"), default=timezone.now
    )
    last_error = models.TextField(_("dernière erreur"), blank=True)
    created_at = models.DateTimeField(_("créé le"), default=timezone.now)
    sent_at = models.DateTimeField(_("envoyé le"), null=True, blank=True)

    objects = OutgoingEmailQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("courriel envoyé")
        verbose_name_plural = _("courriels envoyés")
        indexes = [
            models.Index(
                fields=["next_attempt_at"],
                condition=models.Q(status="waiting"),
                name="outbox_waiting",
            )
        ]

    def __str__(self):
        return self.subject

    def attempt(self, now=None):
        """One attempt at sending; the caller holds the row's lock."""
        now = now or timezone.now()
        self.attempts += 1
        connection = get_connection()
        try:
            connection.open()
            connection.send_messages(
                [
                    EmailMessage(
                        subject=self.subject,
                        body=self.body,
                        from_email=settings.DEFAULT_FROM_EMAIL,
                        to=self.recipients,
                        headers=self.headers,
                        attachments=[
                            tuple(item) for item in self.context.get("attachments", ())
                        ],
                        connection=connection,
                    )
                ]
            )
        except (smtplib.SMTPException, OSError) as error:
            connection.close()
            self.last_error = f"{type(error).__name__}: {error}"[:2000]
            if self.attempts >= settings.OUTBOX_MAX_ATTEMPTS:
                self.status = Status.FAILED
                logger.error(
                    "E-mail %s to %s failed %d times, given up: %s",
                    self.pk,
                    ", ".join(self.recipients),
                    self.attempts,
                    self.last_error,
                )
            else:
                self.next_attempt_at = now + backoff(self.attempts)
                logger.warning(
                    "E-mail %s not sent (attempt %d), next at %s: %s",
                    self.pk,
                    self.attempts,
                    self.next_attempt_at.isoformat(),
                    self.last_error,
                )
            self.save()
            return False
        self.status = Status.SENT
        self.sent_at = now
        self.last_error = ""
        self.save()
        # The server has the message: say so in the database before QUIT, so a worker
        # killed while the connection closes does not send it again.
        transaction.on_commit(connection.close)
        email_sent.send(sender=type(self), email=self)
        return True


def send_waiting(pks=None, now=None):
    """Try every e-mail that is due (or those of ``pks``); returns how many were sent.

    Each e-mail in its own transaction, under its row's lock: one that another
    process is sending is skipped, one already sent is not sent again.
    """
    now = now or timezone.now()
    waiting = OutgoingEmail.objects.filter(status=Status.WAITING)
    if pks is None:
        waiting = waiting.filter(next_attempt_at__lte=now)
    else:
        waiting = waiting.filter(pk__in=pks)
    sent = 0
    for pk in list(
        waiting.order_by("next_attempt_at", "pk").values_list("pk", flat=True)
    ):
        with transaction.atomic():
            email = (
                OutgoingEmail.objects.select_for_update(skip_locked=True)
                .filter(pk=pk, status=Status.WAITING)
                .first()
            )
            if email is not None and email.attempt(now):
                sent += 1
    return sent
