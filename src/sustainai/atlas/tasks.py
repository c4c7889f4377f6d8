"""Background work of the Atlas."""

from django_tasks import task

from sustainai.atlas import selectors


@task()
def warm_directory_figures() -> None:
    """Compute the figures of the Atlas as it opens into the shared cache (see ``warming``)."""
    selectors.warm_directory()
