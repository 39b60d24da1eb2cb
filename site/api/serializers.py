"""What the API shows of each object: public fields only, never a person's data.

Proposals and answers carry no author, e-mail, display name, IP address or position,
nor, for a contribution entered at the mairie, the resident's name or the account that
typed it: these serializers name every field they show, and ``tests/api`` (with
``tests/mayors/test_deposit.py`` for the mairie's deposits) checks that no such name or
e-mail appears in any response.
"""

from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from contrats.models import Epci, FinancingLine, Project
from participation.models import AnswerStatus
from participation.phases import State

MAX_ID = 2**63 - 1
INSEE_PATTERN = r"^(?:[0-9]{2}|2[AB])[0-9]{3}$"


class AbsoluteUrlField(serializers.Field):
    """The object's public page, as an absolute URL (``url_for`` in the context)."""

    def __init__(self, **kwargs):
        kwargs.setdefault("read_only", True)
        kwargs.setdefault("source", "*")
        super().__init__(**kwargs)

    def to_representation(self, value):
        return self.context["url_for"](value)


extend_schema_field({"type": "string", "format": "uri"})(AbsoluteUrlField)


class InseeCodesField(serializers.Field):
    """Communes as their INSEE codes, from a prefetched relation."""

    def __init__(self, **kwargs):
        kwargs.setdefault("read_only", True)
        super().__init__(**kwargs)

    def to_representation(self, value):
        return [commune.insee_code for commune in value.all()]


extend_schema_field(
    {"type": "array", "items": {"type": "string", "pattern": INSEE_PATTERN}}
)(InseeCodesField)


# --- consultations --------------------------------------------------------------


class CategorySerializer(serializers.Serializer):
    id = serializers.IntegerField(read_only=True, help_text=_("Identifiant."))
    name = serializers.CharField(read_only=True, help_text=_("Nom de la catégorie."))


class ConsultationSerializer(serializers.Serializer):
    id = serializers.IntegerField(
        read_only=True, help_text=_("Identifiant de la consultation.")
    )
    title = serializers.CharField(read_only=True, help_text=_("Titre."))
    summary = serializers.CharField(
        read_only=True, help_text=_("Résumé en quelques phrases.")
    )
    theme = serializers.CharField(
        read_only=True, help_text=_("Thème (texte libre, éventuellement vide).")
    )
    url = AbsoluteUrlField(help_text=_("Adresse de la page de la consultation."))
    state = serializers.ChoiceField(
        choices=State.choices,
        read_only=True,
        help_text=_(
            "Phase à l’instant de la réponse : à venir, ouverte, clôturée ou "
            "résultats publiés."
        ),
    )
    state_label = serializers.CharField(
        source="phase.label", read_only=True, help_text=_("Phase, en toutes lettres.")
    )
    opens_at = serializers.DateTimeField(
        read_only=True, help_text=_("Ouverture de la consultation.")
    )
    closes_at = serializers.DateTimeField(
        read_only=True, help_text=_("Clôture de la consultation.")
    )
    results_published_at = serializers.DateTimeField(
        read_only=True,
        allow_null=True,
        help_text=_("Publication des résultats, si elle est prévue."),
    )
    answers_promised_by = serializers.DateField(
        read_only=True,
        allow_null=True,
        help_text=_("Date à laquelle les réponses officielles sont promises."),
    )
    contract = serializers.CharField(
        source="contract_short_name",
        read_only=True,
        allow_null=True,
        help_text=_("Nom court du contrat concerné (par exemple « CRTE »), ou null."),
    )
    communes = InseeCodesField(
        help_text=_("Codes INSEE des communes concernées (vide : tout le territoire).")
    )
    categories = CategorySerializer(
        many=True,
        read_only=True,
        help_text=_("Catégories dans lesquelles les propositions sont rangées."),
    )
    proposals_count = serializers.IntegerField(
        read_only=True, help_text=_("Nombre de propositions publiées.")
    )
    supports_count = serializers.IntegerField(
        read_only=True, help_text=_("Nombre de soutiens aux propositions publiées.")
    )
    comments_count = serializers.IntegerField(
        read_only=True,
        help_text=_(
            "Nombre de commentaires publiés, sur la consultation et sur ses "
            "propositions publiées."
        ),
    )


# --- proposals and answers --------------------------------------------------------


class OfficialAnswerSerializer(serializers.Serializer):
    status = serializers.ChoiceField(
        choices=AnswerStatus.choices,
        read_only=True,
        help_text=_(
            "Réponse : retenue, partiellement retenue, à l’étude ou non retenue."
        ),
    )
    status_label = serializers.CharField(
        source="get_status_display",
        read_only=True,
        help_text=_("Réponse, en toutes lettres."),
    )
    explanation = serializers.CharField(
        read_only=True, help_text=_("Explication de la réponse.")
    )
    answered_at = serializers.DateTimeField(
        source="created_at", read_only=True, help_text=_("Date de la réponse.")
    )
    updated_at = serializers.DateTimeField(
        read_only=True, help_text=_("Dernière mise à jour de la réponse.")
    )


