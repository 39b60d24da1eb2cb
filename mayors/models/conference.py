from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Count
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page
from wagtail.search import index

from cms.models import BasePage
from contrats.models import POEntry, POVersion

from .. import notifications
from .people import ElectedOfficial, Role


class ConferenceSessionQuerySet(models.QuerySet):
    def past(self, now=None):
        return self.filter(starts_at__lt=now or timezone.now()).order_by("-starts_at")

    def upcoming(self, now=None):
        return self.filter(starts_at__gte=now or timezone.now()).order_by("starts_at")


class ConferenceSession(ClusterableModel):
    """A meeting of the Conférence des Maires; the mayors give their opinion on the draft PO."""

    title = models.CharField(_("intitulé"), max_length=200)
    starts_at = models.DateTimeField(_("date et heure"))
    place = models.CharField(_("lieu"), max_length=255)
    agenda = models.TextField(_("ordre du jour"))
    programme = models.ForeignKey(
        "contrats.ProgrammeOperationnel",
        verbose_name=_("projet de Programme Opérationnel soumis à l’avis"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="conference_sessions",
    )
    opinion_opens_at = models.DateTimeField(
        _("ouverture de l’avis sur le projet de PO"), null=True, blank=True
    )
    opinion_closes_at = models.DateTimeField(
        _("clôture de l’avis sur le projet de PO"), null=True, blank=True
    )
    attendees = models.ManyToManyField(
        "mayors.ElectedOfficial",
        verbose_name=_("présent·es"),
        blank=True,
        related_name="sessions_attended",
    )
    minutes = models.TextField(
        _("relevé de décisions"),
        blank=True,
        help_text=_("Publié sur la page de la Conférence une fois la séance passée."),
    )
    convocation_sent_at = models.DateTimeField(
        _("convocation envoyée le"), null=True, blank=True, editable=False
    )

    objects = ConferenceSessionQuerySet.as_manager()

    panels = [
        FieldPanel("title"),
        FieldPanel("starts_at"),
        FieldPanel("place"),
        FieldPanel("agenda"),
        MultiFieldPanel(
            [
                FieldPanel("programme"),
                FieldPanel("opinion_opens_at"),
                FieldPanel("opinion_closes_at"),
            ],
            heading=_("Avis des maires sur le projet de PO"),
        ),
        InlinePanel("documents", label=_("documents")),
        FieldPanel("attendees", widget=forms.CheckboxSelectMultiple),
        FieldPanel("minutes"),
    ]

    class Meta:
        verbose_name = _("séance de la Conférence des Maires")
        verbose_name_plural = _("séances de la Conférence des Maires")
        ordering = ["-starts_at"]

    def __str__(self):
        return f"{self.title} ({timezone.localtime(self.starts_at):%d/%m/%Y})"

    def clean(self):
        if (
            self.opinion_opens_at
            and self.opinion_closes_at
            and self.opinion_closes_at <= self.opinion_opens_at
        ):
            raise ValidationError(
                {"opinion_closes_at": _("La clôture doit suivre l’ouverture.")}
            )

    def is_opinion_open(self, now=None):
        now = now or timezone.now()
        return bool(
            self.opinion_opens_at
            and self.opinion_closes_at
            and self.opinion_opens_at <= now < self.opinion_closes_at
        )

    def results(self):
        """Opinions counted by verdict, in the order of the choices."""
        counts = dict(
            self.opinions.values_list("verdict").annotate(n=Count("pk")).order_by()
        )
        return [
            (label, counts.get(value, 0)) for value, label in Opinion.Verdict.choices
        ]

    def participation(self):
        """How many communes (with an active mayor) gave their opinion, and the rate."""
        expected = (
            ElectedOfficial.objects.mayors()
            .exclude(commune__isnull=True)
            .values("commune")
            .distinct()
            .count()
        )
        given = self.opinions.count()
        rate = round(100 * given / expected) if expected else 0
        return {"given": given, "expected": expected, "rate": rate}

    def programme_entries(self):
        """The draft PO's projects (the version being prepared, else the adopted one)."""
        if self.programme_id is None:
            return []
        versions = self.programme.versions.order_by(
            # The draft first: it is what the mayors are asked about.
            models.Case(
                models.When(status=POVersion.Status.BROUILLON, then=0), default=1
            ),
            "-number",
        )
        version = versions.first()
        if version is None:
            return []
        return list(
            POEntry.objects.filter(version=version)
            .select_related("project")
            .prefetch_related("project__communes")
            .order_by("project__title")
        )

    def send_convocation(self, now=None):
        """E-mail every active mayor; returns how many were convoked."""
        mayors = ElectedOfficial.objects.mayors().select_related("user", "commune")
        count = notifications.convocation(self, mayors)
        self.convocation_sent_at = now or timezone.now()
        self.save(update_fields=["convocation_sent_at"])
        return count


class SessionDocument(Orderable):
    session = ParentalKey(
        ConferenceSession, on_delete=models.CASCADE, related_name="documents"
    )
    title = models.CharField(_("titre"), max_length=200)
    document = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("document"),
        on_delete=models.CASCADE,
        related_name="+",
    )

    panels = [FieldPanel("title"), FieldPanel("document")]

    class Meta(Orderable.Meta):
        verbose_name = _("document de séance")
        verbose_name_plural = _("documents de séance")


