"""Bench data for participation: 2 000 proposals, 100 000 comments (about 71 000 of them on
the first proposal), supports, in the demo's open consultation. Everything goes through
bulk_create in batches, so seeding takes seconds.
"""

from django.db import connection, transaction

from demo import participation as participation_demo
from participation.models import Comment, ConsultationPage, Proposal, Support

PROPOSALS = 2000
COMMENTS = 100_000
HEAVY_PROPOSAL_COMMENTS = 5000
BATCH = 5000
PREFIX = "[banc d’essai] "


def consultation():
    return ConsultationPage.objects.live().get(slug="mobilites-rurales")


def heavy_proposal():
    return Proposal.objects.filter(title__startswith=PREFIX).order_by("pk").first()


def seed():
    page = consultation()
    if Comment.objects.filter(proposal__title__startswith=PREFIX).exists():
        return
    people = participation_demo.residents()
    categories = list(page.categories.all())
    with transaction.atomic():
        proposals = Proposal.objects.bulk_create(
            (
                Proposal(
                    consultation=page,
                    author=people[n % len(people)],
                    title=f"{PREFIX}proposition {n:04d}",
                    body="Une proposition générée pour mesurer les performances.",
                    category=categories[n % len(categories)] if categories else None,
                )
                for n in range(PROPOSALS)
            ),
            batch_size=BATCH,
        )
        Support.objects.bulk_create(
            (
                Support(proposal=proposal, user=person)
                for n, proposal in enumerate(proposals)
                for person in people[: n % len(people) + 1]
            ),
            batch_size=BATCH,
        )
        targets = [proposals[0]] * HEAVY_PROPOSAL_COMMENTS + proposals[1:]
        remaining = COMMENTS
        offset = 0
        while remaining:
            size = min(BATCH, remaining)
            Comment.objects.bulk_create(
                Comment(
                    consultation=page,
                    proposal=targets[(offset + i) % len(targets)],
                    author=people[(offset + i) % len(people)],
                    body=f"Commentaire de banc d’essai n° {offset + i}.",
                )
                for i in range(size)
            )
            offset += size
            remaining -= size
        # bulk_create sends no signal: count once what the signals keep up to date.
        Proposal.objects.filter(consultation=page).refresh_counts()
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(
                "ANALYZE participation_proposal, participation_comment, "
                "participation_support"
            )


def pages():
    page = consultation()
    proposal = heavy_proposal()
    comments = f"{Comment.objects.filter(proposal=proposal).count():,}".replace(
        ",", " "
    )
    return [
        ("consultation page", page.url),
        ("consultation page, most supported", f"{page.url}?sort=supports"),
        (f"proposal page ({comments} comments)", proposal.get_absolute_url()),
        (
            "proposal page, signed in",
            proposal.get_absolute_url(),
            next(iter(participation_demo.RESIDENTS)),
        ),
    ]
