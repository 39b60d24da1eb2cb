"""What staff and a commune exchange about a dossier: messages and private files."""

import uuid
from pathlib import PurePath

from django.conf import settings
from django.core.files.storage import storages
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .. import sniffing


def private_storage():
    return storages["private"]


def attachment_path(instance, filename):
    suffix = PurePath(filename).suffix.lower()[:6]
    return f"mayors/{instance.submission_id}/{uuid.uuid4().hex}{suffix}"


class Attachment(models.Model):
    """A private file: never served until the virus scan says it is clean."""

    class Scan(models.TextChoices):
        PENDING = "pending", _("en cours d’analyse")
        CLEAN = "clean", _("analysé, sain")
        INFECTED = "infected", _("infecté, mis en quarantaine")
        UNSCANNED = "unscanned", _("non analysé")
        ERROR = "error", _("analyse impossible, nouvel essai prévu")

    submission = models.ForeignKey(
        "mayors.Submission",
        verbose_name=_("priorité"),
        on_delete=models.CASCADE,
        related_name="attachments",
    )
    message = models.ForeignKey(
        "Message",
        verbose_name=_("message"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="files",
        help_text=_("Vide pour une pièce du dossier ; sinon, le message qu’elle suit."),
    )
    kind = models.CharField(_("nature de la pièce"), max_length=200)
    file = models.FileField(
        _("fichier"), storage=private_storage, upload_to=attachment_path, max_length=255
    )
    original_name = models.CharField(_("nom du fichier"), max_length=255)
    content_type = models.CharField(_("type"), max_length=100)
    size = models.PositiveIntegerField(_("taille (octets)"))
    scan_status = models.CharField(
        _("analyse antivirus"),
        max_length=10,
        choices=Scan.choices,
        default=Scan.PENDING,
    )
    scan_signature = models.CharField(
        _("signature détectée"), max_length=200, blank=True
    )
    scanned_at = models.DateTimeField(_("analysé le"), null=True, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("déposé par"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    uploaded_at = models.DateTimeField(_("déposé le"), default=timezone.now)

    class Meta:
        verbose_name = _("pièce jointe")
        verbose_name_plural = _("pièces jointes")
        ordering = ["uploaded_at", "pk"]

    def __str__(self):
        return self.original_name

    @property
    def is_downloadable(self):
        return self.scan_status in (self.Scan.CLEAN, self.Scan.UNSCANNED)

    @property
    def served_type(self):
        """The sniffed type when it is one we accept, else bytes to save (never shown)."""
        if self.content_type in sniffing.ACCEPTED:
            return self.content_type
        return "application/octet-stream"

    @property
    def download_name(self):
        """The uploader's name with the extension of what the file really is: a PDF
        named ``x.html`` downloads as ``x.pdf``, never as a page a browser would run."""
        stem = PurePath(self.original_name.replace("\\", "/")).stem
        stem = "".join(c for c in stem if c.isprintable() and c not in '<>:"/|?*')
        stem = stem.strip(" .")[:100] or "piece"
        return stem + sniffing.EXTENSIONS.get(self.content_type, ".bin")

    def quarantine(self, signature, now=None):
        """Move the bytes out of the served tree and mark the file infected."""
        storage = self.file.storage
        quarantined = f"quarantine/{PurePath(self.file.name).name}"
        with storage.open(self.file.name, "rb") as source:
            new_name = storage.save(quarantined, source)
        storage.delete(self.file.name)
        self.file.name = new_name
        self.scan_status = self.Scan.INFECTED
        self.scan_signature = signature[:200]
        self.scanned_at = now or timezone.now()
        self.save()


class Message(models.Model):
    """The thread between staff and the commune; private notes stay with staff."""

    submission = models.ForeignKey(
        "mayors.Submission",
        verbose_name=_("priorité"),
        on_delete=models.CASCADE,
        related_name="messages",
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("auteur ou autrice"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    body = models.TextField(_("message"))
    is_private_note = models.BooleanField(
        _("note interne"),
        default=False,
        help_text=_("Visible seulement de l’équipe du PETR, jamais de la commune."),
    )
    from_staff = models.BooleanField(
        _("de l’équipe du PETR"), default=True, editable=False
    )
    created_at = models.DateTimeField(_("envoyé le"), default=timezone.now)

    class Meta:
        verbose_name = _("message")
        verbose_name_plural = _("messages")
        ordering = ["created_at", "pk"]

    def __str__(self):
        return self.body[:60]
