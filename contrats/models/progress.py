"""How a project moves on: its status history and the progress notes staff post on it."""

import datetime
import logging
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import Prefetch
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.models import Orderable

from cms.history import StateChange
from cms.images import existing_rendition, prefetch_image_renditions

from .. import signals
from .projects import Project

logger = logging.getLogger(__name__)

#: The one rendition of a note's photo the public templates show (see cms.images).
PHOTO_RENDITION = "max-800x600"


class ProjectStatusChange(StateChange):
    """One step of a project's status history, written by ``Project.save()``."""

    project = models.ForeignKey(
        Project,
        verbose_name=_("projet"),
        on_delete=models.CASCADE,
        related_name="status_changes",
    )
    # Empty for the first status of a project.
    previous_status = models.CharField(
        _("état précédent"), max_length=20, blank=True, choices=Project.Status.choices
    )
    new_status = models.CharField(
        _("nouvel état"), max_length=20, choices=Project.Status.choices
    )

    class Meta(StateChange.Meta):
        verbose_name = _("changement d’état d’un projet")
        verbose_name_plural = _("changements d’état des projets")
        indexes = [models.Index(fields=["project", "at"])]

    def __str__(self):
        return f"{self.project} : {self.summary}"

    @property
    def is_initial(self):
        return not self.previous_status

    @property
    def summary(self):
        if self.is_initial:
            return _("état initial « %(new)s »") % {
                "new": self.get_new_status_display()
            }
        return _("« %(old)s » → « %(new)s »") % {
            "old": self.get_previous_status_display(),
            "new": self.get_new_status_display(),
        }


class ProgressNote(ClusterableModel):
    """A dated "note d'avancement" staff publish on a project, with photos."""

    project = models.ForeignKey(
        "contrats.Project",
        verbose_name=_("projet"),
        on_delete=models.CASCADE,
        related_name="progress_notes",
    )
    date = models.DateField(
        _("date"),
        default=timezone.localdate,
        help_text=_("La date affichée sur le site ; aujourd’hui par défaut."),
    )
    title = models.CharField(_("titre"), max_length=140)
    text = models.TextField(_("texte"))
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("publiée par"),
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("publiée le"), auto_now_add=True)
    updated_at = models.DateTimeField(_("modifiée le"), auto_now=True)

    class Meta:
        ordering = ["-date", "-pk"]
        verbose_name = _("note d’avancement")
        verbose_name_plural = _("notes d’avancement")
        indexes = [models.Index(fields=["project", "date"])]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return f"{self.project.get_absolute_url()}#avancement-note-{self.pk}"

    def clean(self):
        # A note says what has happened: a later date would also keep it out of date
        # order with the status changes still to come.
        if self.date and self.date > timezone.localdate():
            raise ValidationError(
                {"date": _("La date d’une note ne peut pas être dans le futur.")}
            )

    def save(self, *args, **kwargs):
        created = self._state.adding
        with transaction.atomic():
            super().save(*args, **kwargs)
            if created:
                signals.send_on_commit(
                    signals.progress_note_published, ProgressNote, note=self
                )


class ProgressNotePhoto(Orderable):
    note = ParentalKey(
        ProgressNote,
        verbose_name=_("note d’avancement"),
        on_delete=models.CASCADE,
        related_name="photos",
    )
    image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("photo"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    alt_text = models.CharField(
        _("texte alternatif"),
        max_length=255,
        help_text=_("Ce que montre la photo, pour les personnes qui ne la voient pas."),
    )
    caption = models.CharField(_("légende"), max_length=255, blank=True)

    class Meta(Orderable.Meta):
        verbose_name = _("photo")
        verbose_name_plural = _("photos")

    def __str__(self):
        return self.alt_text

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        # Resizing takes time: after the commit, never while a visitor waits.
        transaction.on_commit(self.generate_rendition)

    def generate_rendition(self):
        try:
            self.image.get_rendition(PHOTO_RENDITION)
        except (OSError, ValueError):
            logger.exception("Rendition failed for image %s", self.image_id)

    @property
    def rendition(self):
        """The generated rendition, or None: templates never resize (cms.images)."""
        return existing_rendition(self.image, PHOTO_RENDITION)


# --- reading a project's progress ------------------------------------------------------


def notes_queryset():
    """Notes in date order with their photos, images and renditions: three queries."""
    photos = ProgressNotePhoto.objects.select_related("image").prefetch_related(
        prefetch_image_renditions("image", PHOTO_RENDITION)
    )
    return ProgressNote.objects.order_by("date", "pk").prefetch_related(
        Prefetch("photos", queryset=photos)
    )


def progress_prefetches(lookup=""):
    """Prefetches for ``progress_timeline()``, from projects or through ``lookup``."""
    prefix = f"{lookup}__" if lookup else ""
    return [
        Prefetch(
            f"{prefix}status_changes",
            queryset=ProjectStatusChange.objects.order_by("at", "pk"),
        ),
        Prefetch(f"{prefix}progress_notes", queryset=notes_queryset()),
    ]


@dataclass(frozen=True)
class ProgressEntry:
    """A step of a project's timeline: a status change or a progress note."""

    kind: str  # "status" or "note"
    date: datetime.date
    item: object  # the ProjectStatusChange or the ProgressNote

    STATUS = "status"
    NOTE = "note"

    @property
    def is_status(self):
        return self.kind == self.STATUS

    @property
    def is_note(self):
        return self.kind == self.NOTE


def progress_timeline(project):
    """Status changes and notes of a project, oldest first; on the same day, the
    status changes first. Reads the relations ``progress_prefetches()`` loaded."""
    entries = [
        ProgressEntry(ProgressEntry.STATUS, change.date, change)
        for change in project.status_changes.all()
    ] + [
        ProgressEntry(ProgressEntry.NOTE, note.date, note)
        for note in project.progress_notes.all()
    ]
    # Stable: each kind keeps the order of its prefetch.
    entries.sort(key=lambda entry: (entry.date, entry.is_note))
    return entries
