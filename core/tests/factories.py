"""factory_boy factories shared by the apps' tests."""

from __future__ import annotations

import factory

from accounts.models import User
from organisations import services
from organisations.models import Activity, MembershipStatus, NetworkDocument, Organisation
from places.models import PostalCode


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@example.org")
    full_name = factory.Faker("name", locale="nl_BE")
    password = factory.PostGenerationMethodCall("set_password", "correct horse battery")

    @factory.post_generation
    def _save(obj, create, extracted, **kwargs):
        if create:
            obj.save()


class OrganisationFactory(factory.django.DjangoModelFactory):
    """A member group placed at a real Belgian postcode (``postcode=...``)."""

    class Meta:
        model = Organisation
        exclude = ["postcode"]
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Groep {n}")
    slug = factory.LazyAttribute(lambda o: services.unique_slug(o.name))
    legal_form = "fv"
    postcode = "2800"
    postal_code = factory.LazyAttribute(lambda o: PostalCode.objects.filter(code=o.postcode).first())
    municipality = factory.LazyAttribute(lambda o: o.postal_code.municipality)
    latitude = factory.LazyAttribute(lambda o: o.postal_code.latitude)
    longitude = factory.LazyAttribute(lambda o: o.postal_code.longitude)
    status = MembershipStatus.MEMBER
    description = "A local group."

    @factory.post_generation
    def activities(obj, create, extracted, **kwargs):
        if create:
            codes = extracted if extracted is not None else ["dutch-conversation"]
            obj.activities.set(Activity.objects.filter(code__in=codes))


PDF_BYTES = b"%PDF-1.4\n%test\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"


def make_document(kind: str = "statutes", title: str = "Statuten") -> NetworkDocument:
    from django.core.files.base import ContentFile

    document = NetworkDocument(kind=kind, title=title)
    document.file.save(f"{kind}.pdf", ContentFile(PDF_BYTES), save=True)
    return document