class ProposalSerializer(serializers.Serializer):
    id = serializers.IntegerField(
        read_only=True, help_text=_("Identifiant de la proposition.")
    )
    consultation = serializers.IntegerField(
        source="consultation_id",
        read_only=True,
        help_text=_("Identifiant de la consultation."),
    )
    title = serializers.CharField(read_only=True, help_text=_("Titre."))
    body = serializers.CharField(read_only=True, help_text=_("Texte."))
    category = CategorySerializer(
        read_only=True, allow_null=True, help_text=_("Catégorie, ou null.")
    )
    commune = serializers.CharField(
        source="commune.insee_code",
        read_only=True,
        allow_null=True,
        help_text=_("Code INSEE de la commune concernée, ou null."),
    )
    official = serializers.BooleanField(
        source="is_official",
        read_only=True,
        help_text=_("Proposition de l’équipe du Grand Quercy."),
    )
    created_at = serializers.DateTimeField(
        read_only=True, help_text=_("Date de dépôt.")
    )
    supports_count = serializers.IntegerField(
        source="support_count", read_only=True, help_text=_("Nombre de soutiens.")
    )
    comments_count = serializers.IntegerField(
        source="comment_count",
        read_only=True,
        help_text=_("Nombre de commentaires publiés."),
    )
    url = AbsoluteUrlField(help_text=_("Adresse de la page de la proposition."))
    project = serializers.IntegerField(
        source="project_id",
        read_only=True,
        allow_null=True,
        min_value=1,
        help_text=_(
            "Identifiant du projet que la proposition est devenue "
            "(/api/v1/projects/{id}/), ou null."
        ),
    )
    answer = OfficialAnswerSerializer(
        read_only=True,
        allow_null=True,
        help_text=_("Réponse officielle, ou null tant qu’il n’y en a pas."),
    )


class AnswerSerializer(OfficialAnswerSerializer):
    """An answer in the list of answers, with the proposal it answers."""

    proposal = serializers.IntegerField(
        source="proposal_id",
        read_only=True,
        help_text=_("Identifiant de la proposition."),
    )
    consultation = serializers.IntegerField(
        source="proposal.consultation_id",
        read_only=True,
        help_text=_("Identifiant de la consultation."),
    )
    proposal_title = serializers.CharField(
        source="proposal.title",
        read_only=True,
        help_text=_("Titre de la proposition."),
    )
    url = AbsoluteUrlField(help_text=_("Adresse de la page de la proposition."))

    class Meta:
        fields = [
            "proposal",
            "consultation",
            "proposal_title",
            "status",
            "status_label",
            "explanation",
            "answered_at",
            "updated_at",
            "url",
        ]

    def get_fields(self):
        fields = super().get_fields()
        return {name: fields[name] for name in self.Meta.fields}


# --- projects ---------------------------------------------------------------------


class MeasureSerializer(serializers.Serializer):
    contract = serializers.CharField(
        source="contract_short_name",
        read_only=True,
        help_text=_("Nom court du contrat (par exemple « CRTE »)."),
    )
    code = serializers.CharField(
        read_only=True, help_text=_("Numéro de la mesure, « orientation.axe.mesure ».")
    )
    title = serializers.CharField(read_only=True, help_text=_("Intitulé."))


class FinancingLineSerializer(serializers.Serializer):
    funder = serializers.ChoiceField(
        choices=FinancingLine.Funder.choices,
        read_only=True,
        help_text=_("Financeur."),
    )
    funder_label = serializers.CharField(
        source="get_funder_display",
        read_only=True,
        help_text=_("Financeur, en toutes lettres."),
    )
    programme = serializers.ChoiceField(
        choices=[("", _("(aucun)")), *FinancingLine.Programme.choices],
        read_only=True,
        help_text=_("Dispositif de financement, ou chaîne vide."),
    )
    amount = serializers.DecimalField(
        max_digits=14,
        decimal_places=2,
        coerce_to_string=False,
        read_only=True,
        help_text=_("Montant en euros."),
    )
    year = serializers.IntegerField(read_only=True, help_text=_("Année."))
    status = serializers.ChoiceField(
        choices=FinancingLine.Status.choices,
        read_only=True,
        help_text=_("État : sollicité, acquis ou versé."),
    )
    status_label = serializers.CharField(
        source="get_status_display",
        read_only=True,
        help_text=_("État, en toutes lettres."),
    )


