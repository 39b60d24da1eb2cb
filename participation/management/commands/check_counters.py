from django.core.management.base import BaseCommand
from django.db.models import F, Q

from participation.models import Comment, Proposal, Status, Support
from participation.models.proposals import _count


class Command(BaseCommand):
    help = (
        "Compare les compteurs enregistrés des propositions (soutiens, commentaires "
        "publiés) à ce qu’elles ont vraiment ; --repair corrige les écarts."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--repair", action="store_true", help="Corriger les compteurs faux."
        )

    def handle(self, *args, repair=False, **options):
        counted = Proposal.objects.annotate(
            real_supports=_count(Support, "proposal"),
            real_comments=_count(
                Comment, "proposal", status=Status.PUBLISHED, deleted_at__isnull=True
            ),
        )
        drifted = counted.filter(
            ~Q(support_count=F("real_supports")) | ~Q(comment_count=F("real_comments"))
        )
        rows = list(
            drifted.values_list(
                "pk", "support_count", "real_supports", "comment_count", "real_comments"
            )
        )
        for pk, supports, real_supports, comments, real_comments in rows:
            self.stdout.write(
                f"Proposition {pk} : {supports} soutiens enregistrés pour "
                f"{real_supports}, {comments} commentaires pour {real_comments}."
            )
        if repair and rows:
            Proposal.objects.filter(pk__in=[row[0] for row in rows]).refresh_counts()
        verb = "corrigé(s)" if repair else "à corriger (--repair)"
        self.stdout.write(f"{len(rows)} compteur(s) faux {verb}.")
