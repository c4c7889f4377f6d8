"""Background work: the batch run that refills the review queue."""

from django_tasks import task

from sustainai.linkage import services


@task()
def refresh_candidates(engine_name: str = "duckdb") -> int:
    """Recompute every candidate pair (decided pairs excepted); returns how many there are."""
    return services.refresh_candidates(engine_name=engine_name)