class ProjectSerializer(serializers.Serializer):
    id = serializers.IntegerField(read_only=True, help_text=_("Identifiant du projet."))
    slug = serializers.CharField(
        read_only=True, help_text=_("Identifiant dans l’adresse de sa page.")
    )
    title = serializers.CharField(read_only=True, help_text=_("Intitulé."))
    summary = serializers.CharField(read_only=True, help_text=_("Résumé."))
    holder_kind = serializers.ChoiceField(
        choices=Project.HolderKind.choices,
        read_only=True,
        help_text=_("Type de porteur."),
    )
    holder_kind_label = serializers.CharField(
        source="get_holder_kind_display",
        read_only=True,
        help_text=_("Type de porteur, en toutes lettres."),
    )
    holder_name = serializers.CharField(
        read_only=True, help_text=_("Porteur (une collectivité ou une structure).")
    )
    status = serializers.ChoiceField(
        choices=Project.Status.choices, read_only=True, help_text=_("État.")
    )
    status_label = serializers.CharField(
        source="get_status_display",
        read_only=True,
        help_text=_("État, en toutes lettres."),
    )
    start_year = serializers.IntegerField(
        read_only=True, help_text=_("Année de début.")
    )
    end_year = serializers.IntegerField(
        read_only=True, allow_null=True, help_text=_("Année de fin, ou null.")
    )
    communes = InseeCodesField(help_text=_("Codes INSEE des communes concernées."))
    total_cost = serializers.DecimalField(
        max_digits=14,
        decimal_places=2,
        coerce_to_string=False,
        read_only=True,
        help_text=_("Coût total en euros."),
    )
    financed_amount = serializers.SerializerMethodField(
        help_text=_("Somme des financements en euros.")
    )
    financing = FinancingLineSerializer(
        source="financing_lines",
        many=True,
        read_only=True,
        help_text=_("Lignes de financement."),
    )
    measures = MeasureSerializer(
        many=True,
        read_only=True,
        help_text=_("Mesures des contrats dont le projet relève."),
    )
    latitude = serializers.FloatField(
        read_only=True, allow_null=True, help_text=_("Latitude (WGS 84), ou null.")
    )
    longitude = serializers.FloatField(
        read_only=True, allow_null=True, help_text=_("Longitude (WGS 84), ou null.")
    )
    url = AbsoluteUrlField(help_text=_("Adresse de la page du projet."))

    @extend_schema_field(OpenApiTypes.DOUBLE)
    def get_financed_amount(self, project):
        return float(sum(line.amount for line in project.financing_lines.all()))


class ProgressNoteSerializer(serializers.Serializer):
    """A progress note without its author: staff names are not open data."""

    date = serializers.DateField(read_only=True, help_text=_("Date de la note."))
    title = serializers.CharField(read_only=True, help_text=_("Titre."))
    text = serializers.CharField(read_only=True, help_text=_("Texte."))


class StatusChangeSerializer(serializers.Serializer):
    previous_status = serializers.ChoiceField(
        choices=[("", _("(aucun)")), *Project.Status.choices],
        read_only=True,
        help_text=_("État précédent, ou chaîne vide pour le premier état du projet."),
    )
    status = serializers.ChoiceField(
        source="new_status",
        choices=Project.Status.choices,
        read_only=True,
        help_text=_("Nouvel état."),
    )
    status_label = serializers.CharField(
        source="get_new_status_display",
        read_only=True,
        help_text=_("Nouvel état, en toutes lettres."),
    )
    changed_at = serializers.DateTimeField(
        source="at", read_only=True, help_text=_("Date du changement.")
    )


class ProjectDetailSerializer(ProjectSerializer):
    """One project, with how it moves on."""

    status_changes = StatusChangeSerializer(
        many=True,
        read_only=True,
        help_text=_("Historique des états du projet, du plus ancien au plus récent."),
    )
    progress_notes = ProgressNoteSerializer(
        many=True,
        read_only=True,
        help_text=_(
            "Notes d’avancement publiées par le PETR, de la plus ancienne à la plus "
            "récente."
        ),
    )


# --- communes ---------------------------------------------------------------------


class EpciSerializer(serializers.Serializer):
    siren = serializers.CharField(read_only=True, help_text=_("Numéro SIREN."))
    name = serializers.CharField(read_only=True, help_text=_("Nom."))
    nature = serializers.ChoiceField(
        choices=Epci.Nature.choices,
        read_only=True,
        help_text=_("CC : communauté de communes ; CA : d’agglomération."),
    )
    petr_member = serializers.BooleanField(
        source="is_petr_member",
        read_only=True,
        help_text=_("L’EPCI est membre du PETR Grand Quercy."),
    )


class CommuneSerializer(serializers.Serializer):
    insee_code = serializers.RegexField(
        INSEE_PATTERN, read_only=True, help_text=_("Code INSEE.")
    )
    name = serializers.CharField(read_only=True, help_text=_("Nom."))
    population = serializers.IntegerField(
        read_only=True, help_text=_("Population municipale.")
    )
    latitude = serializers.FloatField(
        read_only=True, allow_null=True, help_text=_("Latitude du centre, ou null.")
    )
    longitude = serializers.FloatField(
        read_only=True, allow_null=True, help_text=_("Longitude du centre, ou null.")
    )
    epci = EpciSerializer(read_only=True, help_text=_("EPCI de la commune."))