class Opinion(models.Model):
    """One voice per commune on the draft Programme Opérationnel."""

    class Verdict(models.TextChoices):
        FAVOURABLE = "favourable", _("Favorable")
        RESERVES = "reserves", _("Favorable avec réserves")
        UNFAVOURABLE = "unfavourable", _("Défavorable")

    session = models.ForeignKey(
        ConferenceSession,
        verbose_name=_("séance"),
        on_delete=models.CASCADE,
        related_name="opinions",
    )
    commune = models.ForeignKey(
        "contrats.Commune", verbose_name=_("commune"), on_delete=models.CASCADE
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("exprimé par"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    verdict = models.CharField(_("avis"), max_length=15, choices=Verdict.choices)
    comment = models.TextField(_("commentaire"), blank=True)
    updated_at = models.DateTimeField(_("exprimé le"), default=timezone.now)
    # Typed in the admin by the PETR's staff (a vote sent on paper, by mail): it says so
    # wherever the vote is shown or exported.
    entered_by_staff = models.BooleanField(
        _("saisi par l’équipe du PETR"), default=False, editable=False
    )

    class Meta:
        verbose_name = _("avis d’une commune")
        verbose_name_plural = _("avis des communes")
        ordering = ["commune__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["session", "commune"], name="mayors_one_opinion_per_commune"
            )
        ]

    def __str__(self):
        return f"{self.commune} : {self.get_verdict_display()}"

    def clean(self):
        if self.verdict == self.Verdict.RESERVES and not self.comment.strip():
            raise ValidationError({"comment": _("Précisez vos réserves.")})


class ConferencePage(BasePage):
    """The public presentation of the Conférence des Maires and its past sessions."""

    introduction = models.TextField(_("introduction"), blank=True)
    presentation = RichTextField(_("présentation"), blank=True)

    content_panels = [
        *Page.content_panels,
        FieldPanel("introduction"),
        FieldPanel("presentation"),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("introduction"),
        index.SearchField("presentation"),
    ]

    parent_page_types = ["cms.HomePage"]
    subpage_types = []
    max_count = 1
    template = "mayors/conference_page.html"

    class Meta:
        verbose_name = _("page de la Conférence des Maires")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["past_sessions"] = (
            ConferenceSession.objects.past().prefetch_related("documents__document")
        )[:20]
        context["next_session"] = ConferenceSession.objects.upcoming().first()
        context["mayor_role"] = Role.MAIRE
        return context
