import datetime

import factory
from allauth.account.models import EmailAddress
from django.contrib.auth.models import Group
from django.utils import timezone

from cms.roles import COMMUNICATION, MODERATION
from participation.models import (
    Answer,
    Comment,
    ConsultationCategory,
    ConsultationIndexPage,
    ConsultationPage,
    CouncilPage,
    ParticipantProfile,
    Proposal,
    Support,
)

PASSWORD = "un-mot-de-passe-solide"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "accounts.User"
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"habitant{n}@example.test")
    display_name = factory.Sequence(lambda n: f"Habitant {n}")
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def commune(self, create, extracted, **kwargs):
        """The resident's commune lives in their participation profile."""
        if create and extracted is not None:
            ParticipantProfile.objects.create(user=self, commune=extracted)

    @factory.post_generation
    def verified(self, create, extracted, **kwargs):
        if create and extracted is not False:
            EmailAddress.objects.create(
                user=self, email=self.email, verified=True, primary=True
            )
        self.save()


def unverified_user(**kwargs):
    user = UserFactory(verified=False, **kwargs)
    EmailAddress.objects.create(
        user=user, email=user.email, verified=False, primary=True
    )
    return user


def staff_user(group_name, **kwargs):
    user = UserFactory(is_staff=True, **kwargs)
    user.groups.add(Group.objects.get(name=group_name))
    return user


def moderator(**kwargs):
    return staff_user(MODERATION, **kwargs)


def communication_staff(**kwargs):
    return staff_user(COMMUNICATION, **kwargs)


DAY = datetime.timedelta(days=1)


def dates_for(state, now=None):
    now = now or timezone.now()
    return {
        "upcoming": {"opens_at": now + DAY, "closes_at": now + 10 * DAY},
        "open": {"opens_at": now - DAY, "closes_at": now + 10 * DAY},
        "closed": {"opens_at": now - 10 * DAY, "closes_at": now - DAY},
        "results": {
            "opens_at": now - 10 * DAY,
            "closes_at": now - 2 * DAY,
            "results_published_at": now - DAY,
        },
    }[state]


def index_page(home):
    index = ConsultationIndexPage.objects.first()
    if index is None:
        index = home.add_child(
            instance=ConsultationIndexPage(title="Consultations", slug="consultations")
        )
    return index


_slugs = iter(range(1, 1_000_000))


def consultation(home, state="open", categories=(), **fields):
    index = index_page(home)
    number = next(_slugs)
    page = ConsultationPage(
        title=fields.pop("title", f"Consultation {number}"),
        slug=fields.pop("slug", f"consultation-{number}"),
        summary="Une consultation pour tester.",
        **{**dates_for(state), **fields},
    )
    index.add_child(instance=page)
    for position, name in enumerate(categories):
        ConsultationCategory.objects.create(page=page, name=name, sort_order=position)
    return page


class ProposalFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Proposal

    author = factory.SubFactory(UserFactory)
    title = factory.Sequence(lambda n: f"Proposition {n}")
    body = "Un texte de proposition."


class CommentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Comment

    author = factory.SubFactory(UserFactory)
    body = factory.Sequence(lambda n: f"Commentaire {n}")


def hidden_by(moderator, contribution, code="off_topic", reason="Sans rapport."):
    """Hidden the way the admin's decision form does it (logged, author e-mailed)."""
    contribution.moderate(moderator, "hide", reason, code)
    contribution.refresh_from_db()
    return contribution


def participation_site(home, people=None, communes=()):
    """An open consultation with proposals, supports, comments and an answer, a closed
    one, and the council page: what the participation pages show."""
    people = people or [UserFactory() for _ in range(3)]
    open_ = consultation(
        home,
        "open",
        categories=["Transport à la demande", "Vélo et marche"],
        title="Mobilités rurales",
        slug="mobilites-rurales",
    )
    closed = consultation(home, "closed", title="Commerces de centre-bourg")
    commune = communes[0] if communes else None
    for number, page in enumerate((open_, open_, closed)):
        author = people[number % len(people)]
        proposal = ProposalFactory(
            consultation=page,
            author=author,
            title=f"Un minibus pour les hameaux {number}",
            category=page.categories.first(),
            commune=commune,
        )
        for person in people:
            if person != author:
                Support.objects.create(proposal=proposal, user=person)
        CommentFactory(
            consultation=page,
            proposal=proposal,
            author=people[(number + 1) % len(people)],
        )
    Answer.objects.create(
        proposal=closed.proposals.get(),
        status="accepted",
        explanation="Le PETR étudie un service de transport à la demande.",
    )
    index_page(home).add_child(
        instance=CouncilPage(
            title="Le Conseil Participatif Citoyen",
            slug="conseil-participatif-citoyen",
        )
    )
    return open_
