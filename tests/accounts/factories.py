import factory
from allauth.account.models import EmailAddress

from accounts.models import User
from participation.models import ParticipantProfile

PASSWORD = "un-mot-de-passe-solide-2026"


class UserFactory(factory.django.DjangoModelFactory):
    email = factory.Sequence(lambda n: f"habitant{n}@exemple.fr")
    display_name = factory.Sequence(lambda n: f"Habitant·e {n}")
    password = factory.django.Password(PASSWORD)

    class Meta:
        model = User
        skip_postgeneration_save = True

    @factory.post_generation
    def commune(self, create, extracted, **kwargs):
        """The resident's commune lives in their participation profile."""
        if create and extracted is not None:
            ParticipantProfile.objects.create(user=self, commune=extracted)


class EmailAddressFactory(factory.django.DjangoModelFactory):
    user = factory.SubFactory(UserFactory)
    email = factory.SelfAttribute("user.email")
    primary = True
    verified = True

    class Meta:
        model = EmailAddress


def verified_user(**kwargs):
    user = UserFactory(**kwargs)
    EmailAddressFactory(user=user)
    return user


def unverified_user(**kwargs):
    user = UserFactory(**kwargs)
    EmailAddressFactory(user=user, verified=False)
    return user
