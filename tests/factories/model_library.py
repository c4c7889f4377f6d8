import factory

from sustainai.toolkits.models.apps import WORKSTREAM_SLUG
from sustainai.toolkits.models.models import Entry, Method, Status
from tests.factories.workstreams import WorkstreamFactory


class EntryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Entry

    workstream = factory.LazyFunction(
        lambda: (
            WorkstreamFactory._meta.model.objects.filter(slug=WORKSTREAM_SLUG).first()
            or WorkstreamFactory(slug=WORKSTREAM_SLUG)
        )
    )
    slug = factory.Sequence(lambda n: f"model-{n}")
    name = factory.Sequence(lambda n: f"Model {n}")
    method = Method.BASE
    licence = "Apache-2.0"
    task = "image-classification"
    dataset = "digits"
    metric = "accuracy"
    status = Status.PUBLISHED
